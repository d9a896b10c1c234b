import type { Logger } from '@nestjs/common';

/**
 * A background sweep on a timer (re-queueing stranded events, waking snoozed conversations). A
 * tick that comes while a sweep is still running, or a direct `run()` (tests, admin), shares that
 * sweep instead of starting a second; a failed sweep is logged and counts 0, and the next tick
 * tries again.
 */
export class PeriodicSweep {
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    private readonly what: string,
    private readonly logger: Logger,
  ) {}

  /** Runs `sweep` unless one is under way, and resolves to how many rows it handled. */
  run(sweep: () => Promise<number>): Promise<number> {
    this.running ??= sweep()
      .catch((err: Error) => {
        this.logger.warn(`${this.what} failed: ${err.message}`);
        return 0;
      })
      .finally(() => (this.running = undefined));
    return this.running;
  }

  every(intervalMs: number, sweep: () => Promise<number>): void {
    this.timer = setInterval(() => void this.run(sweep), intervalMs);
  }

  /** Stops the timer and waits for a sweep under way. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}

/**
 * A Postgres interval: a `queued` event or a `pending` reply this old had time to be queued again
 * by a sweep, so admins see it in the lists of stuck work (and can retry it).
 */
export const STUCK_AFTER = '2 minutes';
