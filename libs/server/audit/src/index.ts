export * from './lib/audit-log.repository';
export * from './lib/audit.module';
