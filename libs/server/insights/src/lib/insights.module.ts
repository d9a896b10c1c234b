import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { QueueName } from '@throughline/server/queue';
import { AssociationsService } from './associations.service';
import { CatalogController } from './catalog.controller';
import { CatalogService } from './catalog.service';
import { EmpathyPhrasesController } from './empathy-phrases.controller';
import { EmpathyPhrasesService } from './empathy-phrases.service';
import { EnrichProcessor } from './enrich.processor';
import { FeedbackService } from './feedback.service';
import { InsightsController } from './insights.controller';
import { InsightsService } from './insights.service';

/** API side: insights on request, catalog and order import, phrase library, feedback and report */
@Module({
  controllers: [InsightsController, CatalogController, EmpathyPhrasesController],
  providers: [InsightsService, CatalogService, EmpathyPhrasesService, FeedbackService, AssociationsService],
  exports: [CatalogService, EmpathyPhrasesService, AssociationsService],
})
export class InsightsApiModule {}

/** Worker side: the enrich job and the association mining. */
@Module({
  imports: [BullModule.registerQueue({ name: QueueName.Enrich })],
  providers: [EnrichProcessor, InsightsService, AssociationsService, EmpathyPhrasesService],
  exports: [InsightsService],
})
export class InsightsWorkerModule {}
