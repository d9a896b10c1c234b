import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@throughline/server/config';
import { JobProducer, QueueName } from '@throughline/server/queue';

/** Replies stored while Redis was down (or whose job Redis lost) are queued again. */
@Injectable()
export class DeliverySweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DeliverySweeper.name);
  private timer?: NodeJS.Timeout;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jobs: JobProducer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweepOnce().catch((err: Error) => this.logger.warn(`sweep failed: ${err.message}`)), this.config.sweepIntervalMs);
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async sweepOnce(): Promise<number> {
    const pending = (await this.db.query(
      `SELECT id FROM messages WHERE delivery_status = 'pending' AND created_at < now() - interval '10 seconds' ORDER BY created_at LIMIT 200`,
    )) as Array<{ id: string }>;
    let queued = 0;
    for (const { id } of pending) {
      if (await this.jobs.hasJob(QueueName.Deliver, id).catch(() => true)) continue;
      if (await this.jobs.tryEnqueueDeliver({ messageId: id })) queued++;
    }
    return queued;
  }
}
