import type { Logger } from '@nestjs/common';
import { type Job, UnrecoverableError, type Worker } from 'bullmq';
import { retryDelayMs, type RetrySchedule } from './retry-schedule';
import { isTransientError } from './transient-errors';

/**
 * Gives a worker the wait of the capped exponential schedule (jobs from `durableJobOptions` name
 * it as their backoff type). Set on the worker's options because the schedule comes from config.
 */
export function useRetrySchedule(worker: Worker, schedule: RetrySchedule): void {
  worker.opts.settings = { ...worker.opts.settings, backoffStrategy: (attemptsMade: number) => retryDelayMs(attemptsMade, schedule) };
}

/** True when this failure ends the job: a permanent error, or its last attempt. */
export function isFinalFailure(job: Job, error: Error): boolean {
  return error instanceof UnrecoverableError || error.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1);
}

/**
 * Runs a `failed`/`error` handler so that it can never reject: an unhandled rejection there would
 * crash the worker, and the database it writes to may be the very thing that is down. A final
 * failure that cannot be recorded is picked up by the sweeper later.
 */
export async function neverThrow(logger: Logger, what: string, handler: () => Promise<void>): Promise<void> {
  try {
    await handler();
  } catch (err) {
    logger.warn(`${what}: ${(err as Error).message}`);
  }
}

/** How many runs a job failing with an unexplained error (a bug, a row that cannot be handled) gets before it is failed for admins; only outages get the full schedule. */
export const UNEXPLAINED_ERROR_ATTEMPTS = 5;

/**
 * What a processor throws for a failed run: transient errors as they are (retried on the schedule);
 * anything else is retried a few times, then made unrecoverable so it fails at once, visible to admins.
 */
export function jobFailure(err: unknown, attemptsMade: number): Error {
  const error = err instanceof Error ? err : new Error(String(err));
  if (error instanceof UnrecoverableError || isTransientError(error)) return error;
  return attemptsMade + 1 >= UNEXPLAINED_ERROR_ATTEMPTS ? new UnrecoverableError(error.message) : error;
}
