import { addBusinessMinutes, type BusinessSchedule, type ClockPause } from './business-time';
import type { ChannelKind, ConversationStatus, Priority } from './channel';

export const SLA_STATUSES = ['ok', 'at_risk', 'breached'] as const;
export type SlaStatus = (typeof SLA_STATUSES)[number];

export const SLA_TARGET_KINDS = ['first_response', 'next_response', 'resolution'] as const;
export type SlaTargetKind = (typeof SLA_TARGET_KINDS)[number];

/** A target missed: its due time and when Throughline recorded the miss. */
export interface SlaBreach {
  kind: SlaTargetKind;
  dueAt: string;
  at: string;
}

/** Default share of a target left when a conversation counts as at risk. */
export const DEFAULT_SLA_AT_RISK_SHARE = 0.25;

/** Statuses during which the SLA clock does not run: the customer has to act, or an agent put it aside. */
export const SLA_PAUSED_STATUSES: readonly ConversationStatus[] = ['pending', 'snoozed'];

export interface SlaPolicyMatch {
  queueId?: string | null;
  priority?: Priority | null;
  channel?: ChannelKind | null;
}

export interface SlaPolicyTargets {
  firstResponseMinutes: number;
  nextResponseMinutes: number | null;
  resolutionMinutes: number | null;
}

/** The policy of a conversation: the first by `position` (then id, for a stable order) whose every stated criterion holds. */
export function matchSlaPolicy<P extends { id: string; position: number; match: SlaPolicyMatch }>(
  policies: readonly P[],
  conversation: { queueId: string | null; priority: Priority; channel: ChannelKind },
): P | null {
  const ordered = [...policies].sort((a, b) => a.position - b.position || a.id.localeCompare(b.id));
  return (
    ordered.find(
      ({ match }) =>
        (match.queueId == null || match.queueId === conversation.queueId) &&
        (match.priority == null || match.priority === conversation.priority) &&
        (match.channel == null || match.channel === conversation.channel),
    ) ?? null
  );
}

/** The spans a conversation spent pending or snoozed, from its status changes in time order. */
export function clockPauses(statusChanges: ReadonlyArray<{ at: Date; to: ConversationStatus }>): ClockPause[] {
  const pauses: ClockPause[] = [];
  let open: ClockPause | null = null;
  for (const change of [...statusChanges].sort((a, b) => a.at.getTime() - b.at.getTime())) {
    const paused = SLA_PAUSED_STATUSES.includes(change.to);
    if (paused && !open) {
      open = { start: change.at, end: null };
      pauses.push(open);
    } else if (!paused && open) {
      open.end = change.at;
      open = null;
    }
  }
  return pauses;
}

export interface SlaClockInput {
  policy: SlaPolicyTargets;
  schedule: BusinessSchedule | null;
  pauses: ClockPause[];
  /** When the customer started waiting for a first answer: the conversation's start, or an earlier unanswered contact on another channel. */
  waitingSince: Date;
  /** When the conversation started: the resolution clock. */
  openedAt: Date;
  firstResponseMet: boolean;
  /** The first customer message since the last answer, when the customer is waiting for the next one. */
  awaitingReplySince: Date | null;
  resolved: boolean;
  atRiskShare: number;
}

/** A running target; `dueAt` (and `warnAt`) null while the clock is paused without end. */
export interface SlaTarget {
  kind: SlaTargetKind;
  dueAt: Date | null;
  warnAt: Date | null;
}

/** The targets still running for a conversation, with their due and warning times in business time. */
export function slaTargets(input: SlaClockInput): SlaTarget[] {
  if (input.resolved) return [];
  const target = (kind: SlaTargetKind, start: Date, minutes: number): SlaTarget => ({
    kind,
    dueAt: addBusinessMinutes(start, minutes, input.schedule, input.pauses),
    warnAt: addBusinessMinutes(start, minutes * (1 - input.atRiskShare), input.schedule, input.pauses),
  });
  const targets: SlaTarget[] = [];
  const { firstResponseMinutes, nextResponseMinutes, resolutionMinutes } = input.policy;
  if (!input.firstResponseMet) targets.push(target('first_response', input.waitingSince, firstResponseMinutes));
  else if (nextResponseMinutes !== null && input.awaitingReplySince) targets.push(target('next_response', input.awaitingReplySince, nextResponseMinutes));
  if (resolutionMinutes !== null) targets.push(target('resolution', input.openedAt, resolutionMinutes));
  return targets;
}

export interface SlaEvaluation {
  status: SlaStatus;
  /** Targets found overdue now that were not recorded before. */
  newBreaches: SlaBreach[];
  /** When the state can next change by the clock alone (a warning or a due time); null when never. */
  checkAt: Date | null;
}

/** Where the targets stand at `now`; a breach already recorded (same kind and due time) is not recorded twice. */
export function evaluateSla(targets: readonly SlaTarget[], now: Date, recorded: readonly SlaBreach[]): SlaEvaluation {
  let status: SlaStatus = 'ok';
  const newBreaches: SlaBreach[] = [];
  let checkAt: number | null = null;
  const later = (t: Date) => (checkAt = checkAt === null ? t.getTime() : Math.min(checkAt, t.getTime()));
  for (const { kind, dueAt, warnAt } of targets) {
    if (!dueAt) continue;
    if (dueAt <= now) {
      status = 'breached';
      const dueIso = dueAt.toISOString();
      if (!recorded.some((b) => b.kind === kind && b.dueAt === dueIso)) newBreaches.push({ kind, dueAt: dueIso, at: now.toISOString() });
    } else if (warnAt && warnAt <= now) {
      if (status === 'ok') status = 'at_risk';
      later(dueAt);
    } else {
      later(warnAt ?? dueAt);
    }
  }
  return { status, newBreaches, checkAt: checkAt === null ? null : new Date(checkAt) };
}

/** Another conversation of the same customer, as the clock-following rule sees it. */
export interface CustomerWait {
  id: string;
  status: ConversationStatus;
  /** Null when no SLA applies to it. */
  waitingSince: Date | null;
  firstResponseMet: boolean;
}

const waitingForFirstAnswer = (c: CustomerWait) => c.status !== 'resolved' && !c.firstResponseMet && c.waitingSince !== null;

/**
 * The clock follows the customer: a new conversation of someone already waiting for a first
 * answer elsewhere starts its first-response clock when they first wrote, not now.
 */
export function inheritedWaitingSince(ownStart: Date, others: readonly CustomerWait[]): { waitingSince: Date; from: string | null } {
  let earliest: { waitingSince: Date; from: string | null } = { waitingSince: ownStart, from: null };
  for (const other of others.filter(waitingForFirstAnswer)) {
    if ((other.waitingSince as Date) < earliest.waitingSince) earliest = { waitingSince: other.waitingSince as Date, from: other.id };
  }
  return earliest;
}

/** An answer in one conversation is the customer's first answer: it meets the first response of their other waiting conversations too. */
export function conversationsMetByAnswer(answeredId: string, others: readonly CustomerWait[]): string[] {
  return others.filter((c) => c.id !== answeredId && waitingForFirstAnswer(c)).map((c) => c.id);
}
