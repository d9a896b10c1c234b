export * from './lib/delivery.module';
