import { Processor, WorkerHost } from '@nestjs/bullmq';
import { type Job, UnrecoverableError } from 'bullmq';
import { HAND_BACK_JOB, type HandBackJobData, JobProducer, QueueName, ROUTE_JOB, type RouteJobData } from '@throughline/server/queue';
import { ROUTE_BATCH, RoutingService } from './routing.service';

/** The `route` queue: one run hands a queue's waiting conversations to members with room; a hand-back frees an offline agent's. */
@Processor(QueueName.Route)
export class RouteProcessor extends WorkerHost {
  constructor(
    private readonly routing: RoutingService,
    private readonly jobs: JobProducer,
  ) {
    super();
  }

  async process(job: Job): Promise<string> {
    if (job.name === HAND_BACK_JOB) {
      const { queueId, userId } = job.data as HandBackJobData;
      const handedBack = await this.routing.handBack(queueId, userId);
      if (handedBack) await this.jobs.tryEnqueueRoute({ queueId });
      return `${handedBack} handed back`;
    }
    if (job.name !== ROUTE_JOB) throw new UnrecoverableError(`unknown job ${job.name} on the route queue`);
    const { queueId } = job.data as RouteJobData;
    // From now on a trigger queues another run rather than joining this one, which may have read too early.
    await job.removeDeduplicationKey();
    const outcome = await this.routing.route(queueId);
    if (outcome.assigned === ROUTE_BATCH) await this.jobs.tryEnqueueRoute({ queueId });
    return `${outcome.assigned} assigned, ${outcome.waiting} waiting`;
  }
}
