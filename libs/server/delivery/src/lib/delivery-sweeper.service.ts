import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@throughline/server/config';
import { JobProducer, PeriodicSweep, QueueName } from '@throughline/server/queue';

/**
 * Replies stored while Redis was down, whose job Redis lost, or whose job ended without settling
 * them (it failed while the database was down) are queued again. A reply left `sending` is queued
 * too: the deliver job then marks it `unknown` for an agent to check, never posts it twice.
 */
@Injectable()
export class DeliverySweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DeliverySweeper.name);
  private readonly loop = new PeriodicSweep('delivery sweep', this.logger);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jobs: JobProducer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.loop.every(this.config.sweepIntervalMs, () => this.sweep());
  }

  onApplicationShutdown(): Promise<void> {
    return this.loop.stop();
  }

  /** Returns how many replies were queued; overlapping calls share one sweep. */
  sweepOnce(): Promise<number> {
    return this.loop.run(() => this.sweep());
  }

  private async sweep(): Promise<number> {
    const stranded = (await this.db.query(
      `SELECT id FROM messages WHERE delivery_status IN ('pending', 'sending') AND created_at < now() - interval '10 seconds' ORDER BY created_at LIMIT 200`,
    )) as Array<{ id: string }>;
    let queued = 0;
    for (const { id } of stranded) {
      const outcome = await this.jobs.requeue(QueueName.Deliver, 'deliver', { messageId: id }, id);
      if (outcome === 'unreachable') break; // Redis still down: try next round
      if (outcome === 'requeued') queued++;
    }
    if (queued) this.logger.log(`queued ${queued} stranded repl(ies)`);
    return queued;
  }
}
