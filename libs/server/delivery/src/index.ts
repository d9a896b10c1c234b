export * from './lib/server-delivery';
