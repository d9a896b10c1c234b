import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '@throughline/server/config';
import {
  ASSOCIATIONS_JOB,
  ASSOCIATIONS_SCHEDULER_ID,
  CHAT_OFFLINE_EMAIL_JOB,
  DEFAULT_JOB_OPTIONS,
  type DeliverJobData,
  ENRICH_JOB,
  type EnrichJobData,
  type IngestJobData,
  type PollJobData,
  pollSchedulerId,
  queuePrefix,
  QueueName,
} from './queue-names';
import { createFailFastRedis } from './redis';

const ENQUEUE_TIMEOUT_MS = 2000;

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
    const make = (name: QueueName) =>
      new Queue(name, { connection: this.connection, prefix: queuePrefix(config.redisPrefix), defaultJobOptions: DEFAULT_JOB_OPTIONS });
    this.queues = {
      [QueueName.Ingest]: make(QueueName.Ingest),
      [QueueName.Deliver]: make(QueueName.Deliver),
      [QueueName.Poll]: make(QueueName.Poll),
      [QueueName.Enrich]: make(QueueName.Enrich),
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

  tryEnqueueEnrich(data: EnrichJobData): Promise<boolean> {
    return this.tryAdd(QueueName.Enrich, ENRICH_JOB, data, data.messageId);
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

  /** Re-runs a job kept as failed, or adds it anew when Redis no longer has it. */
  async retryOrEnqueue(name: QueueName, jobName: string, data: object, jobId: string): Promise<boolean> {
    try {
      const job = await this.queues[name].getJob(jobId);
      if (job && (await job.isFailed())) {
        await job.retry('failed');
        return true;
      }
    } catch (err) {
      this.logger.warn(`could not look up ${name} job ${jobId}: ${(err as Error).message}`);
      return false;
    }
    return this.tryAdd(name, jobName, data, jobId);
  }

  /** True when the job exists in Redis (waiting, active, delayed or failed-and-kept). */
  async hasJob(name: QueueName, jobId: string): Promise<boolean> {
    return Boolean(await this.queues[name].getJob(jobId));
  }

  /** `jobId` undefined: BullMQ numbers the job (nothing to deduplicate). */
  private async tryAdd(name: QueueName, jobName: string, data: object, jobId: string | undefined, delay?: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.queues[name].add(jobName, data, { jobId, delay }),
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
