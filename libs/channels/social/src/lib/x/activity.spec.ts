import { InvalidPayloadError } from '@throughline/domain';
import { readFixture, readTestPayload } from '../../testing/fixtures';
import { normalizeXActivity, parseXActivity } from './activity';

describe('X Account Activity', () => {
  it('should create nothing for a typing indicator or a read receipt (X docs examples)', () => {
    for (const file of ['x__xdocs__direct_message_indicate_typing_events.json', 'x__xdocs__direct_message_mark_read_events.json']) {
      const payload = parseXActivity(readFixture(`social/x/${file}`));
      expect(normalizeXActivity(payload, { connectorId: 'c1', accountId: '4337869213' })).toEqual([]);
    }
  });

  describe('tweet_create_events', () => {
    const messages = normalizeXActivity(parseXActivity(readTestPayload('x-tweet-create-events.json')), { connectorId: 'c1', accountId: '2244994945' });

    it('should keep the mention and the reply, not our own tweet or the retweet', () => {
      expect(messages.map((m) => m.externalId)).toEqual(['1050118621198921728', '1050121548213952512']);
    });

    it('should read a long mention from extended_tweet with its ids as strings, links expanded and entities decoded', () => {
      expect(messages[0]).toMatchObject({
        channel: 'social',
        direction: 'inbound',
        externalId: '1050118621198921728',
        identities: [{ kind: 'x', value: '3001969357' }],
        authorName: 'Jordan Brinks',
        text: "@TwitterDev my order #4411 still hasn't shipped & the support chat is down. Can you check? Tracking says <pending> since Monday: https://shop.example.com/track/4411",
        metadata: {
          social: {
            platform: 'x',
            kind: 'mention',
            postId: '1050118621198921728',
            postUrl: 'https://x.com/furiouscamper/status/1050118621198921728',
            handle: 'furiouscamper',
            displayName: 'Jordan Brinks',
          },
        },
      });
      expect(messages[0].threading).toBeUndefined();
      expect(messages[0].occurredAt.toISOString()).toBe('2018-10-10T20:19:24.000Z');
    });

    it('should thread a reply to our tweet by its in-reply-to id', () => {
      expect(messages[1]).toMatchObject({
        text: '@TwitterDev Thanks, got it.',
        threading: { replyTo: ['1050119949049356288'] },
        metadata: { social: { kind: 'reply', inReplyToId: '1050119949049356288' } },
      });
    });

    it('should read the documented minimal mention: user_has_blocked as string or boolean, numeric user id, created_at only', () => {
      const tweet = {
        id_str: '1050118621198921729',
        created_at: 'Wed Oct 10 20:19:24 +0000 2018',
        text: '@TwitterDev hi',
        user: { id: 1337, screen_name: 'copwatcher' },
        entities: { user_mentions: [{ id: 123456789, screen_name: 'openoversight' }] },
      };
      for (const user_has_blocked of ['false', false]) {
        const payload = parseXActivity(Buffer.from(JSON.stringify({ for_user_id: '2244994945', user_has_blocked, tweet_create_events: [tweet] })));
        expect(payload.user_has_blocked).toBe(false);
        const [message] = normalizeXActivity(payload, { connectorId: 'c1', accountId: '2244994945' });
        expect(message.identities).toEqual([{ kind: 'x', value: '1337' }]);
        expect(message.authorName).toBe('copwatcher');
        expect(message.occurredAt.toISOString()).toBe('2018-10-10T20:19:24.000Z');
      }
    });
  });

  describe('direct_message_events', () => {
    const messages = normalizeXActivity(parseXActivity(readTestPayload('x-direct-message-events.json')), { connectorId: 'c1', accountId: '4337869213' });

    it('should keep the message sent to the account, named from the users map, and skip the one it sent', () => {
      expect(messages).toHaveLength(1);
      expect(messages[0]).toMatchObject({
        externalId: '954491830116155396',
        identities: [{ kind: 'x', value: '3001969357' }],
        authorName: 'Jordan Brinks',
        text: 'Hello World! My parcel never arrived, tracking: https://shop.example.com/track/4411',
        metadata: { social: { platform: 'x', kind: 'direct_message', postId: '954491830116155396', handle: 'furiouscamper' } },
      });
      expect(messages[0].occurredAt.toISOString()).toBe('2018-01-19T23:12:40.557Z');
    });
  });

  it('should refuse bad JSON and a tweet without a user, naming the field', () => {
    expect(() => parseXActivity(Buffer.from('{'))).toThrow(InvalidPayloadError);
    expect(() => parseXActivity(Buffer.from(JSON.stringify({ tweet_create_events: [{ id_str: '1', created_at: 'x' }] })))).toThrow(
      /tweet_create_events\.0\.user/,
    );
  });
});
