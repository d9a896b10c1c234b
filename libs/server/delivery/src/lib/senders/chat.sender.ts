import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, type Repository } from 'typeorm';
import { visitorIdOfThreadKey } from '@throughline/channels/chat';
import { DeliveryError } from '@throughline/channels/generic';
import { ChatPresence, toChatMessage, VisitorPublisher } from '@throughline/server/chat';
import { ConnectorsService, smtpSettingsOf } from '@throughline/server/connectors';
import { ConnectorEntity, CustomerIdentityEntity } from '@throughline/server/database';
import type { ChannelSender, OutboundContext, SentOutbound } from './channel-sender';
import { EmailSender } from './email.sender';

/**
 * An agent's chat reply goes to the visitor's sockets on any API process (Redis adapter) and is
 * sent once emitted; a visitor who is offline sees it in their history when they come back. A
 * widget with `offlineEmailAfterSeconds` sends the reply by email instead when the visitor has been
 * gone that long and the customer has a verified email, through an email connector that can send
 * (one on the conversation's queue first). When it cannot, the message says why.
 */
@Injectable()
export class ChatSender implements ChannelSender {
  constructor(
    private readonly visitors: VisitorPublisher,
    private readonly presence: ChatPresence,
    private readonly connectors: ConnectorsService,
    private readonly email: EmailSender,
    @InjectRepository(ConnectorEntity) private readonly connectorRows: Repository<ConnectorEntity>,
    @InjectRepository(CustomerIdentityEntity) private readonly identities: Repository<CustomerIdentityEntity>,
  ) {}

  async send(ctx: OutboundContext): Promise<SentOutbound> {
    const { message, conversation, connector } = ctx;
    const visitorId = visitorIdOfThreadKey(conversation.threadKey);
    if (!visitorId) throw new DeliveryError('this conversation has no chat visitor to reply to', false);
    const chatMessage = toChatMessage(message);
    if (!chatMessage) throw new DeliveryError('only replies are sent to the visitor', false);
    this.visitors.emit(visitorId, 'message', chatMessage);

    const offlineForMs = await this.presence.offlineForMs(visitorId).catch((err: Error) => {
      throw new DeliveryError(`cannot tell whether the visitor is online (Redis: ${err.message})`, true);
    });
    if (offlineForMs === 0) return { metadata: { chat: { delivery: 'live' } } };
    const emailAfter = connector.config['offlineEmailAfterSeconds'];
    const offlineSeconds = Number.isFinite(offlineForMs) ? Math.round(offlineForMs / 1000) : null;
    const offline = { delivery: 'history', offlineSeconds };
    if (typeof emailAfter !== 'number' || (offlineSeconds !== null && offlineSeconds < emailAfter)) {
      return { metadata: { chat: { ...offline, note: 'the visitor is offline; they see the reply when they come back' } } };
    }

    const address = await this.identities.findOne({ where: { customerId: conversation.customerId, kind: 'email', verified: true }, order: { createdAt: 'ASC' } });
    if (!address) {
      return { metadata: { chat: { ...offline, emailSkipped: 'the visitor is offline but has no verified email address (an email typed into the chat form is not one)' } } };
    }
    const mailbox = await this.mailboxFor(conversation.queueId);
    if (!mailbox) return { metadata: { chat: { ...offline, emailSkipped: 'the visitor is offline but no enabled email connector can send mail' } } };
    const sent = await this.email.send({ ...ctx, connector: mailbox, secrets: this.connectors.secretsOf(mailbox) });
    return { ...sent, metadata: { ...sent.metadata, chat: { delivery: 'email', offlineSeconds, emailConnectorId: mailbox.id, emailedTo: address.value } } };
  }

  /** An enabled email connector with an outgoing server, preferring one on the conversation's queue. */
  private async mailboxFor(queueId: string | null): Promise<ConnectorEntity | null> {
    const candidates = await this.connectorRows.find({ where: { kind: 'email', enabled: true, deletedAt: IsNull() }, order: { createdAt: 'ASC' } });
    const sendable = candidates.filter((c) => smtpSettingsOf(c.config, this.connectors.secretsOf(c)));
    return sendable.find((c) => c.queueId === queueId) ?? sendable[0] ?? null;
  }
}
