export * from './conversation.factory';
