import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { type ChannelKind, type QueueBucketRow, type QueueCountsRow, SPARKLINE_BUCKET_SECONDS, SPARKLINE_BUCKETS } from '@throughline/domain';

/** Midnight UTC today: "today" on the wallboard is the UTC day, the same for every viewer. */
const TODAY = `(date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC')`;
/** How long the customer waited for the first answer (from their first contact when the SLA clock followed them). */
const FIRST_WAIT_SECONDS = `extract(epoch FROM c.first_response_at - COALESCE(c.sla_waiting_since, c.created_at))`;

/**
 * Read-only aggregates over `conversations` and `messages` for the supervisors' wallboard; each
 * is one grouped query, so its cost follows the open work and the last hour, not the history.
 */
@Injectable()
export class ConversationStats {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Per queue: open work, who is waiting and how long, today's median first wait, SLA trouble. */
  async byQueue(): Promise<QueueCountsRow[]> {
    const rows = (await this.db.query(
      `SELECT c.queue_id,
              count(*) FILTER (WHERE c.status = 'open')::int AS open,
              count(*) FILTER (WHERE c.status = 'open' AND c.assignee_id IS NULL)::int AS unassigned,
              count(*) FILTER (WHERE c.status = 'open' AND c.wait_rank = 0)::int AS waiting,
              COALESCE(floor(extract(epoch FROM now() - min(c.wait_key) FILTER (WHERE c.status = 'open' AND c.wait_rank = 0))), 0)::int AS oldest_waiting_seconds,
              round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ${FIRST_WAIT_SECONDS}) FILTER (WHERE c.first_response_at >= ${TODAY}))::int AS median_wait_seconds,
              count(*) FILTER (WHERE c.status <> 'resolved' AND c.sla_status = 'at_risk')::int AS at_risk,
              count(*) FILTER (WHERE c.status <> 'resolved' AND c.sla_status = 'breached')::int AS breached
         FROM conversations c
        WHERE c.status <> 'resolved' OR c.first_response_at >= ${TODAY}
        GROUP BY c.queue_id`,
    )) as Array<{
      queue_id: string | null;
      open: number;
      unassigned: number;
      waiting: number;
      oldest_waiting_seconds: number;
      median_wait_seconds: number | null;
      at_risk: number;
      breached: number;
    }>;
    return rows.map((row) => ({
      queueId: row.queue_id,
      open: row.open,
      unassigned: row.unassigned,
      waiting: row.waiting,
      oldestWaitingSeconds: row.oldest_waiting_seconds,
      medianWaitSeconds: row.median_wait_seconds,
      atRisk: row.at_risk,
      breached: row.breached,
    }));
  }

  /** New conversations per queue in each five-minute bucket of the last hour (bucket 0 the oldest). */
  async newByQueueLastHour(): Promise<QueueBucketRow[]> {
    const span = SPARKLINE_BUCKETS * SPARKLINE_BUCKET_SECONDS;
    const rows = (await this.db.query(
      `SELECT queue_id, ($1::int - 1 - floor(extract(epoch FROM now() - created_at) / $2::int))::int AS bucket, count(*)::int AS count
         FROM conversations
        WHERE created_at > now() - make_interval(secs => $3::int)
        GROUP BY 1, 2`,
      [SPARKLINE_BUCKETS, SPARKLINE_BUCKET_SECONDS, span],
    )) as Array<{ queue_id: string | null; bucket: number; count: number }>;
    return rows.map((row) => ({ queueId: row.queue_id, bucket: row.bucket, count: row.count }));
  }

  /** Open conversations per assignee. */
  async openByAssignee(): Promise<Map<string, number>> {
    const rows = (await this.db.query(
      `SELECT assignee_id, count(*)::int AS open FROM conversations WHERE status = 'open' AND assignee_id IS NOT NULL GROUP BY assignee_id`,
    )) as Array<{ assignee_id: string; open: number }>;
    return new Map(rows.map((row) => [row.assignee_id, row.open]));
  }

  /** Per agent, the median wait of the conversations they answered first today. */
  async firstResponseMedianByAgentToday(): Promise<Map<string, number>> {
    const rows = (await this.db.query(
      `SELECT first.author_user_id AS user_id, round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ${FIRST_WAIT_SECONDS}))::int AS median
         FROM conversations c
         JOIN LATERAL (
              SELECT m.author_user_id FROM messages m
               WHERE m.conversation_id = c.id AND m.direction = 'outbound'
               ORDER BY m.occurred_at, m.id LIMIT 1) first ON first.author_user_id IS NOT NULL
        WHERE c.first_response_at >= ${TODAY}
        GROUP BY first.author_user_id`,
    )) as Array<{ user_id: string; median: number }>;
    return new Map(rows.map((row) => [row.user_id, row.median]));
  }

  /** Inbound messages per channel in the last hour. */
  async inboundByChannelLastHour(): Promise<Array<{ channel: ChannelKind; lastHour: number }>> {
    const rows = (await this.db.query(
      `SELECT channel, count(*)::int AS last_hour FROM messages
        WHERE direction = 'inbound' AND created_at > now() - interval '1 hour'
        GROUP BY channel ORDER BY channel`,
    )) as Array<{ channel: ChannelKind; last_hour: number }>;
    return rows.map((row) => ({ channel: row.channel, lastHour: row.last_hour }));
  }
}
