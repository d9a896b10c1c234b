export * from './lib/queues-admin.module';
