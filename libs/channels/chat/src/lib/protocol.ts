import { z } from 'zod';
import { CHAT_LIMITS, IdentityError, normalizeEmail, type ChatIdentityClaim } from '@throughline/domain';

/** Why a handshake or a visitor event was refused, in words a site developer can act on. */
export class ChatProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChatProtocolError';
  }
}

function describe(error: z.ZodError, prefix: string): string {
  return error.issues.map((issue) => `${[prefix, ...issue.path].filter(Boolean).join('.')}: ${issue.message}`).join('; ');
}

/** Empty form fields count as absent. */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v ? v : undefined));

const hmac = z.string().regex(/^[0-9a-fA-F]{64}$/, 'must be the hex HMAC-SHA256 (64 hex characters)');

const handshakeSchema = z.object({
  connectorKey: z.string({ error: 'is required: the data-connector-key of the chat widget' }).min(1, 'is required').max(200),
  visitorToken: z.string().max(300).optional(),
  name: optionalText(120),
  email: optionalText(320),
  identity: z
    .union([z.object({ email: z.string().min(3).max(320), hmac }).strict(), z.object({ userId: z.string().min(1).max(200), hmac }).strict()], {
      error: 'must be { email, hmac } or { userId, hmac }',
    })
    .optional(),
});

export interface ChatHandshakeInput {
  connectorKey: string;
  visitorToken?: string;
  name?: string;
  /** Normalised; typed by the visitor, so never trusted by itself. */
  email?: string;
  identity?: ChatIdentityClaim;
}

/** Validates Socket.IO's `handshake.auth`; throws ChatProtocolError naming the field. */
export function parseChatHandshake(auth: unknown): ChatHandshakeInput {
  const parsed = handshakeSchema.safeParse(auth ?? {});
  if (!parsed.success) throw new ChatProtocolError(`bad chat handshake: ${describe(parsed.error, 'auth')}`);
  const { email, ...rest } = parsed.data;
  if (email === undefined) return rest;
  try {
    return { ...rest, email: normalizeEmail(email) };
  } catch (err) {
    if (err instanceof IdentityError) throw new ChatProtocolError(`bad chat handshake: auth.email: ${err.message}`);
    throw err;
  }
}

const messageSchema = z.object(
  {
    text: z.string({ error: 'is required' }).trim().min(1, 'is empty').max(CHAT_LIMITS.maxTextLength, `is longer than ${CHAT_LIMITS.maxTextLength} characters`),
    clientId: z.string({ error: 'is required' }).regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1–64 letters, digits, - or _'),
  },
  { error: 'must be an object { text, clientId }' },
);

/** A visitor's `message` event; throws ChatProtocolError for the ack. */
export function parseChatMessage(body: unknown): { text: string; clientId: string } {
  const parsed = messageSchema.safeParse(body ?? {});
  if (!parsed.success) throw new ChatProtocolError(describe(parsed.error, 'message'));
  return parsed.data;
}

const readSchema = z.object({ upTo: z.string().min(1).max(100) });

/** A visitor's `read` event, or null when it is not one (ignored: read state is best effort). */
export function parseChatRead(body: unknown): { upTo: string } | null {
  const parsed = readSchema.safeParse(body);
  return parsed.success ? parsed.data : null;
}

const surveySchema = z.object(
  {
    messageId: z.string({ error: 'is required' }).uuid('must be the id of the survey message'),
    csat: z.number({ error: 'is required' }).int('must be a whole number').min(1, 'must be 1 to 5').max(5, 'must be 1 to 5'),
  },
  { error: 'must be an object' },
);

/** A visitor's `survey` rating; throws ChatProtocolError naming the field, for the ack. */
export function parseChatSurvey(body: unknown): { messageId: string; csat: number } {
  const parsed = surveySchema.safeParse(body ?? {});
  if (!parsed.success) throw new ChatProtocolError(describe(parsed.error, 'survey'));
  return parsed.data;
}
