export * from './lib/connector-providers';
export * from './lib/connector.dto';
export * from './lib/connectors.service';
export * from './lib/connectors.module';
export * from './lib/email-settings';
export * from './lib/phone-settings';
export * from './lib/social-settings';
