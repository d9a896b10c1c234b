export * from './lib/server-connectors';
