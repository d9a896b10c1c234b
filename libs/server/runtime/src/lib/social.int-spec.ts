import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CreatedConnectorView, MessageView } from '@throughline/domain';
import { type RecordedRequest, startRecordingServer } from '@throughline/channels/social/testing';
import { eventually, TestStack } from '../testing/test-stack';
import { metaSignature as signMeta, xSignature as signX } from '../testing/provider-signatures';

/** Payloads written from the providers' documented formats (libs/channels/social/src/testing-payloads/README.md). */
const PAYLOADS = join(__dirname, '../../../../channels/social/src/testing-payloads');
const FIXTURES = join(__dirname, '../../../../../test-fixtures/social');
const payload = (name: string) => readFileSync(join(PAYLOADS, name), 'utf8');
const fixture = (path: string) => readFileSync(join(FIXTURES, path), 'utf8');

// X's CRC example (wire-formats.md §3.1): this consumer secret and token give this response token.
const X_CONSUMER_SECRET = 'z3ZX4v7mAAUGykl3EcmkqbartmuW8VFOOzCloLx9Q45P0hLrFu';
const X_CRC = { token: '9b4507b3-9040-4669-9ca3-6b94edb50553', response: 'sha256=Cytd4Sq+NvEcV3MMrXxWJGJx5A+y/lXzzU2Maartkx8=' };
const X_ACCOUNT = '2244994945';
const META_APP_SECRET = 'meta-app-secret-0123456789';
const META_PAGE = '104512345678901';

const xSignature = (body: string) => signX(body, X_CONSUMER_SECRET);
const metaSignature = (body: string) => signMeta(body, META_APP_SECRET);

type Fake = Awaited<ReturnType<typeof startRecordingServer>>;

interface StoredMessage {
  id: string;
  conversation_id: string;
  text: string;
  author_name: string | null;
  metadata: { social: Record<string, unknown> };
}

/** A v1.1 Tweet object as Account Activity delivers it (created_at and timestamp_ms as X writes them). */
function tweet(id: string, user: { id: string; handle: string; name: string }, text: string, inReplyTo: string | null = null) {
  const now = Date.now();
  return {
    created_at: new Date(now).toUTCString().replace(/^(\w+), (\d+) (\w+) (\d+) ([\d:]+) GMT$/, '$1 $3 $2 $5 +0000 $4'),
    id_str: id,
    text,
    in_reply_to_status_id_str: inReplyTo,
    user: { id_str: user.id, screen_name: user.handle, name: user.name },
    entities: { urls: [], user_mentions: [{ id_str: X_ACCOUNT, screen_name: 'shop' }] },
    timestamp_ms: String(now),
  };
}

const IG_ACCOUNT = '17841405309211844';
let graphOutages = 0;

/**
 * The Graph API's answer to GET /{ig-user-id}?fields=mentioned_comment.comment_id(…){…} or
 * mentioned_media.media_id(…){…} (IG User Mentioned Comment / Mentioned Media references), after
 * `graphOutages` temporary failures (Meta's "please retry" error, code 2).
 */
function instagramMentionAnswer(url: string) {
  const parsed = new URL(url, 'http://graph');
  const fields = parsed.searchParams.get('fields') ?? '';
  if (parsed.pathname !== `/v21.0/${IG_ACCOUNT}` || !/^mentioned_(comment|media)\./.test(fields)) return undefined;
  if (graphOutages > 0) {
    graphOutages--;
    return {
      status: 500,
      body: { error: { message: 'An unexpected error has occurred. Please retry your request later.', type: 'OAuthException', is_transient: true, code: 2 } },
    };
  }
  if (fields.startsWith('mentioned_comment.comment_id(17894227972186120)')) {
    return {
      status: 200,
      body: {
        mentioned_comment: {
          timestamp: new Date().toISOString().replace(/\.\d+Z$/, '+0000'),
          text: '@acme.support the blender I ordered is still not here',
          id: '17894227972186120',
          username: 'ana.bell',
          from: { id: '6398765432101234', username: 'ana.bell' },
          media: { id: '17918195224117851', permalink: 'https://www.instagram.com/p/C1a2b3XyZ/' },
        },
        id: IG_ACCOUNT,
      },
    };
  }
  if (fields.startsWith('mentioned_media.media_id(17920112008063024)')) {
    return {
      status: 200,
      body: {
        mentioned_media: {
          caption: 'Unboxing day with @acme.support',
          timestamp: new Date().toISOString(),
          username: 'sam.k',
          owner: { id: '6398765432109999' },
          permalink: 'https://www.instagram.com/p/D4e5f6/',
          id: '17920112008063024',
        },
        id: IG_ACCOUNT,
      },
    };
  }
  return { status: 400, body: { error: { message: 'Unsupported get request. Object does not exist', code: 100 } } };
}

describe('social: X, Meta and Mastodon in and out (real API, worker, PostgreSQL, Redis; local fake platforms)', () => {
  let stack: TestStack;
  let fakeX: Fake;
  let fakeGraph: Fake;
  let fakeMastodon: Fake;
  let x: CreatedConnectorView;
  let meta: CreatedConnectorView;
  let postedTweets = 0;

  beforeAll(async () => {
    stack = await TestStack.start();
    fakeX = await startRecordingServer((request) => {
      if (request.method === 'POST' && request.url === '/2/tweets')
        return { status: 201, body: { data: { id: `19000000000000000${++postedTweets}`, text: 'ok' } } };
      if (request.method === 'POST' && request.url.startsWith('/2/dm_conversations/with/'))
        return { status: 201, body: { data: { dm_conversation_id: '1-2', dm_event_id: '1580000000000000001' } } };
      if (request.url === '/2/users/me') return { status: 200, body: { data: { id: X_ACCOUNT, username: 'shop' } } };
      return { status: 404, body: { title: 'Not Found' } };
    });
    fakeGraph = await startRecordingServer((request) => {
      if (request.method === 'POST' && request.url.endsWith('/comments')) return { status: 200, body: { id: '122134567890123456_987654321099999' } };
      const mention = request.method === 'GET' ? instagramMentionAnswer(request.url) : undefined;
      return mention ?? { status: 400, body: { error: { message: 'Unsupported request', code: 100 } } };
    });
    // The documented payloads keep their publication dates (2018, 2024): these connectors accept old events.
    x = await stack.createConnector({
      kind: 'social',
      provider: 'x',
      config: { accountId: X_ACCOUNT, apiBaseUrl: fakeX.baseUrl, maxEventAgeMinutes: 0 },
      secrets: { consumerSecret: X_CONSUMER_SECRET, accessToken: 'x-user-token' },
    });
    meta = await stack.createConnector({
      kind: 'social',
      provider: 'meta',
      config: { pageId: META_PAGE, verifyToken: 'meta-verify-token-1', graphBaseUrl: `${fakeGraph.baseUrl}/v21.0`, maxEventAgeMinutes: 0 },
      secrets: { appSecret: META_APP_SECRET, pageAccessToken: 'page-token' },
    });
  });

  afterAll(async () => {
    await stack?.close();
    await Promise.all([fakeX, fakeGraph, fakeMastodon].filter((server): server is Fake => Boolean(server)).map((server) => server.close()));
  });

  const postX = async (body: string, signature = xSignature(body)) => {
    const res = await fetch(`${stack.baseUrl}/api/hooks/${x.id}/x`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-twitter-webhooks-signature': signature },
      body,
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  const messageOf = (connectorId: string, externalId: string) =>
    eventually(
      async () => {
        const { rows } = await stack.db.query<StoredMessage>(
          'SELECT id, conversation_id, text, author_name, metadata FROM messages WHERE connector_id = $1 AND external_id = $2',
          [connectorId, externalId],
        );
        return rows[0];
      },
      20_000,
      `message ${externalId}`,
    );

  const reply = async (conversationId: string, text: string) => {
    const res = await stack.request<MessageView>('POST', `/api/conversations/${conversationId}/messages`, 'agent', { text });
    expect(res.status).toBe(201);
    return eventually(
      async () => {
        const { rows } = await stack.db.query<{
          delivery_status: string;
          delivery_error: string | null;
          external_id: string | null;
          metadata: Record<string, unknown>;
        }>('SELECT delivery_status, delivery_error, external_id, metadata FROM messages WHERE id = $1', [res.body.id]);
        return rows[0]?.delivery_status !== 'pending' && rows[0];
      },
      20_000,
      'the delivery',
    );
  };

  const lastRequest = (fake: Fake, method: string): RecordedRequest | undefined => fake.requests.filter((r) => r.method === method).at(-1);

  describe('X Account Activity', () => {
    it('should answer the CRC challenge with the HMAC of the token under the consumer secret', async () => {
      expect(x.webhookUrls).toEqual({ x: `${stack.config.publicUrl}/api/hooks/${x.id}/x` });
      const crc = await fetch(`${stack.baseUrl}/api/hooks/${x.id}/x?crc_token=${X_CRC.token}`);
      expect(crc.status).toBe(200);
      expect(await crc.json()).toEqual({ response_token: X_CRC.response });
      expect((await fetch(`${stack.baseUrl}/api/hooks/${x.id}/x`)).status).toBe(400);
    });

    it('should take signed tweet_create_events: mentions and replies, not our own tweets or retweets', async () => {
      const body = payload('x-tweet-create-events.json');
      const delivered = await postX(body);
      expect(delivered.status).toBe(200);
      expect((await postX(body)).body['duplicate']).toBe(true);
      const mention = await messageOf(x.id, '1050118621198921728');
      expect(mention.text).toBe(
        "@TwitterDev my order #4411 still hasn't shipped & the support chat is down. Can you check? Tracking says <pending> since Monday: https://shop.example.com/track/4411",
      );
      expect(mention.author_name).toBe('Jordan Brinks');
      expect(mention.metadata.social).toMatchObject({
        platform: 'x',
        kind: 'mention',
        handle: 'furiouscamper',
        postUrl: 'https://x.com/furiouscamper/status/1050118621198921728',
      });
      const customerReply = await messageOf(x.id, '1050121548213952512');
      expect(customerReply.metadata.social).toMatchObject({ kind: 'reply', inReplyToId: '1050119949049356288' });
      const { rows } = await stack.db.query(
        `SELECT external_id FROM messages WHERE connector_id = $1 AND external_id IN ('1050119949049356288', '1050123847376756736')`,
        [x.id],
      );
      expect(rows).toEqual([]);
      const identities = await stack.db.query(`SELECT kind, value FROM customer_identities WHERE value = '3001969357'`);
      expect(identities.rows).toEqual([{ kind: 'x', value: '3001969357' }]);
    });

    it('should refuse a wrong or missing signature with 401 and store nothing', async () => {
      const body = JSON.stringify({
        for_user_id: X_ACCOUNT,
        tweet_create_events: [tweet('1900000000000099999', { id: '42', handle: 'eve', name: 'Eve' }, 'forged')],
      });
      expect((await postX(body, xSignature(`${body} `))).status).toBe(401);
      expect((await postX(body, '')).status).toBe(401);
      const { rowCount } = await stack.db.query(`SELECT 1 FROM raw_events WHERE external_id = '1900000000000099999'`);
      expect(rowCount).toBe(0);
    });

    it('should thread replies by in_reply_to_status_id and post agent replies in reply to the latest tweet', async () => {
      const customer = { id: `8${randomBytes(4).readUInt32BE()}`, handle: 'blendergirl', name: 'Mia Chen' };
      const id = () => `17${randomBytes(6).readUIntBE(0, 6)}`;
      const first = id();
      await postX(JSON.stringify({ for_user_id: X_ACCOUNT, tweet_create_events: [tweet(first, customer, '@shop my blender arrived cracked')] }));
      const mention = await messageOf(x.id, first);

      const answered = await reply(mention.conversation_id, 'Sorry Mia! Could you DM us your order number?');
      expect(answered).toMatchObject({ delivery_status: 'sent', delivery_error: null, external_id: `19000000000000000${postedTweets}` });
      const posted = lastRequest(fakeX, 'POST');
      expect(posted?.url).toBe('/2/tweets');
      expect(posted?.headers['authorization']).toBe('Bearer x-user-token');
      expect(JSON.parse(posted?.body ?? '')).toEqual({ text: 'Sorry Mia! Could you DM us your order number?', reply: { in_reply_to_tweet_id: first } });

      // The customer answers our reply, then adds to their own thread: both join the conversation.
      const answer = id();
      await postX(JSON.stringify({ for_user_id: X_ACCOUNT, tweet_create_events: [tweet(answer, customer, '@shop order 4411', answered.external_id)] }));
      expect((await messageOf(x.id, answer)).conversation_id).toBe(mention.conversation_id);
      const followUp = id();
      await postX(JSON.stringify({ for_user_id: X_ACCOUNT, tweet_create_events: [tweet(followUp, customer, 'also the lid is missing', first)] }));
      expect((await messageOf(x.id, followUp)).conversation_id).toBe(mention.conversation_id);

      await reply(mention.conversation_id, 'A new one is on its way.');
      expect(JSON.parse(lastRequest(fakeX, 'POST')?.body ?? '')).toEqual({ text: 'A new one is on its way.', reply: { in_reply_to_tweet_id: followUp } });
    });

    it('should make a reply chain one conversation owned by its first author when the replies arrive first', async () => {
      const author = { id: `8${randomBytes(4).readUInt32BE()}`, handle: 'rootwriter', name: 'Root Writer' };
      const friend = { id: `8${randomBytes(4).readUInt32BE()}`, handle: 'chimer', name: 'Chimes In' };
      const id = () => `17${randomBytes(6).readUIntBE(0, 6)}`;
      const [root, second, third] = [id(), id(), id()];
      const chain = [
        tweet(root, author, '@shop the lid is missing'),
        tweet(second, friend, '@shop same here', root),
        tweet(third, author, '@shop any news?', second),
      ];
      // The friend's reply first (it opens a conversation they own), then the author's answer to it, then the root, which has no reply hint of its own.
      for (const t of [chain[1], chain[2], chain[0]]) {
        expect((await postX(JSON.stringify({ for_user_id: X_ACCOUNT, tweet_create_events: [t] }))).status).toBe(200);
        await messageOf(x.id, t.id_str);
      }
      await stack.settle(30_000);
      const { rows } = await stack.db.query<{ conversation_id: string; owner_handle: string }>(
        `SELECT DISTINCT m.conversation_id, i.value AS owner_handle FROM messages m
           JOIN conversations c ON c.id = m.conversation_id JOIN customer_identities i ON i.customer_id = c.customer_id AND i.kind = 'x'
          WHERE m.connector_id = $1 AND m.external_id = ANY($2)`,
        [x.id, [root, second, third]],
      );
      expect(rows).toEqual([{ conversation_id: expect.any(String), owner_handle: author.id }]);
    });

    it('should take direct messages (not ours) and answer them by direct message', async () => {
      const sender = `6${randomBytes(4).readUInt32BE()}`;
      const body = payload('x-direct-message-events.json')
        .split('4337869213')
        .join(X_ACCOUNT)
        .split('3001969357')
        .join(sender)
        .split('954491830116155396')
        .join(`95${randomBytes(6).readUIntBE(0, 6)}`)
        .split('1516403560557')
        .join(String(Date.now()));
      expect((await postX(body)).status).toBe(200);
      const dm = (JSON.parse(body) as { direct_message_events: Array<{ id: string }> }).direct_message_events[0];
      const stored = await messageOf(x.id, dm.id);
      expect(stored.text).toBe('Hello World! My parcel never arrived, tracking: https://shop.example.com/track/4411');
      expect(stored.metadata.social).toMatchObject({ kind: 'direct_message', handle: 'furiouscamper' });
      const { rowCount } = await stack.db.query(`SELECT 1 FROM messages WHERE external_id = '954492188892594180'`);
      expect(rowCount).toBe(0);

      expect(await reply(stored.conversation_id, 'Which address did you order to?')).toMatchObject({
        delivery_status: 'sent',
        external_id: '1580000000000000001',
      });
      const posted = lastRequest(fakeX, 'POST');
      expect(posted?.url).toBe(`/2/dm_conversations/with/${sender}/messages`);
      expect(JSON.parse(posted?.body ?? '')).toEqual({ text: 'Which address did you order to?' });
    });

    it('should check the token against the configured account', async () => {
      const test = await stack.request<{ ok: boolean; checks: Array<{ message: string }> }>('POST', `/api/connectors/${x.id}/test`, 'admin');
      expect(test.body).toMatchObject({ ok: true, checks: [{ message: 'X accepts the token of @shop (2244994945)' }] });
      expect(lastRequest(fakeX, 'GET')?.url).toBe('/2/users/me');
    });
  });

  describe('Meta webhooks', () => {
    it('should answer the hub.challenge only with the verify token', async () => {
      const challenge = (token: string) =>
        fetch(`${stack.baseUrl}/api/hooks/${meta.id}/meta?hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=1158201444`);
      const ok = await challenge('meta-verify-token-1');
      expect(ok.status).toBe(200);
      expect(await ok.text()).toBe('1158201444');
      expect((await challenge('wrong-token')).status).toBe(403);
    });

    it('should take signed Page feed comments, thread the reply, and answer in the comment thread', async () => {
      const body = payload('meta-page-feed-comments.json');
      const post = (signature: string) =>
        fetch(`${stack.baseUrl}/api/hooks/${meta.id}/meta`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature },
          body,
        });
      expect((await post(metaSignature(`${body}x`))).status).toBe(401);
      expect((await post(metaSignature(body))).status).toBe(200);
      const comment = await messageOf(meta.id, '122134567890123456_987654321098765');
      const answer = await messageOf(meta.id, '122134567890123456_987654321098900');
      expect(answer.conversation_id).toBe(comment.conversation_id);
      expect(comment).toMatchObject({ text: 'My order arrived broken. Who can I talk to?', author_name: 'Ana Bell' });
      expect(comment.metadata.social).toMatchObject({ platform: 'facebook', kind: 'comment', postUrl: expect.stringContaining('facebook.com') });
      const { rowCount } = await stack.db.query(`SELECT 1 FROM messages WHERE external_id = '122134567890123456_987654321098800'`);
      expect(rowCount).toBe(0);

      expect(await reply(comment.conversation_id, 'We have sent a replacement, Ana.')).toMatchObject({
        delivery_status: 'sent',
        external_id: '122134567890123456_987654321099999',
      });
      const posted = lastRequest(fakeGraph, 'POST');
      expect(posted?.url).toBe('/v21.0/122134567890123456_987654321098765/comments');
      expect(posted?.headers['authorization']).toBe('Bearer page-token');
      expect(JSON.parse(posted?.body ?? '')).toEqual({ message: 'We have sent a replacement, Ana.' });
    });
  });

  describe('Instagram mentions', () => {
    const postMeta = (connectorId: string, body: string) =>
      fetch(`${stack.baseUrl}/api/hooks/${connectorId}/meta`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': metaSignature(body) },
        body,
      });
    const mentions = () => payload('meta-instagram-mentions.json').replace('"time": 1717416000', `"time": ${Math.floor(Date.now() / 1000)}`);

    it('should read the text, author and link of id-only mentions through the Graph API, retrying a temporary failure', async () => {
      graphOutages = 1;
      const instagram = await stack.createConnector<CreatedConnectorView>({
        kind: 'social',
        provider: 'meta',
        config: { pageId: META_PAGE, instagramAccountId: IG_ACCOUNT, verifyToken: 'meta-verify-token-3', graphBaseUrl: `${fakeGraph.baseUrl}/v21.0` },
        secrets: { appSecret: META_APP_SECRET, pageAccessToken: 'page-token' },
      });
      expect((await postMeta(instagram.id, mentions())).status).toBe(200);
      const comment = await messageOf(instagram.id, '17894227972186120');
      expect(comment).toMatchObject({ text: '@acme.support the blender I ordered is still not here', author_name: 'ana.bell' });
      expect(comment.metadata.social).toMatchObject({
        platform: 'instagram',
        kind: 'mention',
        handle: 'ana.bell',
        postUrl: 'https://www.instagram.com/p/C1a2b3XyZ/',
        rootPostId: '17918195224117851',
      });
      const caption = await messageOf(instagram.id, '17920112008063024');
      expect(caption).toMatchObject({ text: 'Unboxing day with @acme.support', author_name: 'sam.k' });
      const identities = await stack.db.query(
        `SELECT kind, value FROM customer_identities WHERE value IN ('6398765432101234', '6398765432109999') ORDER BY value`,
      );
      expect(identities.rows).toEqual([
        { kind: 'instagram', value: '6398765432101234' },
        { kind: 'instagram', value: '6398765432109999' },
      ]);
      const lookups = fakeGraph.requests.filter((r) => r.method === 'GET' && r.url.startsWith(`/v21.0/${IG_ACCOUNT}?`));
      expect(lookups.length).toBeGreaterThanOrEqual(3);
      expect(lookups[0].headers['authorization']).toBe('Bearer page-token');
      const { rows } = await stack.db.query(`SELECT status, attempts FROM raw_events WHERE connector_id = $1`, [instagram.id]);
      expect(rows).toEqual([{ status: 'processed', attempts: expect.any(Number) }]);
    }, 30_000);

    it('should keep the event as failed, saying so, when the connector has no Page access token', async () => {
      const tokenless = await stack.createConnector<CreatedConnectorView>({
        kind: 'social',
        provider: 'meta',
        config: { pageId: META_PAGE, verifyToken: 'meta-verify-token-4', graphBaseUrl: `${fakeGraph.baseUrl}/v21.0` },
        secrets: { appSecret: META_APP_SECRET },
      });
      expect((await postMeta(tokenless.id, mentions())).status).toBe(200);
      const failed = await eventually(
        async () => {
          const { rows } = await stack.db.query<{ status: string; error: string | null }>(`SELECT status, error FROM raw_events WHERE connector_id = $1`, [
            tokenless.id,
          ]);
          return rows[0]?.status === 'failed' && rows[0];
        },
        20_000,
        'the failed event',
      );
      expect(failed.error).toBe(
        'Instagram mentions carry only ids and the connector has no pageAccessToken secret to read them with; set it and retry the event',
      );
    });
  });

  describe('replayed deliveries', () => {
    it('should refuse signed X and Meta deliveries whose every event is older than 24 hours, and store nothing', async () => {
      const fresh = await stack.createConnector<CreatedConnectorView>({
        kind: 'social',
        provider: 'x',
        config: { accountId: X_ACCOUNT },
        secrets: { consumerSecret: X_CONSUMER_SECRET },
      });
      expect(fresh.config).toMatchObject({ maxEventAgeMinutes: 1440 });
      const postTo = (body: string) =>
        fetch(`${stack.baseUrl}/api/hooks/${fresh.id}/x`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-twitter-webhooks-signature': xSignature(body) },
          body,
        });
      const old = payload('x-tweet-create-events.json');
      const refused = await postTo(old);
      expect(refused.status).toBe(401);
      expect(((await refused.json()) as { message: string }).message).toMatch(
        /^every event in this delivery is older than 1440 minutes \(the newest is from 2018-/,
      );
      const { rowCount } = await stack.db.query('SELECT 1 FROM raw_events WHERE connector_id = $1', [fresh.id]);
      expect(rowCount).toBe(0);
      const recent = JSON.stringify({
        for_user_id: X_ACCOUNT,
        tweet_create_events: [tweet(`17${randomBytes(6).readUIntBE(0, 6)}`, { id: '77', handle: 'sam', name: 'Sam' }, '@shop hi')],
      });
      expect((await postTo(recent)).status).toBe(200);

      const freshMeta = await stack.createConnector<CreatedConnectorView>({
        kind: 'social',
        provider: 'meta',
        config: { pageId: META_PAGE, verifyToken: 'meta-verify-token-2' },
        secrets: { appSecret: META_APP_SECRET },
      });
      const feed = payload('meta-page-feed-comments.json');
      const post = (body: string) =>
        fetch(`${stack.baseUrl}/api/hooks/${freshMeta.id}/meta`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-hub-signature-256': metaSignature(body) },
          body,
        });
      expect((await post(feed)).status).toBe(401);
      expect((await post(feed.replace('"time": 1717412345', `"time": ${Math.floor(Date.now() / 1000)}`))).status).toBe(200);
      const connector = (await stack.request<{ lastError: string | null }>('GET', `/api/connectors/${freshMeta.id}`, 'admin')).body;
      expect(connector.lastError).toMatch(/refused a webhook: every event in this delivery is older than 1440 minutes/);
    });
  });

  describe('Mastodon polling', () => {
    it('should poll mentions since the last seen id and reply with the original visibility', async () => {
      const first = JSON.parse(fixture('mastodon/mastodonpy__test_notifications__GET-api-v1-notifications-20.json')) as Record<string, unknown>;
      const [later] = JSON.parse(fixture('mastodon/bigbone__notifications.json')) as Array<{ status: Record<string, unknown> }>;
      later.status['visibility'] = 'unlisted';
      fakeMastodon = await startRecordingServer((request) => {
        const url = new URL(request.url, 'http://fake');
        if (request.method === 'GET' && url.pathname === '/api/v1/notifications') {
          const sinceId = url.searchParams.get('since_id');
          return { status: 200, body: sinceId === null ? [first] : sinceId === '20' ? [later] : [] };
        }
        if (request.method === 'POST' && url.pathname === '/api/v1/statuses')
          return { status: 200, body: { id: '117100000000000001', url: `${'https://social.example'}/@support/117100000000000001` } };
        if (url.pathname === '/api/v1/accounts/verify_credentials') return { status: 200, body: { id: '109999', acct: 'support' } };
        return { status: 404, body: { error: 'Record not found' } };
      });
      const mastodon = await stack.createConnector({
        kind: 'social',
        provider: 'mastodon',
        config: { instanceUrl: fakeMastodon.baseUrl, accountId: '109999', pollIntervalSeconds: 10 },
        secrets: { accessToken: 'mastodon-token' },
      });
      expect(mastodon.webhookUrls).toEqual({});

      const hello = await messageOf(mastodon.id, '117020576916218297');
      expect(hello.text).toBe('@mastodonpy_test hello!');
      expect(hello.metadata.social).toMatchObject({ platform: 'mastodon', handle: 'admin', visibility: 'public' });
      const sup = await eventually(
        async () => {
          const { rows } = await stack.db.query<StoredMessage>(
            'SELECT id, conversation_id, text, author_name, metadata FROM messages WHERE connector_id = $1 AND external_id = $2',
            [mastodon.id, '103186126728896492'],
          );
          return rows[0];
        },
        30_000,
        'the mention of the second poll',
      );
      const polls = fakeMastodon.requests.filter((r) => r.url.startsWith('/api/v1/notifications'));
      expect(polls[0].headers['authorization']).toBe('Bearer mastodon-token');
      expect(new URL(polls[0].url, 'http://fake').searchParams.get('types[]')).toBe('mention');
      expect(new URL(polls[1].url, 'http://fake').searchParams.get('since_id')).toBe('20');
      const { rows: cursor } = await stack.db.query('SELECT state FROM connector_cursors WHERE connector_id = $1', [mastodon.id]);
      expect(cursor[0].state).toEqual({ sinceId: '34975861' });

      expect(await reply(sup.conversation_id, 'Thanks for the heads-up!')).toMatchObject({ delivery_status: 'sent', external_id: '117100000000000001' });
      const posted = lastRequest(fakeMastodon, 'POST');
      expect(posted?.headers['authorization']).toBe('Bearer mastodon-token');
      expect(posted?.headers['idempotency-key']).toEqual(expect.any(String));
      expect(JSON.parse(posted?.body ?? '')).toEqual({ status: '@zsc Thanks for the heads-up!', in_reply_to_id: '103186126728896492', visibility: 'unlisted' });

      const test = await stack.request<{ ok: boolean }>('POST', `/api/connectors/${mastodon.id}/test`, 'admin');
      expect(test.body.ok).toBe(true);

      // A base URL that answers an error: the connection test shows the status, never the answer's text.
      const elsewhere = await stack.createConnector({
        kind: 'social',
        provider: 'mastodon',
        config: { instanceUrl: `${fakeMastodon.baseUrl}/elsewhere`, accountId: '109999', pollIntervalSeconds: 3600 },
        secrets: { accessToken: 'mastodon-token' },
      });
      const failed = await stack.request<{ ok: boolean; checks: Array<{ message: string; detail?: string }> }>(
        'POST',
        `/api/connectors/${elsewhere.id}/test`,
        'admin',
      );
      expect(failed.body).toMatchObject({ ok: false, checks: [{ message: 'Mastodon could not be reached', detail: 'answered 404' }] });
      expect(JSON.stringify(failed.body)).not.toContain('Record not found');
      expect((await stack.request('DELETE', `/api/connectors/${elsewhere.id}`, 'admin')).status).toBe(204);
    }, 60_000);
  });
});
