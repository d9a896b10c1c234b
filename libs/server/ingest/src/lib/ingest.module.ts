import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { ConnectorsModule } from '@throughline/server/connectors';
import { QueueName } from '@throughline/server/queue';
import { TimelineModule } from '@throughline/server/timeline';
import { CallImportController } from './call-import.controller';
import { CallImportService } from './call-import.service';
import { HookIntake } from './hook-intake.service';
import { HooksController } from './hooks.controller';
import { IngestSweeper } from './ingest-sweeper.service';
import { IngestProcessor } from './ingest.processor';
import { IngestService } from './ingest.service';
import { MailboxPoller } from './mailbox-poller.service';
import { MastodonPoller } from './mastodon-poller.service';
import { PhoneHooksController } from './phone-hooks.controller';
import { PollProcessor } from './poll.processor';
import { RawEventsService } from './raw-events.service';
import { SmtpInboundListener } from './smtp-inbound.service';
import { SocialHooksController } from './social-hooks.controller';

/** API side: webhooks in, raw events stored and queued. */
@Module({
  imports: [ConnectorsModule],
  controllers: [HooksController, PhoneHooksController, SocialHooksController, CallImportController],
  providers: [RawEventsService, SmtpInboundListener, HookIntake, CallImportService],
  exports: [RawEventsService, SmtpInboundListener],
})
export class IngestApiModule {}

/** Worker side: the ingest processor, the sweeper, and the pollers of connectors we read from. */
@Module({
  imports: [ConnectorsModule, TimelineModule, BullModule.registerQueue({ name: QueueName.Ingest }, { name: QueueName.Poll })],
  providers: [IngestService, IngestProcessor, IngestSweeper, RawEventsService, MailboxPoller, MastodonPoller, PollProcessor],
  exports: [IngestService, IngestSweeper],
})
export class IngestWorkerModule {}
