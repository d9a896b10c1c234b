import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ConversationEntity } from '@throughline/server/database';

/** A member's load and limit as routing reads them (presence comes from Redis). */
export interface MemberLoad {
  userId: string;
  name: string;
  capacity: number | null;
  open: number;
  lastAssignedAt: Date | null;
}

/**
 * The reads routing makes across tables other capabilities own (users, conversations, messages,
 * conversation_events), in the route job's transaction. It writes nothing: assignments go through
 * the conversations' writer and the round-robin cursor through the queues' repository.
 */
@Injectable()
export class RoutingRepository {
  /** Enabled members with their limit, open conversations (any queue) and last assignment. */
  async memberLoads(manager: EntityManager, userIds: readonly string[]): Promise<MemberLoad[]> {
    if (!userIds.length) return [];
    const rows = (await manager.query(
      `SELECT u.id, u.name, u.capacity,
              (SELECT count(*)::int FROM conversations c WHERE c.assignee_id = u.id AND c.status = 'open') AS open,
              (SELECT max(e.occurred_at) FROM conversation_events e WHERE e.kind = 'assignee' AND e.to_value = u.id::text) AS last_assigned_at
         FROM users u
        WHERE u.id = ANY($1::uuid[]) AND NOT u.disabled`,
      [userIds],
    )) as Array<{ id: string; name: string; capacity: number | null; open: number; last_assigned_at: Date | null }>;
    return rows.map((r) => ({ userId: r.id, name: r.name, capacity: r.capacity, open: r.open, lastAssignedAt: r.last_assigned_at }));
  }

  /**
   * The queue's open unassigned conversations, longest waiting first, locked: a concurrent agent's
   * change commits first and the row is then re-checked, so an assignee set meanwhile is never overridden.
   */
  waiting(manager: EntityManager, queueId: string, limit: number): Promise<ConversationEntity[]> {
    return manager
      .getRepository(ConversationEntity)
      .createQueryBuilder('c')
      .where("c.queue_id = :queueId AND c.status = 'open' AND c.assignee_id IS NULL", { queueId })
      .orderBy('c.wait_key', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .limit(limit)
      .setLock('pessimistic_write')
      .getMany();
  }

  /** The user's open conversations in the queue, locked like `waiting`. */
  openAssignedTo(manager: EntityManager, queueId: string, userId: string): Promise<ConversationEntity[]> {
    return manager
      .getRepository(ConversationEntity)
      .createQueryBuilder('c')
      .where("c.queue_id = :queueId AND c.status = 'open' AND c.assignee_id = :userId", { queueId, userId })
      .orderBy('c.id', 'ASC')
      .setLock('pessimistic_write')
      .getMany();
  }

  /** The agent whose reply to this customer, on any channel, is the latest. */
  async lastAnswerer(manager: EntityManager, customerId: string): Promise<{ userId: string; at: Date } | null> {
    const [row] = (await manager.query(
      `SELECT author_user_id, occurred_at FROM messages
        WHERE customer_id = $1 AND direction = 'outbound' AND author_user_id IS NOT NULL
        ORDER BY occurred_at DESC LIMIT 1`,
      [customerId],
    )) as Array<{ author_user_id: string; occurred_at: Date }>;
    return row ? { userId: row.author_user_id, at: row.occurred_at } : null;
  }
}
