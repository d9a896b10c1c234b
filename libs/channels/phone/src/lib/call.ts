import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { NormalizedMessage } from '@throughline/domain';
import { resolveCustomerParty, type CustomerParty } from './party';

export const CALL_OUTCOMES = ['answered', 'missed', 'busy', 'voicemail', 'failed', 'in-progress'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];
export type CallDirection = 'inbound' | 'outbound';
export type CallProvider = 'twilio' | 'calllog' | 'zammad' | 'asterisk';

/**
 * How far a call has got. Used both as `NormalizedMessage.updates.rank` and as `call.progress`.
 *
 * Recording and transcription updates share the final rank instead of ranking above it: the
 * writer merges equal ranks, so they merge in whether they arrive before or after the final
 * status (Twilio sends them on separate requests with no ordering guarantee). A higher rank would
 * make the writer drop a final status that arrives after the recording, and the call would stay
 * "ringing" forever. `mergeCallMetadata` keeps the status fields from the more advanced delivery.
 */
export const CALL_RANK = {
  queued: 100,
  initiated: 200,
  ringing: 300,
  inProgress: 400,
  final: 500,
} as const;

/** `metadata.call` of a phone message. Dates are ISO strings. */
export interface CallMetadata {
  /** The provider's call id (also the message's externalId). */
  callId: string;
  provider: CallProvider;
  direction: CallDirection;
  /** The two parties as the provider sent them. */
  from: string;
  to: string;
  /** The customer's side (`from` inbound, `to` outbound) in E.164, when it is a phone number. */
  customerNumber?: string;
  /** `extension` / `withheld`: the customer's side is no phone number, so the identity is `external`. */
  customerParty: CustomerParty;
  /** The provider's own word for the state (`completed`, `no-answer`, `hangup`, `NO ANSWER`…). */
  status: string;
  outcome: CallOutcome;
  /** The CALL_RANK of the delivery the status fields came from. */
  progress: number;
  startedAt?: string;
  answeredAt?: string;
  endedAt?: string;
  /** Talk time (answer to end) for answered calls; start to end otherwise. */
  durationSeconds?: number;
  recordingUrl?: string;
  recordingDurationSeconds?: number;
  transcript?: string;
  /** The agent (name, extension or login) who took or placed the call. */
  agent?: string;
  notes?: string;
  queue?: string;
  /** Twilio answering-machine detection: human, machine_start, machine_end_beep, fax… */
  answeredBy?: string;
  /** Twilio: the parent call of a `<Dial>` leg. */
  parentCallId?: string;
  /** A missed or voicemail inbound call: the customer expects us to call back. */
  callbackRequested: boolean;
}

/**
 * A delivery that only adds to a call (a recording or a transcript): it carries no parties or
 * status, so it can only update a call already stored under the same externalId.
 */
export type CallMetadataPatch = Pick<CallMetadata, 'callId' | 'provider'> & Partial<CallMetadata>;

/** What an adapter read from one delivery; parties, outcome and callback flag are worked out from it. */
export type CallFacts = Pick<CallMetadata, 'callId' | 'provider'> & Partial<Omit<CallMetadata, 'customerNumber' | 'customerParty' | 'callbackRequested'>>;

/** How long after a conversation's last message a call from the same customer still joins it. */
export const DEFAULT_CALL_THREAD_WINDOW_HOURS = 72;

export interface CallContext {
  connectorId: string;
  /** The connector's `callThreadWindowHours`; DEFAULT_CALL_THREAD_WINDOW_HOURS when absent. */
  threadWindowHours?: number;
  /** The workspace's country, for numbers written without a country code. */
  defaultCountry?: string;
  /** When the delivery arrived; the fallback time for events that carry none. */
  receivedAt?: Date;
}

/** Turns one delivery's facts into the call's message; `rank` orders it against other deliveries. */
export function buildCallMessage(
  facts: CallFacts,
  rank: number,
  ctx: CallContext,
  options: { authorName?: string; digitsAreInternational?: boolean } = {},
): NormalizedMessage {
  const call: CallMetadataPatch = { ...facts };
  const identities: NormalizedMessage['identities'] = [];
  if (facts.direction && facts.from !== undefined && facts.to !== undefined) {
    const resolved = resolveCustomerParty(facts.direction === 'inbound' ? facts.from : facts.to, {
      provider: facts.provider,
      callId: facts.callId,
      defaultCountry: ctx.defaultCountry,
      digitsAreInternational: options.digitsAreInternational,
    });
    identities.push(resolved.identity);
    call.customerParty = resolved.party;
    if (resolved.number) call.customerNumber = resolved.number;
  }
  if (call.direction && call.outcome) call.callbackRequested = isCallbackRequested(call.direction, call.outcome);
  return {
    channel: 'phone',
    direction: facts.direction ?? 'inbound',
    externalId: facts.callId,
    occurredAt: facts.startedAt ? new Date(facts.startedAt) : (ctx.receivedAt ?? new Date()),
    identities,
    authorName: options.authorName,
    text: describeCall(call),
    // A call names no earlier message: it joins the caller's open conversation of the last few days.
    threading: { openConversationWithinHours: ctx.threadWindowHours ?? DEFAULT_CALL_THREAD_WINDOW_HOURS },
    updates: { rank },
    metadata: { call: withoutUndefined(call) },
  };
}

function isCallbackRequested(direction: CallDirection, outcome: CallOutcome): boolean {
  return direction === 'inbound' && (outcome === 'missed' || outcome === 'voicemail');
}

/**
 * Merges the metadata of a later delivery of the same call into the stored one, for the writer
 * (which calls it when the incoming rank is >= the stored rank). Pure and order-safe:
 * - status fields (status, outcome, times, duration…) come from the delivery with the higher
 *   `progress`, so a late `ringing` never overwrites `completed`; the other side fills gaps;
 * - recording, transcript and notes are added, never erased by a delivery that lacks them;
 * - the call starts at the earliest start any delivery saw; `voicemail` (learnt from a recording)
 *   outranks a plain `answered`; duration is derived from the times when no delivery gave one.
 * Keys of the metadata other than `call` are shallow-merged, incoming winning.
 * After merging, set the message text to `describeCall(merged.call)`.
 */
export function mergeCallMetadata(stored: Record<string, unknown> | undefined, incoming: Record<string, unknown> | undefined): Record<string, unknown> {
  const storedCall = callOf(stored);
  const incomingCall = callOf(incoming);
  const merged: Record<string, unknown> = { ...stored, ...incoming };
  if (!storedCall || !incomingCall) {
    const only = storedCall ?? incomingCall;
    if (only) merged['call'] = only;
    return merged;
  }
  const incomingLeads = (incomingCall.progress ?? Infinity) >= (storedCall.progress ?? -Infinity);
  const [behind, ahead] = incomingLeads ? [storedCall, incomingCall] : [incomingCall, storedCall];
  const call: CallMetadataPatch = { ...withoutUndefined(behind), ...withoutUndefined(ahead) };
  for (const field of ADDITIVE_FIELDS) {
    const value = incomingCall[field] ?? storedCall[field];
    if (value !== undefined) Object.assign(call, { [field]: value });
  }
  call.startedAt = earliest(storedCall.startedAt, incomingCall.startedAt);
  call.progress = Math.max(storedCall.progress ?? 0, incomingCall.progress ?? 0) || undefined;
  if ((storedCall.outcome === 'voicemail' || incomingCall.outcome === 'voicemail') && call.outcome === 'answered') {
    call.outcome = 'voicemail';
  }
  if (call.durationSeconds === undefined && call.outcome && call.outcome !== 'in-progress') {
    call.durationSeconds = secondsBetween(call.outcome === 'answered' ? call.answeredAt : call.startedAt, call.endedAt);
  }
  if (call.direction && call.outcome) call.callbackRequested = isCallbackRequested(call.direction, call.outcome);
  merged['call'] = withoutUndefined(call);
  return merged;
}

const ADDITIVE_FIELDS = ['recordingUrl', 'recordingDurationSeconds', 'transcript', 'notes', 'agent'] as const;

function callOf(metadata: Record<string, unknown> | undefined): CallMetadataPatch | undefined {
  const call = metadata?.['call'];
  return call && typeof call === 'object' ? (call as CallMetadataPatch) : undefined;
}

function earliest(a: string | undefined, b: string | undefined): string | undefined {
  if (!a || !b) return a ?? b;
  return Date.parse(a) <= Date.parse(b) ? a : b;
}

function secondsBetween(from: string | undefined, to: string | undefined): number | undefined {
  if (!from || !to) return undefined;
  const seconds = Math.round((Date.parse(to) - Date.parse(from)) / 1000);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/**
 * One line saying what happened ("Missed call from +1 641-454-9805", "Answered call to …, 4 min
 * 12 s"), then the transcript and notes when there are any.
 */
export function describeCall(call: CallMetadataPatch): string {
  const parts = [summaryOf(call)];
  if (call.transcript) parts.push(`Transcript:\n${call.transcript}`);
  if (call.notes) parts.push(`Notes: ${call.notes}`);
  return parts.join('\n\n');
}

function summaryOf(call: CallMetadataPatch): string {
  if (!call.direction || !call.outcome) {
    if (call.recordingUrl) return `Call recording${lengthOf(call.recordingDurationSeconds)}`;
    return call.transcript ? 'Call transcript' : 'Call update';
  }
  const party = displayNumber(call);
  const duration = lengthOf(call.durationSeconds);
  if (call.direction === 'inbound') {
    switch (call.outcome) {
      case 'answered':
        return `Answered call from ${party}${duration}`;
      case 'missed':
        return `Missed call from ${party}`;
      case 'busy':
        return `Call from ${party} got a busy line`;
      case 'voicemail':
        return `Voicemail from ${party}${lengthOf(call.recordingDurationSeconds)}`;
      case 'failed':
        return `Failed call from ${party}`;
      case 'in-progress':
        return `Call from ${party} in progress (${call.status})`;
    }
  }
  switch (call.outcome) {
    case 'answered':
      return `Answered call to ${party}${duration}`;
    case 'missed':
      return `Unanswered call to ${party}`;
    case 'busy':
      return `Call to ${party}: line busy`;
    case 'voicemail':
      return `Call to ${party} reached voicemail${duration}`;
    case 'failed':
      return `Failed call to ${party}`;
    case 'in-progress':
      return `Call to ${party} in progress (${call.status})`;
  }
}

function displayNumber(call: CallMetadataPatch): string {
  const raw = (call.direction === 'inbound' ? call.from : call.to) ?? 'unknown number';
  if (call.customerParty === 'withheld') return 'a withheld number';
  if (!call.customerNumber) return raw;
  return parsePhoneNumberFromString(call.customerNumber)?.formatInternational() ?? call.customerNumber;
}

function lengthOf(seconds: number | undefined): string {
  return seconds === undefined ? '' : `, ${formatDuration(seconds)}`;
}

/** 252 → "4 min 12 s"; 3600 → "1 h 0 min"; 17 → "17 s". */
export function formatDuration(totalSeconds: number): string {
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = Math.round(totalSeconds % 60);
  if (hours) return `${hours} h ${minutes} min`;
  if (minutes) return seconds ? `${minutes} min ${seconds} s` : `${minutes} min`;
  return `${seconds} s`;
}
