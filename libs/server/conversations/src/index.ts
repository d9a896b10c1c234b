export * from './lib/conversations.service';
export * from './lib/conversations.module';
