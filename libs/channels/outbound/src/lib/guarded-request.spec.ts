import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { guardedAddress, guardedFetch, guardedRequest, OutboundRefusedError } from './guarded-request';
import type { OutboundPolicy } from './outbound-address';

describe('guardedRequest (a real HTTP server on loopback)', () => {
  let server: Server;
  let port: number;
  const paths: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      paths.push(req.url ?? '');
      if (req.url === '/redirect') res.writeHead(302, { location: '/landing' }).end('moved');
      else if (req.url === '/json')
        req.on('data', () => undefined).on('end', () => res.writeHead(201, { 'content-type': 'application/json' }).end('{"id":"7"}'));
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
    expect(await get(`http://127.0.0.1:${port}/page`, allowed)).toMatchObject({ status: 200, location: null });
    expect(await get(`http://127.0.0.1:${port}/redirect`, allowed)).toMatchObject({ status: 302, location: '/landing' });
    expect(paths).not.toContain('/landing');
  });

  describe('guardedFetch', () => {
    it('should refuse loopback like fetch fails (a TypeError whose cause says why), without connecting', async () => {
      const before = paths.length;
      const failure = await guardedFetch(guarded)(`http://localhost:${port}/json`).catch((err: unknown) => err as TypeError & { cause: NodeJS.ErrnoException });
      expect(failure).toBeInstanceOf(TypeError);
      expect(failure).toMatchObject({ cause: { code: 'EOUTBOUNDREFUSED', message: expect.stringMatching(/\(loopback\)/) } });
      await expect(guardedFetch(guarded)(`http://127.0.0.1:${port}/json`)).rejects.toMatchObject({ cause: { code: 'EOUTBOUNDREFUSED' } });
      expect(paths.length).toBe(before);
    });

    it('should answer an allowed request as fetch does, and a redirect with its 3xx (not followed)', async () => {
      const fetchAllowed = guardedFetch({ guard: true, allow: { hosts: [], cidrs: ['127.0.0.0/8'] } });
      const res = await fetchAllowed(`http://127.0.0.1:${port}/json`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(res.status).toBe(201);
      expect(res.headers.get('content-type')).toBe('application/json');
      expect(await res.json()).toEqual({ id: '7' });
      const redirect = await fetchAllowed(`http://127.0.0.1:${port}/redirect`);
      expect(redirect.status).toBe(302);
      expect(redirect.headers.get('location')).toBe('/landing');
      expect(paths).not.toContain('/landing');
    });

    it('should be fetch itself with the guard off', () => {
      expect(guardedFetch({ guard: false, allow: { hosts: [], cidrs: [] } })).toBe(fetch);
    });
  });

  describe('guardedAddress', () => {
    it('should refuse a mail server name or literal that is loopback, private or the metadata address', async () => {
      await expect(guardedAddress(guarded, 'localhost')).rejects.toThrow(/^localhost resolves to (127\.0\.0\.1|::1) \(loopback\)/);
      await expect(guardedAddress(guarded, '10.1.2.3')).rejects.toThrow(/\(private\)/);
      await expect(guardedAddress(guarded, '169.254.169.254')).rejects.toThrow(/\(linkLocal\)/);
      await expect(guardedAddress(guarded, '[::1]')).rejects.toMatchObject({ code: 'EOUTBOUNDREFUSED' });
    });

    it('should give the checked address to connect to, allow-listed names and ranges included, and the host as is with the guard off', async () => {
      expect(await guardedAddress({ guard: true, allow: { hosts: ['localhost'], cidrs: [] } }, 'localhost')).toMatch(/^(127\.0\.0\.1|::1)$/);
      expect(await guardedAddress({ guard: true, allow: { hosts: [], cidrs: ['10.0.0.0/8'] } }, '10.1.2.3')).toBe('10.1.2.3');
      expect(await guardedAddress({ guard: true, allow: { hosts: [], cidrs: [] } }, '93.184.215.14')).toBe('93.184.215.14');
      expect(await guardedAddress({ guard: false, allow: { hosts: [], cidrs: [] } }, 'mail.internal')).toBe('mail.internal');
    });
  });
});
