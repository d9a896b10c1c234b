import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { nextPushDelay, OVERVIEW_PUSH_INTERVAL_MS, rooms } from '@throughline/domain';
import { APP_CONFIG, type AppConfig } from '@throughline/server/config';
import { changesChannel, createFailFastRedis, RealtimePublisher, RedisLocks } from '@throughline/server/queue';
import { SupervisorOverviewService } from './supervisor-overview.service';

/** Longest a computation may take before another process may start one. */
const COMPUTE_BUDGET_MS = 5000;

/**
 * Pushes `supervisor.overview` to the `supervisors` room while anything changes, at most once per
 * OVERVIEW_PUSH_INTERVAL_MS for the whole deployment. Every API process hears the "something
 * changed" signal RealtimePublisher sends after commits and schedules a tick; at each tick, only
 * the process that takes the lease computes and publishes, and keeps the lease one interval past its push, so the cost is one
 * computation per second whatever the number of processes and supervisors watching. A process
 * that lost the race tries again next interval, so the last change is always pushed.
 */
@Injectable()
export class SupervisorPush implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(SupervisorPush.name);
  private readonly subscriber: Redis;
  private timer: NodeJS.Timeout | null = null;
  private lastTickAt: number | null = null;
  /** A change arrived that no push of ours (or another process's since) has covered yet. */
  private dirty = false;
  /** Set at shutdown: no tick starts after it, and the one under way is waited for. */
  private stopped = false;
  private running: Promise<void> | null = null;

  constructor(
    private readonly overview: SupervisorOverviewService,
    private readonly publisher: RealtimePublisher,
    private readonly locks: RedisLocks,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.subscriber = createFailFastRedis(config.redisUrl);
    this.subscriber.on('error', (err) => this.logger.debug(`redis: ${err.message}`));
  }

  onModuleInit(): void {
    this.subscriber.on('message', () => this.changed());
    // The fail-fast connection queues nothing while connecting; ioredis subscribes again by itself after a reconnect.
    const subscribe = () =>
      void this.subscriber.subscribe(changesChannel(this.config.redisPrefix)).catch((err: Error) => this.logger.warn(`wallboard not live: ${err.message}`));
    if (this.subscriber.status === 'ready') subscribe();
    else this.subscriber.once('ready', subscribe);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer ?? undefined);
    this.timer = null;
    this.subscriber.disconnect();
    await this.running;
  }

  private changed(): void {
    this.dirty = true;
    this.schedule();
  }

  private schedule(): void {
    if (this.timer || this.stopped) return;
    this.timer = setTimeout(
      () => {
        this.running = this.tick().finally(() => (this.running = null));
      },
      nextPushDelay(this.lastTickAt, Date.now()),
    );
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    this.lastTickAt = Date.now();
    try {
      const lease = await this.locks.acquire('supervisor-overview', COMPUTE_BUDGET_MS);
      if (lease) {
        this.dirty = false;
        const overview = await this.overview.overview();
        // Kept one interval from the push (never released): what spaces pushes apart across processes.
        if (await lease.extend(OVERVIEW_PUSH_INTERVAL_MS)) this.publisher.publish('supervisor.overview', overview, [rooms.supervisors]);
        else this.dirty = true;
      }
    } catch (err) {
      this.logger.warn(`wallboard not pushed: ${(err as Error).message}`);
    } finally {
      this.timer = null;
      if (this.dirty) this.schedule();
    }
  }
}
