export * from './lib/inbound/index';
export * from './lib/outbound/index';
export * from './lib/mailbox/index';
export * from './lib/raw-message-id';
