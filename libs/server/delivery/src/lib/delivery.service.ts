import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { DeliveryError, postGenericReply } from '@throughline/channels/generic';
import { ConnectorsService } from '@throughline/server/connectors';
import { ConversationEntity, CustomerIdentityEntity, MessageEntity } from '@throughline/server/database';
import { TimelineEvents } from '@throughline/server/timeline';

export { DeliveryError };

/** Step 7 of the message path: send one outbound message through its channel. */
@Injectable()
export class DeliveryService {
  constructor(
    @InjectRepository(MessageEntity) private readonly messages: Repository<MessageEntity>,
    @InjectRepository(ConversationEntity) private readonly conversations: Repository<ConversationEntity>,
    @InjectRepository(CustomerIdentityEntity) private readonly identities: Repository<CustomerIdentityEntity>,
    private readonly connectors: ConnectorsService,
    private readonly events: TimelineEvents,
  ) {}

  /** Throws DeliveryError; `retryable: false` means retrying cannot help. */
  async deliver(messageId: string): Promise<'sent' | 'skipped'> {
    const message = await this.messages.findOne({ where: { id: messageId } });
    if (!message) throw new DeliveryError(`message ${messageId} does not exist`, false);
    if (message.direction !== 'outbound' || message.deliveryStatus !== 'pending') return 'skipped';
    if (!message.connectorId) throw new DeliveryError('the conversation has no connector to deliver through', false);
    const connector = await this.connectors.get(message.connectorId).catch(() => null);
    if (!connector) throw new DeliveryError('the connector was deleted', false);
    const conversation = await this.conversations.findOneOrFail({ where: { id: message.conversationId } });

    switch (connector.provider) {
      case 'generic': {
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
          this.connectors.secretsOf(connector)['signingSecret'] ?? '',
        );
        break;
      }
      default:
        throw new DeliveryError(`delivery through ${connector.provider} is not available on this server yet`, false);
    }
    await this.setStatus(message, conversation, 'sent', null);
    return 'sent';
  }

  async markFailed(messageId: string, error: string): Promise<void> {
    const message = await this.messages.findOne({ where: { id: messageId } });
    if (!message || message.deliveryStatus !== 'pending') return;
    const conversation = await this.conversations.findOneOrFail({ where: { id: message.conversationId } });
    await this.setStatus(message, conversation, 'failed', error);
  }

  private async setStatus(message: MessageEntity, conversation: ConversationEntity, status: 'sent' | 'failed', error: string | null): Promise<void> {
    message.deliveryStatus = status;
    message.deliveryError = error?.slice(0, 1000) ?? null;
    await this.messages.update({ id: message.id }, { deliveryStatus: message.deliveryStatus, deliveryError: message.deliveryError });
    await this.events.messageUpdated(message, conversation);
  }
}
