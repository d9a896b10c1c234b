export * from './lib/server-conversations';
