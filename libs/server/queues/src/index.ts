export * from './lib/queues.repository';
export * from './lib/teams.repository';
export * from './lib/queues.module';
