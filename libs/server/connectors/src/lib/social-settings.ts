import { z } from 'zod';
import type { ConnectionCheck } from '@throughline/channels/email';
import { guardedFetch, type OutboundPolicy } from '@throughline/channels/outbound';
import { DEFAULT_MAX_EVENT_AGE_MINUTES, MastodonClient, MetaGraphClient, SocialDeliveryError, XClient } from '@throughline/channels/social';

const httpUrl = z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).transform((url) => url.replace(/\/+$/, ''));
/** Signed deliveries whose every event is older than this are refused as replays; 0 turns the check off. */
const maxEventAgeMinutes = z
  .number()
  .int()
  .min(0)
  .max(30 * 24 * 60)
  .default(DEFAULT_MAX_EVENT_AGE_MINUTES);
const numericId = (what: string) => z.string().trim().regex(/^\d+$/, `must be the numeric ${what} id`);

export const xProviderConfigSchema = z
  .object({
    /** The X account (numeric user id) whose Account Activity the webhook receives. */
    accountId: numericId('X user'),
    /** X API base URL for replies; https://api.x.com when absent. */
    apiBaseUrl: httpUrl.optional(),
    maxEventAgeMinutes,
  })
  .strict();

export const mastodonProviderConfigSchema = z
  .object({
    instanceUrl: httpUrl,
    /** The id of our account on that instance (its own mentions are not customers). */
    accountId: z
      .string()
      .trim()
      .regex(/^[\w-]+$/, 'must be the Mastodon account id'),
    pollIntervalSeconds: z.number().int().min(10).max(3600).default(60),
  })
  .strict();

export const metaProviderConfigSchema = z
  .object({
    pageId: numericId('Facebook Page'),
    /** The string typed into the app's webhook settings; Meta echoes it in the subscription check. */
    verifyToken: z.string().min(8, 'must be at least 8 characters').max(200),
    /** The Instagram business account linked to the Page, when Instagram comments come in too. */
    instagramAccountId: numericId('Instagram account').optional(),
    /** Graph API base URL for replies; https://graph.facebook.com/v21.0 when absent. */
    graphBaseUrl: httpUrl.optional(),
    maxEventAgeMinutes,
  })
  .strict();

/** Asks the platform whose token this is, and says whether it is the configured account. */
async function checkToken(platform: string, probe: () => Promise<{ id: string; name?: string }>, expectedId: string): Promise<ConnectionCheck[]> {
  try {
    const account = await probe();
    const who = account.name ? `${account.name} (${account.id})` : account.id;
    if (account.id !== expectedId) {
      return [{ ok: false, stage: 'auth', message: `the ${platform} token belongs to ${who}, not to the configured account ${expectedId}` }];
    }
    return [{ ok: true, stage: 'ok', message: `${platform} accepts the token of ${who}` }];
  } catch (err) {
    if (!(err instanceof SocialDeliveryError)) throw err;
    const refused = err.status === 401 || err.status === 403;
    return [
      {
        ok: false,
        stage: refused ? 'auth' : 'connect',
        message: refused ? `${platform} refused the token` : `${platform} could not be reached`,
        // The status only: the answer's text could be anything the configured URL returns.
        detail: err.status ? `answered ${err.status}` : err.reason,
      },
    ];
  }
}

const inboundOnly = (platform: string, secret: string): ConnectionCheck[] => [
  { ok: true, stage: 'ok', message: `no ${secret}: ${platform} events are received, but replies cannot be posted until one is set` },
];

export function checkX(config: Record<string, unknown>, secrets: Record<string, string>, outbound: OutboundPolicy): Promise<ConnectionCheck[]> {
  const { accountId, apiBaseUrl } = xProviderConfigSchema.parse(config);
  if (!secrets['accessToken']) return Promise.resolve(inboundOnly('X', 'accessToken'));
  const client = new XClient({ apiBaseUrl, accessToken: secrets['accessToken'], fetch: guardedFetch(outbound) });
  return checkToken(
    'X',
    async () => {
      const me = await client.me();
      return { id: me.id, name: me.username && `@${me.username}` };
    },
    accountId,
  );
}

export function checkMastodon(config: Record<string, unknown>, secrets: Record<string, string>, outbound: OutboundPolicy): Promise<ConnectionCheck[]> {
  const { instanceUrl, accountId } = mastodonProviderConfigSchema.parse(config);
  const client = new MastodonClient({ instanceUrl, accessToken: secrets['accessToken'] ?? '', fetch: guardedFetch(outbound) });
  return checkToken(
    'Mastodon',
    async () => {
      const account = await client.verifyCredentials();
      return { id: account.id, name: account.acct && `@${account.acct}` };
    },
    accountId,
  );
}

export function checkMeta(config: Record<string, unknown>, secrets: Record<string, string>, outbound: OutboundPolicy): Promise<ConnectionCheck[]> {
  const { pageId, graphBaseUrl } = metaProviderConfigSchema.parse(config);
  if (!secrets['pageAccessToken']) return Promise.resolve(inboundOnly('Meta', 'pageAccessToken'));
  const client = new MetaGraphClient({ graphBaseUrl, pageAccessToken: secrets['pageAccessToken'], fetch: guardedFetch(outbound) });
  return checkToken('Meta', () => client.page(pageId), pageId);
}
