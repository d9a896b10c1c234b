export * from './lib/server-seed';
