import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ConversationEntity, MessageEntity } from '@throughline/server/database';
import { PeriodicSweep } from '@throughline/server/queue';
import { ConversationActivity, TimelineEvents } from '@throughline/server/timeline';

/** How often the worker looks for snoozes that ended. */
export const SNOOZE_CHECK_INTERVAL_MS = 30_000;
const BATCH = 200;

/**
 * Opens snoozed conversations again when their time comes. Rows are claimed with
 * `FOR UPDATE SKIP LOCKED`, so several workers sweeping at once wake each conversation once.
 */
@Injectable()
export class SnoozeWaker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SnoozeWaker.name);
  private readonly loop = new PeriodicSweep('snooze sweep', this.logger);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly events: TimelineEvents,
    private readonly activity: ConversationActivity,
  ) {}

  onApplicationBootstrap(): void {
    this.loop.every(SNOOZE_CHECK_INTERVAL_MS, () => this.sweep(new Date()));
  }

  onApplicationShutdown(): Promise<void> {
    return this.loop.stop();
  }

  /** Wakes every conversation snoozed until `now` or earlier; returns how many. Overlapping calls share one sweep. */
  wakeDue(now = new Date()): Promise<number> {
    return this.loop.run(() => this.sweep(now));
  }

  private async sweep(now: Date): Promise<number> {
    let woken = 0;
    for (;;) {
      const batch = await this.db.transaction(async (manager) => {
        const due = await manager
          .getRepository(ConversationEntity)
          .createQueryBuilder('c')
          .where("c.status = 'snoozed' AND c.snoozed_until <= :now", { now })
          .orderBy('c.snoozed_until', 'ASC')
          .limit(BATCH)
          .setLock('pessimistic_write')
          .setOnLocked('skip_locked')
          .getMany();
        const woke: Array<{ conversation: ConversationEntity; line: MessageEntity }> = [];
        for (const conversation of due) {
          const snoozedUntil = conversation.snoozedUntil as Date;
          conversation.status = 'open';
          conversation.snoozedUntil = null;
          const line = manager.create(MessageEntity, {
            conversationId: conversation.id,
            customerId: conversation.customerId,
            connectorId: conversation.connectorId,
            channel: conversation.channel,
            direction: 'system',
            text: 'Snooze ended',
            metadata: { event: 'snooze-ended', snoozedUntil: snoozedUntil.toISOString() },
            occurredAt: snoozedUntil,
          });
          const saved = await manager.save(conversation);
          const wake = { kind: 'status', actor: 'system', from: 'snoozed', to: 'open', details: { reason: 'snooze-ended' }, at: snoozedUntil } as const;
          await this.activity.record(manager, saved, [wake]);
          woke.push({ conversation: saved, line: await manager.save(line) });
        }
        return woke;
      });
      for (const { conversation, line } of batch) {
        await this.events.messageCreated(line, conversation);
        await this.events.conversationUpdated(conversation);
      }
      woken += batch.length;
      if (batch.length < BATCH) break;
    }
    if (woken) this.logger.log(`woke ${woken} snoozed conversation(s)`);
    return woken;
  }
}
