import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import {
  appendMessage,
  buildRawEmail,
  composeReply,
  EmailDeliveryError,
  findSentFolder,
  firstMailSubject,
  normalizeMessageId,
  outboundMessageId,
  replySubject,
  sendEmail,
  threadHeaders,
} from '@throughline/channels/email';
import { DeliveryError } from '@throughline/channels/generic';
import { formatConversationRef } from '@throughline/domain';
import type { OutboundPolicy } from '@throughline/channels/outbound';
import { imapSettingsOf, smtpSettingsOf } from '@throughline/server/connectors';
import { CustomerIdentityEntity, MessageEntity } from '@throughline/server/database';
import type { ChannelSender, OutboundContext, SentOutbound } from './channel-sender';

interface StoredAddress {
  address: string | null;
  name?: string | null;
}

/** The parts of an inbound mail's `metadata.email` a reply needs. */
interface StoredEmailMeta {
  messageId?: string;
  inReplyTo?: string | string[];
  references?: string[];
  from?: StoredAddress[];
  replyTo?: StoredAddress[];
}

const asList = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/**
 * An agent's reply by email: to the address the customer last wrote from (or their Reply-To),
 * threaded under their last mail (In-Reply-To/References per RFC 5322), with our conversation
 * token in the subject and a Message-ID that names the conversation, so any reply finds its way
 * back even from a client that drops the headers.
 */
@Injectable()
export class EmailSender implements ChannelSender {
  private readonly logger = new Logger(EmailSender.name);

  constructor(
    @InjectRepository(MessageEntity) private readonly messages: Repository<MessageEntity>,
    @InjectRepository(CustomerIdentityEntity) private readonly identities: Repository<CustomerIdentityEntity>,
  ) {}

  async send({ message, conversation, connector, secrets, outbound }: OutboundContext): Promise<SentOutbound> {
    const smtp = smtpSettingsOf(connector.config, secrets, outbound);
    if (!smtp) throw new DeliveryError(`connector "${connector.name}" has no outgoing SMTP server (config.smtp), so the reply cannot be sent`, false);
    const address = String(connector.config['address']);

    const parent = await this.messages
      .createQueryBuilder('m')
      .where("m.conversation_id = :id AND m.direction = 'inbound' AND m.channel = 'email'", { id: conversation.id })
      .andWhere("(m.metadata -> 'automated') IS NULL")
      .orderBy('m.occurred_at', 'DESC')
      .getOne();
    const parentMeta = (parent?.metadata['email'] ?? {}) as StoredEmailMeta;
    // An agent who chose email for a call or chat named the address (metadata.to) when replying.
    const chosen = typeof message.metadata['to'] === 'string' ? message.metadata['to'] : null;
    const to = chosen ?? (await this.recipient(conversation.customerId, parentMeta));
    if (!to) throw new DeliveryError('the customer has no email address to reply to', false);

    const messageId = message.externalId ?? outboundMessageId({ conversationId: conversation.id, messageId: message.id }, address.split('@')[1] ?? 'localhost');
    const headers = threadHeaders(
      parentMeta.messageId ? { messageId: parentMeta.messageId, references: parentMeta.references ?? [], inReplyTo: asList(parentMeta.inReplyTo) } : null,
    );
    const ref = formatConversationRef(conversation.number);
    const subject = parent ? replySubject(conversation.subject, ref) : firstMailSubject(conversation.subject, ref);
    const mail = composeReply({
      from: { name: typeof connector.config['fromName'] === 'string' ? connector.config['fromName'] : undefined, address },
      to: [to],
      subject,
      text: message.text,
      messageId,
      inReplyTo: headers.inReplyTo,
      references: headers.references,
      connectorId: connector.id,
    });
    // Stored before sending: a bounce or an answer that arrives fast must find this message.
    const threadRefs = (headers.references ?? []).map(normalizeMessageId);
    await this.messages.update({ id: message.id }, { externalId: messageId, threadRefs });

    try {
      const sent = await sendEmail(smtp, mail);
      if (!sent.accepted.length) throw new EmailDeliveryError(`the SMTP server accepted no recipient (${sent.rejected.join(', ')} refused)`, true);
    } catch (err) {
      if (err instanceof EmailDeliveryError) throw new DeliveryError(err.reason, !err.permanent);
      throw err;
    }
    if (connector.provider === 'imap' && connector.config['saveSentCopy'] !== false) await this.saveSentCopy(connector.config, secrets, outbound, mail);
    return { externalId: messageId, threadRefs, metadata: { email: { messageId, to: [{ address: to }], from: { address }, subject } } };
  }

  /** Reply-To wins over From, as every mail client does; else any email the customer has. */
  private async recipient(customerId: string, parent: StoredEmailMeta): Promise<string | null> {
    const first = (list?: StoredAddress[]) => list?.find((a) => a.address)?.address;
    const written = first(parent.replyTo) ?? first(parent.from);
    if (written) return written;
    const identity = await this.identities.findOne({ where: { customerId, kind: 'email' }, order: { verified: 'DESC', createdAt: 'ASC' } });
    return identity?.value ?? null;
  }

  /** Best effort: the customer has the reply; a missing Sent copy is only logged. */
  private async saveSentCopy(
    config: Record<string, unknown>,
    secrets: Record<string, string>,
    outbound: OutboundPolicy,
    mail: Parameters<typeof buildRawEmail>[0],
  ): Promise<void> {
    const settings = imapSettingsOf(config, secrets, outbound);
    try {
      const folder = typeof config['sentFolder'] === 'string' ? config['sentFolder'] : await findSentFolder(settings);
      await appendMessage(settings, folder, await buildRawEmail(mail), ['\\Seen']);
    } catch (err) {
      this.logger.warn(`reply sent, but saving a copy to the Sent folder failed: ${(err as Error).message}`);
    }
  }
}
