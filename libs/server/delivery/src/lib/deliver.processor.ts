import { Inject, Logger, type OnModuleInit } from '@nestjs/common';
import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { type Job, UnrecoverableError } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '@throughline/server/config';
import { CHAT_OFFLINE_EMAIL_JOB, type DeliverJobData, isFinalFailure, jobFailure, neverThrow, QueueName, useRetrySchedule } from '@throughline/server/queue';
import { DeliveryError, DeliveryService } from './delivery.service';

@Processor(QueueName.Deliver)
export class DeliverProcessor extends WorkerHost implements OnModuleInit {
  private readonly logger = new Logger(DeliverProcessor.name);

  constructor(
    private readonly delivery: DeliveryService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  onModuleInit(): void {
    useRetrySchedule(this.worker, this.config.jobRetry);
  }

  async process(job: Job<DeliverJobData>): Promise<string> {
    try {
      if (job.name === CHAT_OFFLINE_EMAIL_JOB) return await this.delivery.emailUnseenChatReply(job.data.messageId);
      return await this.delivery.deliver(job.data.messageId);
    } catch (err) {
      // Permanent failures skip the remaining retries.
      if (err instanceof DeliveryError && !err.retryable) throw new UnrecoverableError(err.message);
      throw jobFailure(err, job.attemptsMade);
    }
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job<DeliverJobData> | undefined, error: Error): Promise<void> {
    return neverThrow(this.logger, `recording the failure of deliver job ${job?.id}`, async () => {
      if (!job) return;
      // The reply itself went out; a failed email re-check is kept with the failed jobs, not marked on it.
      if (job.name === CHAT_OFFLINE_EMAIL_JOB) {
        this.logger.warn(`offline email of chat reply ${job.data.messageId} failed (attempt ${job.attemptsMade}): ${error.message}`);
        return;
      }
      if (isFinalFailure(job, error)) await this.delivery.markFailed(job.data.messageId, error.message);
      else this.logger.warn(`delivery of ${job.data.messageId} failed (attempt ${job.attemptsMade}), will retry: ${error.message}`);
    });
  }

  /** Redis errors while the worker reconnects: logged, never thrown (BullMQ retries on its own). */
  @OnWorkerEvent('error')
  onError(error: Error): void {
    this.logger.warn(`deliver worker: ${error.message}`);
  }
}
