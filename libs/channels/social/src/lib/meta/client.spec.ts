import { startRecordingServer, type CannedResponse } from '../../testing/recording-server';
import { MetaGraphClient } from './client';

describe('MetaGraphClient', () => {
  let answer: CannedResponse;
  let server: Awaited<ReturnType<typeof startRecordingServer>>;
  let client: MetaGraphClient;

  beforeAll(async () => {
    server = await startRecordingServer(() => answer);
    client = new MetaGraphClient({ graphBaseUrl: `${server.baseUrl}/v21.0`, pageAccessToken: 'page-token' });
  });
  afterAll(() => server.close());
  beforeEach(() => server.requests.splice(0));

  const expectPost = (url: string, body: unknown) => {
    const [request] = server.requests;
    expect(request).toMatchObject({ method: 'POST', url });
    expect(request.headers['authorization']).toBe('Bearer page-token');
    expect(request.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request.body)).toEqual(body);
  };

  it('should read the Page with GET /{page-id}?fields=id,name', async () => {
    answer = { status: 200, body: { id: '104578945632145', name: 'Shop' } };
    await expect(client.page('104578945632145')).resolves.toEqual({ id: '104578945632145', name: 'Shop' });
    expect(server.requests[0]).toMatchObject({ method: 'GET', url: '/v21.0/104578945632145?fields=id,name' });
    expect(server.requests[0].headers['authorization']).toBe('Bearer page-token');
  });

  it('should read a mentioned comment through the IG user mentioned_comment field', async () => {
    answer = {
      status: 200,
      body: {
        mentioned_comment: {
          timestamp: '2026-01-05T11:00:00+0000',
          text: '@acme.support my order?',
          id: '17894227972186120',
          username: 'ana.bell',
          from: { id: '6398765432101234', username: 'ana.bell' },
          media: { id: '17918195224117851', permalink: 'https://www.instagram.com/p/C1a2b3/' },
        },
        id: '17841405309211844',
      },
    };
    await expect(client.instagramMention({ igUserId: '17841405309211844', mediaId: '17918195224117851', commentId: '17894227972186120' })).resolves.toEqual({
      text: '@acme.support my order?',
      authorId: '6398765432101234',
      username: 'ana.bell',
      permalink: 'https://www.instagram.com/p/C1a2b3/',
      timestamp: '2026-01-05T11:00:00+0000',
    });
    const url = new URL(server.requests[0].url, 'http://graph');
    expect(url.pathname).toBe('/v21.0/17841405309211844');
    expect(url.searchParams.get('fields')).toBe(
      'mentioned_comment.comment_id(17894227972186120){id,text,timestamp,username,from{id,username},media{id,permalink}}',
    );
    expect(server.requests[0].headers['authorization']).toBe('Bearer page-token');
  });

  it('should read a caption mention through mentioned_media, the owner as author', async () => {
    answer = {
      status: 200,
      body: {
        mentioned_media: { caption: 'Unboxing @acme.support', owner: { id: '555' }, username: 'sam', permalink: 'https://www.instagram.com/p/X/', id: '1' },
        id: '17841405309211844',
      },
    };
    await expect(client.instagramMention({ igUserId: '17841405309211844', mediaId: '1' })).resolves.toMatchObject({
      text: 'Unboxing @acme.support',
      authorId: '555',
      username: 'sam',
    });
    expect(new URL(server.requests[0].url, 'http://graph').searchParams.get('fields')).toBe(
      'mentioned_media.media_id(1){id,caption,timestamp,username,owner{id},permalink}',
    );
  });

  it('should call a Graph rate limit temporary and a missing mention permanent', async () => {
    answer = { status: 400, body: { error: { message: 'Application request limit reached', code: 4 } } };
    await expect(client.instagramMention({ igUserId: '1', mediaId: '2' })).rejects.toMatchObject({ permanent: false });
    answer = { status: 200, body: { id: '1' } };
    await expect(client.instagramMention({ igUserId: '1', mediaId: '2' })).rejects.toMatchObject({ permanent: true });
  });

  it('should reply to a Facebook comment with POST /{comment-id}/comments', async () => {
    answer = { status: 200, body: { id: '122134567890123456_987654321098800' } };
    await expect(client.replyToComment({ commentId: '122134567890123456_987654321098765', text: 'Sorry, Ana!' })).resolves.toEqual({
      id: '122134567890123456_987654321098800',
    });
    expectPost('/v21.0/122134567890123456_987654321098765/comments', { message: 'Sorry, Ana!' });
  });

  it('should reply to an Instagram comment with POST /{ig-comment-id}/replies', async () => {
    answer = { status: 200, body: { id: '17865799348089100' } };
    await expect(client.replyToInstagramComment({ commentId: '17865799348089039', text: 'Yes, from next week!' })).resolves.toEqual({
      id: '17865799348089100',
    });
    expectPost('/v21.0/17865799348089039/replies', { message: 'Yes, from next week!' });
  });

  it('should answer on Messenger with POST /me/messages and messaging_type RESPONSE', async () => {
    answer = { status: 200, body: { recipient_id: '6543210987654321', message_id: 'm_Dx9Ms3Yt0wxzQHkaiBBNm1pMHP' } };
    await expect(client.sendMessengerMessage({ psid: '6543210987654321', text: 'Please send the new address.' })).resolves.toEqual({
      id: 'm_Dx9Ms3Yt0wxzQHkaiBBNm1pMHP',
    });
    expectPost('/v21.0/me/messages', { recipient: { id: '6543210987654321' }, messaging_type: 'RESPONSE', message: { text: 'Please send the new address.' } });
  });

  it('should call a plain 4xx permanent, and 5xx, 429 and a Graph rate limit (400, code 4) temporary', async () => {
    answer = { status: 400, body: { error: { message: '(#100) Invalid parameter', type: 'OAuthException', code: 100, fbtrace_id: 'A1' } } };
    await expect(client.replyToComment({ commentId: '1', text: 'x' })).rejects.toMatchObject({
      permanent: true,
      status: 400,
      reason: 'Meta Graph API answered 400: (#100) Invalid parameter',
    });
    for (const [status, body] of [
      [400, { error: { message: '(#4) Application request limit reached', code: 4, is_transient: true } }],
      [429, {}],
      [500, { error: { message: 'An unexpected error has occurred.', code: 2 } }],
    ] as const) {
      answer = { status, body };
      await expect(client.sendMessengerMessage({ psid: '1', text: 'x' })).rejects.toMatchObject({ permanent: false, status });
    }
  });

  it('should call Graph API v21.0 by default, through an injected fetch', async () => {
    const urls: string[] = [];
    const fetchStub = async (url: string | URL | Request) => {
      urls.push(String(url));
      return new Response('{"id":"1"}', { status: 200 });
    };
    await new MetaGraphClient({ pageAccessToken: 't', fetch: fetchStub as typeof fetch }).replyToComment({ commentId: '9', text: 'x' });
    expect(urls).toEqual(['https://graph.facebook.com/v21.0/9/comments']);
  });
});
