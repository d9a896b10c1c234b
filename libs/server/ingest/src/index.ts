export * from './lib/server-ingest';
