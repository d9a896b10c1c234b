import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { ConversationWriterModule } from '@throughline/server/conversations';
import { PresenceModule } from '@throughline/server/presence';
import { QueueName } from '@throughline/server/queue';
import { QueuesModule } from '@throughline/server/queues';
import { RouteProcessor } from './route.processor';
import { RoutingPresenceTrigger } from './routing-triggers.service';
import { RoutingRepository } from './routing.repository';
import { RoutingService } from './routing.service';

/** Worker side: the `route` job that assigns waiting conversations. */
@Module({
  imports: [BullModule.registerQueue({ name: QueueName.Route }), QueuesModule, PresenceModule, ConversationWriterModule],
  providers: [RoutingRepository, RoutingService, RouteProcessor],
})
export class RoutingWorkerModule {}

/** API side: agents coming online trigger routing of the queues they serve. */
@Module({ imports: [QueuesModule, PresenceModule], providers: [RoutingPresenceTrigger] })
export class RoutingApiModule {}
