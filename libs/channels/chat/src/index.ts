export * from './lib/protocol';
export * from './lib/identity-hmac';
export * from './lib/visitor-token';
export * from './lib/origin';
export * from './lib/chat-message';
export * from './lib/widget-config';
