import { NotFoundException } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { type Job, UnrecoverableError } from 'bullmq';
import { ASSOCIATIONS_JOB, ENRICH_JOB, type EnrichJobData, QueueName } from '@throughline/server/queue';
import { AssociationsService } from './associations.service';
import { InsightsService } from './insights.service';

/** The `enrich` queue: a conversation's insights after an inbound message, and the association mining. */
@Processor(QueueName.Enrich)
export class EnrichProcessor extends WorkerHost {
  constructor(
    private readonly insights: InsightsService,
    private readonly associations: AssociationsService,
  ) {
    super();
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
