import { Processor, WorkerHost } from '@nestjs/bullmq';
import { type Job, UnrecoverableError } from 'bullmq';
import { JobProducer, QueueName, ROUTE_JOB, type RouteJobData } from '@throughline/server/queue';
import { ROUTE_BATCH, RoutingService } from './routing.service';

/** The `route` queue: one run hands a queue's waiting conversations to members with room. */
@Processor(QueueName.Route)
export class RouteProcessor extends WorkerHost {
  constructor(
    private readonly routing: RoutingService,
    private readonly jobs: JobProducer,
  ) {
    super();
  }

  async process(job: Job): Promise<string> {
    if (job.name !== ROUTE_JOB) throw new UnrecoverableError(`unknown job ${job.name} on the route queue`);
    const { queueId } = job.data as RouteJobData;
    // From now on a trigger queues another run rather than joining this one, which may have read too early.
    await job.removeDeduplicationKey();
    const outcome = await this.routing.route(queueId);
    if (outcome.assigned === ROUTE_BATCH) await this.jobs.tryEnqueueRoute({ queueId });
    return `${outcome.assigned} assigned, ${outcome.waiting} waiting`;
  }
}
