import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { ConnectorsModule } from '@throughline/server/connectors';
import { QueueName } from '@throughline/server/queue';
import { TimelineModule } from '@throughline/server/timeline';
import { HooksController } from './hooks.controller';
import { IngestSweeper } from './ingest-sweeper.service';
import { IngestProcessor } from './ingest.processor';
import { IngestService } from './ingest.service';
import { MailboxPoller } from './mailbox-poller.service';
import { PollProcessor } from './poll.processor';
import { RawEventsService } from './raw-events.service';
import { SmtpInboundListener } from './smtp-inbound.service';

/** API side: webhooks in, raw events stored and queued. */
@Module({
  imports: [ConnectorsModule],
  controllers: [HooksController],
  providers: [RawEventsService, SmtpInboundListener],
  exports: [RawEventsService, SmtpInboundListener],
})
export class IngestApiModule {}

/** Worker side: the ingest processor, the sweeper, and the pollers of connectors we read from. */
@Module({
  imports: [ConnectorsModule, TimelineModule, BullModule.registerQueue({ name: QueueName.Ingest }, { name: QueueName.Poll })],
  providers: [IngestService, IngestProcessor, IngestSweeper, RawEventsService, MailboxPoller, PollProcessor],
  exports: [IngestService, IngestSweeper],
})
export class IngestWorkerModule {}
