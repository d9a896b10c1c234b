export * from './lib/routing.module';
export * from './lib/routing.service';
