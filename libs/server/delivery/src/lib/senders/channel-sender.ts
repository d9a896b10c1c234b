import type { OutboundPolicy } from '@throughline/channels/outbound';
import type { ConnectorEntity, ConversationEntity, MessageEntity } from '@throughline/server/database';

export interface OutboundContext {
  message: MessageEntity;
  conversation: ConversationEntity;
  connector: ConnectorEntity;
  secrets: Record<string, string>;
  /** The outbound guard for hosts and URLs from the connector's settings. */
  outbound: OutboundPolicy;
}

/** What a send records on the message: the provider's id for it and anything agents should see. */
export interface SentOutbound {
  externalId?: string;
  threadRefs?: string[];
  metadata?: Record<string, unknown>;
}

/** Sends one outbound message through one kind of connector; throws DeliveryError. */
export interface ChannelSender {
  /**
   * True when the provider has no idempotency key, so a repeated call after a timeout or crash
   * could post twice: delivery then records `sending` first and never repeats an unknown outcome.
   */
  readonly repeatMayDuplicate?: boolean;
  send(ctx: OutboundContext): Promise<SentOutbound | void>;
}
