export * from './conversation.factory';
export * from './fake-realtime';
