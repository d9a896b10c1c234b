export * from './lib/signature';
export * from './lib/generic-payload';
export * from './lib/outbound';
export * from './lib/outbound-address';
export * from './lib/guarded-request';
