import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { DeliveryError, postGenericReply } from '@throughline/channels/generic';
import { APP_CONFIG, type AppConfig } from '@throughline/server/config';
import { CustomerIdentityEntity } from '@throughline/server/database';
import type { ChannelSender, OutboundContext } from './channel-sender';

/** A signed POST to the connector's callback URL. */
@Injectable()
export class GenericSender implements ChannelSender {
  constructor(
    @InjectRepository(CustomerIdentityEntity) private readonly identities: Repository<CustomerIdentityEntity>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async send({ message, conversation, connector, secrets }: OutboundContext): Promise<void> {
    const callbackUrl = connector.config['callbackUrl'];
    if (typeof callbackUrl !== 'string') throw new DeliveryError('the connector has no callbackUrl', false);
    const identities = await this.identities.find({ where: { customerId: conversation.customerId } });
    const handle = identities.find((i) => i.kind === 'external' && i.value.startsWith(`${connector.id}:`));
    await postGenericReply(
      callbackUrl,
      {
        messageId: message.id,
        conversationId: conversation.id,
        threadKey: conversation.threadKey,
        to: {
          email: identities.find((i) => i.kind === 'email')?.value,
          phone: identities.find((i) => i.kind === 'phone')?.value,
          handle: handle?.value.slice(connector.id.length + 1),
        },
        text: message.text,
        authorName: message.authorName,
        sentAt: message.occurredAt.toISOString(),
      },
      secrets['signingSecret'] ?? '',
      { guard: this.config.outboundGuard, allow: this.config.outboundAllow },
    );
  }
}
