import { Logger, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { ConnectorsService } from '@throughline/server/connectors';
import { JobProducer, type PollJobData, pollSchedulerId, QueueName } from '@throughline/server/queue';
import { MailboxPoller, type MailboxPollOutcome } from './mailbox-poller.service';
import { MastodonPoller, type MastodonPollOutcome } from './mastodon-poller.service';

/** Enough parallel sessions for many mailboxes: each poll mostly waits on IDLE, not on CPU. */
const POLL_CONCURRENCY = 32;

/** Runs the scheduled reads of connectors we pull from (IMAP mailboxes, Mastodon accounts). */
@Processor(QueueName.Poll)
export class PollProcessor extends WorkerHost implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger(PollProcessor.name);
  private readonly stopping = new AbortController();

  constructor(
    private readonly mailboxes: MailboxPoller,
    private readonly mastodon: MastodonPoller,
    private readonly connectors: ConnectorsService,
    private readonly jobs: JobProducer,
  ) {
    super();
  }

  onModuleInit(): void {
    this.worker.concurrency = POLL_CONCURRENCY;
    // A closing worker ends its IDLE waits at once instead of holding shutdown for the interval.
    this.worker.on('closing', () => this.stopping.abort());
  }

  /** Schedulers live in Redis; re-create any it lost, and drop those of connectors gone or disabled. */
  async onApplicationBootstrap(): Promise<void> {
    try {
      const wanted = await this.connectors.pollable();
      for (const { connector, everyMs } of wanted) await this.jobs.schedulePoll(connector.id, everyMs);
      const keep = new Set(wanted.map(({ connector }) => pollSchedulerId(connector.id)));
      for (const scheduler of await this.jobs.queue(QueueName.Poll).getJobSchedulers()) {
        if (scheduler.key && !keep.has(scheduler.key)) await this.jobs.queue(QueueName.Poll).removeJobScheduler(scheduler.key);
      }
    } catch (err) {
      this.logger.warn(`could not reconcile poll schedules: ${(err as Error).message}`);
    }
  }

  async process(job: Job<PollJobData>): Promise<MailboxPollOutcome | MastodonPollOutcome> {
    const connector = await this.connectors.get(job.data.connectorId).catch(() => null);
    if (!connector) return 'disabled';
    switch (connector.provider) {
      case 'imap':
        return this.mailboxes.poll(connector.id, this.stopping.signal);
      case 'mastodon':
        return this.mastodon.poll(connector.id);
      default:
        this.logger.warn(`connector ${connector.id} (${connector.provider}) has a poll schedule but nothing polls that provider`);
        return 'disabled';
    }
  }
}
