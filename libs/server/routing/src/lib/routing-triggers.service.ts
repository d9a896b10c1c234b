import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { filter, mergeMap, type Subscription } from 'rxjs';
import { JobProducer } from '@throughline/server/queue';
import { PresenceService } from '@throughline/server/presence';
import { QueuesRepository } from '@throughline/server/queues';

/**
 * In the API process that announced it, an agent coming online may take waiting conversations:
 * every routed queue they serve gets a route run; an agent going offline gives theirs back in the
 * routed queues that say so.
 */
@Injectable()
export class RoutingPresenceTrigger implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(RoutingPresenceTrigger.name);
  private subscription?: Subscription;

  constructor(
    private readonly presence: PresenceService,
    private readonly queues: QueuesRepository,
    private readonly jobs: JobProducer,
  ) {}

  onModuleInit(): void {
    this.subscription = this.presence.changes$
      .pipe(
        filter((change) => change.status !== 'away'),
        mergeMap((change) => this.routeQueuesOf(change.userId, change.status === 'offline')),
      )
      .subscribe();
  }

  /** Never throws: the subscription must outlive a database hiccup (the next trigger makes up for a lost one). */
  private async routeQueuesOf(userId: string, wentOffline: boolean): Promise<void> {
    try {
      for (const queueId of await this.queues.routedQueueIdsOf([userId], undefined, wentOffline)) {
        await (wentOffline ? this.jobs.tryEnqueueHandBack({ queueId, userId }) : this.jobs.tryEnqueueRoute({ queueId }));
      }
    } catch (err) {
      this.logger.warn(`could not route the queues of ${userId}: ${(err as Error).message}`);
    }
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
  }
}
