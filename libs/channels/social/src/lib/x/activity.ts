import { z } from 'zod';
import { InvalidPayloadError, type NormalizedMessage } from '@throughline/domain';
import { buildSocialMessage } from '../social-message';
import { decodeHtmlEntities, expandUrls } from '../text';

/*
 * X Account Activity API deliveries (docs: "Account Activity data objects"). Tweets are v1.1 Tweet
 * objects; ids are read from the `*_id_str` fields because numeric ids exceed 2^53. Keys we do not
 * use (favorite_events, follow_events, typing and read events…) are accepted and ignored.
 */

const numericId = z.union([z.string(), z.number()]);

const xUserSchema = z.object({
  id_str: z.string().optional(),
  id: numericId.optional(),
  screen_name: z.string().optional(),
  name: z.string().optional(),
});

const linkEntitySchema = z.object({ url: z.string().optional(), expanded_url: z.string().nullish() });

const entitiesSchema = z.object({
  urls: z.array(linkEntitySchema).optional(),
  media: z.array(linkEntitySchema).optional(),
});

const tweetSchema = z.object({
  id_str: z.string().optional(),
  id: numericId.optional(),
  created_at: z.string(),
  timestamp_ms: z.string().optional(),
  text: z.string().optional(),
  full_text: z.string().optional(),
  /** Tweets over 140 characters: `text` is cut short and the whole text is here. */
  extended_tweet: z.object({ full_text: z.string(), entities: entitiesSchema.optional() }).optional(),
  user: xUserSchema,
  in_reply_to_status_id_str: z.string().nullish(),
  entities: entitiesSchema.optional(),
  retweeted_status: z.unknown().optional(),
});

const directMessageEventSchema = z.object({
  type: z.string(),
  id: z.string(),
  created_timestamp: z.string().regex(/^\d+$/, 'is not a time in milliseconds'),
  message_create: z
    .object({
      sender_id: z.string(),
      message_data: z.object({
        text: z.string().default(''),
        entities: entitiesSchema.optional(),
        attachment: z.object({ media: linkEntitySchema.extend({ media_url_https: z.string().optional() }).optional() }).optional(),
      }),
    })
    .optional(),
});

export const xActivitySchema = z.object({
  for_user_id: numericId.transform(String).optional(),
  /** `"false"` in X's docs, `false` in real deliveries. */
  user_has_blocked: z
    .union([z.boolean(), z.enum(['true', 'false'])])
    .transform((v) => v === true || v === 'true')
    .optional(),
  tweet_create_events: z.array(tweetSchema).optional(),
  direct_message_events: z.array(directMessageEventSchema).optional(),
  /** Users of the direct message events, by id. */
  users: z.record(z.string(), xUserSchema).optional(),
});

export type XActivity = z.infer<typeof xActivitySchema>;
type Tweet = z.infer<typeof tweetSchema>;
type XUser = z.infer<typeof xUserSchema>;
type DirectMessageEvent = z.infer<typeof directMessageEventSchema>;

export function parseXActivity(raw: Buffer): XActivity {
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch (err) {
    throw new InvalidPayloadError(`body is not valid JSON: ${(err as Error).message}`);
  }
  const result = xActivitySchema.safeParse(json);
  if (!result.success) {
    throw new InvalidPayloadError(result.error.issues.map((i) => `${i.path.length ? i.path.join('.') : 'body'}: ${i.message}`).join('; '));
  }
  return result.data;
}

/**
 * The mentions, replies and direct messages addressed to the connector's account (`accountId`).
 * Account Activity only delivers tweets and direct messages by or to the subscribed account, so:
 * - tweets become messages (kind `reply` when the tweet answers another one, `mention`
 *   otherwise), except the account's own tweets (our replies echo back through the same webhook)
 *   and retweets (a retweet repeats a post; it says nothing to us);
 * - `message_create` direct messages become messages, except the ones the account sent;
 * - typing indicators, read receipts, likes, follows and the like become nothing.
 */
export function normalizeXActivity(payload: XActivity, ctx: { connectorId: string; accountId: string }): NormalizedMessage[] {
  const tweets = (payload.tweet_create_events ?? []).flatMap((tweet, i) => tweetMessage(tweet, ctx.accountId, `tweet_create_events.${i}`));
  const directMessages = (payload.direct_message_events ?? []).flatMap((event) => directMessage(event, payload.users ?? {}, ctx.accountId));
  return [...tweets, ...directMessages];
}

function tweetMessage(tweet: Tweet, accountId: string, path: string): NormalizedMessage[] {
  const authorId = userId(tweet.user);
  if (!authorId) throw new InvalidPayloadError(`${path}.user.id_str: missing`);
  if (authorId === accountId || tweet.retweeted_status) return [];

  const id = tweet.id_str ?? safeId(tweet.id);
  if (!id) throw new InvalidPayloadError(`${path}.id_str: missing`);
  const occurredAt = new Date(tweet.timestamp_ms ? Number(tweet.timestamp_ms) : tweet.created_at);
  if (Number.isNaN(occurredAt.getTime())) throw new InvalidPayloadError(`${path}.created_at: "${tweet.created_at}" is not a date`);
  const entities = tweet.extended_tweet ? tweet.extended_tweet.entities : tweet.entities;
  const text = tweet.extended_tweet?.full_text ?? tweet.full_text ?? tweet.text ?? '';
  const handle = tweet.user.screen_name;
  return [
    buildSocialMessage({
      platform: 'x',
      kind: tweet.in_reply_to_status_id_str ? 'reply' : 'mention',
      postId: id,
      postUrl: `https://x.com/${handle ?? 'i/web'}/status/${id}`,
      handle,
      displayName: tweet.user.name,
      inReplyToId: tweet.in_reply_to_status_id_str ?? undefined,
      authorId,
      // v1.1 text escapes &, < and > as HTML entities.
      text: decodeHtmlEntities(expandUrls(text, [...(entities?.urls ?? []), ...(entities?.media ?? [])])),
      occurredAt,
    }),
  ];
}

function directMessage(event: DirectMessageEvent, users: Record<string, XUser>, accountId: string): NormalizedMessage[] {
  const create = event.message_create;
  if (event.type !== 'message_create' || !create || create.sender_id === accountId) return [];
  const sender = users[create.sender_id];
  const { text, entities, attachment } = create.message_data;
  const media = attachment?.media;
  const links = [...(entities?.urls ?? []), ...(media?.url && media.media_url_https ? [{ url: media.url, expanded_url: media.media_url_https }] : [])];
  return [
    buildSocialMessage({
      platform: 'x',
      kind: 'direct_message',
      postId: event.id,
      handle: sender?.screen_name,
      displayName: sender?.name,
      authorId: create.sender_id,
      text: expandUrls(text, links),
      occurredAt: new Date(Number(event.created_timestamp)),
    }),
  ];
}

function userId(user: XUser): string | undefined {
  return user.id_str ?? safeId(user.id);
}

/** A numeric id that JSON could still represent exactly; larger ones must come from `id_str`. */
function safeId(id: string | number | undefined): string | undefined {
  if (typeof id === 'string') return id;
  return id !== undefined && Number.isSafeInteger(id) ? String(id) : undefined;
}
