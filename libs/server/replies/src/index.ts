export * from './lib/replies.module';
