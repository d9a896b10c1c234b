export * from './lib/server-realtime';
