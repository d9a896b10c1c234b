export * from './lib/reports.module';
export * from './lib/reports.service';
