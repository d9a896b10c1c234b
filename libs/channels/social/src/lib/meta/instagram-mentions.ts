import { z } from 'zod';
import { InvalidPayloadError, type NormalizedMessage } from '@throughline/domain';
import { buildSocialMessage, dateFromEpoch } from '../social-message';
import type { MetaWebhook } from './webhook';

/*
 * Instagram `mentions` webhooks carry only ids: `{ comment_id, media_id }` when someone @mentions
 * the account in a comment, `{ media_id }` alone when in a caption. The text and author are read
 * back through the Graph API (IG User `mentioned_comment` / `mentioned_media`), in the ingest job.
 */

const mentionValueSchema = z.object({
  media_id: z.string(),
  comment_id: z.string().optional(),
});

/** One id-only mention to look up: the account mentioned (`entry.id`) and the comment or caption. */
export interface InstagramMentionRef {
  igUserId: string;
  mediaId: string;
  commentId?: string;
  /** The entry's time, for a lookup that returns none. */
  notifiedAt: Date;
}

export function instagramMentionsOf(payload: MetaWebhook, receivedAt: Date): InstagramMentionRef[] {
  if (payload.object !== 'instagram') return [];
  return payload.entry.flatMap((entry) =>
    (entry.changes ?? []).flatMap((change) => {
      const value = change.field === 'mentions' ? mentionValueSchema.safeParse(change.value) : null;
      if (!value?.success || !entry.id) return [];
      return [
        {
          igUserId: entry.id,
          mediaId: value.data.media_id,
          commentId: value.data.comment_id,
          notifiedAt: entry.time !== undefined ? dateFromEpoch(entry.time) : receivedAt,
        },
      ];
    }),
  );
}

/** What the Graph API told us about a mentioned comment or caption. */
export interface InstagramMentionDetails {
  text: string;
  authorId?: string;
  username?: string;
  permalink?: string;
  timestamp?: string;
}

/**
 * The mention as a message, null for our own. Without the author's account id it cannot be tied
 * to anyone (the id, not the username, is the identity): InvalidPayloadError, so it is kept as failed.
 */
export function instagramMentionMessage(ref: InstagramMentionRef, details: InstagramMentionDetails, own: Set<string>): NormalizedMessage | null {
  if (!details.authorId) throw new InvalidPayloadError(`Instagram mention ${ref.commentId ?? ref.mediaId}: the Graph API named no author account id`);
  if (own.has(details.authorId)) return null;
  const occurredAt = details.timestamp ? new Date(details.timestamp) : ref.notifiedAt;
  return buildSocialMessage({
    platform: 'instagram',
    kind: 'mention',
    postId: ref.commentId ?? ref.mediaId,
    postUrl: details.permalink,
    handle: details.username,
    inReplyToId: ref.commentId ? ref.mediaId : undefined,
    rootPostId: ref.mediaId,
    conversationId: ref.mediaId,
    authorId: details.authorId,
    text: details.text,
    occurredAt: Number.isNaN(occurredAt.getTime()) ? ref.notifiedAt : occurredAt,
  });
}
