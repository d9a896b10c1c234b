import { z } from 'zod';
import { InvalidPayloadError, type NormalizedMessage } from '@throughline/domain';
import { buildCallMessage, CALL_OUTCOMES, CALL_RANK, type CallContext } from './call';

const isoDateTime = z.iso.datetime({ offset: true });

/**
 * A finished (or running) call posted by any phone system to `POST …/calls`, signed like the
 * generic channel (the server checks the signature with the generic library).
 */
export const callLogPayloadSchema = z
  .object({
    callId: z.string().trim().min(1).max(255),
    direction: z.enum(['inbound', 'outbound']),
    from: z.string().trim().min(1).max(255),
    to: z.string().trim().min(1).max(255),
    startedAt: isoDateTime,
    answeredAt: isoDateTime.optional(),
    endedAt: isoDateTime.optional(),
    /** Derived when absent: answered if there is an answeredAt, else missed. */
    outcome: z.enum(CALL_OUTCOMES).optional(),
    agent: z.string().trim().min(1).max(255).optional(),
    recordingUrl: z.url({ protocol: /^https?$/ }).optional(),
    transcript: z.string().max(100_000).optional(),
    notes: z.string().max(10_000).optional(),
  })
  .superRefine((payload, ctx) => {
    const start = Date.parse(payload.startedAt);
    for (const field of ['answeredAt', 'endedAt'] as const) {
      const value = payload[field];
      if (value && Date.parse(value) < start) ctx.addIssue({ code: 'custom', path: [field], message: 'is before startedAt' });
    }
  });

export type CallLogPayload = z.infer<typeof callLogPayloadSchema>;

/** Parses and validates a call log body; throws InvalidPayloadError naming the offending fields. */
export function parseCallLogPayload(raw: Buffer): CallLogPayload {
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch (err) {
    throw new InvalidPayloadError(`body is not valid JSON: ${(err as Error).message}`);
  }
  const result = callLogPayloadSchema.safeParse(json);
  if (!result.success) {
    throw new InvalidPayloadError(result.error.issues.map((i) => `${i.path.length ? i.path.join('.') : 'body'}: ${i.message}`).join('; '));
  }
  return result.data;
}

export function normalizeCallLog(payload: CallLogPayload, ctx: CallContext): NormalizedMessage {
  const outcome = payload.outcome ?? (payload.answeredAt ? 'answered' : 'missed');
  const rank = outcome === 'in-progress' ? CALL_RANK.inProgress : CALL_RANK.final;
  const iso = (value: string | undefined) => (value ? new Date(value).toISOString() : undefined);
  const talkFrom = outcome === 'answered' ? (payload.answeredAt ?? payload.startedAt) : payload.startedAt;
  return buildCallMessage(
    {
      callId: payload.callId,
      provider: 'calllog',
      direction: payload.direction,
      from: payload.from,
      to: payload.to,
      status: outcome,
      outcome,
      progress: rank,
      startedAt: iso(payload.startedAt),
      answeredAt: iso(payload.answeredAt),
      endedAt: iso(payload.endedAt),
      durationSeconds: payload.endedAt ? Math.round((Date.parse(payload.endedAt) - Date.parse(talkFrom)) / 1000) : undefined,
      recordingUrl: payload.recordingUrl,
      transcript: payload.transcript,
      agent: payload.agent,
      notes: payload.notes,
    },
    rank,
    ctx,
  );
}
