import { Injectable } from '@nestjs/common';
import { guardedFetch } from '@throughline/channels/outbound';
import { MetaGraphClient, type SocialMetadata } from '@throughline/channels/social';
import type { ChannelSender, OutboundContext, SentOutbound } from './channel-sender';
import { postingReply, requiredSecret, SocialThreads } from './social-threads';

/**
 * An agent's reply as the Page: in the comment thread of the customer's latest comment (Facebook
 * or Instagram; both nest one level, so a reply answers the thread's top comment), on the post
 * they mentioned us in, or on Messenger when they wrote a message.
 */
@Injectable()
export class MetaSender implements ChannelSender {
  /** Neither X nor the Graph API takes an idempotency key. */
  readonly repeatMayDuplicate = true;

  constructor(private readonly threads: SocialThreads) {}

  async send({ message, conversation, connector, secrets, outbound }: OutboundContext): Promise<SentOutbound> {
    const client = new MetaGraphClient({
      fetch: guardedFetch(outbound),
      graphBaseUrl: connector.config['graphBaseUrl'] as string | undefined,
      pageAccessToken: requiredSecret(secrets, 'pageAccessToken', connector.name, 'Meta'),
    });
    const parent = await this.threads.lastInbound(conversation.id, ['facebook', 'instagram']);
    const text = message.text;
    if (parent.kind === 'direct_message') {
      const psid = await this.threads.accountOf(conversation.customerId, parent.platform);
      const sent = await postingReply(() => client.sendMessengerMessage({ psid, text }));
      return { externalId: sent.id, metadata: { social: { platform: parent.platform, kind: 'direct_message', postId: sent.id } } };
    }
    const commentId = threadTop(parent);
    const sent = await postingReply(() =>
      parent.platform === 'instagram' ? client.replyToInstagramComment({ commentId, text }) : client.replyToComment({ commentId, text }),
    );
    return {
      externalId: sent.id,
      threadRefs: [parent.postId],
      metadata: { social: { platform: parent.platform, kind: 'reply', postId: sent.id, inReplyToId: commentId, rootPostId: parent.rootPostId } },
    };
  }
}

/** The comment to answer under: a reply's parent comment, else the comment or post itself. */
function threadTop(parent: SocialMetadata): string {
  return parent.kind === 'reply' && parent.inReplyToId ? parent.inReplyToId : parent.postId;
}
