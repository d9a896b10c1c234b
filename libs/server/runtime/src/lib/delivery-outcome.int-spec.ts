import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CreatedConnectorView, MessageView } from '@throughline/domain';
import { type CannedResponse, type RecordedRequest, startRecordingServer } from '@throughline/channels/social/testing';
import { eventually, TestStack } from '../testing/test-stack';
import { metaSignature, xSignature } from '../testing/provider-signatures';

const PAYLOADS = join(__dirname, '../../../../channels/social/src/testing-payloads');
const X_CONSUMER_SECRET = 'x-consumer-secret-for-delivery-outcomes';
const META_APP_SECRET = 'meta-app-secret-for-delivery-outcomes';
const X_ACCOUNT = '2244994945';
const META_PAGE = '104512345678901';

type Fake = Awaited<ReturnType<typeof startRecordingServer>>;
/** How the fake platform treats the next posts: stored and answered, stored but the connection cut, or refused with 503. */
type Behaviour = 'ok' | 'store-then-drop' | 'unavailable';

/**
 * X and Meta take no idempotency key: a reply whose call times out or dies after the platform
 * stored it must not be posted a second time on retry. It becomes `unknown` until an agent
 * confirms "Send again".
 */
describe('delivery without idempotency keys: sending, then unknown instead of a second post', () => {
  let stack: TestStack;
  const fakes: Fake[] = [];
  const plans: Record<'x' | 'meta', Behaviour[]> = { x: [], meta: [] };
  const stored: Record<'x' | 'meta', RecordedRequest[]> = { x: [], meta: [] };
  let x: CreatedConnectorView;
  let meta: CreatedConnectorView;

  /** The platform stores a post unless it is unavailable; what the caller hears depends on the plan. */
  const platform =
    (name: 'x' | 'meta', isPost: (r: RecordedRequest) => boolean, created: () => unknown) =>
    (request: RecordedRequest): CannedResponse => {
      if (!isPost(request)) return { status: 404, body: { error: 'not here' } };
      const behaviour = plans[name].shift() ?? 'ok';
      if (behaviour === 'unavailable') return { status: 503, body: { error: 'over capacity' } };
      stored[name].push(request);
      return behaviour === 'store-then-drop' ? { status: 201, dropConnection: true } : { status: 201, body: created() };
    };

  beforeAll(async () => {
    stack = await TestStack.start();
    const fakeX = await startRecordingServer(
      platform(
        'x',
        (r) => r.method === 'POST' && r.url === '/2/tweets',
        () => ({ data: { id: `19${Date.now()}`, text: 'ok' } }),
      ),
    );
    const fakeGraph = await startRecordingServer(
      platform(
        'meta',
        (r) => r.method === 'POST' && r.url.endsWith('/comments'),
        () => ({ id: `122134567890123456_${Date.now()}` }),
      ),
    );
    fakes.push(fakeX, fakeGraph);
    x = await stack.createConnector({
      kind: 'social',
      provider: 'x',
      config: { accountId: X_ACCOUNT, apiBaseUrl: fakeX.baseUrl, maxEventAgeMinutes: 0 },
      secrets: { consumerSecret: X_CONSUMER_SECRET, accessToken: 'x-user-token' },
    });
    meta = await stack.createConnector({
      kind: 'social',
      provider: 'meta',
      config: { pageId: META_PAGE, verifyToken: 'meta-verify', graphBaseUrl: `${fakeGraph.baseUrl}/v21.0`, maxEventAgeMinutes: 0 },
      secrets: { appSecret: META_APP_SECRET, pageAccessToken: 'page-token' },
    });
  });

  afterAll(async () => {
    await stack?.close();
    await Promise.all(fakes.map((fake) => fake.close()));
  });

  /** Delivers a documented webhook payload and returns the conversation its first event opened. */
  const conversationFrom = async (connector: CreatedConnectorView, path: 'x' | 'meta', file: string, signature: (body: string) => Record<string, string>) => {
    const body = readFileSync(join(PAYLOADS, file), 'utf8');
    const res = await fetch(`${stack.baseUrl}/api/hooks/${connector.id}/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signature(body) },
      body,
    });
    expect(res.status).toBe(200);
    return eventually(
      async () => {
        const { rows } = await stack.db.query<{ conversation_id: string }>(
          "SELECT conversation_id FROM messages WHERE connector_id = $1 AND direction = 'inbound' ORDER BY occurred_at LIMIT 1",
          [connector.id],
        );
        return rows[0]?.conversation_id;
      },
      20_000,
      `the ${path} conversation`,
    );
  };
  const xConversation = () =>
    conversationFrom(x, 'x', 'x-tweet-create-events.json', (body) => ({
      'x-twitter-webhooks-signature': xSignature(body, X_CONSUMER_SECRET),
    }));
  const metaConversation = () =>
    conversationFrom(meta, 'meta', 'meta-page-feed-comments.json', (body) => ({
      'x-hub-signature-256': metaSignature(body, META_APP_SECRET),
    }));

  const reply = async (conversationId: string, text: string) => {
    const res = await stack.request<MessageView>('POST', `/api/conversations/${conversationId}/messages`, 'agent', { text });
    expect(res.status).toBe(201);
    return res.body;
  };
  const statusOf = async (id: string) =>
    (
      await stack.db.query<{ delivery_status: string; delivery_error: string | null; delivery_attempted_at: Date | null }>(
        'SELECT delivery_status, delivery_error, delivery_attempted_at FROM messages WHERE id = $1',
        [id],
      )
    ).rows[0];
  const settledStatus = (id: string, status: string) =>
    eventually(async () => (await statusOf(id))?.delivery_status === status && statusOf(id), 20_000, `delivery ${status}`);
  const postsWith = (name: 'x' | 'meta', text: string) => stored[name].filter((r) => r.body.includes(text)).length;
  const retry = (conversationId: string, messageId: string, body: unknown) =>
    stack.request<MessageView>('POST', `/api/conversations/${conversationId}/messages/${messageId}/retry`, 'agent', body);

  it('should post once on X when the call dies after X stored it, mark the reply unknown, and post again only when the agent confirms', async () => {
    const conversationId = await xConversation();
    plans.x.push('store-then-drop');
    const text = 'We have sent a replacement today.';
    const answer = await reply(conversationId, text);

    const unknown = await settledStatus(answer.id, 'unknown');
    expect(unknown.delivery_error).toMatch(/may have been posted/);
    expect(unknown.delivery_attempted_at).toBeInstanceOf(Date);
    await stack.settle();
    expect(postsWith('x', text)).toBe(1);
    expect((await statusOf(answer.id)).delivery_status).toBe('unknown');

    const unconfirmed = await retry(conversationId, answer.id, {});
    expect(unconfirmed.status).toBe(409);
    expect(JSON.stringify(unconfirmed.body)).toMatch(/confirm/);
    expect((await retry(conversationId, answer.id, { confirm: 'yes' })).status).toBe(400);

    const confirmed = await retry(conversationId, answer.id, { confirm: true });
    expect(confirmed.status).toBe(200);
    await settledStatus(answer.id, 'sent');
    expect(postsWith('x', text)).toBe(2);
  });

  it('should not call X at all for a reply a crashed worker left in sending, and mark it unknown', async () => {
    const conversationId = await xConversation();
    await stack.stopWorker();
    const text = 'Left in sending by a crash.';
    const answer = await reply(conversationId, text);
    // What a worker killed during the call leaves behind: the committed `sending` mark.
    await stack.db.query(`UPDATE messages SET delivery_status = 'sending', delivery_attempted_at = now() WHERE id = $1`, [answer.id]);
    await stack.startWorker();

    await settledStatus(answer.id, 'unknown');
    await stack.settle();
    expect(postsWith('x', text)).toBe(0);
  });

  it('should retry on its own when X answered an error (nothing was posted), and post exactly once', async () => {
    const conversationId = await xConversation();
    plans.x.push('unavailable', 'unavailable');
    const text = 'X was over capacity twice.';
    const answer = await reply(conversationId, text);
    await settledStatus(answer.id, 'sent');
    expect(postsWith('x', text)).toBe(1);
  });

  it('should post once on Meta when the call dies after the Graph API stored the comment, and leave it unknown', async () => {
    const conversationId = await metaConversation();
    plans.meta.push('store-then-drop');
    const text = 'Sorry Ana, a new one is on its way.';
    const answer = await reply(conversationId, text);
    await settledStatus(answer.id, 'unknown');
    await stack.settle();
    expect(postsWith('meta', text)).toBe(1);
  });
});
