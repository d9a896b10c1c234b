import type { ConnectorEntity, ConversationEntity, MessageEntity } from '@throughline/server/database';

export interface OutboundContext {
  message: MessageEntity;
  conversation: ConversationEntity;
  connector: ConnectorEntity;
  secrets: Record<string, string>;
}

/** What a send records on the message: the provider's id for it and anything agents should see. */
export interface SentOutbound {
  externalId?: string;
  threadRefs?: string[];
  metadata?: Record<string, unknown>;
}

/** Sends one outbound message through one kind of connector; throws DeliveryError. */
export interface ChannelSender {
  send(ctx: OutboundContext): Promise<SentOutbound | void>;
}
