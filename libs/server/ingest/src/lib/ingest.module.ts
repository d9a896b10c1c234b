import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { ConnectorsModule } from '@throughline/server/connectors';
import { QueueName } from '@throughline/server/queue';
import { TimelineModule } from '@throughline/server/timeline';
import { HooksController } from './hooks.controller';
import { IngestSweeper } from './ingest-sweeper.service';
import { IngestProcessor } from './ingest.processor';
import { IngestService } from './ingest.service';
import { RawEventsService } from './raw-events.service';

/** API side: webhooks in, raw events stored and queued. */
@Module({ imports: [ConnectorsModule], controllers: [HooksController], providers: [RawEventsService], exports: [RawEventsService] })
export class IngestApiModule {}

/** Worker side: the ingest processor and the sweeper. */
@Module({
  imports: [ConnectorsModule, TimelineModule, BullModule.registerQueue({ name: QueueName.Ingest })],
  providers: [IngestService, IngestProcessor, IngestSweeper],
  exports: [IngestService, IngestSweeper],
})
export class IngestWorkerModule {}
