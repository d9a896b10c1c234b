import type { AgentStatus } from './agent-presence';
import type { ChannelKind } from './channel';

/** The wallboard's sparkline: new conversations per five minutes over the last hour, oldest first. */
export const SPARKLINE_BUCKETS = 12;
export const SPARKLINE_BUCKET_SECONDS = 300;

/** The wallboard is pushed at most this often, however fast things change. */
export const OVERVIEW_PUSH_INTERVAL_MS = 1000;

export interface QueueOverview {
  /** null for conversations in no queue ("No queue"). */
  id: string | null;
  name: string;
  open: number;
  unassigned: number;
  /** Open conversations whose customer wrote last. */
  waiting: number;
  oldestWaitingSeconds: number;
  /** Median wait for a first answer, over conversations first answered today (UTC). */
  medianWaitSeconds: number | null;
  atRisk: number;
  breached: number;
  lastHour: number[];
}

export interface AgentOverview {
  id: string;
  name: string;
  presence: AgentStatus;
  open: number;
  capacity: number | null;
  /** Median of the agent's first answers today (UTC), from the customer's first message. */
  firstResponseMedianSeconds: number | null;
}

export interface ChannelOverview {
  channel: ChannelKind;
  /** Inbound messages in the last hour. */
  lastHour: number;
}

export interface PipelineOverview {
  /** How long the oldest raw event not yet ingested has been waiting (0 when none). */
  ingestLagSeconds: number;
  /** Jobs waiting or delayed, over every job queue. */
  waiting: number;
  failed: number;
}

/** `GET /api/supervisor/overview`, and the `supervisor.overview` push. */
export interface SupervisorOverview {
  queues: QueueOverview[];
  agents: AgentOverview[];
  channels: ChannelOverview[];
  pipeline: PipelineOverview;
  generatedAt: string;
}

/** One row of the per-queue counts query; `bucket` counts are sparse (bucket 0 is the oldest five minutes). */
export interface QueueCountsRow {
  queueId: string | null;
  open: number;
  unassigned: number;
  waiting: number;
  oldestWaitingSeconds: number;
  medianWaitSeconds: number | null;
  atRisk: number;
  breached: number;
}

export interface QueueBucketRow {
  queueId: string | null;
  bucket: number;
  count: number;
}

/** Dense sparkline series from sparse bucket counts; counts outside the hour are dropped. */
export function sparkline(rows: readonly { bucket: number; count: number }[]): number[] {
  const series = new Array<number>(SPARKLINE_BUCKETS).fill(0);
  for (const row of rows) if (row.bucket >= 0 && row.bucket < SPARKLINE_BUCKETS) series[row.bucket] += row.count;
  return series;
}

/**
 * Every live queue (by name, with zeros when it holds nothing), then "No queue" when anything is
 * in it; an archived queue shows only while it still holds open work.
 */
export function queueOverviews(
  queues: readonly { id: string; name: string; archived: boolean }[],
  counts: readonly QueueCountsRow[],
  buckets: readonly QueueBucketRow[],
): QueueOverview[] {
  const countsOf = new Map(counts.map((row) => [row.queueId, row]));
  const bucketsOf = (queueId: string | null) => buckets.filter((row) => row.queueId === queueId);
  const overview = (id: string | null, name: string): QueueOverview => {
    const row = countsOf.get(id);
    return {
      id,
      name,
      open: row?.open ?? 0,
      unassigned: row?.unassigned ?? 0,
      waiting: row?.waiting ?? 0,
      oldestWaitingSeconds: row?.oldestWaitingSeconds ?? 0,
      medianWaitSeconds: row?.medianWaitSeconds ?? null,
      atRisk: row?.atRisk ?? 0,
      breached: row?.breached ?? 0,
      lastHour: sparkline(bucketsOf(id)),
    };
  };
  const result = queues.filter((q) => !q.archived || (countsOf.get(q.id)?.open ?? 0) > 0).map((q) => overview(q.id, q.name));
  const none = overview(null, 'No queue');
  if (none.open > 0 || none.atRisk > 0 || none.breached > 0 || none.lastHour.some((n) => n > 0)) result.push(none);
  return result;
}

/** How long to wait before the next push: at once when the last was long enough ago, else until the interval is up. */
export function nextPushDelay(lastPushAt: number | null, now: number, intervalMs = OVERVIEW_PUSH_INTERVAL_MS): number {
  if (lastPushAt === null) return 0;
  return Math.max(0, lastPushAt + intervalMs - now);
}
