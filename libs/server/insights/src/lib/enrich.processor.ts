import { Logger, NotFoundException, type OnApplicationBootstrap } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { type Job, UnrecoverableError } from 'bullmq';
import { ASSOCIATIONS_JOB, ENRICH_JOB, type EnrichJobData, JobProducer, QueueName } from '@throughline/server/queue';
import { AssociationsService } from './associations.service';
import { InsightsService } from './insights.service';

/** Every night at 03:00 (server time), besides the run after each orders import that added lines. */
const NIGHTLY_ASSOCIATIONS = '0 3 * * *';

/** The `enrich` queue: a conversation's insights after an inbound message, and the association mining. */
@Processor(QueueName.Enrich, { concurrency: 2 })
export class EnrichProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(EnrichProcessor.name);

  constructor(
    private readonly insights: InsightsService,
    private readonly associations: AssociationsService,
    private readonly jobs: JobProducer,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    // Upserting the scheduler is idempotent, so every worker may do it; a Redis outage only delays it to the next start.
    await this.jobs.scheduleAssociations(NIGHTLY_ASSOCIATIONS).catch((err: Error) => this.logger.warn(`association mining not scheduled: ${err.message}`));
  }

  async process(job: Job): Promise<string> {
    if (job.name === ASSOCIATIONS_JOB) return `${await this.associations.recompute()} rules`;
    if (job.name !== ENRICH_JOB) throw new UnrecoverableError(`unknown job ${job.name} on the enrich queue`);
    const { conversationId, messageId } = job.data as EnrichJobData;
    try {
      const view = await this.insights.compute(conversationId, messageId);
      return `${view.emotions.length} emotions, ${view.prompts.length} prompts, ${view.suggestions.length} suggestions`;
    } catch (err) {
      // A conversation deleted meanwhile has nothing left to enrich.
      if (err instanceof NotFoundException) throw new UnrecoverableError(err.message);
      throw err;
    }
  }
}
