import { createHash } from 'node:crypto';
import { InvalidPayloadError, type NormalizedMessage } from '@throughline/domain';
import { buildCallMessage, CALL_RANK, type CallContext, type CallFacts, type CallOutcome } from '../call';
import { firstValue, parseUrlEncodedForm } from '../form';
import type { TwilioParams } from './signature';

/** A Twilio webhook body (`application/x-www-form-urlencoded`); repeated names become arrays. */
export function parseTwilioForm(rawBody: Buffer): TwilioParams {
  return parseUrlEncodedForm(rawBody);
}

type TwilioCallbackKind = 'status' | 'recording' | 'transcription';

function callbackKind(params: TwilioParams): TwilioCallbackKind | undefined {
  if (firstValue(params, 'TranscriptionStatus') !== undefined || firstValue(params, 'TranscriptionText') !== undefined) return 'transcription';
  if (firstValue(params, 'RecordingStatus') !== undefined) return 'recording';
  if (firstValue(params, 'CallStatus') !== undefined) return 'status';
  return undefined;
}

const STATUSES: Record<string, { rank: number; outcome: CallOutcome }> = {
  queued: { rank: CALL_RANK.queued, outcome: 'in-progress' },
  initiated: { rank: CALL_RANK.initiated, outcome: 'in-progress' },
  ringing: { rank: CALL_RANK.ringing, outcome: 'in-progress' },
  'in-progress': { rank: CALL_RANK.inProgress, outcome: 'in-progress' },
  completed: { rank: CALL_RANK.final, outcome: 'answered' },
  busy: { rank: CALL_RANK.final, outcome: 'busy' },
  failed: { rank: CALL_RANK.final, outcome: 'failed' },
  'no-answer': { rank: CALL_RANK.final, outcome: 'missed' },
  canceled: { rank: CALL_RANK.final, outcome: 'missed' },
};

/**
 * A stable id for one raw delivery, so a redelivered callback is recognised: the call, what kind
 * of callback it is, and what distinguishes it from the call's other callbacks (status and
 * SequenceNumber, recording sid and status, transcription sid and status).
 */
export function twilioRawEventId(params: TwilioParams): string {
  const get = (name: string) => firstValue(params, name) ?? '';
  const callSid = get('CallSid');
  switch (callSid ? callbackKind(params) : undefined) {
    case 'status':
      return `${callSid}:status:${get('CallStatus')}:${get('SequenceNumber')}`;
    case 'recording':
      return `${callSid}:recording:${get('RecordingSid')}:${get('RecordingStatus')}`;
    case 'transcription':
      return `${callSid}:transcription:${get('TranscriptionSid') || get('RecordingSid')}:${get('TranscriptionStatus')}`;
    default: {
      const canonical = Object.keys(params)
        .sort()
        .map((name) => `${name}=${([] as string[]).concat(params[name]).join(',')}`)
        .join('&');
      return `twilio:${createHash('sha256').update(canonical).digest('hex')}`;
    }
  }
}

/**
 * One Twilio voice callback, keyed on CallSid:
 * - call status callbacks (every CallStatus; `AnsweredBy=machine_*` → voicemail, `fax` → failed;
 *   no-answer/canceled → missed, which asks for a callback on an inbound call). `completed`
 *   reads as answered: for an inbound call it means our TwiML picked up, so a voicemail left
 *   with `<Record>` is only recognised once its recording callback merges in;
 * - recording status callbacks (the recording URL, or a note saying why there is none);
 * - transcription callbacks (the transcript).
 * Recording and transcription callbacks carry no parties, so they only update a stored call.
 * Twilio messaging callbacks (a MessageSid without a CallSid) are no calls: [].
 */
export function normalizeTwilioCallback(params: TwilioParams, ctx: CallContext): NormalizedMessage[] {
  const get = (name: string) => firstValue(params, name)?.trim() || undefined;
  const callSid = get('CallSid');
  if (!callSid) {
    if (get('MessageSid')) return [];
    throw new InvalidPayloadError('CallSid: missing; not a Twilio voice callback');
  }
  switch (callbackKind(params)) {
    case 'status':
      return [statusMessage(callSid, get, ctx)];
    case 'recording':
      return recordingMessage(callSid, get, ctx);
    case 'transcription':
      return [transcriptionMessage(callSid, get, ctx)];
    default:
      throw new InvalidPayloadError('CallStatus: missing (and no RecordingStatus or TranscriptionStatus); not a call callback');
  }
}

type Field = (name: string) => string | undefined;

function statusMessage(callSid: string, get: Field, ctx: CallContext): NormalizedMessage {
  const callStatus = get('CallStatus') ?? '';
  const status = STATUSES[callStatus];
  if (!status) throw new InvalidPayloadError(`CallStatus: unknown value "${callStatus}"`);
  const direction = get('Direction');
  if (!direction) throw new InvalidPayloadError('Direction: missing');
  const from = get('From') ?? get('Caller');
  const to = get('To') ?? get('Called');
  if (from === undefined) throw new InvalidPayloadError('From: missing');
  if (to === undefined) throw new InvalidPayloadError('To: missing');

  const answeredBy = get('AnsweredBy');
  const at = dateOf(get('Timestamp'), 'Timestamp');
  const callDuration = secondsOf(get('CallDuration'), 'CallDuration');
  const facts: CallFacts = {
    callId: callSid,
    provider: 'twilio',
    // outbound-api, outbound-dial and trunking-originating calls leave us; the others reach us.
    direction: direction === 'inbound' || direction === 'trunking-terminating' ? 'inbound' : 'outbound',
    from,
    to,
    status: callStatus,
    outcome: outcomeOf(status.outcome, callStatus, answeredBy),
    progress: status.rank,
    answeredBy,
    parentCallId: get('ParentCallSid'),
    recordingUrl: get('RecordingUrl'),
    recordingDurationSeconds: secondsOf(get('RecordingDuration'), 'RecordingDuration'),
  };
  if (at && status.rank < CALL_RANK.inProgress) facts.startedAt = at.toISOString();
  if (at && status.rank === CALL_RANK.inProgress) facts.answeredAt = at.toISOString();
  if (status.rank === CALL_RANK.final) {
    facts.durationSeconds = callDuration;
    if (at) {
      facts.endedAt = at.toISOString();
      // Twilio sends no start time with the final callback; the duration gives it back.
      facts.startedAt = new Date(at.getTime() - (callDuration ?? 0) * 1000).toISOString();
    }
  }
  const callerName = get('CallerName');
  return buildCallMessage(facts, status.rank, ctx, { authorName: facts.direction === 'inbound' ? callerName : undefined });
}

function outcomeOf(outcome: CallOutcome, callStatus: string, answeredBy: string | undefined): CallOutcome {
  if (!answeredBy || (callStatus !== 'in-progress' && callStatus !== 'completed')) return outcome;
  if (answeredBy.startsWith('machine_')) return 'voicemail';
  if (answeredBy === 'fax') return 'failed';
  return outcome;
}

function recordingMessage(callSid: string, get: Field, ctx: CallContext): NormalizedMessage[] {
  const recordingStatus = get('RecordingStatus');
  const facts: CallFacts = { callId: callSid, provider: 'twilio' };
  switch (recordingStatus) {
    case 'completed':
      facts.recordingUrl = get('RecordingUrl');
      facts.recordingDurationSeconds = secondsOf(get('RecordingDuration'), 'RecordingDuration');
      // The <Record> verb is how a caller leaves a voicemail; <Dial record> records a conversation.
      if (get('RecordingSource') === 'RecordVerb') facts.outcome = 'voicemail';
      break;
    case 'absent':
      facts.notes = `No recording: ${RECORDING_ERRORS[get('ErrorCode') ?? ''] ?? `Twilio reported it absent (error ${get('ErrorCode') ?? 'unknown'})`}`;
      break;
    case 'failed':
      facts.notes = `Recording failed (Twilio error ${get('ErrorCode') ?? 'unknown'})`;
      break;
    default:
      // in-progress: the recording has started; its completed callback will carry the URL.
      return [];
  }
  return [buildCallMessage(facts, CALL_RANK.final, ctx)];
}

const RECORDING_ERRORS: Record<string, string> = {
  '16101': 'the recording was too short (Twilio error 16101)',
  '16102': 'the recording was silent (Twilio error 16102)',
};

function transcriptionMessage(callSid: string, get: Field, ctx: CallContext): NormalizedMessage {
  const facts: CallFacts = { callId: callSid, provider: 'twilio', recordingUrl: get('RecordingUrl') };
  if (get('TranscriptionStatus') === 'failed') facts.notes = 'Transcription failed';
  else facts.transcript = get('TranscriptionText');
  return buildCallMessage(facts, CALL_RANK.final, ctx);
}

function dateOf(value: string | undefined, field: string): Date | undefined {
  if (value === undefined) return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new InvalidPayloadError(`${field}: "${value}" is not a date`);
  return date;
}

function secondsOf(value: string | undefined, field: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new InvalidPayloadError(`${field}: "${value}" is not a number of seconds`);
  return Number(value);
}
