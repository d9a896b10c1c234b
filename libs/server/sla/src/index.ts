export * from './lib/sla.module';
export * from './lib/sla-sweeper.service';
