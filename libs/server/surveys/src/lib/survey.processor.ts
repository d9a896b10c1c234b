import { Logger } from '@nestjs/common';
import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { DelayedError, type Job } from 'bullmq';
import { jobFailure, QueueName, type SurveyJobData } from '@throughline/server/queue';
import { SurveySender } from './survey-sender.service';

/** The `survey` queue: one delayed job per resolution (job id `surveyJobId`). */
@Processor(QueueName.Survey)
export class SurveyProcessor extends WorkerHost {
  private readonly logger = new Logger(SurveyProcessor.name);

  constructor(private readonly sender: SurveySender) {
    super();
  }

  async process(job: Job<SurveyJobData>, token?: string): Promise<string> {
    let outcome;
    try {
      outcome = await this.sender.send(job.data);
    } catch (err) {
      throw jobFailure(err, job.attemptsMade);
    }
    if ('waitUntil' in outcome) {
      // The delay was lengthened after this job was scheduled: the same job runs again then.
      await job.moveToDelayed(outcome.waitUntil.getTime(), token);
      throw new DelayedError();
    }
    return 'sent' in outcome ? `sent survey ${outcome.sent}` : `no survey: ${outcome.skipped}`;
  }

  @OnWorkerEvent('error')
  onError(error: Error): void {
    this.logger.warn(`survey worker: ${error.message}`);
  }
}
