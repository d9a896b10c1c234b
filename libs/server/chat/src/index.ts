export * from './lib/chat-presence.service';
export * from './lib/visitor-publisher.service';
export * from './lib/chat-transcript';
export * from './lib/chat.module';
