import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { ChannelKind, ReplyChannelView } from '@throughline/domain';
import { PROVIDERS } from '@throughline/server/connectors';
import { ConnectorEntity, type ConversationEntity, CustomerIdentityEntity, MessageEntity } from '@throughline/server/database';

/** Where a reply goes: through which connector, on which channel, and (on another channel) to whom. */
export interface ReplyRoute {
  channel: ChannelKind;
  connector: ConnectorEntity | null;
  /** The address a reply on another channel goes to; null: the one the customer wrote from. */
  to: string | null;
}

/** Whether a connector can carry an agent's reply out; without a route the reply is only stored. */
export function hasDeliveryRoute(connector: ConnectorEntity | null): boolean {
  return Boolean(connector && PROVIDERS[connector.provider]?.canDeliver(connector.config));
}

/**
 * The channels an agent can answer a conversation on: its own, and email when the customer has an
 * email address and an email connector can send (a phone caller can get a written answer).
 */
@Injectable()
export class ReplyChannels {
  constructor(
    @InjectRepository(ConnectorEntity) private readonly connectors: Repository<ConnectorEntity>,
    @InjectRepository(CustomerIdentityEntity) private readonly identities: Repository<CustomerIdentityEntity>,
    @InjectRepository(MessageEntity) private readonly messages: Repository<MessageEntity>,
  ) {}

  async list(conversation: ConversationEntity): Promise<ReplyChannelView[]> {
    const routes = [await this.ownRoute(conversation)];
    if (conversation.channel !== 'email') {
      const email = await this.emailRoute(conversation);
      if (!('missing' in email)) routes.push(email);
    }
    const lastInbound = await this.messages
      .createQueryBuilder('m')
      .select(['m.id', 'm.channel'])
      .where("m.conversation_id = :id AND m.direction = 'inbound'", { id: conversation.id })
      .andWhere("(m.metadata -> 'automated') IS NULL")
      .orderBy('m.occurred_at', 'DESC')
      .getOne();
    const preferred = routes.find((r) => r.channel === lastInbound?.channel) ?? routes[0];
    return routes.map((r) => ({ channel: r.channel, connectorId: r.connector?.id ?? null, to: r.to, default: r === preferred }));
  }

  /** The route for a reply on `channel`; a 400 naming what is missing when there is none. */
  async resolve(conversation: ConversationEntity, channel: ChannelKind | undefined): Promise<ReplyRoute> {
    if (!channel || channel === conversation.channel) return this.ownRoute(conversation);
    if (channel !== 'email') {
      throw new BadRequestException(
        `channel: replying on ${channel} to a ${conversation.channel} conversation is not available; reply on ${conversation.channel}, or on email when the customer has an email address`,
      );
    }
    const email = await this.emailRoute(conversation);
    if ('missing' in email) throw new BadRequestException(`channel: cannot reply on email: ${email.missing}`);
    return email;
  }

  private async ownRoute(conversation: ConversationEntity): Promise<ReplyRoute> {
    const connector = conversation.connectorId ? await this.connectors.findOne({ where: { id: conversation.connectorId } }) : null;
    return { channel: conversation.channel, connector, to: null };
  }

  /**
   * The customer's email address (verified first, then the oldest) and a connector that can send:
   * the one the customer last mailed, else the oldest enabled email connector.
   */
  private async emailRoute(conversation: ConversationEntity): Promise<ReplyRoute | { missing: string }> {
    const identity = await this.identities.findOne({
      where: { customerId: conversation.customerId, kind: 'email' },
      order: { verified: 'DESC', createdAt: 'ASC' },
    });
    if (!identity) return { missing: 'the customer has no email address' };
    const candidates = await this.connectors
      .createQueryBuilder('k')
      .where("k.kind = 'email' AND k.enabled AND k.deleted_at IS NULL")
      .orderBy(
        `(SELECT max(m.occurred_at) FROM messages m WHERE m.connector_id = k.id AND m.customer_id = :customerId AND m.direction = 'inbound')`,
        'DESC',
        'NULLS LAST',
      )
      .addOrderBy('k.created_at', 'ASC')
      .setParameter('customerId', conversation.customerId)
      .getMany();
    const connector = candidates.find(hasDeliveryRoute);
    if (!connector) return { missing: 'no enabled email connector can send mail' };
    return { channel: 'email', connector, to: identity.value };
  }
}
