import { InvalidPayloadError } from '@throughline/domain';
import { readFixture, readTestPayload } from '../../testing/fixtures';
import { normalizeMetaWebhook, parseMetaWebhook } from './webhook';

const ctx = { connectorId: 'c1', pageId: '104512345678901', instagramAccountId: '17841405309211844' };

describe('Meta webhooks', () => {
  it('should create nothing for a postback, a delivery receipt, an opt-in or a read receipt', () => {
    for (const file of [
      'meta__fbmessenger-api-hs__wsPostbackRequest.json',
      'meta__fbmessenger-api-hs__wsDeliveryRequest.json',
      'meta__fbmessenger-api-hs__wsAuthRequest.json',
      'meta__docs__message-reads.json',
    ]) {
      const payload = parseMetaWebhook(readFixture(`social/meta/${file}`));
      expect(normalizeMetaWebhook(payload, { connectorId: 'c1', pageId: 'PAGE_ID' })).toEqual([]);
    }
  });

  it('should turn Page feed comments into a comment and a reply, skipping our own, reactions and edits', () => {
    const messages = normalizeMetaWebhook(parseMetaWebhook(readTestPayload('meta-page-feed-comments.json')), ctx);
    expect(messages).toHaveLength(2);
    expect(messages[0]).toMatchObject({
      channel: 'social',
      externalId: '122134567890123456_987654321098765',
      identities: [{ kind: 'facebook', value: '7012345678901234' }],
      authorName: 'Ana Bell',
      text: 'My order arrived broken. Who can I talk to?',
      threading: { replyTo: ['104512345678901_122134567890123456'] },
      metadata: {
        social: {
          platform: 'facebook',
          kind: 'comment',
          postId: '122134567890123456_987654321098765',
          postUrl: 'https://www.facebook.com/104512345678901/posts/pfbid02Xq8HkmDZ7uK1zLnS3rT9wV',
          displayName: 'Ana Bell',
          rootPostId: '104512345678901_122134567890123456',
          conversationId: '104512345678901_122134567890123456',
        },
      },
    });
    expect(messages[0].occurredAt.toISOString()).toBe('2024-06-03T10:59:05.000Z');
    expect(messages[1]).toMatchObject({
      externalId: '122134567890123456_987654321098900',
      text: 'Thanks, got it!',
      threading: { replyTo: ['122134567890123456_987654321098765'] },
      metadata: { social: { kind: 'reply', inReplyToId: '122134567890123456_987654321098765' } },
    });
  });

  it('should turn a Page mention into a mention by its sender', () => {
    const [message] = normalizeMetaWebhook(parseMetaWebhook(readTestPayload('meta-page-mention.json')), ctx);
    expect(message).toMatchObject({
      externalId: '7012345678901234_122199988877766',
      identities: [{ kind: 'facebook', value: '7012345678901234' }],
      authorName: 'Ana Bell',
      text: 'Still waiting for my refund from Acme Support, three weeks now',
      metadata: { social: { platform: 'facebook', kind: 'mention' } },
    });
  });

  it('should turn Instagram comments into a comment and a reply, skipping ours and the id-only mention', () => {
    const messages = normalizeMetaWebhook(parseMetaWebhook(readTestPayload('meta-instagram-comments.json')), ctx);
    expect(messages.map((m) => m.externalId)).toEqual(['17865799348089039', '17865799348089200']);
    expect(messages[0]).toMatchObject({
      identities: [{ kind: 'instagram', value: '6398765432101234' }],
      authorName: 'ana.bell',
      text: 'Is this available in blue?',
      threading: { replyTo: ['17887498072083520'] },
      metadata: { social: { platform: 'instagram', kind: 'comment', handle: 'ana.bell', rootPostId: '17887498072083520' } },
    });
    expect(messages[0].occurredAt.toISOString()).toBe('2024-06-03T11:43:20.000Z');
    expect(messages[1]).toMatchObject({ metadata: { social: { kind: 'reply', inReplyToId: '17865799348089039' } } });
    // Without instagramAccountId, the entry id (our account) still marks our own comment.
    expect(normalizeMetaWebhook(parseMetaWebhook(readTestPayload('meta-instagram-comments.json')), { connectorId: 'c1', pageId: ctx.pageId })).toHaveLength(2);
  });

  it('should read a change printed without its envelope, as in Meta’s Instagram examples', () => {
    // "Instagram Platform webhook notification examples", comments field.
    const change = {
      field: 'comments',
      value: {
        from: { id: '232323232', username: 'test' },
        media: { id: '123123123', media_product_type: 'FEED' },
        id: '17865799348089039',
        text: 'This is an example.',
      },
    };
    const receivedAt = new Date('2026-01-05T12:00:00Z');
    const [message] = normalizeMetaWebhook(parseMetaWebhook(Buffer.from(JSON.stringify(change))), { ...ctx, receivedAt });
    expect(message).toMatchObject({
      externalId: '17865799348089039',
      identities: [{ kind: 'instagram', value: '232323232' }],
      text: 'This is an example.',
      occurredAt: receivedAt,
    });
  });

  it('should turn Messenger messages into direct messages from the PSID, skipping echoes', () => {
    const messages = normalizeMetaWebhook(parseMetaWebhook(readTestPayload('meta-messenger-text.json')), ctx);
    expect(messages).toHaveLength(2);
    expect(messages[0]).toMatchObject({
      externalId: 'm_AG5Hz2Uq7tuwNEhXfYYKj8mJEM_QPpz5jdCK48PnKAjSdjfipqxqMvK8ma6AC8fplwlqLP_5cgXIbu7I3rBN0P',
      identities: [{ kind: 'facebook', value: '6543210987654321' }],
      text: 'Hi, can I still change the delivery address of order 4411?',
      metadata: { social: { platform: 'facebook', kind: 'direct_message' } },
    });
    expect(messages[0].occurredAt.toISOString()).toBe('2024-06-03T11:59:59.876Z');
    expect(messages[1]).toMatchObject({
      text: '[image] https://scontent.xx.fbcdn.net/v/t1.15752-9/address-label.jpg',
      threading: { replyTo: ['m_Bc7Kq1Wr8uvxOFiYgZZLk9nKFN_RQqa6keDL59QoLBkTekgjqryrNw9nb7BD9gqmxmrM_6dhYJcv8J4sCO1Q'] },
    });
  });

  it('should refuse what is not a webhook delivery', () => {
    expect(() => parseMetaWebhook(Buffer.from('nope'))).toThrow(InvalidPayloadError);
    expect(() => parseMetaWebhook(Buffer.from('{"object":"page"}'))).toThrow(/entry/);
  });
});
