export * from './lib/queue-names';
export * from './lib/redis';
export * from './lib/job-producer.service';
export * from './lib/queue.module';
export * from './lib/realtime-publisher.service';
export * from './lib/redis-locks.service';
export * from './lib/periodic-sweep';
