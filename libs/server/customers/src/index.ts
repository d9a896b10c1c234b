export * from './lib/server-customers';
