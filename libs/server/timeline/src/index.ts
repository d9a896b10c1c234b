export * from './lib/server-timeline';
