import { z } from 'zod';
import { IdentityError, InvalidPayloadError, normalizeEmail, normalizePhone, type Identity, type NormalizedMessage } from '@throughline/domain';

export const genericPayloadSchema = z.object({
  externalId: z.string().trim().min(1).max(255),
  occurredAt: z.iso.datetime({ offset: true }),
  from: z
    .object({
      email: z.string().max(320).optional(),
      phone: z.string().max(64).optional(),
      handle: z.string().max(255).optional(),
      name: z.string().max(255).optional(),
    })
    .refine((f) => Boolean(f.email || f.phone || f.handle), { message: 'needs at least one of email, phone or handle' }),
  text: z.string().min(1).max(100_000),
  threadKey: z.string().trim().min(1).max(255).optional(),
  subject: z.string().max(998).optional(),
});

export type GenericPayload = z.infer<typeof genericPayloadSchema>;

/** A payload that cannot become a message; `message` names the offending field(s). */
export class GenericPayloadError extends InvalidPayloadError {
  constructor(message: string) {
    super(message);
    this.name = 'GenericPayloadError';
  }
}

/** Parses and validates a raw body; throws GenericPayloadError saying which field is wrong. */
export function parseGenericPayload(body: Buffer | string): GenericPayload {
  let json: unknown;
  try {
    json = JSON.parse(typeof body === 'string' ? body : body.toString('utf8'));
  } catch (err) {
    throw new GenericPayloadError(`body is not valid JSON: ${(err as Error).message}`);
  }
  const result = genericPayloadSchema.safeParse(json);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.length ? i.path.join('.') : 'body'}: ${i.message}`);
    throw new GenericPayloadError(problems.join('; '));
  }
  return result.data;
}

/**
 * A generic handle is an account in the sender's own system, so it is an `external` identity
 * scoped to the connector: the same handle on two systems may be two people.
 */
function identitiesOf(from: GenericPayload['from'], connectorId: string, defaultCountry?: string): Identity[] {
  const identities: Identity[] = [];
  try {
    if (from.email) identities.push({ kind: 'email', value: normalizeEmail(from.email) });
    if (from.phone) identities.push({ kind: 'phone', value: normalizePhone(from.phone, defaultCountry) });
  } catch (err) {
    if (err instanceof IdentityError) throw new GenericPayloadError(`from.${err.kind}: ${err.message}`);
    throw err;
  }
  if (from.handle) identities.push({ kind: 'external', value: `${connectorId}:${from.handle.trim().replace(/^@/, '').toLowerCase()}` });
  return identities;
}

export function normalizeGenericPayload(payload: GenericPayload, ctx: { connectorId: string; defaultCountry?: string }): NormalizedMessage {
  return {
    channel: 'generic',
    direction: 'inbound',
    externalId: payload.externalId,
    occurredAt: new Date(payload.occurredAt),
    identities: identitiesOf(payload.from, ctx.connectorId, ctx.defaultCountry),
    authorName: payload.from.name?.trim() || undefined,
    subject: payload.subject,
    text: payload.text,
    threadKey: payload.threadKey,
    metadata: payload.from.handle ? { handle: payload.from.handle } : undefined,
  };
}
