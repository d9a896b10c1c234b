import type { NormalizedMessage } from '@throughline/domain';

export type SocialPlatform = 'x' | 'mastodon' | 'facebook' | 'instagram';
export type SocialKind = 'mention' | 'reply' | 'comment' | 'direct_message';

/** `metadata.social` of a social message. */
export interface SocialMetadata {
  platform: SocialPlatform;
  kind: SocialKind;
  /** The post, comment or direct message itself (also the message's externalId). */
  postId: string;
  /** Where an agent can see it; absent when the webhook gives no way to build one (Instagram). */
  postUrl?: string;
  /** The author's handle without `@` (`user@instance` for remote Mastodon accounts); Facebook has none. */
  handle?: string;
  displayName?: string;
  /** The post or comment this one answers. */
  inReplyToId?: string;
  /** The post a comment belongs to (Facebook post, Instagram media). */
  rootPostId?: string;
  /** Mastodon: public, unlisted, private or direct; a reply must keep it. */
  visibility?: string;
  /** A platform conversation id: X direct-message conversation, Facebook post of a comment thread. */
  conversationId?: string;
}

export interface SocialItem extends SocialMetadata {
  /** The platform account id of the author: the identity (never the handle, which can change). */
  authorId: string;
  text: string;
  occurredAt: Date;
}

export function buildSocialMessage(item: SocialItem): NormalizedMessage {
  const { authorId, text, occurredAt, ...social } = item;
  return {
    channel: 'social',
    direction: 'inbound',
    externalId: item.postId,
    occurredAt,
    identities: [{ kind: item.platform, value: authorId }],
    authorName: item.displayName || item.handle || undefined,
    text,
    threading: item.inReplyToId ? { replyTo: [item.inReplyToId] } : undefined,
    metadata: { social: Object.fromEntries(Object.entries(social).filter(([, v]) => v !== undefined)) },
  };
}

/*
 * Replay: neither X (`x-twitter-webhooks-signature`) nor Meta (`X-Hub-Signature-256`) signs a
 * delivery time, so a captured delivery verifies forever. What the signed body does carry is the
 * event's own time (a tweet's created_at, a DM's created_timestamp, Meta's entry.time / comment
 * created_time): the server can refuse deliveries whose messages are all older than it is
 * willing to accept, and externalId dedupe makes a replay of a recent one harmless anyway.
 */

/** True when `occurredAt` is more than `maxAgeMs` before `now`. */
export function isStale(occurredAt: Date, now: Date, maxAgeMs: number): boolean {
  return now.getTime() - occurredAt.getTime() > maxAgeMs;
}

/** Unix time in seconds or milliseconds (Meta uses both) as a Date. */
export function dateFromEpoch(value: number): Date {
  // 1e11 s is the year 5138 and 1e11 ms is 1973: no real time sits on the wrong side.
  return new Date(value < 1e11 ? value * 1000 : value);
}
