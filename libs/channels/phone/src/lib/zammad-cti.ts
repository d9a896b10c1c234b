import { z } from 'zod';
import { InvalidPayloadError, type NormalizedMessage } from '@throughline/domain';
import { buildCallMessage, CALL_RANK, type CallContext, type CallFacts, type CallOutcome } from './call';
import { parseMultipartForm, parseUrlEncodedForm, type FormFields } from './form';

/*
 * Zammad's generic CTI API (docs.zammad.org "Generic CTI", zammad/zammad-documentation
 * api/generic-cti/*-event.rst): a PBX posts `newCall`, `answer` and `hangup` events for a call as
 * JSON or form data. Zammad authenticates them only by a secret token in the URL path; there is
 * no signature and no event time, so the server's receive time stands in for it.
 */

/** Hang-up causes Zammad documents; other values are accepted and read like a plain hang-up. */
export const ZAMMAD_HANGUP_CAUSES = ['normalClearing', 'busy', 'cancel', 'noAnswer', 'congestion', 'notFound', 'forwarded'] as const;

const text = z.string().trim().max(255);

export const zammadCtiEventSchema = z.object({
  event: z.enum(['newCall', 'answer', 'hangup']),
  /** Digits (international without `+`, or national with a leading 0), or `anonymous`. */
  from: text,
  to: text,
  direction: z.enum(['in', 'out']),
  callId: z.string().trim().min(1).max(250),
  /** Real names: of the agents called (in) or of the calling agent (out); `user[]` in form data. */
  user: z
    .union([text, z.array(text)])
    .optional()
    .transform((u) => (u === undefined ? [] : [u].flat().filter(Boolean))),
  queue: text.optional(),
  cause: text.optional(),
  /** The answering agent's phone, login or id. */
  answeringNumber: text.optional(),
});

export type ZammadCtiEvent = z.infer<typeof zammadCtiEventSchema>;

/** Parses a CTI event sent as JSON, `application/x-www-form-urlencoded` or `multipart/form-data`. */
export function parseZammadCtiEvent(raw: Buffer, contentType: string): ZammadCtiEvent {
  const type = contentType.toLowerCase();
  let body: unknown;
  if (type.includes('multipart/form-data')) body = fromForm(parseMultipartForm(raw, contentType));
  else if (type.includes('application/x-www-form-urlencoded')) body = fromForm(parseUrlEncodedForm(raw));
  else if (type.includes('json') || raw.toString('utf8').trimStart().startsWith('{')) {
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch (err) {
      throw new InvalidPayloadError(`body is not valid JSON: ${(err as Error).message}`);
    }
  } else {
    body = fromForm(parseUrlEncodedForm(raw));
  }
  const result = zammadCtiEventSchema.safeParse(body);
  if (!result.success) {
    throw new InvalidPayloadError(result.error.issues.map((i) => `${i.path.length ? i.path.join('.') : 'body'}: ${i.message}`).join('; '));
  }
  return result.data;
}

/** Form data names the agent list `user[]` (Rails array syntax); JSON calls it `user`. */
function fromForm(fields: FormFields): Record<string, unknown> {
  const { 'user[]': users, ...rest } = fields;
  return users === undefined ? rest : { ...rest, user: [users, rest['user'] ?? []].flat() };
}

const CAUSE_OUTCOMES: Record<string, CallOutcome> = {
  normalClearing: 'answered',
  busy: 'busy',
  cancel: 'missed',
  noAnswer: 'missed',
  congestion: 'failed',
  notFound: 'failed',
  // Zammad does not count a forwarded call as missed: someone else took it.
  forwarded: 'answered',
};

const EVENT_RANKS = { newCall: CALL_RANK.ringing, answer: CALL_RANK.inProgress, hangup: CALL_RANK.final } as const;

/** One CTI event as the call's current state; ranks newCall < answer < hangup. */
export function normalizeZammadCtiEvent(event: ZammadCtiEvent, ctx: CallContext): NormalizedMessage {
  const at = (ctx.receivedAt ?? new Date()).toISOString();
  const rank = EVENT_RANKS[event.event];
  const facts: CallFacts = {
    callId: event.callId,
    provider: 'zammad',
    direction: event.direction === 'in' ? 'inbound' : 'outbound',
    from: event.from,
    to: event.to,
    status: event.event === 'hangup' && event.cause ? event.cause : event.event,
    outcome: 'in-progress',
    progress: rank,
    agent: event.user.join(', ') || event.answeringNumber,
    queue: event.queue,
  };
  if (event.event === 'newCall') facts.startedAt = at;
  if (event.event === 'answer') facts.answeredAt = at;
  if (event.event === 'hangup') {
    facts.endedAt = at;
    facts.outcome = (event.cause && CAUSE_OUTCOMES[event.cause]) || (event.answeringNumber ? 'answered' : 'missed');
    if (event.cause === 'forwarded') facts.notes = 'Forwarded to another party';
  }
  return buildCallMessage(facts, rank, ctx, { digitsAreInternational: true });
}

/**
 * What Zammad's API answers a PBX: `{}`, or for newCall `{"action":"reject","reason":"busy"}` to
 * block a caller, or `{"action":"dial","caller_id":…,"number":…}` to set the outbound caller id.
 */
export type ZammadCtiResponse = Record<string, never> | { action: 'reject'; reason: 'busy' } | { action: 'dial'; caller_id: string; number: string };

/**
 * The body to answer a CTI event with. Always `{}` for now: we keep no caller block list and no
 * outbound caller-id rules, and `{}` tells the PBX to carry on as usual.
 */
export function zammadCtiResponse(): ZammadCtiResponse {
  return {};
}
