import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { rooms } from '@throughline/domain';
import { APP_CONFIG, type AppConfig } from '@throughline/server/config';
import { ConversationEntity } from '@throughline/server/database';
import { PeriodicSweep, RealtimePublisher } from '@throughline/server/queue';
import { type SlaChange, SlaClock, TimelineEvents } from '@throughline/server/timeline';

const BATCH = 100;

/**
 * Warns before a breach and records it when it happens: claims conversations whose SLA state the
 * clock alone changes now (`sla_check_at`), with `FOR UPDATE SKIP LOCKED` so several workers
 * share the work and each change is announced once, to supervisors and the assignee.
 */
@Injectable()
export class SlaSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SlaSweeper.name);
  private readonly loop = new PeriodicSweep('SLA sweep', this.logger);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: SlaClock,
    private readonly events: TimelineEvents,
    private readonly publisher: RealtimePublisher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.loop.every(this.config.slaCheckIntervalMs, () => this.sweep(new Date()));
  }

  onApplicationShutdown(): Promise<void> {
    return this.loop.stop();
  }

  /** Checks every conversation due a check at `now`; returns how many. Overlapping calls share one sweep. */
  checkDue(now = new Date()): Promise<number> {
    return this.loop.run(() => this.sweep(now));
  }

  private async sweep(now: Date): Promise<number> {
    let checked = 0;
    for (;;) {
      const batch = await this.db.transaction(async (manager) => {
        const due = await manager
          .getRepository(ConversationEntity)
          .createQueryBuilder('c')
          .where("c.sla_check_at <= :now AND c.status <> 'resolved'", { now })
          .orderBy('c.sla_check_at', 'ASC')
          .limit(BATCH)
          .setLock('pessimistic_write')
          .setOnLocked('skip_locked')
          .getMany();
        const changes: Array<{ conversation: ConversationEntity; change: SlaChange }> = [];
        for (const conversation of due) changes.push({ conversation, change: await this.clock.refresh(manager, conversation, now) });
        return changes;
      });
      for (const { conversation, change } of batch) await this.announce(conversation, change);
      checked += batch.length;
      if (batch.length < BATCH) break;
    }
    return checked;
  }

  private async announce(conversation: ConversationEntity, change: SlaChange): Promise<void> {
    if (!change.warning && !change.newBreaches.length) return;
    const view = await this.events.conversationUpdated(conversation);
    const targets = [rooms.supervisors, ...(conversation.assigneeId ? [rooms.agent(conversation.assigneeId)] : [])];
    if (change.warning) this.publisher.publish('sla.warning', { conversation: view, ...change.warning }, targets);
    for (const breach of change.newBreaches) this.publisher.publish('sla.breached', { conversation: view, breach }, targets);
  }
}
