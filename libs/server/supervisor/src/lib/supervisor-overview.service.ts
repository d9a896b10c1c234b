import { Injectable } from '@nestjs/common';
import { type AgentOverview, queueOverviews, type SupervisorOverview } from '@throughline/domain';
import { UsersService } from '@throughline/server/auth';
import { RawEventsService } from '@throughline/server/ingest';
import { PresenceService } from '@throughline/server/presence';
import { JobProducer, QueueName } from '@throughline/server/queue';
import { QueuesRepository } from '@throughline/server/queues';
import { ConversationStats } from '@throughline/server/timeline';

/** Job queues whose backlog the wallboard shows; poll is left out, its schedulers always have a job waiting. */
const PIPELINE_QUEUES = [QueueName.Ingest, QueueName.Deliver, QueueName.Enrich];

/** The wallboard: queues, agents, channels and the pipeline, each from its owner, aggregated in SQL. */
@Injectable()
export class SupervisorOverviewService {
  constructor(
    private readonly stats: ConversationStats,
    private readonly queues: QueuesRepository,
    private readonly users: UsersService,
    private readonly presence: PresenceService,
    private readonly rawEvents: RawEventsService,
    private readonly jobs: JobProducer,
  ) {}

  async overview(): Promise<SupervisorOverview> {
    const [queues, counts, buckets, agents, channels, ingestLagSeconds, jobCounts] = await Promise.all([
      this.queues.list(),
      this.stats.byQueue(),
      this.stats.newByQueueLastHour(),
      this.agents(),
      this.stats.inboundByChannelLastHour(),
      this.rawEvents.ingestLagSeconds(),
      Promise.all(PIPELINE_QUEUES.map((name) => this.jobs.queue(name).getJobCounts('waiting', 'prioritized', 'failed'))),
    ]);
    return {
      queues: queueOverviews(
        queues.map((q) => ({ id: q.id, name: q.name, archived: q.archived })),
        counts,
        buckets,
      ),
      agents,
      channels,
      pipeline: {
        ingestLagSeconds,
        waiting: jobCounts.reduce((sum, c) => sum + (c['waiting'] ?? 0) + (c['prioritized'] ?? 0), 0),
        failed: jobCounts.reduce((sum, c) => sum + (c['failed'] ?? 0), 0),
      },
      generatedAt: new Date().toISOString(),
    };
  }

  private async agents(): Promise<AgentOverview[]> {
    const people = await this.users.active();
    const ids = people.map((p) => p.id);
    const [statuses, open, firstResponse] = await Promise.all([
      this.presence.statuses(ids),
      this.stats.openByAssignee(),
      this.stats.firstResponseMedianByAgentToday(),
    ]);
    return people.map((person) => ({
      id: person.id,
      name: person.name,
      presence: statuses.get(person.id)?.status ?? 'offline',
      open: open.get(person.id) ?? 0,
      capacity: person.capacity,
      firstResponseMedianSeconds: firstResponse.get(person.id) ?? null,
    }));
  }
}
