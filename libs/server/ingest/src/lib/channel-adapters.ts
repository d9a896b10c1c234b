import type { ConnectorProvider, NormalizedMessage } from '@throughline/domain';
import { normalizeGenericPayload, parseGenericPayload } from '@throughline/channels/generic';

export interface AdapterContext {
  connectorId: string;
  defaultCountry?: string;
}

/**
 * Step 3 of the message path: a raw provider payload becomes messages. Adapters are pure and
 * throw InvalidPayloadError for payloads that can never succeed.
 */
export interface ChannelAdapter {
  normalize(payload: Buffer, ctx: AdapterContext): NormalizedMessage[];
}

export const CHANNEL_ADAPTERS: Partial<Record<ConnectorProvider, ChannelAdapter>> = {
  generic: { normalize: (payload, ctx) => [normalizeGenericPayload(parseGenericPayload(payload), ctx)] },
};
