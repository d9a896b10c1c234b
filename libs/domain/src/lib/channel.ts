/** The channel a conversation or message came through; also the connector's `kind`. */
export const CHANNEL_KINDS = ['generic', 'email', 'phone', 'social', 'chat'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export const CONNECTOR_PROVIDERS = {
  generic: ['generic'],
  email: ['imap', 'smtp', 'mime'],
  phone: ['twilio', 'calllog'],
  social: ['x', 'mastodon', 'meta'],
  chat: ['widget'],
} as const satisfies Record<ChannelKind, readonly string[]>;
export type ConnectorProvider = (typeof CONNECTOR_PROVIDERS)[ChannelKind][number];

export function isProviderOfKind(kind: ChannelKind, provider: string): provider is ConnectorProvider {
  return (CONNECTOR_PROVIDERS[kind] as readonly string[]).includes(provider);
}

export const MESSAGE_DIRECTIONS = ['inbound', 'outbound', 'note', 'system'] as const;
export type MessageDirection = (typeof MESSAGE_DIRECTIONS)[number];

export const CONVERSATION_STATUSES = ['open', 'pending', 'snoozed', 'resolved'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

/**
 * `stored`: the channel has no delivery route (e.g. a generic connector without callback URL).
 * `sending`: a provider call without idempotency key is under way. `unknown`: such a call may or
 * may not have posted (timeout, crash); an agent checks the platform and sends again explicitly.
 */
export const DELIVERY_STATUSES = ['pending', 'sending', 'sent', 'failed', 'unknown', 'stored'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const ROLES = ['agent', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const RAW_EVENT_STATUSES = ['pending', 'queued', 'processed', 'failed'] as const;
export type RawEventStatus = (typeof RAW_EVENT_STATUSES)[number];
