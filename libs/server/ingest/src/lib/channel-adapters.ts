import type { ConnectorProvider, NormalizedMessage } from '@throughline/domain';
import { normalizeInboundEmail } from '@throughline/channels/email';
import { normalizeChatMessage } from '@throughline/channels/chat';
import { normalizeGenericPayload, parseGenericPayload } from '@throughline/channels/generic';
import type { ConnectorEntity } from '@throughline/server/database';
import type { MergeUpdate } from '@throughline/server/timeline';
import { callLogAdapter, twilioAdapter } from './phone-adapters';
import { mastodonAdapter, metaAdapter, xAdapter } from './social-adapters';
import type { OutboundPolicy } from '@throughline/channels/outbound';

export interface AdapterContext {
  connector: Pick<ConnectorEntity, 'id' | 'provider' | 'config'>;
  defaultCountry?: string;
  /** When the raw event reached us; the fallback time for messages that carry none. */
  receivedAt: Date;
  /** The raw event's content type, for channels that accept several body formats. */
  contentType?: string;
}

/** In the ingest job only: what an adapter needs to ask the platform's API. */
export interface LookupContext extends AdapterContext {
  secrets: Record<string, string>;
  /** The outbound guard for URLs from the connector's settings. */
  outbound: OutboundPolicy;
}

/**
 * Step 3 of the message path: a raw provider payload becomes messages. Adapters are pure (no
 * database) and throw InvalidPayloadError for payloads that can never succeed.
 */
export interface ChannelAdapter {
  normalize(payload: Buffer, ctx: AdapterContext): NormalizedMessage[] | Promise<NormalizedMessage[]>;
  /**
   * Messages whose content the delivery only names by id (Instagram mentions), read from the
   * platform's API by the ingest job, never at the webhook. Throws InvalidPayloadError when they
   * can never be read (the event fails with the reason); any other error retries the job.
   */
  lookup?(payload: Buffer, ctx: LookupContext): Promise<NormalizedMessage[]>;
  /** For channels whose events update a stored entry (`NormalizedMessage.updates`). */
  mergeUpdate?: MergeUpdate;
  /**
   * The raw event's external id, for channels that send several events about one message (a
   * call's statuses): each event gets its own id, a redelivery the same. Default: the first message's.
   */
  rawEventId?: (payload: Buffer, ctx: AdapterContext) => string;
}

/** The addresses a mailbox sends from: mail from them is our own coming back, never a customer. */
export function ownEmailAddresses(config: Record<string, unknown>): string[] {
  const smtp = (config['smtp'] ?? {}) as Record<string, unknown>;
  return [config['address'], config['user'], smtp['user']].filter((v): v is string => typeof v === 'string' && v.includes('@'));
}

const emailAdapter: ChannelAdapter = {
  normalize: (payload, ctx) =>
    normalizeInboundEmail(payload, {
      connectorId: ctx.connector.id,
      ownAddresses: ownEmailAddresses(ctx.connector.config),
      receivedAt: ctx.receivedAt,
    }),
};

export const CHANNEL_ADAPTERS: Partial<Record<ConnectorProvider, ChannelAdapter>> = {
  generic: {
    normalize: (payload, ctx) => [normalizeGenericPayload(parseGenericPayload(payload), { connectorId: ctx.connector.id, defaultCountry: ctx.defaultCountry })],
  },
  imap: emailAdapter,
  smtp: emailAdapter,
  mime: emailAdapter,
  twilio: twilioAdapter,
  calllog: callLogAdapter,
  x: xAdapter,
  mastodon: mastodonAdapter,
  meta: metaAdapter,
  widget: { normalize: (payload, ctx) => [normalizeChatMessage(payload, { connectorId: ctx.connector.id })] },
};
