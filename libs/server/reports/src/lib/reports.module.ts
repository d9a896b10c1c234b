import { Module } from '@nestjs/common';
import { AuthModule } from '@throughline/server/auth';
import { QueuesModule } from '@throughline/server/queues';
import { TimelineModule } from '@throughline/server/timeline';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

/**
 * In the API: `/api/reports`. Survey answers come from whichever module provides
 * `SURVEY_ANSWERS_READER` (libs/domain survey-answers.ts) globally: the surveys capability.
 */
@Module({ imports: [TimelineModule, QueuesModule, AuthModule], controllers: [ReportsController], providers: [ReportsService] })
export class ReportsApiModule {}
