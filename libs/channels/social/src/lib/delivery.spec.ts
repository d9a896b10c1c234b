import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { requestJson, SocialDeliveryError } from './delivery';

describe('requestJson (a real HTTP server on loopback)', () => {
  let server: Server;
  let base: string;
  const seen: Array<{ path: string; authorization?: string }> = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push({ path: req.url ?? '', authorization: req.headers.authorization });
      if (req.url === '/api/redirect') res.writeHead(302, { location: '/landing' }).end();
      else res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('should not follow a redirect (the token would go along), and fail permanently naming the status', async () => {
    const attempt = requestJson({ method: 'GET', url: `${base}/api/redirect`, accessToken: 'token-1' }, { platform: 'Mastodon' });
    await expect(attempt).rejects.toBeInstanceOf(SocialDeliveryError);
    await expect(requestJson({ method: 'GET', url: `${base}/api/redirect`, accessToken: 'token-1' }, { platform: 'Mastodon' })).rejects.toMatchObject({
      message: 'Mastodon answered 302 (redirects are not followed)',
      permanent: true,
      status: 302,
    });
    expect(seen.map((s) => s.path)).not.toContain('/landing');
  });

  it('should return the parsed answer of a direct response', async () => {
    expect((await requestJson({ method: 'GET', url: `${base}/api/ok`, accessToken: 'token-2' }, { platform: 'Mastodon' })).body).toEqual({ ok: true });
    expect(seen.at(-1)).toEqual({ path: '/api/ok', authorization: 'Bearer token-2' });
  });
});
