import { Global, Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { SURVEY_ANSWERS_READER } from '@throughline/domain';
import { AuditModule } from '@throughline/server/audit';
import { InsightsWorkerModule } from '@throughline/server/insights';
import { QueueName } from '@throughline/server/queue';
import { TimelineModule } from '@throughline/server/timeline';
import { SurveyAnswers } from './survey-answers.service';
import { SurveyLinks } from './survey-links.service';
import { SurveyProcessor } from './survey.processor';
import { SurveyScheduler } from './survey-scheduler.service';
import { SurveySender } from './survey-sender.service';
import { SurveySweeper } from './survey-sweeper.service';
import { SurveySettingsController } from './survey-settings.controller';
import { SurveySettingsRepository } from './survey-settings.repository';
import { SurveySettingsService } from './survey-settings.service';
import { SurveysRepository } from './surveys.repository';
import { PublicSurveyController } from './public-survey.controller';

const SHARED = [SurveysRepository, SurveySettingsRepository, SurveyScheduler, SurveyAnswers, SurveyLinks];

/**
 * What other capabilities use: scheduling after a resolution (conversations), answers from the
 * widget (chat), the link put in as a survey is sent (delivery), and the answers for reports.
 */
@Module({
  imports: [TimelineModule],
  providers: [...SHARED, { provide: SURVEY_ANSWERS_READER, useExisting: SurveysRepository }],
  exports: [...SHARED, SURVEY_ANSWERS_READER],
})
export class SurveysModule {}

/** The answers for reports (`SURVEY_ANSWERS_READER`), visible to every module of the API without importing surveys. */
@Global()
@Module({ imports: [SurveysModule], exports: [SurveysModule] })
export class SurveyAnswersModule {}

/** API: the survey page and its answers, and the admins' settings. */
@Module({
  imports: [SurveysModule, SurveyAnswersModule, AuditModule],
  controllers: [PublicSurveyController, SurveySettingsController],
  providers: [SurveySettingsService],
  exports: [SurveysModule],
})
export class SurveysApiModule {}

/** Worker: the delayed survey job, and the sweeper that schedules a lost one. */
@Module({
  imports: [SurveysModule, TimelineModule, InsightsWorkerModule, BullModule.registerQueue({ name: QueueName.Survey })],
  providers: [SurveySender, SurveyProcessor, SurveySweeper],
})
export class SurveysWorkerModule {}
