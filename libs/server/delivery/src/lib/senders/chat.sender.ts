import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, type Repository } from 'typeorm';
import { visitorIdOfThreadKey } from '@throughline/channels/chat';
import { DeliveryError } from '@throughline/channels/generic';
import { ChatPresence, toChatMessage, VisitorPublisher } from '@throughline/server/chat';
import { ConnectorsService, smtpSettingsOf } from '@throughline/server/connectors';
import { ConnectorEntity, CustomerIdentityEntity, MessageEntity } from '@throughline/server/database';
import { JobProducer } from '@throughline/server/queue';
import type { ChannelSender, OutboundContext, SentOutbound } from './channel-sender';
import { EmailSender } from './email.sender';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * An agent's chat reply goes to the visitor's sockets on any API process (Redis adapter) and is
 * sent once emitted; a visitor who is offline sees it in their history when they come back. A
 * widget with `offlineEmailAfterSeconds` also emails it when the visitor does not see it in time:
 * at once when they have been gone that long already; otherwise a delayed re-check (a job on the
 * deliver queue) emails it then unless the visitor has read it in the chat meanwhile. The email
 * needs a verified address and an email connector that can send (one on the conversation's queue
 * first). When it cannot be sent, the message says why.
 */
@Injectable()
export class ChatSender implements ChannelSender {
  constructor(
    private readonly visitors: VisitorPublisher,
    private readonly presence: ChatPresence,
    private readonly connectors: ConnectorsService,
    private readonly email: EmailSender,
    private readonly jobs: JobProducer,
    @InjectRepository(ConnectorEntity) private readonly connectorRows: Repository<ConnectorEntity>,
    @InjectRepository(CustomerIdentityEntity) private readonly identities: Repository<CustomerIdentityEntity>,
    @InjectRepository(MessageEntity) private readonly messages: Repository<MessageEntity>,
  ) {}

  async send(ctx: OutboundContext): Promise<SentOutbound> {
    const { message, connector } = ctx;
    const visitorId = this.visitorOf(ctx);
    const chatMessage = toChatMessage(message);
    if (!chatMessage) throw new DeliveryError('only replies are sent to the visitor', false);
    this.visitors.emit(visitorId, 'message', chatMessage);

    const offlineForMs = await this.offlineForMs(visitorId);
    const emailAfter = connector.config['offlineEmailAfterSeconds'];
    const offlineSeconds = Number.isFinite(offlineForMs) ? Math.round(offlineForMs / 1000) : null;
    const shown = offlineForMs === 0 ? { delivery: 'live' } : { delivery: 'history', offlineSeconds };
    if (typeof emailAfter !== 'number') {
      return { metadata: { chat: offlineForMs === 0 ? shown : { ...shown, note: 'the visitor is offline; they see the reply when they come back' } } };
    }
    // Gone long enough already: email now. Otherwise (connected, or not gone long enough) check again once they would have been.
    const waitMs = Math.max(0, emailAfter * 1000 - offlineForMs);
    if (offlineForMs > 0 && waitMs === 0) return this.emailReply(ctx, offlineSeconds);
    const emailCheckAt = new Date(Date.now() + waitMs).toISOString();
    const scheduled = await this.jobs.tryScheduleChatOfflineEmail({ messageId: message.id }, waitMs);
    return {
      metadata: { chat: { ...shown, ...(scheduled ? { emailCheckAt } : { emailSkipped: 'the email re-check could not be scheduled (Redis unreachable)' }) } },
    };
  }

  /**
   * The delayed re-check: emails the reply unless the visitor has read it (or a later agent
   * message) in the chat. Returns the chat metadata to record on the reply.
   */
  async emailIfUnseen(ctx: OutboundContext): Promise<SentOutbound> {
    const visitorId = this.visitorOf(ctx);
    const readUpTo = await this.presence.readUpTo(visitorId).catch((err: Error) => {
      throw new DeliveryError(`cannot tell whether the visitor read the reply (Redis: ${err.message})`, true);
    });
    const previous = (ctx.message.metadata['chat'] ?? {}) as Record<string, unknown>;
    if (readUpTo && (await this.hasRead(readUpTo, ctx.message))) {
      return { metadata: { chat: { ...previous, emailSkipped: 'the visitor read the reply in the chat' } } };
    }
    const offlineForMs = await this.offlineForMs(visitorId);
    return this.emailReply(ctx, Number.isFinite(offlineForMs) ? Math.round(offlineForMs / 1000) : null, previous);
  }

  private visitorOf(ctx: OutboundContext): string {
    const visitorId = visitorIdOfThreadKey(ctx.conversation.threadKey);
    if (!visitorId) throw new DeliveryError('this conversation has no chat visitor to reply to', false);
    return visitorId;
  }

  private offlineForMs(visitorId: string): Promise<number> {
    return this.presence.offlineForMs(visitorId).catch((err: Error) => {
      throw new DeliveryError(`cannot tell whether the visitor is online (Redis: ${err.message})`, true);
    });
  }

  /** Read markers name the agent message the visitor read up to: this reply, or one written after it. */
  private async hasRead(readUpTo: string, reply: MessageEntity): Promise<boolean> {
    if (readUpTo === reply.id) return true;
    if (!UUID.test(readUpTo)) return false;
    const read = await this.messages.findOne({
      where: { id: readUpTo, conversationId: reply.conversationId ?? undefined },
      select: { id: true, createdAt: true },
    });
    return Boolean(read && read.createdAt >= reply.createdAt);
  }

  private async emailReply(ctx: OutboundContext, offlineSeconds: number | null, previous: Record<string, unknown> = {}): Promise<SentOutbound> {
    const { conversation } = ctx;
    const offline = { ...previous, delivery: previous['delivery'] ?? 'history', offlineSeconds };
    const address = await this.identities.findOne({
      where: { customerId: conversation.customerId, kind: 'email', verified: true },
      order: { createdAt: 'ASC' },
    });
    if (!address) {
      return {
        metadata: {
          chat: {
            ...offline,
            emailSkipped: 'the visitor did not see the reply but has no verified email address (an email typed into the chat form is not one)',
          },
        },
      };
    }
    const mailbox = await this.mailboxFor(conversation.queueId);
    if (!mailbox) return { metadata: { chat: { ...offline, emailSkipped: 'the visitor did not see the reply but no enabled email connector can send mail' } } };
    const sent = await this.email.send({ ...ctx, connector: mailbox, secrets: this.connectors.secretsOf(mailbox) });
    return {
      ...sent,
      metadata: { ...sent.metadata, chat: { ...previous, delivery: 'email', offlineSeconds, emailConnectorId: mailbox.id, emailedTo: address.value } },
    };
  }

  /** An enabled email connector with an outgoing server, preferring one on the conversation's queue. */
  private async mailboxFor(queueId: string | null): Promise<ConnectorEntity | null> {
    const candidates = await this.connectorRows.find({ where: { kind: 'email', enabled: true, deletedAt: IsNull() }, order: { createdAt: 'ASC' } });
    const sendable = candidates.filter((c) => smtpSettingsOf(c.config, this.connectors.secretsOf(c)));
    return sendable.find((c) => c.queueId === queueId) ?? sendable[0] ?? null;
  }
}
