import { startRecordingServer, type CannedResponse } from '../../testing/recording-server';
import { SocialDeliveryError } from '../delivery';
import { XClient } from './client';

describe('XClient', () => {
  let answer: CannedResponse;
  let server: Awaited<ReturnType<typeof startRecordingServer>>;
  let client: XClient;

  beforeAll(async () => {
    server = await startRecordingServer(() => answer);
    client = new XClient({ apiBaseUrl: `${server.baseUrl}/`, accessToken: 'x-user-token' });
  });
  afterAll(() => server.close());
  beforeEach(() => server.requests.splice(0));

  it('should post a reply with POST /2/tweets', async () => {
    answer = { status: 201, body: { data: { id: '1445880548472328192', text: 'We are on it!' } } };
    await expect(client.replyToPost({ text: 'We are on it!', inReplyToId: '1050118621198921728' })).resolves.toEqual({ id: '1445880548472328192' });
    const [request] = server.requests;
    expect(request).toMatchObject({ method: 'POST', url: '/2/tweets' });
    expect(request.headers['authorization']).toBe('Bearer x-user-token');
    expect(request.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request.body)).toEqual({ text: 'We are on it!', reply: { in_reply_to_tweet_id: '1050118621198921728' } });
  });

  it('should send a direct message with POST /2/dm_conversations/with/:participant_id/messages', async () => {
    answer = { status: 201, body: { data: { dm_conversation_id: '1346889436626259968', dm_event_id: '128341038123' } } };
    await expect(client.sendDirectMessage({ participantId: '3001969357', text: 'Could you send your order number?' })).resolves.toEqual({
      id: '128341038123',
      conversationId: '1346889436626259968',
    });
    const [request] = server.requests;
    expect(request).toMatchObject({ method: 'POST', url: '/2/dm_conversations/with/3001969357/messages' });
    expect(request.headers['authorization']).toBe('Bearer x-user-token');
    expect(JSON.parse(request.body)).toEqual({ text: 'Could you send your order number?' });
  });

  it('should say whose token it is with GET /2/users/me', async () => {
    answer = { status: 200, body: { data: { id: '2244994945', name: 'Shop', username: 'shop' } } };
    await expect(client.me()).resolves.toEqual({ id: '2244994945', username: 'shop' });
    expect(server.requests[0]).toMatchObject({ method: 'GET', url: '/2/users/me' });
    expect(server.requests[0].headers['authorization']).toBe('Bearer x-user-token');
    answer = { status: 401, body: { title: 'Unauthorized', detail: 'Unauthorized' } };
    await expect(client.me()).rejects.toMatchObject({ permanent: true, status: 401 });
  });

  it('should call a 4xx permanent and a 429 or 5xx temporary, with the status and X’s reason', async () => {
    answer = { status: 403, body: { title: 'Forbidden', detail: 'You are not allowed to reply to this Tweet.', type: 'about:blank', status: 403 } };
    const forbidden = await client.replyToPost({ text: 'hi', inReplyToId: '1' }).catch((err: unknown) => err);
    expect(forbidden).toBeInstanceOf(SocialDeliveryError);
    expect(forbidden).toMatchObject({ permanent: true, status: 403, reason: 'X answered 403: You are not allowed to reply to this Tweet.' });

    for (const status of [429, 503]) {
      answer = { status, body: { title: 'Too Many Requests' } };
      await expect(client.replyToPost({ text: 'hi', inReplyToId: '1' })).rejects.toMatchObject({ permanent: false, status });
    }
  });

  it('should call api.x.com by default, through an injected fetch', async () => {
    const urls: string[] = [];
    const fetchStub = async (url: string | URL | Request) => {
      urls.push(String(url));
      return new Response('{"data":{"id":"7"}}', { status: 201 });
    };
    await new XClient({ accessToken: 't', fetch: fetchStub as typeof fetch }).replyToPost({ text: 'x', inReplyToId: '1' });
    expect(urls).toEqual(['https://api.x.com/2/tweets']);
  });

  it('should call an unreachable API temporary', async () => {
    const offline = new XClient({ apiBaseUrl: 'http://127.0.0.1:9', accessToken: 't' });
    await expect(offline.replyToPost({ text: 'hi', inReplyToId: '1' })).rejects.toMatchObject({ name: 'SocialDeliveryError', permanent: false });
  });
});
