import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ChannelKind } from '@throughline/domain';
import { type ConversationEntity, MessageEntity } from '@throughline/server/database';

/**
 * Entries other capabilities add to a conversation's timeline, in the caller's transaction; the
 * caller publishes them after commit with `TimelineEvents.messageCreated`.
 */
@Injectable()
export class TimelineEntries {
  /** A line for agents only (never sent, never shown to the customer). */
  systemLine(
    manager: EntityManager,
    conversation: ConversationEntity,
    line: { text: string; metadata: Record<string, unknown>; at: Date },
  ): Promise<MessageEntity> {
    const messages = manager.getRepository(MessageEntity);
    return messages.save(
      messages.create({
        conversationId: conversation.id,
        customerId: conversation.customerId,
        connectorId: conversation.connectorId,
        channel: conversation.channel,
        direction: 'system',
        text: line.text,
        metadata: line.metadata,
        occurredAt: line.at,
      }),
    );
  }

  /**
   * A message Throughline itself sends the customer (no agent wrote it), pending delivery through
   * `connectorId`. It is not an answer: it records no reply in the history and moves no SLA clock.
   */
  automatedMessage(
    manager: EntityManager,
    conversation: ConversationEntity,
    message: { connectorId: string | null; channel: ChannelKind; text: string; metadata: Record<string, unknown>; at: Date },
  ): Promise<MessageEntity> {
    const messages = manager.getRepository(MessageEntity);
    return messages.save(
      messages.create({
        conversationId: conversation.id,
        customerId: conversation.customerId,
        connectorId: message.connectorId,
        channel: message.channel,
        direction: 'outbound',
        text: message.text,
        metadata: message.metadata,
        deliveryStatus: 'pending',
        occurredAt: message.at,
      }),
    );
  }

  /** Where the customer last wrote in this conversation (automatic mail does not count). */
  async lastInbound(manager: EntityManager, conversationId: string): Promise<{ channel: ChannelKind; connectorId: string | null } | null> {
    const last = await manager
      .getRepository(MessageEntity)
      .createQueryBuilder('m')
      .select(['m.channel', 'm.connectorId'])
      .where("m.conversation_id = :conversationId AND m.direction = 'inbound'", { conversationId })
      .andWhere("(m.metadata -> 'automated') IS NULL")
      .orderBy('m.occurred_at', 'DESC')
      .addOrderBy('m.created_at', 'DESC')
      .getOne();
    return last ? { channel: last.channel, connectorId: last.connectorId } : null;
  }
}
