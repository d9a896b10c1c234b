import {
  normalizeMastodonNotifications,
  normalizeMetaWebhook,
  normalizeXActivity,
  parseMastodonNotifications,
  parseMetaWebhook,
  parseXActivity,
} from '@throughline/channels/social';
import type { ChannelAdapter } from './channel-adapters';

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
};
