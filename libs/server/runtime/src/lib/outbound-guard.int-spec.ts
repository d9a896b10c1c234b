import { createServer, type IncomingMessage, type Server } from 'node:http';
import { type AddressInfo, createServer as createTcpServer, type Server as TcpServer } from 'node:net';
import type { CreatedConnectorView, MessageView } from '@throughline/domain';
import { signBody } from '@throughline/channels/generic';
import { eventually, genericPayload, TestStack } from '../testing/test-stack';

describe('outbound guard on connector callbacks (real API, worker, HTTP server)', () => {
  let stack: TestStack;
  let callback: Server;
  let port: number;
  const paths: string[] = [];

  beforeAll(async () => {
    callback = createServer((req: IncomingMessage, res) => {
      paths.push(req.url ?? '');
      req.resume();
      req.on('end', () => (req.url === '/redirect' ? res.writeHead(307, { location: '/landing' }).end() : res.writeHead(200).end()));
    });
    await new Promise<void>((resolve) => callback.listen(0, '127.0.0.1', resolve));
    port = (callback.address() as AddressInfo).port;
    // The guard as production has it; the host name `localhost` is allow-listed, the address is not.
    stack = await TestStack.start({
      env: {
        OUTBOUND_GUARD: 'on',
        OUTBOUND_ALLOW_HOSTS: 'localhost',
        DATABASE_URL: `postgres://postgres@127.0.0.1:5432/throughline_test_security_outbound_${process.pid}`,
      },
    });
  });

  afterAll(async () => {
    await stack?.close();
    await new Promise<void>((resolve) => callback.close(() => resolve()));
  });

  /** Sends an inbound message through a connector with this callback, replies, and waits for the reply to fail. */
  const failedReply = async (callbackUrl: string): Promise<MessageView> => {
    const connector = await stack.createGenericConnector({ callbackUrl });
    const threadKey = `G-${paths.length}-${Date.now()}`;
    await stack.sendWebhook(connector, genericPayload({ threadKey }));
    const conversationId = await eventually(
      async () => (await stack.db.query(`SELECT id FROM conversations WHERE thread_key = $1`, [threadKey])).rows[0]?.id as string | undefined,
    );
    const reply = await stack.request<MessageView>('POST', `/api/conversations/${conversationId}/messages`, 'agent', { text: 'Answer' });
    expect(reply.status).toBe(201);
    return eventually(
      async () => {
        const messages = (await stack.request<{ items: MessageView[] } | MessageView[]>('GET', `/api/conversations/${conversationId}/messages`)).body;
        const list = Array.isArray(messages) ? messages : messages.items;
        const sent = list.find((m) => m.id === reply.body.id);
        return sent?.deliveryStatus === 'failed' && sent;
      },
      20_000,
      'the reply to fail',
    );
  };

  it('should refuse a callback to 127.0.0.1 with a clear delivery error, without connecting', async () => {
    const reply = await failedReply(`http://127.0.0.1:${port}/replies`);
    expect(reply.deliveryError).toMatch(/callback refused: 127\.0\.0\.1 resolves to 127\.0\.0\.1 \(loopback\), which connector settings may not reach/);
    expect(paths).not.toContain('/replies');
  });

  it('should not follow a redirect from an allowed callback', async () => {
    const reply = await failedReply(`http://localhost:${port}/redirect`);
    expect(reply.deliveryError).toMatch(/callback answered 307 \(redirects are not followed\)/);
    expect(paths).toContain('/redirect');
    expect(paths).not.toContain('/landing');
  });

  describe('social base URLs and mail servers from connector settings', () => {
    let listener: TcpServer;
    let listenerPort: number;
    let connections = 0;

    beforeAll(async () => {
      // Stands for an internal service on loopback: any connection to it is a failure of the guard.
      listener = createTcpServer((socket) => {
        connections++;
        socket.destroy();
      });
      await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
      listenerPort = (listener.address() as AddressInfo).port;
    });

    afterAll(() => new Promise<void>((resolve) => listener.close(() => resolve())));

    type Checked = { ok: boolean; checks: Array<{ ok: boolean; stage: string; message: string; detail?: string }> };
    const connectionTest = async (body: Record<string, unknown>): Promise<Checked> => {
      const connector = await stack.createConnector(body);
      const res = await stack.request<Checked>('POST', `/api/connectors/${connector.id}/test`, 'admin');
      expect(res.status).toBe(200);
      return res.body;
    };
    const refusal = (address: string, reason: string) =>
      new RegExp(`${address.replace(/\./g, '\\.')} resolves to ${address.replace(/\./g, '\\.')} \\(${reason}\\)`);

    it('should refuse Mastodon, X and Meta base URLs on loopback or the metadata address, without connecting', async () => {
      const mastodon = await connectionTest({
        kind: 'social',
        provider: 'mastodon',
        config: { instanceUrl: `http://127.0.0.1:${listenerPort}`, accountId: '1' },
        secrets: { accessToken: 'token' },
      });
      expect(mastodon.checks[0]).toMatchObject({ ok: false, stage: 'connect', detail: expect.stringMatching(refusal('127.0.0.1', 'loopback')) });
      const x = await connectionTest({
        kind: 'social',
        provider: 'x',
        config: { accountId: '42', apiBaseUrl: 'http://169.254.169.254/latest' },
        secrets: { consumerSecret: 'c', accessToken: 'token' },
      });
      expect(x.checks[0]).toMatchObject({ ok: false, detail: expect.stringMatching(refusal('169.254.169.254', 'linkLocal')) });
      const meta = await connectionTest({
        kind: 'social',
        provider: 'meta',
        config: { pageId: '7', verifyToken: 'verify-token', graphBaseUrl: `http://127.0.0.1:${listenerPort}/v21.0` },
        secrets: { appSecret: 'a', pageAccessToken: 'token' },
      });
      expect(meta.checks[0]).toMatchObject({ ok: false, detail: expect.stringMatching(refusal('127.0.0.1', 'loopback')) });
      expect(connections).toBe(0);
    });

    it('should refuse IMAP and SMTP hosts on private or loopback addresses, without connecting', async () => {
      const imap = await connectionTest({
        kind: 'email',
        provider: 'imap',
        config: { address: 'in@guard.example', host: '127.0.0.1', port: listenerPort, secure: false, user: 'u', smtp: { host: '10.0.0.5', port: 587 } },
        secrets: { password: 'p' },
      });
      expect(imap.checks).toEqual([
        expect.objectContaining({ ok: false, stage: 'connect', message: expect.stringMatching(refusal('127.0.0.1', 'loopback')) }),
        expect.objectContaining({ ok: false, stage: 'connect', message: expect.stringMatching(refusal('10.0.0.5', 'private')) }),
      ]);
      expect(connections).toBe(0);
    });

    it('should fail an email reply at once (no retry) when its SMTP host is refused', async () => {
      const mime = await stack.createConnector<CreatedConnectorView>({
        kind: 'email',
        provider: 'mime',
        config: { address: 'out@guard.example', smtp: { host: '127.0.0.1', port: listenerPort, secure: false } },
      });
      const messageId = `guard-${Date.now()}@customer.example`;
      const raw = [
        'From: Guard Customer <guard@customer.example>',
        'To: out@guard.example',
        'Subject: Hello',
        `Message-ID: <${messageId}>`,
        '',
        'Hello',
        '',
      ].join('\r\n');
      const hook = await fetch(`${stack.baseUrl}/api/hooks/${mime.id}/email`, {
        method: 'POST',
        headers: { 'content-type': 'message/rfc822', 'x-throughline-signature': signBody(raw, mime.signingSecret ?? '') },
        body: raw,
      });
      expect(hook.status).toBe(202);
      const conversationId = await eventually(
        async () =>
          (await stack.db.query(`SELECT conversation_id FROM messages WHERE external_id LIKE $1`, [`%${messageId}%`])).rows[0]?.conversation_id as
            | string
            | undefined,
      );
      const reply = await stack.request<MessageView>('POST', `/api/conversations/${conversationId}/messages`, 'agent', { text: 'Answer' });
      expect(reply.status).toBe(201);
      const failed = await eventually(
        async () => {
          const messages = (await stack.request<{ items: MessageView[] } | MessageView[]>('GET', `/api/conversations/${conversationId}/messages`)).body;
          const sent = (Array.isArray(messages) ? messages : messages.items).find((m) => m.id === reply.body.id);
          return sent?.deliveryStatus === 'failed' && sent;
        },
        20_000,
        'the reply to fail',
      );
      expect(failed.deliveryError).toMatch(/SMTP server refused: 127\.0\.0\.1 resolves to 127\.0\.0\.1 \(loopback\)/);
      expect(connections).toBe(0);
    });
  });
});
