export * from './lib/supervisor.module';
export * from './lib/supervisor-overview.service';
