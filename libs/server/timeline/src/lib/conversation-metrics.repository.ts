import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ChannelKind, ConversationAggregate, ConversationMetrics, ReportGroupBy } from '@throughline/domain';

/** Which conversations a report covers: created in [from, to), optionally of one queue, channel or assignee. */
export interface ReportScope {
  from: Date;
  to: Date;
  queueId?: string;
  channel?: ChannelKind;
  agentId?: string;
}

/**
 * The group a conversation falls in, as SQL: its creation day or week (Monday) in UTC, assignee,
 * queue, channel. Days and weeks are grouped as timestamps and written as text only per group
 * (formatting every row cost more than the rest of the query).
 */
const GROUP_KEY: Record<ReportGroupBy, { key: string; text: (key: string) => string }> = {
  day: { key: `date_trunc('day', c.created_at AT TIME ZONE 'UTC')`, text: (key) => `to_char(${key}, 'YYYY-MM-DD')` },
  week: { key: `date_trunc('week', c.created_at AT TIME ZONE 'UTC')`, text: (key) => `to_char(${key}, 'YYYY-MM-DD')` },
  agent: { key: `coalesce(c.assignee_id::text, 'none')`, text: (key) => key },
  queue: { key: `coalesce(c.queue_id::text, 'none')`, text: (key) => key },
  channel: { key: `c.channel`, text: (key) => key },
};

const SCOPE = `c.created_at >= $1 AND c.created_at < $2 AND ($3::uuid IS NULL OR c.queue_id = $3) AND ($4::text IS NULL OR c.channel = $4)
  AND ($5::uuid IS NULL OR c.assignee_id = $5)`;
const scopeParams = (s: ReportScope) => [s.from, s.to, s.queueId ?? null, s.channel ?? null, s.agentId ?? null];

interface AggregateRow {
  key: string | null;
  total: boolean;
  conversations: number;
  resolved: number;
  reopened: number;
  first_response_p50: number | null;
  first_response_p90: number | null;
  resolution_p50: number | null;
  resolution_p90: number | null;
  next_response_p50: number | null;
  under_sla: number;
  sla_met: number;
  contact_messages: number | null;
  contact_channels: number | null;
}

/**
 * Owner of `conversation_metrics`, what each conversation's history comes to for the reports
 * (a projection of `conversation_events`, refreshed by the reports from the events recorded since
 * the last refresh), and of the reports' aggregate queries over it.
 */
@Injectable()
export class ConversationMetricsRepository {
  /**
   * Locks the refresh state for this transaction (one refresh at a time); null before the first
   * refresh. The transaction's queries are planned without JIT: compiling them costs more than it
   * saves on queries this short.
   */
  async lockRefreshState(manager: EntityManager): Promise<{ refreshedThrough: Date; clocks: string } | null> {
    await manager.query(`SET LOCAL jit = off`);
    await manager.query(`INSERT INTO conversation_metrics_state (id, refreshed_through, clocks) VALUES (1, NULL, '') ON CONFLICT (id) DO NOTHING`);
    const [row] = (await manager.query(`SELECT refreshed_through, clocks FROM conversation_metrics_state WHERE id = 1 FOR UPDATE`)) as Array<{
      refreshed_through: Date | null;
      clocks: string;
    }>;
    return row?.refreshed_through ? { refreshedThrough: row.refreshed_through, clocks: row.clocks } : null;
  }

  /** The start of this transaction, as the database sees it: what the next refresh looks for events after. */
  async transactionStart(manager: EntityManager): Promise<Date> {
    const [row] = (await manager.query(`SELECT now() AS now`)) as Array<{ now: Date }>;
    return (row as { now: Date }).now;
  }

  async markRefreshed(manager: EntityManager, through: Date, clocks: string): Promise<void> {
    await manager.query(`UPDATE conversation_metrics_state SET refreshed_through = $1, clocks = $2 WHERE id = 1`, [through, clocks]);
  }

  async save(manager: EntityManager, rows: ReadonlyArray<{ conversationId: string; metrics: ConversationMetrics }>): Promise<void> {
    if (!rows.length) return;
    const column = <T>(pick: (m: ConversationMetrics) => T) => rows.map((r) => pick(r.metrics));
    await manager.query(
      `INSERT INTO conversation_metrics (conversation_id, first_response_seconds, resolution_seconds, next_response_seconds, resolved, reopened,
                                         contact_messages, contact_channels, computed_at)
       SELECT id, first_response, resolution, next_response::float8[], resolved, reopened, contact_messages, contact_channels, now()
         FROM unnest($1::uuid[], $2::float8[], $3::float8[], $4::text[], $5::boolean[], $6::boolean[], $7::int[], $8::int[])
           AS t(id, first_response, resolution, next_response, resolved, reopened, contact_messages, contact_channels)
       ON CONFLICT (conversation_id) DO UPDATE SET
         first_response_seconds = excluded.first_response_seconds, resolution_seconds = excluded.resolution_seconds,
         next_response_seconds = excluded.next_response_seconds, resolved = excluded.resolved, reopened = excluded.reopened,
         contact_messages = excluded.contact_messages, contact_channels = excluded.contact_channels, computed_at = excluded.computed_at`,
      [
        rows.map((r) => r.conversationId),
        column((m) => m.firstResponseSeconds),
        column((m) => m.resolutionSeconds),
        column((m) => `{${m.nextResponseSeconds.join(',')}}`),
        column((m) => m.resolved),
        column((m) => m.reopened),
        column((m) => m.contacts?.messages ?? null),
        column((m) => m.contacts?.channels ?? null),
      ],
    );
  }

  /**
   * The conversations of the scope summed up per group and in total, in one pass: counts, medians
   * and 90th percentiles (percentile_cont), SLA met, contacts per resolved conversation.
   */
  async aggregate(
    manager: EntityManager,
    scope: ReportScope,
    groupBy: ReportGroupBy,
  ): Promise<{ groups: Map<string, ConversationAggregate>; totals: ConversationAggregate | null }> {
    // Without JIT: compiling this query takes longer than running it.
    const rows = await manager.transaction(async (tx) => {
      await tx.query(`SET LOCAL jit = off`);
      return (await tx.query(
        `WITH scoped AS (
         SELECT ${GROUP_KEY[groupBy].key} AS key, c.sla_policy_id IS NOT NULL AS under_sla, jsonb_array_length(c.sla_breaches) = 0 AS no_breach,
                m.first_response_seconds, m.resolution_seconds, m.next_response_seconds, m.resolved, m.reopened, m.contact_messages, m.contact_channels
           FROM conversations c JOIN conversation_metrics m ON m.conversation_id = c.id
          WHERE ${SCOPE}
       ), figures AS (
         SELECT key, GROUPING(key) = 1 AS total, count(*)::int AS conversations, count(*) FILTER (WHERE resolved)::int AS resolved,
                count(*) FILTER (WHERE resolved AND reopened)::int AS reopened,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY first_response_seconds) AS first_response_p50,
                percentile_cont(0.9) WITHIN GROUP (ORDER BY first_response_seconds) AS first_response_p90,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY resolution_seconds) AS resolution_p50,
                percentile_cont(0.9) WITHIN GROUP (ORDER BY resolution_seconds) AS resolution_p90,
                count(*) FILTER (WHERE under_sla)::int AS under_sla, count(*) FILTER (WHERE under_sla AND no_breach)::int AS sla_met,
                (avg(contact_messages) FILTER (WHERE resolved))::float8 AS contact_messages, (avg(contact_channels) FILTER (WHERE resolved))::float8 AS contact_channels
           FROM scoped GROUP BY GROUPING SETS ((key), ())
       ), next AS (
         SELECT key, GROUPING(key) = 1 AS total, percentile_cont(0.5) WITHIN GROUP (ORDER BY wait) AS next_response_p50
           FROM scoped CROSS JOIN LATERAL unnest(next_response_seconds) AS wait
          WHERE cardinality(next_response_seconds) > 0 GROUP BY GROUPING SETS ((key), ())
       )
       SELECT ${GROUP_KEY[groupBy].text('f.key')} AS key, f.total, f.conversations, f.resolved, f.reopened, f.first_response_p50, f.first_response_p90,
              f.resolution_p50, f.resolution_p90, f.under_sla, f.sla_met, f.contact_messages, f.contact_channels, n.next_response_p50
         FROM figures f LEFT JOIN next n ON n.total = f.total AND n.key IS NOT DISTINCT FROM f.key`,
        scopeParams(scope),
      )) as AggregateRow[];
    });
    const toAggregate = (r: AggregateRow): ConversationAggregate => ({
      conversations: r.conversations,
      resolved: r.resolved,
      reopened: r.reopened,
      firstResponseMedianSeconds: r.first_response_p50,
      firstResponseP90Seconds: r.first_response_p90,
      resolutionMedianSeconds: r.resolution_p50,
      resolutionP90Seconds: r.resolution_p90,
      nextResponseMedianSeconds: r.next_response_p50,
      underSla: r.under_sla,
      slaMet: r.sla_met,
      contactMessages: r.contact_messages,
      contactChannels: r.contact_channels,
    });
    const totals = rows.find((r) => r.total);
    return {
      groups: new Map(rows.filter((r) => !r.total).map((r) => [r.key as string, toAggregate(r)])),
      totals: totals ? toAggregate(totals) : null,
    };
  }

  /** The group of each of these conversations that is in the scope (for the survey answers about them). */
  async groupsOf(manager: EntityManager, scope: ReportScope, groupBy: ReportGroupBy, conversationIds: readonly string[]): Promise<Map<string, string>> {
    if (!conversationIds.length) return new Map();
    const rows = (await manager.query(
      `SELECT c.id, ${GROUP_KEY[groupBy].text(GROUP_KEY[groupBy].key)} AS key FROM conversations c WHERE ${SCOPE} AND c.id = ANY($6::uuid[])`,
      [...scopeParams(scope), conversationIds],
    )) as Array<{ id: string; key: string }>;
    return new Map(rows.map((r) => [r.id, r.key]));
  }
}
