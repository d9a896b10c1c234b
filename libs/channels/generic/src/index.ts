export * from './lib/generic';
