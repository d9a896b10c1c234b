export * from './conversation.factory';
export * from './fake-realtime';
export * from './pending-calls';
