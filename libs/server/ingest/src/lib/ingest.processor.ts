import { Inject, Logger, type OnModuleInit } from '@nestjs/common';
import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '@throughline/server/config';
import { type IngestJobData, isFinalFailure, jobFailure, neverThrow, QueueName, useRetrySchedule } from '@throughline/server/queue';
import { IngestService, type IngestOutcome } from './ingest.service';

@Processor(QueueName.Ingest)
export class IngestProcessor extends WorkerHost implements OnModuleInit {
  private readonly logger = new Logger(IngestProcessor.name);

  constructor(
    private readonly ingest: IngestService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  onModuleInit(): void {
    this.worker.concurrency = this.config.ingestConcurrency;
    useRetrySchedule(this.worker, this.config.jobRetry);
  }

  async process(job: Job<IngestJobData>): Promise<IngestOutcome> {
    try {
      return await this.ingest.process(job.data.rawEventId);
    } catch (err) {
      throw jobFailure(err, job.attemptsMade);
    }
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job<IngestJobData> | undefined, error: Error): Promise<void> {
    return neverThrow(this.logger, `recording the failure of ingest job ${job?.id}`, async () => {
      if (!job) return;
      if (isFinalFailure(job, error)) {
        await this.ingest.markFailed(job.data.rawEventId, error.message, job.attemptsMade);
      } else {
        this.logger.warn(`ingest of ${job.data.rawEventId} failed (attempt ${job.attemptsMade}/${job.opts.attempts ?? 1}), will retry: ${error.message}`);
      }
    });
  }

  /** Redis errors while the worker reconnects: logged, never thrown (BullMQ retries on its own). */
  @OnWorkerEvent('error')
  onError(error: Error): void {
    this.logger.warn(`ingest worker: ${error.message}`);
  }
}
