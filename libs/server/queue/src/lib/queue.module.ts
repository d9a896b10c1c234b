import { Global, Module } from '@nestjs/common';
import { JobProducer } from './job-producer.service';
import { RealtimePublisher } from './realtime-publisher.service';
import { RedisLocks } from './redis-locks.service';

/** Everything that writes to Redis: jobs and live events. */
@Global()
@Module({ providers: [JobProducer, RealtimePublisher, RedisLocks], exports: [JobProducer, RealtimePublisher, RedisLocks] })
export class QueueModule {}
