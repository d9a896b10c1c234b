import { z } from 'zod';
import { InvalidPayloadError, type NormalizedMessage } from '@throughline/domain';
import { buildSocialMessage } from '../social-message';
import { htmlToText } from '../text';

/*
 * Mastodon Notification entities (docs: entities/Notification.md, methods/notifications.md), as
 * GET /api/v1/notifications returns them or the streaming API pushes them. Only the fields we use
 * are read, and most are optional: other servers and older versions leave many out.
 */

const accountSchema = z.object({
  id: z.string(),
  username: z.string().optional(),
  /** `user` for local accounts, `user@domain` for remote ones. */
  acct: z.string(),
  display_name: z.string().optional(),
  url: z.string().nullish(),
});

const statusSchema = z.object({
  id: z.string(),
  created_at: z.string().optional(),
  in_reply_to_id: z.string().nullish(),
  in_reply_to_account_id: z.string().nullish(),
  visibility: z.string().optional(),
  spoiler_text: z.string().optional(),
  content: z.string().optional(),
  url: z.string().nullish(),
  account: accountSchema.optional(),
});

export const mastodonNotificationSchema = z.object({
  id: z.string(),
  type: z.string(),
  created_at: z.string(),
  account: accountSchema,
  status: statusSchema.nullish(),
});

export type MastodonNotification = z.infer<typeof mastodonNotificationSchema>;

/** One notification or a list of them, as JSON text, bytes or an already parsed value. */
export function parseMastodonNotifications(raw: unknown): MastodonNotification[] {
  let json = raw;
  if (typeof raw === 'string' || Buffer.isBuffer(raw)) {
    try {
      json = JSON.parse(raw.toString());
    } catch (err) {
      throw new InvalidPayloadError(`body is not valid JSON: ${(err as Error).message}`);
    }
  }
  const result = z.array(mastodonNotificationSchema).safeParse(Array.isArray(json) ? json : [json]);
  if (!result.success) {
    throw new InvalidPayloadError(result.error.issues.map((i) => `${i.path.length ? i.path.join('.') : 'body'}: ${i.message}`).join('; '));
  }
  return result.data;
}

/**
 * Mentions of the connector's account become messages; favourites, boosts, follows, polls and
 * the rest are ignored, as are statuses our own account wrote. A `direct` status is a private
 * mention and is treated as a direct message; one answering another status is a reply.
 * Mastodon account ids are local to `instanceUrl`, like the connector itself.
 */
export function normalizeMastodonNotifications(
  list: MastodonNotification[],
  ctx: { connectorId: string; accountId: string; instanceUrl: string },
): NormalizedMessage[] {
  const instance = ctx.instanceUrl.replace(/\/+$/, '');
  return list.flatMap((notification) => {
    const status = notification.status;
    if (notification.type !== 'mention' || !status) return [];
    const author = status.account ?? notification.account;
    if (author.id === ctx.accountId) return [];
    const body = htmlToText(status.content ?? '');
    const kind = status.visibility === 'direct' ? 'direct_message' : status.in_reply_to_id ? 'reply' : 'mention';
    return [
      buildSocialMessage({
        platform: 'mastodon',
        kind,
        postId: status.id,
        postUrl: status.url ?? `${instance}/@${author.acct}/${status.id}`,
        handle: author.acct,
        displayName: author.display_name || undefined,
        inReplyToId: status.in_reply_to_id ?? undefined,
        visibility: status.visibility,
        authorId: author.id,
        // A content warning is part of what the author wrote; keep it in front of the body.
        text: status.spoiler_text ? `CW: ${status.spoiler_text}\n\n${body}` : body,
        occurredAt: new Date(status.created_at ?? notification.created_at),
      }),
    ];
  });
}
