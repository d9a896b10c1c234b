import { readFixture } from '../../testing/fixtures';
import { normalizeMastodonNotifications, parseMastodonNotifications } from './notifications';

const ctx = { connectorId: 'c1', accountId: '14715', instanceUrl: 'https://mastodon.social/' };

describe('Mastodon notifications', () => {
  it('should make one mention of the bigbone list and ignore the favourite, without display_name or url', () => {
    const list = parseMastodonNotifications(JSON.parse(readFixture('social/mastodon/bigbone__notifications.json').toString('utf8')));
    expect(list).toHaveLength(2);
    const messages = normalizeMastodonNotifications(list, ctx);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({
      channel: 'social',
      direction: 'inbound',
      externalId: '103186126728896492',
      identities: [{ kind: 'mastodon', value: '971724' }],
      authorName: 'zsc',
      text: '@trwnh sup!',
      threading: { replyTo: ['103186038209478945'] },
      metadata: {
        social: {
          platform: 'mastodon',
          kind: 'reply',
          postId: '103186126728896492',
          postUrl: 'https://mastodon.social/@zsc/103186126728896492',
          handle: 'zsc',
          inReplyToId: '103186038209478945',
        },
      },
    });
    expect(messages[0].occurredAt.toISOString()).toBe('2019-11-23T07:49:01.940Z');
  });

  it('should read the single Mastodon.py notification from its raw bytes', () => {
    const list = parseMastodonNotifications(readFixture('social/mastodon/mastodonpy__test_notifications__GET-api-v1-notifications-20.json'));
    const [message] = normalizeMastodonNotifications(list, { connectorId: 'c1', accountId: '117020565966271181', instanceUrl: 'http://localhost:3000' });
    expect(message).toMatchObject({
      externalId: '117020576916218297',
      identities: [{ kind: 'mastodon', value: '117020565693913441' }],
      authorName: 'admin',
      text: '@mastodonpy_test hello!',
      metadata: {
        social: { kind: 'mention', visibility: 'public', postUrl: 'http://localhost:3000/@admin/117020576916218297', handle: 'admin' },
      },
    });
    expect(message.threading).toBeUndefined();
  });

  it('should treat a direct mention as a direct message, keep a content warning, and skip our own statuses', () => {
    const mention = (accountId: string, status: object) => ({
      id: '1',
      type: 'mention',
      created_at: '2026-01-05T12:00:00.000Z',
      account: { id: accountId, acct: 'ana@social.example', display_name: 'Ana' },
      status: {
        id: '99',
        content: '<p>@support where is my order?</p>',
        account: { id: accountId, acct: 'ana@social.example', display_name: 'Ana' },
        ...status,
      },
    });
    const [direct] = normalizeMastodonNotifications(parseMastodonNotifications(mention('555', { visibility: 'direct', spoiler_text: 'order trouble' })), ctx);
    expect(direct).toMatchObject({
      authorName: 'Ana',
      text: 'CW: order trouble\n\n@support where is my order?',
      metadata: { social: { kind: 'direct_message', visibility: 'direct', handle: 'ana@social.example' } },
    });
    expect(normalizeMastodonNotifications(parseMastodonNotifications(mention('14715', { visibility: 'public' })), ctx)).toEqual([]);
  });

  it('should name what is wrong with a notification', () => {
    expect(() => parseMastodonNotifications({ id: '1', type: 'mention' })).toThrow(/created_at|account/);
    expect(() => parseMastodonNotifications('[')).toThrow(/not valid JSON/);
  });
});
