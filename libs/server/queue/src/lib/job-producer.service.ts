import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '@throughline/server/config';
import {
  ASSOCIATIONS_JOB,
  ASSOCIATIONS_SCHEDULER_ID,
  CHAT_OFFLINE_EMAIL_JOB,
  DEFAULT_JOB_OPTIONS,
  durableJobOptions,
  type DeliverJobData,
  ENRICH_JOB,
  type EnrichJobData,
  type IngestJobData,
  type PollJobData,
  pollSchedulerId,
  queuePrefix,
  QueueName,
  type SurveyJobData,
  surveyJobId,
  HAND_BACK_JOB,
  type HandBackJobData,
  ROUTE_JOB,
  type RouteJobData,
  routeDeduplicationId,
} from './queue-names';
import { createFailFastRedis } from './redis';

const ENQUEUE_TIMEOUT_MS = 2000;

export type RequeueOutcome = 'live' | 'requeued' | 'unreachable';

/**
 * Adds jobs without ever blocking a caller on a Redis outage: `tryEnqueue*` resolves false
 * instead of throwing, because the source of truth (raw_events, messages) is already in Postgres.
 * Job ids are the row ids, so a second add of the same row is a no-op while the job exists.
 */
@Injectable()
export class JobProducer implements OnModuleDestroy {
  private readonly logger = new Logger(JobProducer.name);
  private readonly connection: Redis;
  private readonly queues: Record<QueueName, Queue>;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.connection = createFailFastRedis(config.redisUrl);
    this.connection.on('error', (err) => this.logger.debug(`redis: ${err.message}`));
    const make = (name: QueueName, defaultJobOptions: object) =>
      new Queue(name, { connection: this.connection, prefix: queuePrefix(config.redisPrefix), defaultJobOptions });
    // What was acknowledged (events, replies) is retried through a long outage; the rest is best effort.
    this.queues = {
      [QueueName.Ingest]: make(QueueName.Ingest, durableJobOptions(config.jobRetry)),
      [QueueName.Deliver]: make(QueueName.Deliver, durableJobOptions(config.jobRetry)),
      [QueueName.Poll]: make(QueueName.Poll, DEFAULT_JOB_OPTIONS),
      [QueueName.Enrich]: make(QueueName.Enrich, DEFAULT_JOB_OPTIONS),
      [QueueName.Survey]: make(QueueName.Survey, DEFAULT_JOB_OPTIONS),
      [QueueName.Route]: make(QueueName.Route, DEFAULT_JOB_OPTIONS),
    };
    for (const queue of Object.values(this.queues)) queue.on('error', (err) => this.logger.debug(`queue: ${err.message}`));
  }

  /** Rejects while Redis is unreachable (for readiness checks). */
  ping(): Promise<string> {
    return this.connection.ping();
  }

  queue(name: QueueName): Queue {
    return this.queues[name];
  }

  tryEnqueueIngest(data: IngestJobData): Promise<boolean> {
    return this.tryAdd(QueueName.Ingest, 'ingest', data, data.rawEventId);
  }

  tryEnqueueDeliver(data: DeliverJobData): Promise<boolean> {
    return this.tryAdd(QueueName.Deliver, 'deliver', data, data.messageId);
  }

  /** In `delayMs`, checks whether the chat visitor has seen the reply and emails it if not (one check per reply). */
  tryScheduleChatOfflineEmail(data: DeliverJobData, delayMs: number): Promise<boolean> {
    return this.tryAdd(QueueName.Deliver, CHAT_OFFLINE_EMAIL_JOB, data, `${CHAT_OFFLINE_EMAIL_JOB}-${data.messageId}`, Math.max(0, delayMs));
  }

  /** The survey after a resolution, in `delayMs` (a reopen meanwhile makes it a no-op when it runs). */
  tryScheduleSurvey(data: SurveyJobData, delayMs: number): Promise<boolean> {
    return this.tryAdd(QueueName.Survey, 'survey', data, surveyJobId(data), Math.max(0, delayMs));
  }

  tryEnqueueEnrich(data: EnrichJobData): Promise<boolean> {
    return this.tryAdd(QueueName.Enrich, ENRICH_JOB, data, data.messageId);
  }

  /**
   * Routes the queue's waiting conversations soon (after the caller's commit). Best effort: a lost
   * trigger is made good by the next one for the queue (any message, status change or presence change).
   */
  tryEnqueueRoute(data: RouteJobData): Promise<boolean> {
    return this.tryAdd(QueueName.Route, ROUTE_JOB, data, undefined, undefined, routeDeduplicationId(data.queueId));
  }

  /** Hands an agent who went offline's open conversations in the queue back to routing (the job checks they are still offline). */
  tryEnqueueHandBack(data: HandBackJobData): Promise<boolean> {
    return this.tryAdd(QueueName.Route, HAND_BACK_JOB, data, undefined);
  }

  /** Mines association rules again (after an import added purchases); a run replaces the rules, so extra runs are harmless. */
  tryEnqueueAssociations(): Promise<boolean> {
    return this.tryAdd(QueueName.Enrich, ASSOCIATIONS_JOB, {}, undefined);
  }

  /** Mines association rules on a cron pattern (once per deployment, however many workers run). */
  async scheduleAssociations(pattern: string): Promise<void> {
    await this.queues[QueueName.Enrich].upsertJobScheduler(
      ASSOCIATIONS_SCHEDULER_ID,
      { pattern },
      { name: ASSOCIATIONS_JOB, data: {}, opts: { attempts: 3, removeOnComplete: { count: 30 }, removeOnFail: { count: 30 } } },
    );
  }

  /**
   * (Re)starts a connector's poller: BullMQ creates one job per interval for the whole
   * deployment, however many workers run. Not retried: the next run is never far away.
   */
  async schedulePoll(connectorId: string, everyMs: number): Promise<void> {
    const data: PollJobData = { connectorId };
    await this.queues[QueueName.Poll].upsertJobScheduler(
      pollSchedulerId(connectorId),
      { every: everyMs },
      { name: 'poll', data, opts: { attempts: 1, removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } } },
    );
  }

  async unschedulePoll(connectorId: string): Promise<void> {
    await this.queues[QueueName.Poll].removeJobScheduler(pollSchedulerId(connectorId));
  }

  /**
   * Makes sure the row's job will run: a job still waiting, delayed or running is left alone
   * (`live`); one that already finished (failed after its retries, or completed without settling
   * the row) is run again from scratch, and a missing one is added (`requeued`); `unreachable`
   * while Redis is down.
   */
  async requeue(name: QueueName, jobName: string, data: object, jobId: string): Promise<RequeueOutcome> {
    try {
      const job = await this.queues[name].getJob(jobId);
      const state = job ? await job.getState() : 'unknown';
      if (job && (state === 'failed' || state === 'completed')) {
        // Atomic in Redis: it throws when another process moved the job meanwhile, which is just as good.
        await job.retry(state, { resetAttemptsMade: true, resetAttemptsStarted: true }).catch((err: Error) => {
          this.logger.debug(`${name} job ${jobId} was moved meanwhile: ${err.message}`);
        });
        return 'requeued';
      }
      if (job && state !== 'unknown') return 'live';
    } catch (err) {
      this.logger.warn(`could not look up ${name} job ${jobId}: ${(err as Error).message}`);
      return 'unreachable';
    }
    return (await this.tryAdd(name, jobName, data, jobId)) ? 'requeued' : 'unreachable';
  }

  /** `jobId` undefined: BullMQ numbers the job (nothing to deduplicate). */
  private async tryAdd(name: QueueName, jobName: string, data: object, jobId: string | undefined, delay?: number, deduplicationId?: string): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.queues[name].add(jobName, data, { jobId, delay, ...(deduplicationId && { deduplication: { id: deduplicationId } }) }),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`timed out after ${ENQUEUE_TIMEOUT_MS} ms`)), ENQUEUE_TIMEOUT_MS);
        }),
      ]);
      return true;
    } catch (err) {
      this.logger.warn(`could not queue ${name} job ${jobId}; it stays pending for the sweeper (${(err as Error).message})`);
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all(Object.values(this.queues).map((q) => q.close().catch(() => undefined)));
    // quit() lets commands already sent finish; disconnect() would reject them ("Connection is closed").
    await this.connection.quit().catch(() => this.connection.disconnect());
  }
}
