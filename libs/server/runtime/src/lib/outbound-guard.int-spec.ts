import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MessageView } from '@throughline/domain';
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
    stack = await TestStack.start({ env: { OUTBOUND_GUARD: 'on', OUTBOUND_ALLOW_HOSTS: 'localhost' } });
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
});
