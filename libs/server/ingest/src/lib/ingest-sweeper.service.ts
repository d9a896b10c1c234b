import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@throughline/server/config';
import { JobProducer, PeriodicSweep, QueueName, STUCK_AFTER } from '@throughline/server/queue';

const requeueIngest = (jobs: JobProducer, rawEventId: string) => jobs.requeue(QueueName.Ingest, 'ingest', { rawEventId }, rawEventId);

/** Grace before a `pending` event counts as stranded: the API may still be queueing it. */
const PENDING_GRACE = '2 seconds';
const BATCH = 500;

/**
 * Nothing acknowledged is lost: every few seconds, events that never reached Redis (it was down
 * when they arrived) or whose job Redis lost are queued again. Job ids are raw event ids, so a
 * sweep racing the API or another worker's sweep adds nothing twice.
 */
@Injectable()
export class IngestSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(IngestSweeper.name);
  private readonly loop = new PeriodicSweep('sweep', this.logger);

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

  /** Returns how many events were queued; overlapping calls share one sweep. */
  sweepOnce(): Promise<number> {
    return this.loop.run(() => this.sweep());
  }

  private async sweep(): Promise<number> {
    const pending = (await this.db.query(
      `SELECT id FROM raw_events WHERE status = 'pending' AND received_at < now() - interval '${PENDING_GRACE}' ORDER BY received_at LIMIT ${BATCH}`,
    )) as Array<{ id: string }>;
    const stale = (await this.db.query(
      `SELECT id FROM raw_events WHERE status = 'queued' AND queued_at < now() - interval '${STUCK_AFTER}' ORDER BY queued_at LIMIT ${BATCH}`,
    )) as Array<{ id: string }>;
    let queued = 0;
    for (const { id } of pending) {
      const outcome = await requeueIngest(this.jobs, id);
      if (outcome === 'unreachable') return queued; // Redis still down: try next round
      await this.db.query(`UPDATE raw_events SET status = 'queued', queued_at = now() WHERE id = $1 AND status = 'pending'`, [id]);
      if (outcome === 'requeued') queued++;
    }
    // A `queued` event whose job Redis no longer has (e.g. Redis restarted empty), or whose job ended
    // without settling it (it failed while the database was down), is queued again.
    for (const { id } of stale) {
      // A job still waiting or retrying is left alone; a finished or missing one runs again (ingest is idempotent).
      if ((await requeueIngest(this.jobs, id)) === 'requeued') {
        await this.db.query(`UPDATE raw_events SET queued_at = now() WHERE id = $1 AND status = 'queued'`, [id]);
        queued++;
      }
    }
    if (queued) this.logger.log(`queued ${queued} stranded event(s)`);
    return queued;
  }
}
