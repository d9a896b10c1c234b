import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@throughline/server/config';
import { PeriodicSweep } from '@throughline/server/queue';
import { SurveyScheduler } from './survey-scheduler.service';
import { SurveySettingsRepository } from './survey-settings.repository';
import { SurveysRepository } from './surveys.repository';

/**
 * A resolution whose survey job never made it to Redis (down at the time, or the job lost) gets it
 * scheduled here: those due for a minute without a survey, within an hour of their due time. Adding
 * a job that exists (waiting, delayed or finished) is a no-op, so a job that decided "no survey"
 * is not run again.
 */
@Injectable()
export class SurveySweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SurveySweeper.name);
  private readonly loop = new PeriodicSweep('survey sweep', this.logger);

  constructor(
    private readonly surveys: SurveysRepository,
    private readonly settings: SurveySettingsRepository,
    private readonly scheduler: SurveyScheduler,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.loop.every(this.config.sweepIntervalMs, () => this.sweep());
  }

  onApplicationShutdown(): Promise<void> {
    return this.loop.stop();
  }

  private async sweep(): Promise<number> {
    const { csat } = await this.settings.get();
    let scheduled = 0;
    for (const conversation of await this.surveys.resolvedWithoutSurvey(csat.delaySeconds)) {
      if (!(await this.scheduler.conversationResolved(conversation))) break; // Redis still down: next round
      scheduled++;
    }
    return scheduled;
  }
}
