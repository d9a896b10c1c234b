import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ConversationStatus } from '@throughline/domain';
import { ConversationEventEntity, type ConversationEventKind } from '@throughline/server/database';

/** Who did it: an agent, the customer (a message), or Throughline itself (a timer, a channel). */
export type HistoryActor = { userId: string } | 'customer' | 'system';

export interface HistoryEntry {
  kind: ConversationEventKind;
  actor: HistoryActor;
  from?: string | null;
  to?: string | null;
  details?: Record<string, unknown>;
  at: Date;
}

/**
 * Owner of `conversation_events`, the append-only history reports read: every writer of a
 * conversation records what it changed here, in the transaction of the change.
 */
@Injectable()
export class ConversationHistory {
  async record(manager: EntityManager, conversationId: string, entries: readonly HistoryEntry[]): Promise<void> {
    if (!entries.length) return;
    await manager
      .createQueryBuilder()
      .insert()
      .into(ConversationEventEntity)
      .values(
        entries.map((e) => ({
          conversationId,
          kind: e.kind,
          actorType: typeof e.actor === 'string' ? e.actor : 'user',
          actorUserId: typeof e.actor === 'string' ? null : e.actor.userId,
          fromValue: e.from ?? null,
          toValue: e.to ?? null,
          details: (e.details ?? {}) as object,
          occurredAt: e.at,
        })),
      )
      .execute();
  }

  /**
   * A thread that arrived in pieces was joined: the absorbed conversations' history is copied to
   * the survivor (rows are never updated) before the absorbed rows and their history go.
   */
  async carryOver(manager: EntityManager, fromConversationIds: readonly string[], intoConversationId: string): Promise<void> {
    if (!fromConversationIds.length) return;
    await manager.query(
      `INSERT INTO conversation_events (conversation_id, kind, actor_type, actor_user_id, from_value, to_value, details, occurred_at)
       SELECT $1, kind, actor_type, actor_user_id, from_value, to_value, details || jsonb_build_object('joinedFrom', conversation_id), occurred_at
         FROM conversation_events WHERE conversation_id = ANY($2::uuid[]) AND kind <> 'created' ORDER BY occurred_at, id`,
      [intoConversationId, fromConversationIds],
    );
  }

  /** Every status the conversation entered, oldest first (creation counts as entering `open`). */
  async statusChanges(manager: EntityManager, conversationId: string): Promise<Array<{ at: Date; to: ConversationStatus }>> {
    const rows = (await manager.query(
      `SELECT occurred_at, to_value FROM conversation_events
        WHERE conversation_id = $1 AND kind IN ('created', 'status') AND to_value IS NOT NULL ORDER BY occurred_at, id`,
      [conversationId],
    )) as Array<{ occurred_at: Date; to_value: ConversationStatus }>;
    return rows.map((r) => ({ at: r.occurred_at, to: r.to_value }));
  }

  /** The first customer message since the last answer; null when the customer is not waiting. */
  async awaitingReplySince(manager: EntityManager, conversationId: string): Promise<Date | null> {
    const [row] = (await manager.query(
      `SELECT min(occurred_at) AS since FROM conversation_events
        WHERE conversation_id = $1 AND kind = 'inbound'
          AND occurred_at > coalesce((SELECT max(occurred_at) FROM conversation_events WHERE conversation_id = $1 AND kind = 'reply'), '-infinity')`,
      [conversationId],
    )) as Array<{ since: Date | null }>;
    return row?.since ?? null;
  }

  /** Whether an agent (not an automatic message) wrote to the customer in this conversation. */
  async agentAnswered(manager: EntityManager, conversationId: string): Promise<boolean> {
    const [row] = (await manager.query(
      `SELECT EXISTS (SELECT 1 FROM conversation_events WHERE conversation_id = $1 AND kind = 'reply' AND actor_type = 'user') AS answered`,
      [conversationId],
    )) as Array<{ answered: boolean }>;
    return Boolean(row?.answered);
  }
}
