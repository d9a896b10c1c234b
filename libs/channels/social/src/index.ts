export * from './lib/social-message';
export * from './lib/delivery';
export * from './lib/x/signature';
export * from './lib/x/activity';
export * from './lib/x/client';
