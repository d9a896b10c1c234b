export * from './lib/channel';
export * from './lib/identity';
export * from './lib/identity-resolution';
export * from './lib/normalized-message';
export * from './lib/threading';
export * from './lib/api';
export * from './lib/realtime';
export * from './lib/errors';
