import { InvalidPayloadError, type NormalizedMessage } from '@throughline/domain';
import {
  instagramMentionMessage,
  instagramMentionsOf,
  MetaGraphClient,
  normalizeMastodonNotifications,
  normalizeMetaWebhook,
  normalizeXActivity,
  parseMastodonNotifications,
  parseMetaWebhook,
  parseXActivity,
  SocialDeliveryError,
} from '@throughline/channels/social';
import type { ChannelAdapter, LookupContext } from './channel-adapters';
import { guardedFetch } from '@throughline/channels/outbound';

const configString = (config: Record<string, unknown>, key: string): string => String(config[key] ?? '');

/** X Account Activity deliveries: mentions, replies (threaded by in_reply_to_status_id) and DMs. */
export const xAdapter: ChannelAdapter = {
  normalize: (payload, ctx) =>
    normalizeXActivity(parseXActivity(payload), { connectorId: ctx.connector.id, accountId: configString(ctx.connector.config, 'accountId') }),
};

/** Mastodon notifications, stored one per raw event by the poller. */
export const mastodonAdapter: ChannelAdapter = {
  normalize: (payload, ctx) =>
    normalizeMastodonNotifications(parseMastodonNotifications(payload), {
      connectorId: ctx.connector.id,
      accountId: configString(ctx.connector.config, 'accountId'),
      instanceUrl: configString(ctx.connector.config, 'instanceUrl'),
    }),
};

/** Meta webhooks: Page feed comments and mentions, Instagram comments, Messenger messages. */
export const metaAdapter: ChannelAdapter = {
  normalize: (payload, ctx) =>
    normalizeMetaWebhook(parseMetaWebhook(payload), {
      connectorId: ctx.connector.id,
      pageId: configString(ctx.connector.config, 'pageId'),
      instagramAccountId: (ctx.connector.config['instagramAccountId'] as string | undefined) ?? undefined,
      receivedAt: ctx.receivedAt,
    }),
  lookup: instagramMentions,
};

/**
 * Instagram `mentions` carry only ids: each is read through the Graph API with the Page token.
 * A refusal that will not change (no token, deleted comment, no permission) fails the event with
 * the reason; an outage or rate limit throws on, so the ingest job retries.
 */
async function instagramMentions(payload: Buffer, ctx: LookupContext): Promise<NormalizedMessage[]> {
  const refs = instagramMentionsOf(parseMetaWebhook(payload), ctx.receivedAt);
  if (!refs.length) return [];
  const pageAccessToken = ctx.secrets['pageAccessToken'];
  if (!pageAccessToken) {
    throw new InvalidPayloadError(
      'Instagram mentions carry only ids and the connector has no pageAccessToken secret to read them with; set it and retry the event',
    );
  }
  const client = new MetaGraphClient({
    graphBaseUrl: ctx.connector.config['graphBaseUrl'] as string | undefined,
    pageAccessToken,
    fetch: guardedFetch(ctx.outbound),
  });
  const own = new Set([configString(ctx.connector.config, 'pageId'), configString(ctx.connector.config, 'instagramAccountId')].filter(Boolean));
  const messages: NormalizedMessage[] = [];
  for (const ref of refs) {
    try {
      const message = instagramMentionMessage(ref, await client.instagramMention(ref), new Set([...own, ref.igUserId]));
      if (message) messages.push(message);
    } catch (err) {
      if (err instanceof SocialDeliveryError && err.permanent)
        throw new InvalidPayloadError(`Instagram mention ${ref.commentId ?? ref.mediaId}: ${err.reason}`);
      throw err;
    }
  }
  return messages;
}
