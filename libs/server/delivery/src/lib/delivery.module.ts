import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { ChatCoreModule } from '@throughline/server/chat';
import { ConnectorsModule } from '@throughline/server/connectors';
import { QueueName } from '@throughline/server/queue';
import { SurveysModule } from '@throughline/server/surveys';
import { TimelineModule } from '@throughline/server/timeline';
import { DeliverProcessor } from './deliver.processor';
import { DeliverySweeper } from './delivery-sweeper.service';
import { DeliveryService } from './delivery.service';
import { ChatSender } from './senders/chat.sender';
import { EmailSender } from './senders/email.sender';
import { GenericSender } from './senders/generic.sender';
import { MastodonSender } from './senders/mastodon.sender';
import { MetaSender } from './senders/meta.sender';
import { SocialThreads } from './senders/social-threads';
import { XSender } from './senders/x.sender';

@Module({
  imports: [ConnectorsModule, TimelineModule, ChatCoreModule, SurveysModule, BullModule.registerQueue({ name: QueueName.Deliver })],
  providers: [DeliveryService, DeliverProcessor, DeliverySweeper, GenericSender, EmailSender, ChatSender, SocialThreads, XSender, MastodonSender, MetaSender],
})
export class DeliveryWorkerModule {}
