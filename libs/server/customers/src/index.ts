export * from './lib/customers.service';
export * from './lib/customers.module';
