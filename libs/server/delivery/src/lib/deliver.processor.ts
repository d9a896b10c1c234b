import { Logger } from '@nestjs/common';
import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { type Job, UnrecoverableError } from 'bullmq';
import { CHAT_OFFLINE_EMAIL_JOB, type DeliverJobData, QueueName } from '@throughline/server/queue';
import { DeliveryError, DeliveryService } from './delivery.service';

@Processor(QueueName.Deliver)
export class DeliverProcessor extends WorkerHost {
  private readonly logger = new Logger(DeliverProcessor.name);

  constructor(private readonly delivery: DeliveryService) {
    super();
  }

  async process(job: Job<DeliverJobData>): Promise<string> {
    try {
      if (job.name === CHAT_OFFLINE_EMAIL_JOB) return await this.delivery.emailUnseenChatReply(job.data.messageId);
      return await this.delivery.deliver(job.data.messageId);
    } catch (err) {
      // Permanent failures skip the remaining retries.
      if (err instanceof DeliveryError && !err.retryable) throw new UnrecoverableError(err.message);
      throw err;
    }
  }

  @OnWorkerEvent('failed')
  async onFailed(job: Job<DeliverJobData> | undefined, error: Error): Promise<void> {
    if (!job) return;
    // The reply itself went out; a failed email re-check is kept with the failed jobs, not marked on it.
    if (job.name === CHAT_OFFLINE_EMAIL_JOB) {
      this.logger.warn(`offline email of chat reply ${job.data.messageId} failed (attempt ${job.attemptsMade}): ${error.message}`);
      return;
    }
    const final = error instanceof UnrecoverableError || error.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1);
    if (final) await this.delivery.markFailed(job.data.messageId, error.message);
    else this.logger.warn(`delivery of ${job.data.messageId} failed (attempt ${job.attemptsMade}), will retry: ${error.message}`);
  }
}
