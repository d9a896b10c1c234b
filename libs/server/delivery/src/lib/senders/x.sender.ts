import { Injectable } from '@nestjs/common';
import { guardedFetch } from '@throughline/channels/outbound';
import { XClient } from '@throughline/channels/social';
import type { ChannelSender, OutboundContext, SentOutbound } from './channel-sender';
import { postingReply, requiredSecret, SocialThreads } from './social-threads';

/** An agent's reply on X: a reply to the customer's latest post, or a direct message when they wrote one. */
@Injectable()
export class XSender implements ChannelSender {
  /** Neither X nor the Graph API takes an idempotency key. */
  readonly repeatMayDuplicate = true;

  constructor(private readonly threads: SocialThreads) {}

  async send({ message, conversation, connector, secrets, outbound }: OutboundContext): Promise<SentOutbound> {
    const client = new XClient({
      fetch: guardedFetch(outbound),
      apiBaseUrl: connector.config['apiBaseUrl'] as string | undefined,
      accessToken: requiredSecret(secrets, 'accessToken', connector.name, 'X'),
    });
    const parent = await this.threads.lastInbound(conversation.id, ['x']);
    if (parent.kind === 'direct_message') {
      const participantId = await this.threads.accountOf(conversation.customerId, 'x');
      const sent = await postingReply(() => client.sendDirectMessage({ participantId, text: message.text }));
      return { externalId: sent.id, metadata: { social: { platform: 'x', kind: 'direct_message', postId: sent.id } } };
    }
    const sent = await postingReply(() => client.replyToPost({ text: message.text, inReplyToId: parent.postId }));
    return {
      // The post's id: a customer answering our reply threads back into this conversation.
      externalId: sent.id,
      threadRefs: [parent.postId],
      metadata: { social: { platform: 'x', kind: 'reply', postId: sent.id, inReplyToId: parent.postId, postUrl: `https://x.com/i/web/status/${sent.id}` } },
    };
  }
}
