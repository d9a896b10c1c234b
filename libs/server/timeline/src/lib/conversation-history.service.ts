import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ChannelKind, ConversationStatus, ReportEvent, ReportEventKind } from '@throughline/domain';
import { ConversationEventEntity, type ConversationEventKind } from '@throughline/server/database';

/** Who did it: an agent, the customer (a message), or Throughline itself (a timer, a channel). */
export type HistoryActor = { userId: string } | 'customer' | 'system';

/** A conversation with the part of its history the report metrics read. */
export interface ReportHistory {
  id: string;
  createdAt: number;
  /** The SLA policy that applied (its business hours are the clock), if any. */
  slaPolicyId: string | null;
  /** When the customer began waiting (earlier than the conversation when the SLA clock followed them). */
  waitingSince: number | null;
  events: ReportEvent[];
}

const REPORT_EVENT_KINDS: readonly ReportEventKind[] = ['created', 'inbound', 'reply', 'first_response', 'status'];

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

  /**
   * These conversations with the part of their history the report metrics read, in one query: each
   * history comes folded into one string ("kind epochMs value;…", value the status entered or the
   * message's channel), cheaper to ship and parse than the events as rows or arrays.
   */
  async reportHistories(manager: EntityManager, conversationIds: readonly string[]): Promise<ReportHistory[]> {
    const rows = (await manager.query(
      `SELECT c.id, (extract(epoch FROM c.created_at) * 1000)::float8 AS created_at, c.sla_policy_id,
              (extract(epoch FROM c.sla_waiting_since) * 1000)::float8 AS waiting_since,
              (SELECT string_agg(e.kind || ' ' || (extract(epoch FROM e.occurred_at) * 1000)::bigint || ' ' || coalesce(e.to_value, e.details->>'channel', ''), ';'
                                 ORDER BY e.occurred_at, e.id)
                 FROM conversation_events e WHERE e.conversation_id = c.id AND e.kind = ANY($2::text[])) AS events
         FROM conversations c
        WHERE c.id = ANY($1::uuid[])`,
      [conversationIds, REPORT_EVENT_KINDS],
    )) as Array<{ id: string; created_at: number; sla_policy_id: string | null; waiting_since: number | null; events: string | null }>;
    return rows.map((r) => ({
      id: r.id,
      createdAt: r.created_at,
      slaPolicyId: r.sla_policy_id,
      waitingSince: r.waiting_since,
      events: r.events ? r.events.split(';').map(parseReportEvent) : [],
    }));
  }

  /**
   * The conversations whose history grew since `since` (all of them when null). Events are
   * looked for from 30 seconds earlier: a transaction that began before `since` (events are
   * stamped with their transaction's start) may have committed after the last refresh read;
   * the writers' transactions last milliseconds.
   */
  async conversationsChangedSince(manager: EntityManager, since: Date | null): Promise<string[]> {
    const rows = (await (since
      ? manager.query(
          `SELECT DISTINCT e.conversation_id AS id FROM conversation_events e
            WHERE e.recorded_at > $1::timestamptz - interval '30 seconds' AND EXISTS (SELECT 1 FROM conversations c WHERE c.id = e.conversation_id)`,
          [since],
        )
      : manager.query(`SELECT id FROM conversations`))) as Array<{ id: string }>;
    return rows.map((r) => r.id);
  }
}

function parseReportEvent(folded: string): ReportEvent {
  const [kind, at, value] = folded.split(' ') as [ReportEventKind, string, string];
  const event: ReportEvent = { kind, at: Number(at) };
  if (kind === 'inbound' || kind === 'reply') event.channel = (value || null) as ChannelKind | null;
  else event.to = (value || null) as ConversationStatus | null;
  return event;
}
