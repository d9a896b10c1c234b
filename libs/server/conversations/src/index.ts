export * from './lib/conversations.service';
export * from './lib/conversations.module';
export * from './lib/snooze-waker.service';
export * from './lib/conversation-writer.service';
