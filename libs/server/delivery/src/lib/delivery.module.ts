import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { ConnectorsModule } from '@throughline/server/connectors';
import { QueueName } from '@throughline/server/queue';
import { TimelineModule } from '@throughline/server/timeline';
import { DeliverProcessor } from './deliver.processor';
import { DeliverySweeper } from './delivery-sweeper.service';
import { DeliveryService } from './delivery.service';
import { EmailSender } from './senders/email.sender';
import { GenericSender } from './senders/generic.sender';

@Module({
  imports: [ConnectorsModule, TimelineModule, BullModule.registerQueue({ name: QueueName.Deliver })],
  providers: [DeliveryService, DeliverProcessor, DeliverySweeper, GenericSender, EmailSender],
})
export class DeliveryWorkerModule {}
