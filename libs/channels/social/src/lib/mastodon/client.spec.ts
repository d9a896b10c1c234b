import { startRecordingServer, type CannedResponse, type RecordedRequest } from '../../testing/recording-server';
import { MastodonClient } from './client';

function mention(id: string) {
  return {
    id,
    type: 'mention',
    created_at: '2026-01-05T12:00:00.000Z',
    account: { id: '971724', acct: 'zsc' },
    status: { id: `s${id}`, content: `<p>@support ${id}</p>` },
  };
}

describe('MastodonClient', () => {
  let respond: (request: RecordedRequest) => CannedResponse;
  let server: Awaited<ReturnType<typeof startRecordingServer>>;
  let client: MastodonClient;

  beforeAll(async () => {
    server = await startRecordingServer((request) => respond(request));
    client = new MastodonClient({ instanceUrl: server.baseUrl, accessToken: 'mastodon-token' });
  });
  afterAll(() => server.close());
  beforeEach(() => server.requests.splice(0));

  const queryOf = (request: RecordedRequest) => new URL(request.url, server.baseUrl).searchParams;

  it('should fetch mentions since an id with the bearer token', async () => {
    respond = () => ({ status: 200, body: [mention('105'), mention('104')] });
    const result = await client.fetchMentionsSince('100', 40);
    expect(result.newestId).toBe('105');
    expect(result.notifications.map((n) => n.id)).toEqual(['104', '105']);
    const [request] = server.requests;
    expect(request.method).toBe('GET');
    expect(new URL(request.url, server.baseUrl).pathname).toBe('/api/v1/notifications');
    expect(request.headers['authorization']).toBe('Bearer mastodon-token');
    expect(queryOf(request).getAll('types[]')).toEqual(['mention']);
    expect(queryOf(request).get('since_id')).toBe('100');
    expect(queryOf(request).get('limit')).toBe('40');
    expect(queryOf(request).get('max_id')).toBeNull();
  });

  it('should walk older pages with max_id while pages come back full, so nothing between is skipped', async () => {
    const all = ['107', '106', '105', '104', '103'].map(mention);
    respond = (request) => {
      const maxId = queryOf(request).get('max_id');
      const newer = all.filter((n) => !maxId || Number(n.id) < Number(maxId));
      return { status: 200, body: newer.slice(0, 2) };
    };
    const result = await client.fetchMentionsSince('102', 2);
    expect(result.notifications.map((n) => n.id)).toEqual(['103', '104', '105', '106', '107']);
    expect(result.newestId).toBe('107');
    expect(server.requests.map((r) => queryOf(r).get('max_id'))).toEqual([null, '106', '104']);
    expect(server.requests.every((r) => queryOf(r).get('since_id') === '102')).toBe(true);
  });

  it('should fetch only the newest page on a first poll and report nothing new as no newestId', async () => {
    respond = () => ({ status: 200, body: [mention('2'), mention('1')] });
    await expect(client.fetchMentionsSince(undefined, 2)).resolves.toMatchObject({ newestId: '2' });
    expect(server.requests).toHaveLength(1);
    respond = () => ({ status: 200, body: [] });
    await expect(client.fetchMentionsSince('2')).resolves.toEqual({ notifications: [], newestId: undefined });
  });

  it('should post a reply with the original visibility and an Idempotency-Key', async () => {
    respond = () => ({ status: 200, body: { id: '103186200000000000', url: 'https://mastodon.social/@support/103186200000000000' } });
    const reply = { text: '@zsc we are on it', inReplyToId: '103186126728896492', visibility: 'direct' };
    await expect(client.postReply(reply)).resolves.toEqual({ id: '103186200000000000', url: 'https://mastodon.social/@support/103186200000000000' });
    await client.postReply(reply);
    await client.postReply({ ...reply, idempotencyKey: 'message-42' });
    const [first, retry, explicit] = server.requests;
    expect(first).toMatchObject({ method: 'POST', url: '/api/v1/statuses' });
    expect(first.headers['authorization']).toBe('Bearer mastodon-token');
    expect(first.headers['content-type']).toBe('application/json');
    expect(JSON.parse(first.body)).toEqual({ status: '@zsc we are on it', in_reply_to_id: '103186126728896492', visibility: 'direct' });
    expect(first.headers['idempotency-key']).toMatch(/^[0-9a-f]{64}$/);
    expect(retry.headers['idempotency-key']).toBe(first.headers['idempotency-key']);
    expect(explicit.headers['idempotency-key']).toBe('message-42');
  });

  it('should say whose token it is with GET /api/v1/accounts/verify_credentials', async () => {
    respond = () => ({ status: 200, body: { id: '109', username: 'support', acct: 'support' } });
    await expect(client.verifyCredentials()).resolves.toEqual({ id: '109', acct: 'support' });
    expect(server.requests[0]).toMatchObject({ method: 'GET', url: '/api/v1/accounts/verify_credentials' });
    expect(server.requests[0].headers['authorization']).toBe('Bearer mastodon-token');
    respond = () => ({ status: 401, body: { error: 'The access token is invalid' } });
    await expect(client.verifyCredentials()).rejects.toMatchObject({
      permanent: true,
      status: 401,
      reason: 'Mastodon answered 401: The access token is invalid',
    });
  });

  it('should call a 422 permanent and a 503 temporary', async () => {
    respond = () => ({ status: 422, body: { error: 'Validation failed: Text character limit of 500 exceeded' } });
    await expect(client.postReply({ text: 'x', inReplyToId: '1', visibility: 'public' })).rejects.toMatchObject({
      permanent: true,
      status: 422,
      reason: 'Mastodon answered 422: Validation failed: Text character limit of 500 exceeded',
    });
    respond = () => ({ status: 503 });
    await expect(client.fetchMentionsSince('1')).rejects.toMatchObject({ permanent: false, status: 503 });
  });
});
