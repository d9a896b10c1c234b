import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { ConnectorProvider } from '@throughline/domain';
import { DeliveryError } from '@throughline/channels/generic';
import { ConnectorsService } from '@throughline/server/connectors';
import { ConversationEntity, MessageEntity } from '@throughline/server/database';
import { SurveyLinks } from '@throughline/server/surveys';
import { TimelineEvents } from '@throughline/server/timeline';
import type { ChannelSender, SentOutbound } from './senders/channel-sender';
import { ChatSender } from './senders/chat.sender';
import { EmailSender } from './senders/email.sender';
import { GenericSender } from './senders/generic.sender';
import { MastodonSender } from './senders/mastodon.sender';
import { MetaSender } from './senders/meta.sender';
import { XSender } from './senders/x.sender';

export { DeliveryError };

/** Step 7 of the message path: send one outbound message through its channel. */
@Injectable()
export class DeliveryService {
  private readonly senders: Partial<Record<ConnectorProvider, ChannelSender>>;

  constructor(
    @InjectRepository(MessageEntity) private readonly messages: Repository<MessageEntity>,
    @InjectRepository(ConversationEntity) private readonly conversations: Repository<ConversationEntity>,
    private readonly connectors: ConnectorsService,
    private readonly events: TimelineEvents,
    generic: GenericSender,
    email: EmailSender,
    private readonly chat: ChatSender,
    x: XSender,
    mastodon: MastodonSender,
    meta: MetaSender,
    private readonly surveyLinks: SurveyLinks,
  ) {
    this.senders = { generic, imap: email, smtp: email, mime: email, widget: chat, x, mastodon, meta };
  }

  /**
   * Throws DeliveryError; `retryable: false` means retrying cannot help. Through a sender that
   * could post twice (no idempotency key), the reply is marked `sending` in its own committed write
   * before the call; finding it still `sending` means an earlier attempt's outcome is unknown, and
   * it becomes `unknown` for an agent to check instead of being posted again.
   */
  async deliver(messageId: string): Promise<'sent' | 'skipped' | 'unknown'> {
    const message = await this.messages.findOne({ where: { id: messageId } });
    if (!message) throw new DeliveryError(`message ${messageId} does not exist`, false);
    if (message.direction !== 'outbound') return 'skipped';
    if (message.deliveryStatus === 'sending') {
      const at = message.deliveryAttemptedAt?.toISOString() ?? 'an unknown time';
      await this.markUnknown(message, `the attempt at ${at} stopped before the platform confirmed the post`);
      return 'unknown';
    }
    if (message.deliveryStatus !== 'pending') return 'skipped';
    if (!message.connectorId) throw new DeliveryError('the conversation has no connector to deliver through', false);
    const connector = await this.connectors.get(message.connectorId).catch(() => null);
    if (!connector) throw new DeliveryError('the connector was deleted', false);
    if (!message.conversationId) throw new DeliveryError('the message belongs to no conversation', false);
    const conversation = await this.conversations.findOneOrFail({ where: { id: message.conversationId } });

    const sender = this.senders[connector.provider];
    if (!sender) throw new DeliveryError(`delivery through ${connector.provider} is not available on this server yet`, false);
    const guarded = sender.repeatMayDuplicate === true;
    if (guarded && !(await this.claimForSending(message))) return 'skipped';
    let sent: SentOutbound | void;
    try {
      sent = await sender.send({
        message: this.surveyLinks.forSending(message),
        conversation,
        connector,
        secrets: this.connectors.secretsOf(connector),
        outbound: this.connectors.outboundPolicy(),
      });
    } catch (err) {
      if (guarded && err instanceof DeliveryError && err.outcomeUnknown) {
        await this.markUnknown(message, err.message);
        return 'unknown';
      }
      // The platform answered with an error: nothing was posted, so the next attempt may send.
      if (guarded) await this.messages.update({ id: message.id, deliveryStatus: 'sending' }, { deliveryStatus: 'pending' });
      throw err;
    }
    if (sent) await this.record(message, sent);
    await this.setStatus(message, conversation, 'sent', null);
    return 'sent';
  }

  /** pending → sending, committed before the provider call; false when another run got there first. */
  private async claimForSending(message: MessageEntity): Promise<boolean> {
    const claimed = await this.messages.update(
      { id: message.id, deliveryStatus: 'pending' },
      { deliveryStatus: 'sending', deliveryAttemptedAt: () => 'now()' },
    );
    if (!claimed.affected) return false;
    message.deliveryStatus = 'sending';
    return true;
  }

  /** "Check before retry": shown in the console; only an agent's explicit "Send again" posts it. */
  private async markUnknown(message: MessageEntity, reason: string): Promise<void> {
    const conversation = message.conversationId ? await this.conversations.findOne({ where: { id: message.conversationId } }) : null;
    await this.setStatus(message, conversation, 'unknown', `not confirmed, it may have been posted: ${reason}; check the platform before sending again`);
  }

  /**
   * The delayed re-check of a chat reply (CHAT_OFFLINE_EMAIL_JOB): emails it when the visitor has
   * not read it by then; either way the reply records what happened, live in the console.
   */
  async emailUnseenChatReply(messageId: string): Promise<'checked' | 'skipped'> {
    const message = await this.messages.findOne({ where: { id: messageId } });
    if (!message || message.direction !== 'outbound' || message.deliveryStatus !== 'sent' || !message.connectorId || !message.conversationId) return 'skipped';
    const connector = await this.connectors.get(message.connectorId).catch(() => null);
    if (!connector || connector.provider !== 'widget') return 'skipped';
    const conversation = await this.conversations.findOneOrFail({ where: { id: message.conversationId } });
    await this.record(
      message,
      await this.chat.emailIfUnseen({
        message,
        conversation,
        connector,
        secrets: this.connectors.secretsOf(connector),
        outbound: this.connectors.outboundPolicy(),
      }),
    );
    await this.events.messageUpdated(message, conversation);
    return 'checked';
  }

  private async record(message: MessageEntity, sent: SentOutbound): Promise<void> {
    if (sent.externalId) message.externalId = sent.externalId;
    if (sent.threadRefs) message.threadRefs = sent.threadRefs;
    if (sent.metadata) message.metadata = { ...message.metadata, ...sent.metadata };
    await this.messages.update({ id: message.id }, { externalId: message.externalId, threadRefs: message.threadRefs, metadata: message.metadata as object });
  }

  async markFailed(messageId: string, error: string): Promise<void> {
    const message = await this.messages.findOne({ where: { id: messageId } });
    if (!message || message.deliveryStatus !== 'pending') return;
    const conversation = message.conversationId ? await this.conversations.findOne({ where: { id: message.conversationId } }) : null;
    await this.setStatus(message, conversation, 'failed', error);
  }

  private async setStatus(
    message: MessageEntity,
    conversation: ConversationEntity | null,
    status: 'sent' | 'failed' | 'unknown',
    error: string | null,
  ): Promise<void> {
    message.deliveryStatus = status;
    message.deliveryError = error?.slice(0, 1000) ?? null;
    await this.messages.update({ id: message.id }, { deliveryStatus: message.deliveryStatus, deliveryError: message.deliveryError });
    await this.events.messageUpdated(message, conversation);
  }
}
