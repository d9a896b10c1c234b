/** How often a job runs before it counts as failed, and how long it waits between runs. */
export interface RetrySchedule {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/** The BullMQ backoff type of ingest and delivery jobs; the workers that run them register `retryDelayMs` for it. */
export const CAPPED_EXPONENTIAL = 'capped-exponential';

/**
 * Wait before the next run after `attemptsMade` failed runs (1, 2, …): doubling from the base, never
 * more than the cap, so a long outage is retried at a steady pace instead of ever more rarely.
 */
export function retryDelayMs(attemptsMade: number, schedule: RetrySchedule): number {
  const exponent = Math.max(0, attemptsMade - 1);
  // 2^31 already exceeds any sane cap; stopping there keeps the arithmetic finite.
  return Math.min(schedule.maxDelayMs, schedule.baseDelayMs * 2 ** Math.min(exponent, 31));
}

/** How long a job keeps being retried before its last run: the outage it survives. */
export function retryWindowMs(schedule: RetrySchedule): number {
  let total = 0;
  for (let attempt = 1; attempt < schedule.attempts; attempt++) total += retryDelayMs(attempt, schedule);
  return total;
}
