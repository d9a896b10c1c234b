export * from './lib/call';
export * from './lib/party';
export * from './lib/twilio/signature';
export * from './lib/twilio/callback';
export * from './lib/call-log';
export * from './lib/zammad-cti';
export * from './lib/asterisk-cdr';
