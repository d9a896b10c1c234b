import { Injectable } from '@nestjs/common';
import { guardedFetch } from '@throughline/channels/outbound';
import { MastodonClient } from '@throughline/channels/social';
import type { ChannelSender, OutboundContext, SentOutbound } from './channel-sender';
import { postingReply, requiredSecret, SocialThreads } from './social-threads';

/** An agent's reply on Mastodon: a status answering the customer's latest mention, with its visibility. */
@Injectable()
export class MastodonSender implements ChannelSender {
  constructor(private readonly threads: SocialThreads) {}

  async send({ message, conversation, connector, secrets, outbound }: OutboundContext): Promise<SentOutbound> {
    const client = new MastodonClient({
      fetch: guardedFetch(outbound),
      instanceUrl: String(connector.config['instanceUrl']),
      accessToken: requiredSecret(secrets, 'accessToken', connector.name, 'Mastodon'),
    });
    const parent = await this.threads.lastInbound(conversation.id, ['mastodon']);
    // Mastodon notifies only the accounts a status mentions; a direct reply reaches nobody else.
    const mention = parent.handle ? `@${parent.handle}` : '';
    const text = mention && !message.text.includes(mention) ? `${mention} ${message.text}` : message.text;
    const visibility = parent.visibility ?? 'public';
    const sent = await postingReply(() => client.postReply({ text, inReplyToId: parent.postId, visibility, idempotencyKey: message.id }));
    return {
      externalId: sent.id,
      threadRefs: [parent.postId],
      metadata: { social: { platform: 'mastodon', kind: 'reply', postId: sent.id, inReplyToId: parent.postId, postUrl: sent.url, visibility } },
    };
  }
}
