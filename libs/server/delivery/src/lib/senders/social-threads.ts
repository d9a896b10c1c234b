import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { DeliveryError } from '@throughline/channels/generic';
import { SocialDeliveryError, type SocialMetadata, type SocialPlatform } from '@throughline/channels/social';
import { CustomerIdentityEntity, MessageEntity } from '@throughline/server/database';

/** A platform's refusal as a delivery outcome: permanent fails the reply at once, temporary retries it. */
export async function postingReply<T>(send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (err) {
    if (err instanceof SocialDeliveryError) throw new DeliveryError(err.reason, !err.permanent, err.outcomeUnknown);
    throw err;
  }
}

/** What social replies answer: the customer's latest post or message in the conversation, and who they are on the platform. */
@Injectable()
export class SocialThreads {
  constructor(
    @InjectRepository(MessageEntity) private readonly messages: Repository<MessageEntity>,
    @InjectRepository(CustomerIdentityEntity) private readonly identities: Repository<CustomerIdentityEntity>,
  ) {}

  /** The latest inbound post, comment or direct message of the conversation on one of these platforms. */
  async lastInbound(conversationId: string, platforms: SocialPlatform[]): Promise<SocialMetadata> {
    const parent = await this.messages
      .createQueryBuilder('m')
      .where("m.conversation_id = :conversationId AND m.direction = 'inbound' AND m.channel = 'social'", { conversationId })
      .andWhere("m.metadata -> 'social' ->> 'platform' IN (:...platforms)", { platforms })
      .orderBy('m.occurred_at', 'DESC')
      .getOne();
    const social = parent?.metadata['social'] as SocialMetadata | undefined;
    if (!social) throw new DeliveryError(`the conversation has no ${platforms.join(' or ')} post or message to answer`, false);
    return social;
  }

  /** The customer's account id on a platform, for direct messages. */
  async accountOf(customerId: string, platform: SocialPlatform): Promise<string> {
    const identity = await this.identities.findOne({ where: { customerId, kind: platform }, order: { createdAt: 'DESC' } });
    if (!identity) throw new DeliveryError(`the customer has no ${platform} account to send a direct message to`, false);
    return identity.value;
  }
}

/** A connector secret a reply needs; without it the reply fails at once, saying which. */
export function requiredSecret(secrets: Record<string, string>, name: string, connectorName: string, platform: string): string {
  const value = secrets[name];
  if (!value) throw new DeliveryError(`connector "${connectorName}" has no ${name}, so replies cannot be posted to ${platform}`, false);
  return value;
}
