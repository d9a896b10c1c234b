import { Inject, Logger, type OnModuleInit } from '@nestjs/common';
import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '@throughline/server/config';
import { type IngestJobData, QueueName } from '@throughline/server/queue';
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
  }

  process(job: Job<IngestJobData>): Promise<IngestOutcome> {
    return this.ingest.process(job.data.rawEventId);
  }

  @OnWorkerEvent('failed')
  async onFailed(job: Job<IngestJobData> | undefined, error: Error): Promise<void> {
    if (!job) return;
    const attempts = job.opts.attempts ?? 1;
    if (job.attemptsMade >= attempts) {
      await this.ingest.markFailed(job.data.rawEventId, error.message, job.attemptsMade);
    } else {
      this.logger.warn(`ingest of ${job.data.rawEventId} failed (attempt ${job.attemptsMade}/${attempts}), will retry: ${error.message}`);
    }
  }
}
