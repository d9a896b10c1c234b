import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { guardedRequest, OutboundRefusedError } from './guarded-request';
import type { OutboundPolicy } from './outbound-address';

describe('guardedRequest (a real HTTP server on loopback)', () => {
  let server: Server;
  let port: number;
  const paths: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      paths.push(req.url ?? '');
      if (req.url === '/redirect') res.writeHead(302, { location: '/landing' }).end('moved');
      else res.writeHead(200).end('secret internal page');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const guarded: OutboundPolicy = { guard: true, allow: { hosts: [], cidrs: [] } };
  const get = (url: string, policy: OutboundPolicy) => guardedRequest(url, { method: 'GET', headers: {}, timeoutMs: 5_000 }, policy);

  it('should refuse a name that resolves to loopback at connect time, and an IP literal before connecting', async () => {
    const before = paths.length;
    await expect(get(`http://localhost:${port}/`, guarded)).rejects.toThrow(OutboundRefusedError);
    await expect(get(`http://localhost:${port}/`, guarded)).rejects.toThrow(/^localhost resolves to (127\.0\.0\.1|::1) \(loopback\)/);
    await expect(get(`http://127.0.0.1:${port}/`, guarded)).rejects.toThrow(/^127\.0\.0\.1 resolves to 127\.0\.0\.1 \(loopback\)/);
    await expect(get(`http://[::ffff:127.0.0.1]:${port}/`, guarded)).rejects.toThrow(/\(loopback\)/);
    expect(paths.length).toBe(before);
  });

  it('should reach an allow-listed host, report the status only, and never follow a redirect', async () => {
    const allowed: OutboundPolicy = { guard: true, allow: { hosts: ['localhost'], cidrs: ['127.0.0.0/8'] } };
    expect(await get(`http://127.0.0.1:${port}/page`, allowed)).toEqual({ status: 200, location: null });
    expect(await get(`http://127.0.0.1:${port}/redirect`, allowed)).toEqual({ status: 302, location: '/landing' });
    expect(paths).not.toContain('/landing');
  });
});
