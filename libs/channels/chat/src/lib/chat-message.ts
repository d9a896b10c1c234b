import { createHash } from 'node:crypto';
import { z } from 'zod';
import { type Identity, InvalidPayloadError, type NormalizedMessage, normalizeEmail, rooms } from '@throughline/domain';

/**
 * What the `/chat` gateway stores in raw_events for one visitor message, before acknowledging it.
 * Written by our own gateway after the handshake was checked, so `verified` is what the site
 * proved with its HMAC and `claimedEmail` is what the visitor typed.
 */
export interface ChatRawMessage {
  type: 'message';
  /** The chat message id the visitor's ack carries; the raw event's and the message's external id. */
  id: string;
  visitorId: string;
  clientId: string;
  text: string;
  sentAt: string;
  name?: string;
  claimedEmail?: string;
  verified?: { email?: string; userId?: string };
  origin?: string;
}

const rawSchema = z.object({
  type: z.literal('message'),
  id: z.string().min(1).max(100),
  visitorId: z.uuid(),
  clientId: z.string().min(1).max(64),
  text: z.string().min(1),
  sentAt: z.iso.datetime({ offset: true }),
  name: z.string().max(120).optional(),
  claimedEmail: z.string().max(320).optional(),
  verified: z.object({ email: z.string().optional(), userId: z.string().optional() }).optional(),
  origin: z.string().optional(),
});

/**
 * The id of a visitor's message: the same visitor resending the same clientId (after a reconnect)
 * gets the same id, so the redelivery is a no-op and the widget can match its pending copy.
 */
export function chatMessageId(visitorId: string, clientId: string): string {
  return createHash('sha256').update(`${visitorId}\n${clientId}`).digest('base64url').slice(0, 24);
}

/** The thread key of a visitor's conversation: one conversation per visitor, reopened when they write again. */
export const chatThreadKey = (visitorId: string) => rooms.visitor(visitorId);

/** The visitor a chat conversation belongs to, from its thread key; null for any other conversation. */
export function visitorIdOfThreadKey(threadKey: string | null): string | null {
  const prefix = rooms.visitor('');
  return threadKey?.startsWith(prefix) ? threadKey.slice(prefix.length) : null;
}

/** A site's signed-in user id: scoped to the connector, because two sites' user ids are unrelated. */
export const chatUserIdentity = (connectorId: string, userId: string): Identity => ({ kind: 'external', value: `${connectorId}:${userId}` });

/**
 * A stored visitor message as a NormalizedMessage. Identities, most specific first: the email the
 * site signed, its signed user id, then the visitor (kind `chat`). An email typed into the
 * pre-chat form is only claimed: it never links the chat to whoever owns that address.
 */
export function normalizeChatMessage(payload: Buffer | string, ctx: { connectorId: string }): NormalizedMessage {
  let json: unknown;
  try {
    json = JSON.parse(payload.toString());
  } catch (err) {
    throw new InvalidPayloadError(`chat event is not JSON: ${(err as Error).message}`);
  }
  const parsed = rawSchema.safeParse(json);
  if (!parsed.success) throw new InvalidPayloadError(`chat event: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const event = parsed.data;
  const identities: NormalizedMessage['identities'] = [];
  if (event.verified?.email) identities.push({ kind: 'email', value: normalizeEmail(event.verified.email), verified: true });
  if (event.verified?.userId) identities.push({ ...chatUserIdentity(ctx.connectorId, event.verified.userId), verified: true });
  identities.push({ kind: 'chat', value: event.visitorId, verified: true });
  const claimed = event.claimedEmail && event.claimedEmail !== event.verified?.email ? normalizeEmail(event.claimedEmail) : undefined;
  return {
    channel: 'chat',
    direction: 'inbound',
    externalId: event.id,
    occurredAt: new Date(event.sentAt),
    identities,
    ...(claimed ? { claimedIdentities: [{ kind: 'email' as const, value: claimed }] } : {}),
    authorName: event.name,
    text: event.text,
    threadKey: chatThreadKey(event.visitorId),
    metadata: {
      chat: {
        visitorId: event.visitorId,
        clientId: event.clientId,
        ...(event.origin ? { origin: event.origin } : {}),
        ...(claimed ? { claimedEmail: claimed } : {}),
        ...(event.verified ? { verified: event.verified } : {}),
      },
    },
  };
}
