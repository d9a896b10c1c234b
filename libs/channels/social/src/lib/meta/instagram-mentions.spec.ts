import { readTestPayload } from '../../testing/fixtures';
import { instagramMentionMessage, instagramMentionsOf } from './instagram-mentions';
import { parseMetaWebhook } from './webhook';

const receivedAt = new Date('2026-01-05T12:00:00Z');

describe('instagramMentionsOf', () => {
  it('should list the comment and caption mentions of a delivery, by the mentioned account', () => {
    expect(instagramMentionsOf(parseMetaWebhook(readTestPayload('meta-instagram-mentions.json')), receivedAt)).toEqual([
      { igUserId: '17841405309211844', mediaId: '17918195224117851', commentId: '17894227972186120', notifiedAt: new Date(1717416000 * 1000) },
      { igUserId: '17841405309211844', mediaId: '17920112008063024', commentId: undefined, notifiedAt: new Date(1717416000 * 1000) },
    ]);
  });

  it('should find nothing to look up in Page deliveries or Instagram comments', () => {
    expect(instagramMentionsOf(parseMetaWebhook(readTestPayload('meta-page-mention.json')), receivedAt)).toEqual([]);
    const comments = parseMetaWebhook(readTestPayload('meta-instagram-comments.json'));
    expect(
      instagramMentionsOf({ ...comments, entry: comments.entry.map((e) => ({ ...e, changes: e.changes?.filter((c) => c.field === 'comments') })) }, receivedAt),
    ).toEqual([]);
  });
});

describe('instagramMentionMessage', () => {
  const ref = { igUserId: '17841405309211844', mediaId: '17918195224117851', commentId: '17894227972186120', notifiedAt: receivedAt };
  const own = new Set(['17841405309211844']);

  it('should be a mention by the comment author, linked to the post, answering the media', () => {
    const result = instagramMentionMessage(
      ref,
      {
        text: '@acme.support where is my order?',
        authorId: '6398765432101234',
        username: 'ana.bell',
        permalink: 'https://www.instagram.com/p/C1a2b3/',
        timestamp: '2026-01-05T11:00:00+0000',
      },
      own,
    );
    expect(result).toEqual(
      expect.objectContaining({
        channel: 'social',
        externalId: '17894227972186120',
        identities: [{ kind: 'instagram', value: '6398765432101234' }],
        authorName: 'ana.bell',
        text: '@acme.support where is my order?',
        occurredAt: new Date('2026-01-05T11:00:00Z'),
        threading: { replyTo: ['17918195224117851'] },
        metadata: {
          social: expect.objectContaining({ platform: 'instagram', kind: 'mention', postUrl: 'https://www.instagram.com/p/C1a2b3/', handle: 'ana.bell' }),
        },
      }),
    );
  });

  it('should skip our own mentions and say why one without an author id cannot be recorded', () => {
    expect(instagramMentionMessage(ref, { text: 'x', authorId: '17841405309211844' }, own)).toBeNull();
    expect(() => instagramMentionMessage(ref, { text: 'x', username: 'ana.bell' }, own)).toThrow(
      'Instagram mention 17894227972186120: the Graph API named no author account id',
    );
  });
});
