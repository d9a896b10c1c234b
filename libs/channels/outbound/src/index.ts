export * from './lib/outbound-address';
export * from './lib/guarded-request';
