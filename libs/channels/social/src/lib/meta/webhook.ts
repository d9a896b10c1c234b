import { z } from 'zod';
import { InvalidPayloadError, type NormalizedMessage } from '@throughline/domain';
import { buildSocialMessage, dateFromEpoch, type SocialPlatform } from '../social-message';

/*
 * Meta Graph webhooks (Webhooks for Pages, Messenger Platform webhook events, Instagram webhooks).
 * One delivery batches entries of one object type; changes we do not read (likes, reactions,
 * edits, ratings…) are accepted and produce nothing, because Meta adds fields without notice.
 */

const id = z.union([z.string(), z.number()]).transform(String);

const messagingSchema = z.object({
  sender: z.object({ id }).optional(),
  recipient: z.object({ id }).optional(),
  timestamp: z.number().optional(),
  message: z
    .object({
      mid: z.string(),
      text: z.string().optional(),
      /** Set on the copy of a message the Page itself sent. */
      is_echo: z.boolean().optional(),
      reply_to: z.object({ mid: z.string() }).optional(),
      attachments: z.array(z.object({ type: z.string(), payload: z.object({ url: z.string().optional() }).nullish() })).optional(),
    })
    .optional(),
});

const entrySchema = z.object({
  id: id.optional(),
  /** Seconds for feed changes, milliseconds for Messenger events. */
  time: z.number().optional(),
  changes: z.array(z.object({ field: z.string(), value: z.unknown() })).optional(),
  messaging: z.array(messagingSchema).optional(),
});

export const metaWebhookSchema = z.object({
  object: z.string(),
  entry: z.array(entrySchema),
});

export type MetaWebhook = z.infer<typeof metaWebhookSchema>;
type MetaEntry = z.infer<typeof entrySchema>;
type MessagingItem = z.infer<typeof messagingSchema>;

export function parseMetaWebhook(raw: Buffer): MetaWebhook {
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch (err) {
    throw new InvalidPayloadError(`body is not valid JSON: ${(err as Error).message}`);
  }
  json = withEnvelope(json);
  const result = metaWebhookSchema.safeParse(json);
  if (!result.success) {
    throw new InvalidPayloadError(result.error.issues.map((i) => `${i.path.length ? i.path.join('.') : 'body'}: ${i.message}`).join('; '));
  }
  return result.data;
}

// Fields Instagram webhooks use; the Page object's are feed, mention, messages….
const INSTAGRAM_FIELDS = new Set(['comments', 'mentions', 'live_comments']);

/**
 * Meta's references print events without their envelope: a Messenger event as a bare messaging
 * item, a Page or Instagram change as a bare `{ field, value }`. Read those as one-entry deliveries.
 */
function withEnvelope(json: unknown): unknown {
  if (!json || typeof json !== 'object' || 'entry' in json) return json;
  if ('sender' in json) return { object: 'page', entry: [{ messaging: [json] }] };
  if ('field' in json && 'value' in json) {
    return { object: INSTAGRAM_FIELDS.has(String(json.field)) ? 'instagram' : 'page', entry: [{ changes: [json] }] };
  }
  return json;
}

const author = z.object({ id, name: z.string().optional() });
const createdTime = z.union([z.number(), z.string()]).optional();

/** Page `feed` change (Webhooks for Pages reference, feed field). */
const feedValueSchema = z.object({
  item: z.string(),
  verb: z.string(),
  from: author.optional(),
  post_id: z.string().optional(),
  comment_id: z.string().optional(),
  parent_id: z.string().optional(),
  message: z.string().optional(),
  photo: z.string().optional(),
  link: z.string().optional(),
  created_time: createdTime,
  post: z.object({ permalink_url: z.string().optional() }).optional(),
});

/** Page `mention` change: the Page was @mentioned in a post or comment; some deliveries name the author sender_id/sender_name. */
const pageMentionValueSchema = feedValueSchema.extend({ sender_id: id.optional(), sender_name: z.string().optional() });

/** Instagram `comments` change (Instagram Platform webhook notification examples). */
const instagramCommentValueSchema = z.object({
  id: z.string(),
  text: z.string().optional(),
  from: z.object({ id, username: z.string().optional() }),
  media: z.object({ id: z.string() }).optional(),
  parent_id: z.string().optional(),
});

// Visitor posts on the Page; the other feed items (reaction, like, share by the Page…) are no messages.
const POST_ITEMS = new Set(['post', 'status', 'photo', 'video']);

export interface MetaContext {
  connectorId: string;
  pageId: string;
  instagramAccountId?: string;
  /** When the delivery arrived: the time of changes that carry none (Instagram comments without entry.time). */
  receivedAt?: Date;
}

/**
 * Messages from one delivery:
 * - Page feed: comments and replies to comments (`item: comment`), visitor posts (`item: post`),
 *   only when added (`verb: add`), with an author (`from`, which Meta leaves out when the
 *   commenter's data is not available to the app: those cannot be tied to a customer and are skipped);
 * - Page `mention`: the Page was @mentioned in a post or comment;
 * - Instagram `comments`: comments and replies on our media;
 * - Messenger (and Instagram messaging) text messages and attachments, keyed on the message id.
 * Nothing for delivery and read receipts, opt-ins, reactions, or postbacks: a postback is the
 * customer pressing one of our buttons, whose payload we wrote, not something they wrote.
 * Nothing for Instagram `mentions` here: that change only carries ids; the ingest job reads the
 * text and author through the Graph API (instagram-mentions.ts).
 * Items the Page or Instagram account wrote itself (our replies echoing back) are skipped.
 */
export function normalizeMetaWebhook(payload: MetaWebhook, ctx: MetaContext): NormalizedMessage[] {
  return payload.entry.flatMap((entry) => {
    const entryAt = entryTime(entry, ctx.receivedAt);
    const own = new Set([ctx.pageId, ctx.instagramAccountId, entry.id].filter((v): v is string => Boolean(v)));
    const changes = (entry.changes ?? []).flatMap((change) => {
      if (payload.object === 'page' && change.field === 'feed') return feedMessages(change.value, entryAt, own);
      if (payload.object === 'page' && change.field === 'mention') return pageMentionMessages(change.value, entryAt, own);
      if (payload.object === 'instagram' && change.field === 'comments') return instagramCommentMessages(change.value, entryAt, own);
      return [];
    });
    const platform: SocialPlatform = payload.object === 'instagram' ? 'instagram' : 'facebook';
    const messages = (entry.messaging ?? []).flatMap((item) => directMessages(item, platform, entryAt, own));
    return [...changes, ...messages];
  });
}

function feedMessages(value: unknown, entryAt: Date, own: Set<string>): NormalizedMessage[] {
  const parsed = feedValueSchema.safeParse(value);
  if (!parsed.success) return [];
  const { from, ...change } = parsed.data;
  if (change.verb !== 'add' || !from || own.has(from.id)) return [];
  if (change.item === 'comment' && change.comment_id) {
    const isReply = Boolean(change.parent_id && change.parent_id !== change.post_id);
    return [facebookMessage(change, from, change.comment_id, isReply ? 'reply' : 'comment', change.parent_id ?? change.post_id, entryAt)];
  }
  if (POST_ITEMS.has(change.item) && change.post_id) return [facebookMessage(change, from, change.post_id, 'mention', undefined, entryAt)];
  return [];
}

function pageMentionMessages(value: unknown, entryAt: Date, own: Set<string>): NormalizedMessage[] {
  const parsed = pageMentionValueSchema.safeParse(value);
  if (!parsed.success) return [];
  const change = parsed.data;
  const from = change.from ?? (change.sender_id ? { id: change.sender_id, name: change.sender_name } : undefined);
  const itemId = change.comment_id ?? change.post_id;
  if (change.verb !== 'add' || !from || !itemId || own.has(from.id)) return [];
  const inReplyTo = change.comment_id ? (change.parent_id ?? change.post_id) : undefined;
  return [facebookMessage(change, from, itemId, 'mention', inReplyTo, entryAt)];
}

function facebookMessage(
  change: Omit<z.infer<typeof feedValueSchema>, 'from'>,
  from: { id: string; name?: string },
  itemId: string,
  kind: 'comment' | 'reply' | 'mention',
  inReplyToId: string | undefined,
  entryAt: Date,
): NormalizedMessage {
  const text = [change.message, change.photo ?? change.link].filter(Boolean).join('\n');
  return buildSocialMessage({
    platform: 'facebook',
    kind,
    postId: itemId,
    postUrl: change.post?.permalink_url ?? `https://www.facebook.com/${change.post_id ?? itemId}`,
    displayName: from.name,
    inReplyToId,
    rootPostId: change.post_id !== itemId ? change.post_id : undefined,
    conversationId: change.post_id,
    authorId: from.id,
    text,
    occurredAt: createdAt(change.created_time) ?? entryAt,
  });
}

function instagramCommentMessages(value: unknown, entryAt: Date, own: Set<string>): NormalizedMessage[] {
  const parsed = instagramCommentValueSchema.safeParse(value);
  if (!parsed.success || own.has(parsed.data.from.id)) return [];
  const comment = parsed.data;
  return [
    buildSocialMessage({
      platform: 'instagram',
      kind: comment.parent_id ? 'reply' : 'comment',
      postId: comment.id,
      handle: comment.from.username,
      inReplyToId: comment.parent_id ?? comment.media?.id,
      rootPostId: comment.media?.id,
      conversationId: comment.media?.id,
      authorId: comment.from.id,
      text: comment.text ?? '',
      occurredAt: entryAt,
    }),
  ];
}

function directMessages(item: MessagingItem, platform: SocialPlatform, entryAt: Date, own: Set<string>): NormalizedMessage[] {
  const { message, sender } = item;
  if (!message || !sender || message.is_echo || own.has(sender.id)) return [];
  const attachments = (message.attachments ?? []).map((a) => (a.payload?.url ? `[${a.type}] ${a.payload.url}` : `[${a.type}]`));
  const text = [message.text, ...attachments].filter(Boolean).join('\n');
  if (!text) return [];
  return [
    buildSocialMessage({
      platform,
      kind: 'direct_message',
      postId: message.mid,
      inReplyToId: message.reply_to?.mid,
      authorId: sender.id,
      text,
      occurredAt: item.timestamp !== undefined ? dateFromEpoch(item.timestamp) : entryAt,
    }),
  ];
}

/** A change's own created_time: unix seconds (as number or string) or an ISO date. */
function createdAt(created: number | string | undefined): Date | undefined {
  if (created === undefined) return undefined;
  const date = typeof created === 'number' || /^\d+$/.test(created) ? dateFromEpoch(Number(created)) : new Date(created);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function entryTime(entry: MetaEntry, receivedAt: Date | undefined): Date {
  return entry.time !== undefined ? dateFromEpoch(entry.time) : (receivedAt ?? new Date());
}
