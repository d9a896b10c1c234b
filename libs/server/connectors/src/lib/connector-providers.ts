import { z } from 'zod';
import type { ConnectorProvider } from '@throughline/domain';
import { checkImap, checkSmtp, type ConnectionCheck } from '@throughline/channels/email';
import type { OutboundPolicy } from '@throughline/channels/outbound';
import { chatWidgetConfigSchema, generateConnectorKey } from '@throughline/channels/chat';
import { imapProviderConfigSchema, imapSettingsOf, smtpProviderConfigSchema, smtpSettingsOf } from './email-settings';
import { callLogProviderConfigSchema, twilioProviderConfigSchema } from './phone-settings';
import { checkMastodon, checkMeta, checkX, mastodonProviderConfigSchema, metaProviderConfigSchema, xProviderConfigSchema } from './social-settings';

/** What the server knows about each provider it can run. Later channels register theirs here. */
export interface ProviderSpec {
  config: z.ZodType<Record<string, unknown>>;
  /** Secrets the admin must supply. */
  requiredSecrets: string[];
  /** Secrets the admin may supply. */
  optionalSecrets?: string[];
  /** A secret the server generates at creation and returns once (as `signingSecret` in the response). */
  generatedSecret?: 'signingSecret' | 'identitySecret';
  /** Public config values the server generates at creation and keeps across updates (the chat widget's key). */
  generatedConfig?: () => Record<string, unknown>;
  /** Inbound webhook paths, relative to /api/hooks/:connectorId/. */
  webhookPaths: string[];
  /** Whether replies can leave through this connector; without a route they are kept in Throughline only. */
  canDeliver: (config: Record<string, unknown>) => boolean;
  /** Email connectors own an address; no two live connectors may own the same one. */
  ownsAddress?: boolean;
  /** Connectors we read from on a schedule: how often (the poll queue runs one job per interval). */
  pollEveryMs?: (config: Record<string, unknown>) => number;
  /** `POST /api/connectors/:id/test`: log in to what the connector uses (under the outbound guard) and say what failed. */
  check?: (config: Record<string, unknown>, secrets: Record<string, string>, outbound: OutboundPolicy) => Promise<ConnectionCheck[]>;
}

/** The outgoing server, when there is one: replies go out through it. */
async function checkOutgoing(config: Record<string, unknown>, secrets: Record<string, string>, outbound: OutboundPolicy): Promise<ConnectionCheck[]> {
  const smtp = smtpSettingsOf(config, secrets, outbound);
  return smtp
    ? [await checkSmtp(smtp)]
    : [{ ok: false, stage: 'connect', message: 'no outgoing SMTP server is configured (config.smtp), so replies cannot be sent' }];
}

export const PROVIDERS: Partial<Record<ConnectorProvider, ProviderSpec>> = {
  generic: {
    config: z
      .object({
        callbackUrl: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).optional(),
      })
      .strict(),
    requiredSecrets: [],
    generatedSecret: 'signingSecret',
    webhookPaths: ['generic'],
    canDeliver: (config) => typeof config['callbackUrl'] === 'string',
  },
  imap: {
    config: imapProviderConfigSchema,
    requiredSecrets: ['password'],
    optionalSecrets: ['smtpPassword'],
    webhookPaths: [],
    ownsAddress: true,
    // Always through delivery: without an outgoing server the reply fails with that reason on it.
    canDeliver: () => true,
    pollEveryMs: (config) => Number(config['pollIntervalSeconds'] ?? 30) * 1000,
    check: async (config, secrets, outbound) => [
      await checkImap(imapSettingsOf(config, secrets, outbound)),
      ...(await checkOutgoing(config, secrets, outbound)),
    ],
  },
  smtp: {
    config: smtpProviderConfigSchema,
    requiredSecrets: [],
    optionalSecrets: ['smtpPassword'],
    webhookPaths: [],
    ownsAddress: true,
    canDeliver: () => true,
    check: checkOutgoing,
  },
  mime: {
    config: smtpProviderConfigSchema,
    requiredSecrets: [],
    optionalSecrets: ['smtpPassword'],
    generatedSecret: 'signingSecret',
    webhookPaths: ['email'],
    ownsAddress: true,
    canDeliver: () => true,
    check: checkOutgoing,
  },
  // Phone connectors log calls; an agent's answer is a call back, not a message we could send.
  twilio: {
    config: twilioProviderConfigSchema,
    requiredSecrets: ['authToken'],
    webhookPaths: ['twilio'],
    canDeliver: () => false,
  },
  calllog: {
    config: callLogProviderConfigSchema,
    requiredSecrets: [],
    generatedSecret: 'signingSecret',
    webhookPaths: ['calls'],
    canDeliver: () => false,
  },
  // Social replies always go through delivery: without a token the reply fails with that reason on it.
  x: {
    config: xProviderConfigSchema,
    requiredSecrets: ['consumerSecret'],
    optionalSecrets: ['accessToken'],
    webhookPaths: ['x'],
    canDeliver: () => true,
    check: checkX,
  },
  mastodon: {
    config: mastodonProviderConfigSchema,
    requiredSecrets: ['accessToken'],
    webhookPaths: [],
    canDeliver: () => true,
    pollEveryMs: (config) => Number(config['pollIntervalSeconds'] ?? 60) * 1000,
    check: checkMastodon,
  },
  meta: {
    config: metaProviderConfigSchema,
    requiredSecrets: ['appSecret'],
    optionalSecrets: ['pageAccessToken'],
    webhookPaths: ['meta'],
    canDeliver: () => true,
    check: checkMeta,
  },
  // Live chat: visitors connect to the /chat namespace with the public key; replies go back over it.
  widget: {
    config: chatWidgetConfigSchema,
    requiredSecrets: [],
    generatedSecret: 'identitySecret',
    generatedConfig: () => ({ connectorKey: generateConnectorKey() }),
    webhookPaths: [],
    canDeliver: () => true,
  },
};
