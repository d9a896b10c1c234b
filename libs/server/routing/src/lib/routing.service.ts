import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { chooseAssignee, type RoutingMember } from '@throughline/domain';
import { ConversationWriter, type WrittenChanges } from '@throughline/server/conversations';
import { PresenceService } from '@throughline/server/presence';
import { QueuesRepository } from '@throughline/server/queues';
import { RoutingRepository } from './routing.repository';

/** Conversations one run assigns at most; a full batch queues the next run. */
export const ROUTE_BATCH = 200;
/** Capacity counts open conversations in every queue, so runs for different queues take turns. */
const ROUTING_LOCK_KEY = 'throughline:routing';
const ROUTING_AUTHOR = { userId: null, name: 'Routing' };

export interface RouteOutcome {
  assigned: number;
  /** Conversations left waiting because no online member had room. */
  waiting: number;
}

/**
 * Hands a routed queue's waiting conversations to online members with room, oldest first, each
 * through the conversations' writer (history, SLA clock, the system line saying why), published
 * after commit. Runs one at a time: the queue row and a routing-wide advisory lock are held.
 */
@Injectable()
export class RoutingService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly queues: QueuesRepository,
    private readonly reads: RoutingRepository,
    private readonly presence: PresenceService,
    private readonly writer: ConversationWriter,
  ) {}

  /**
   * The agent went offline and the queue hands their conversations back: each open one of theirs
   * there is unassigned (a system line says why) and the queue is routed again. Nothing happens if
   * they came back meanwhile or the queue no longer says so.
   */
  async handBack(queueId: string, userId: string, now: () => Date = () => new Date()): Promise<number> {
    const written = await this.db.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [ROUTING_LOCK_KEY]);
      const queue = await this.queues.lockForRouting(manager, queueId);
      if (!queue || queue.routing === 'manual' || queue.archived || !queue.handBackOffline) return [];
      if ((await this.presence.statuses([userId])).get(userId)?.status !== 'offline') return [];
      const [agent] = await this.reads.memberLoads(manager, [userId]);
      const written: WrittenChanges[] = [];
      for (const conversation of await this.reads.openAssignedTo(manager, queueId, userId)) {
        const at = now();
        conversation.assigneeId = null;
        const reason = `${agent?.name ?? 'the assignee'} went offline`;
        written.push(
          await this.writer.write(
            manager,
            conversation,
            conversation.queueId,
            [
              {
                text: `Handed back to the queue: ${reason}`,
                event: { event: 'assigned', from: userId, to: null, by: 'routing', rule: 'hand_back' },
                history: { kind: 'assignee', actor: 'system', from: userId, to: null, details: { by: 'routing', rule: 'hand_back', reason }, at },
              },
            ],
            ROUTING_AUTHOR,
            at,
          ),
        );
      }
      return written;
    });
    for (const change of written) await this.writer.publish(change);
    return written.length;
  }

  async route(queueId: string, now: () => Date = () => new Date()): Promise<RouteOutcome> {
    // Most triggers come from messages; a manual queue's should not wait for the routing lock to learn that.
    const settings = await this.queues.find(queueId);
    if (!settings || settings.routing === 'manual' || settings.archived) return { assigned: 0, waiting: 0 };
    const { written, outcome } = await this.db.transaction(async (manager) => {
      const written: WrittenChanges[] = [];
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [ROUTING_LOCK_KEY]);
      const queue = await this.queues.lockForRouting(manager, queueId);
      if (!queue || queue.routing === 'manual' || queue.archived) return { written, outcome: { assigned: 0, waiting: 0 } };
      const waiting = await this.reads.waiting(manager, queueId, ROUTE_BATCH);
      if (!waiting.length) return { written, outcome: { assigned: 0, waiting: 0 } };

      const statuses = await this.presence.statuses(queue.effectiveMemberIds);
      const members: RoutingMember[] = (await this.reads.memberLoads(manager, queue.effectiveMemberIds)).map((load) => ({
        ...load,
        online: statuses.get(load.userId)?.status === 'online',
      }));
      let cursor = queue.lastAssignedUserId;
      for (const conversation of waiting) {
        const at = now();
        const choice = chooseAssignee({
          mode: queue.routing,
          sticky: queue.sticky,
          capacityPerAgent: queue.capacityPerAgent,
          members,
          lastAssignedUserId: cursor,
          lastAnswerer: queue.sticky ? await this.reads.lastAnswerer(manager, conversation.customerId) : null,
          now: at,
        });
        // Stickiness only picks among candidates, so no choice means no member has room at all.
        if (!choice) break;
        conversation.assigneeId = choice.userId;
        const text = choice.reason.charAt(0).toUpperCase() + choice.reason.slice(1);
        written.push(
          await this.writer.write(
            manager,
            conversation,
            conversation.queueId,
            [
              {
                text,
                event: { event: 'assigned', from: null, to: choice.userId, by: 'routing', rule: choice.rule },
                history: {
                  kind: 'assignee',
                  actor: 'system',
                  from: null,
                  to: choice.userId,
                  details: { by: 'routing', rule: choice.rule, reason: choice.reason },
                  at,
                },
              },
            ],
            ROUTING_AUTHOR,
            at,
          ),
        );
        const chosen = members.find((m) => m.userId === choice.userId) as RoutingMember;
        chosen.open += 1;
        chosen.lastAssignedAt = at;
        if (choice.rule === 'round_robin') cursor = choice.userId;
      }
      if (cursor !== queue.lastAssignedUserId) await this.queues.update(manager, queueId, { lastAssignedUserId: cursor });
      return { written, outcome: { assigned: written.length, waiting: waiting.length - written.length } };
    });
    for (const change of written) await this.writer.publish(change);
    return outcome;
  }
}
