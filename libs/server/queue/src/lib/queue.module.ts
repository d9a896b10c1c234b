import { Global, Module } from '@nestjs/common';
import { JobProducer } from './job-producer.service';
import { RealtimePublisher } from './realtime-publisher.service';

/** Everything that writes to Redis: jobs and live events. */
@Global()
@Module({ providers: [JobProducer, RealtimePublisher], exports: [JobProducer, RealtimePublisher] })
export class QueueModule {}
