import { Module } from '@nestjs/common';
import { AuthModule } from '@throughline/server/auth';
import { QueuesModule } from '@throughline/server/queues';
import { TimelineModule } from '@throughline/server/timeline';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

/**
 * In the API: `/api/reports`. Survey answers come from `SURVEY_ANSWERS_READER` (libs/domain
 * survey-answers.ts), which the surveys capability provides globally (`SurveyAnswersModule`).
 */
@Module({ imports: [TimelineModule, QueuesModule, AuthModule], controllers: [ReportsController], providers: [ReportsService] })
export class ReportsApiModule {}
