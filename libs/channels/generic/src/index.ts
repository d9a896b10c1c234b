export * from './lib/signature';
export * from './lib/generic-payload';
export * from './lib/outbound';
