import type { ReportFigures, ReportGroupBy, ReportRowView } from './api';
import { businessMinutesBetween, type BusinessSchedule, type ClockPause, openSpansBetween } from './business-time';
import type { ChannelKind, ConversationStatus } from './channel';
import { clockPauses } from './sla';
import type { SurveyAnswer } from './survey-answers';

/**
 * Service metrics for reports: pure functions over a conversation's history (`conversation_events`
 * as the reports read it) and over survey answers.
 */

export type ReportEventKind = 'created' | 'inbound' | 'reply' | 'first_response' | 'status';

/** One line of a conversation's history; `at` in epoch ms (reports read hundreds of thousands). */
export interface ReportEvent {
  kind: ReportEventKind;
  at: number;
  /** The status entered (`created` enters `open`). */
  to?: ConversationStatus | null;
  /** The channel of a message. */
  channel?: ChannelKind | null;
}

/** Seconds the clock ran between two instants (epoch ms), pauses and closed hours left out. */
export type ElapsedClock = (start: number, end: number, pauses: readonly ClockPause[]) => number;

function pausedWithin(start: number, end: number, pauses: readonly ClockPause[]): number {
  let paused = 0;
  for (const p of pauses) {
    const from = Math.max(start, p.start.getTime());
    const until = Math.min(end, p.end?.getTime() ?? Infinity);
    if (until > from) paused += until - from;
  }
  return paused;
}

/**
 * The clock durations are measured with: wall time without a schedule, else the schedule's open
 * hours. With a `window`, the schedule's open spans in it are worked out once (a report measures
 * thousands of durations in the same weeks); a duration outside it is measured the long way.
 */
export function elapsedClock(schedule: BusinessSchedule | null, window?: { from: Date; to: Date }): ElapsedClock {
  if (!schedule) return (start, end, pauses) => (end <= start ? 0 : (end - start - pausedWithin(start, end, pauses)) / 1000);
  const spans = window ? openSpansBetween(schedule, window.from, window.to) : null;
  const [windowFrom, windowTo] = [window?.from.getTime() ?? 0, window?.to.getTime() ?? 0];
  return (start, end, pauses) => {
    if (end <= start) return 0;
    if (!spans || start < windowFrom || end > windowTo) return businessMinutesBetween(new Date(start), new Date(end), schedule, [...pauses]) * 60;
    let lo = 0;
    let hi = spans.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((spans[mid] as [number, number])[1] <= start) lo = mid + 1;
      else hi = mid;
    }
    let running = 0;
    for (let i = lo; i < spans.length; i++) {
      const [open, close] = spans[i] as [number, number];
      if (open >= end) break;
      const [from, until] = [Math.max(open, start), Math.min(close, end)];
      running += until - from - pausedWithin(from, until, pauses);
    }
    return running / 1000;
  };
}

/** What one conversation contributes to a report. */
export interface ConversationMetrics {
  /** From the customer's first contact (or an earlier wait on another channel) to the first answer. */
  firstResponseSeconds: number | null;
  /** From the first contact to the first resolution; a later reopen does not erase it. */
  resolutionSeconds: number | null;
  /** Each later answer: from the first customer message after the previous answer. */
  nextResponseSeconds: number[];
  resolved: boolean;
  reopened: boolean;
  /** Up to the first resolution: the customer's messages and the distinct channels they came on. */
  contacts: { messages: number; channels: number } | null;
}

/**
 * The metrics of one conversation from its history, in any order (ties keep the given order).
 * Durations run on `clock` and stop while the conversation is pending or snoozed. `waitingSince`:
 * when the customer began waiting, if earlier than this conversation (the SLA clock followed them
 * from another channel or a merged customer's conversation).
 */
export function conversationMetrics(history: readonly ReportEvent[], clock: ElapsedClock, waitingSince: number | null = null): ConversationMetrics {
  const events = [...history].sort((a, b) => a.at - b.at);
  const pauses = clockPauses(
    events.filter((e) => (e.kind === 'status' || e.kind === 'created') && e.to).map((e) => ({ at: new Date(e.at), to: e.to as ConversationStatus })),
  );
  const firstContact = events.find((e) => e.kind === 'created' || e.kind === 'inbound')?.at ?? events[0]?.at ?? null;
  const start = firstContact === null ? waitingSince : waitingSince === null ? firstContact : Math.min(firstContact, waitingSince);

  let firstResponse: number | null = null;
  let firstResolution: number | null = null;
  let resolvedNow = false;
  let reopened = false;
  let waiting: number | null = null;
  const nextResponseSeconds: number[] = [];
  let messages = 0;
  const channels = new Set<string>();
  for (const e of events) {
    if (e.kind === 'inbound') {
      if (firstResolution === null) {
        messages++;
        channels.add(e.channel ?? 'unknown');
      }
      if (firstResponse !== null && waiting === null) waiting = e.at;
    } else if (e.kind === 'reply' || e.kind === 'first_response') {
      if (firstResponse === null) {
        firstResponse = e.at;
        waiting = null;
      } else if (e.kind === 'reply' && waiting !== null) {
        nextResponseSeconds.push(clock(waiting, e.at, pauses));
        waiting = null;
      }
    } else if (e.kind === 'status' && e.to) {
      if (e.to === 'resolved') {
        firstResolution ??= e.at;
        resolvedNow = true;
      } else if (resolvedNow) {
        reopened = true;
        resolvedNow = false;
      }
    }
  }
  return {
    firstResponseSeconds: start !== null && firstResponse !== null ? clock(start, firstResponse, pauses) : null,
    resolutionSeconds: start !== null && firstResolution !== null ? clock(start, firstResolution, pauses) : null,
    nextResponseSeconds,
    resolved: firstResolution !== null,
    reopened,
    contacts: firstResolution !== null ? { messages, channels: channels.size } : null,
  };
}

const round = (value: number | null, digits: number): number | null => (value === null ? null : Math.round(value * 10 ** digits) / 10 ** digits);
const pct = (part: number, whole: number): number | null => (whole ? round((100 * part) / whole, 1) : null);
const average = (values: readonly number[]): number | null => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);

/** CSAT: answers of 4 or 5 out of 5, in %. */
export function csatSatisfiedPct(scores: readonly number[]): number | null {
  return pct(scores.filter((s) => s >= 4).length, scores.length);
}

/** CES: the mean answer (1–7). */
export function cesAverage(scores: readonly number[]): number | null {
  return round(average(scores), 2);
}

/** NPS: % promoters (9–10) minus % detractors (0–6), from −100 to 100. */
export function npsScore(scores: readonly number[]): number | null {
  if (!scores.length) return null;
  return round((100 * (scores.filter((s) => s >= 9).length - scores.filter((s) => s <= 6).length)) / scores.length, 1);
}

/**
 * What the database sums up of a group's conversation metrics (see `conversationMetrics`):
 * medians and 90th percentiles interpolated between ranks (percentile_cont), averages over the
 * resolved conversations; null where nothing was measured.
 */
export interface ConversationAggregate {
  conversations: number;
  resolved: number;
  reopened: number;
  firstResponseMedianSeconds: number | null;
  firstResponseP90Seconds: number | null;
  resolutionMedianSeconds: number | null;
  resolutionP90Seconds: number | null;
  nextResponseMedianSeconds: number | null;
  /** Conversations an SLA policy applied to, and of those the ones that missed no target. */
  underSla: number;
  slaMet: number;
  contactMessages: number | null;
  contactChannels: number | null;
}

export const EMPTY_AGGREGATE: ConversationAggregate = {
  conversations: 0,
  resolved: 0,
  reopened: 0,
  firstResponseMedianSeconds: null,
  firstResponseP90Seconds: null,
  resolutionMedianSeconds: null,
  resolutionP90Seconds: null,
  nextResponseMedianSeconds: null,
  underSla: 0,
  slaMet: 0,
  contactMessages: null,
  contactChannels: null,
};

/** A group's figures: its conversations' aggregate and the survey answers about them. */
export function reportFigures(aggregate: ConversationAggregate, answers: readonly SurveyAnswer[]): ReportFigures {
  const scores = (pick: (a: SurveyAnswer) => number | null) => answers.map(pick).filter((v): v is number => v !== null);
  const [csat, ces, nps] = [scores((a) => a.csat), scores((a) => a.ces), scores((a) => a.nps)];
  return {
    conversations: aggregate.conversations,
    resolved: aggregate.resolved,
    reopened: aggregate.reopened,
    reopenRatePct: pct(aggregate.reopened, aggregate.resolved),
    firstResponseMedianSeconds: round(aggregate.firstResponseMedianSeconds, 0),
    firstResponseP90Seconds: round(aggregate.firstResponseP90Seconds, 0),
    resolutionMedianSeconds: round(aggregate.resolutionMedianSeconds, 0),
    resolutionP90Seconds: round(aggregate.resolutionP90Seconds, 0),
    nextResponseMedianSeconds: round(aggregate.nextResponseMedianSeconds, 0),
    slaMetPct: pct(aggregate.slaMet, aggregate.underSla),
    csat: { responses: csat.length, satisfiedPct: csatSatisfiedPct(csat) },
    ces: { responses: ces.length, average: cesAverage(ces) },
    nps: { responses: nps.length, score: npsScore(nps) },
    contactsPerIssue: { messages: round(aggregate.contactMessages, 2), channels: round(aggregate.contactChannels, 2) },
  };
}

const DAY_MS = 86_400_000;
const utcDay = (ms: number) => new Date(Math.floor(ms / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
/** The Monday (UTC) of the week. */
const utcWeek = (ms: number) => {
  const day = Math.floor(ms / DAY_MS);
  // 1970-01-01 was a Thursday: day 0 is 3 days after a Monday.
  return utcDay((day - ((day + 3) % 7)) * DAY_MS);
};

/** Every day or week of [from, to), so a chart over time has no holes; a week is keyed by its Monday (UTC). */
function periodKeys(groupBy: 'day' | 'week', from: Date, to: Date): string[] {
  const keys: string[] = [];
  const step = groupBy === 'day' ? DAY_MS : 7 * DAY_MS;
  const first = groupBy === 'day' ? utcDay(from.getTime()) : utcWeek(from.getTime());
  for (let t = Date.parse(first); t < to.getTime(); t += step) keys.push(utcDay(t));
  return keys;
}

/**
 * The report's rows and totals from the aggregates per group key (the day or week's first day,
 * YYYY-MM-DD in UTC; the agent's or queue's id, 'none' without; the channel) and the survey
 * answers per group. Days and weeks come in order, every one of the range; agents, queues and
 * channels busiest first. `labelOf` names an agent or queue key ('none' included).
 */
export function reportRows(
  groups: ReadonlyMap<string, ConversationAggregate>,
  totals: ConversationAggregate,
  answersByGroup: ReadonlyMap<string, readonly SurveyAnswer[]>,
  groupBy: ReportGroupBy,
  range: { from: Date; to: Date },
  labelOf: (key: string) => string,
): { rows: ReportRowView[]; totals: ReportFigures } {
  const overTime = groupBy === 'day' || groupBy === 'week';
  const keys = new Set([...(overTime ? periodKeys(groupBy, range.from, range.to) : []), ...groups.keys(), ...answersByGroup.keys()]);
  const label = (key: string) => (groupBy === 'day' || groupBy === 'channel' ? key : groupBy === 'week' ? `Week of ${key}` : labelOf(key));
  const rows = [...keys].map((key) => ({ key, label: label(key), ...reportFigures(groups.get(key) ?? EMPTY_AGGREGATE, answersByGroup.get(key) ?? []) }));
  if (overTime) rows.sort((a, b) => a.key.localeCompare(b.key));
  else rows.sort((a, b) => b.conversations - a.conversations || a.label.localeCompare(b.label));
  return { rows, totals: reportFigures(totals, [...answersByGroup.values()].flat()) };
}

const CSV_COLUMNS: Array<[string, (f: ReportFigures) => number | null]> = [
  ['conversations', (f) => f.conversations],
  ['resolved', (f) => f.resolved],
  ['reopened', (f) => f.reopened],
  ['reopenRatePct', (f) => f.reopenRatePct],
  ['firstResponseMedianSeconds', (f) => f.firstResponseMedianSeconds],
  ['firstResponseP90Seconds', (f) => f.firstResponseP90Seconds],
  ['resolutionMedianSeconds', (f) => f.resolutionMedianSeconds],
  ['resolutionP90Seconds', (f) => f.resolutionP90Seconds],
  ['nextResponseMedianSeconds', (f) => f.nextResponseMedianSeconds],
  ['slaMetPct', (f) => f.slaMetPct],
  ['csatResponses', (f) => f.csat.responses],
  ['csatSatisfiedPct', (f) => f.csat.satisfiedPct],
  ['cesResponses', (f) => f.ces.responses],
  ['cesAverage', (f) => f.ces.average],
  ['npsResponses', (f) => f.nps.responses],
  ['npsScore', (f) => f.nps.score],
  ['contactsPerIssueMessages', (f) => f.contactsPerIssue.messages],
  ['contactsPerIssueChannels', (f) => f.contactsPerIssue.channels],
];

/** A CSV field: quoted when it must be, and never read as a formula by a spreadsheet. */
function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The report as CSV (RFC 4180, CRLF): a header row, one row per group, then the totals (key `total`); empty cells where nothing was measured. */
export function reportCsv(report: { rows: readonly ReportRowView[]; totals: ReportFigures }): string {
  const line = (key: string, label: string, figures: ReportFigures) =>
    [csvField(key), csvField(label), ...CSV_COLUMNS.map(([, pick]) => String(pick(figures) ?? ''))].join(',');
  return [
    ['key', 'label', ...CSV_COLUMNS.map(([name]) => name)].join(','),
    ...report.rows.map((row) => line(row.key, row.label, row)),
    line('total', 'Total', report.totals),
  ]
    .map((l) => `${l}\r\n`)
    .join('');
}
