export * from './lib/metrics';
export * from './lib/health.module';
