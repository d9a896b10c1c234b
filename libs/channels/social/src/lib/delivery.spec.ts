import { createServer, type Server } from 'node:http';
import { type AddressInfo, createServer as createTcpServer } from 'node:net';
import { guardedFetch } from '@throughline/channels/outbound';
import { startRecordingServer } from '../testing/recording-server';
import { requestJson, SocialDeliveryError } from './delivery';

const failureOf = async (url: string): Promise<SocialDeliveryError> => {
  const error = await requestJson({ method: 'POST', url, accessToken: 't', body: { text: 'hi' } }, { platform: 'X', timeoutMs: 5000 }).catch(
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(SocialDeliveryError);
  return error as SocialDeliveryError;
};

describe('requestJson: whether a failed post may exist', () => {
  it('should call the outcome unknown when the connection dies after the platform got the request', async () => {
    const fake = await startRecordingServer(() => ({ status: 201, dropConnection: true }));
    try {
      const error = await failureOf(`${fake.baseUrl}/2/tweets`);
      expect(fake.requests).toHaveLength(1);
      expect(error).toMatchObject({ permanent: false, outcomeUnknown: true });
    } finally {
      await fake.close();
    }
  });

  it('should know nothing was posted when the connection was refused', async () => {
    // A port that was just free: nothing listens there.
    const server = createTcpServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise<void>((resolve) => server.close(() => resolve()));
    expect(await failureOf(`http://127.0.0.1:${port}/2/tweets`)).toMatchObject({ permanent: false, outcomeUnknown: false });
  });

  it('should fail permanently, nothing posted, when the outbound guard refuses the address (and the server hears nothing)', async () => {
    const fake = await startRecordingServer(() => ({ status: 201, body: { id: '1' } }));
    try {
      const error = await requestJson(
        { method: 'POST', url: `${fake.baseUrl}/api/v1/statuses`, accessToken: 't', body: { status: 'hi' } },
        { platform: 'Mastodon', fetch: guardedFetch({ guard: true, allow: { hosts: [], cidrs: [] } }) },
      ).catch((err: unknown) => err);
      expect(error).toMatchObject({ permanent: true, outcomeUnknown: false, reason: expect.stringMatching(/^Mastodon refused: .* \(loopback\)/) });
      expect(fake.requests).toHaveLength(0);
    } finally {
      await fake.close();
    }
  });

  it('should know nothing was posted when the platform answered an error, but not after a gateway timeout', async () => {
    const statuses = [503, 504];
    const fake = await startRecordingServer(() => ({ status: statuses.shift() ?? 500, body: { title: 'trouble' } }));
    try {
      expect(await failureOf(fake.baseUrl)).toMatchObject({ status: 503, outcomeUnknown: false });
      expect(await failureOf(fake.baseUrl)).toMatchObject({ status: 504, outcomeUnknown: true });
    } finally {
      await fake.close();
    }
  });
});

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
