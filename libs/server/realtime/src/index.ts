export * from './lib/redis-io.adapter';
export * from './lib/realtime.module';
