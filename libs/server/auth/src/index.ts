export * from './lib/server-auth';
