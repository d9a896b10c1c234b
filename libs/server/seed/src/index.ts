export * from './lib/demo-workspace';
export * from './lib/demo-seed.service';
export * from './lib/seed.module';
