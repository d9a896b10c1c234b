import { Logger } from '@nestjs/common';
import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { type Job, UnrecoverableError } from 'bullmq';
import { type DeliverJobData, QueueName } from '@throughline/server/queue';
import { DeliveryError, DeliveryService } from './delivery.service';

@Processor(QueueName.Deliver)
export class DeliverProcessor extends WorkerHost {
  private readonly logger = new Logger(DeliverProcessor.name);

  constructor(private readonly delivery: DeliveryService) {
    super();
  }

  async process(job: Job<DeliverJobData>): Promise<string> {
    try {
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
    const final = error instanceof UnrecoverableError || error.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1);
    if (final) await this.delivery.markFailed(job.data.messageId, error.message);
    else this.logger.warn(`delivery of ${job.data.messageId} failed (attempt ${job.attemptsMade}), will retry: ${error.message}`);
  }
}
