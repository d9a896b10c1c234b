import { io, type Socket } from 'socket.io-client';
import type { ChatServerEvents } from '@throughline/domain';
import { TestStack } from '../testing/test-stack';

const SITE = 'https://flood.example';

describe('new chat visitors are limited per address and per widget (real API, Redis, Socket.IO clients)', () => {
  let stack: TestStack;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    stack = await TestStack.start({ env: { CHAT_NEW_VISITORS_PER_IP: '3', CHAT_NEW_VISITORS_PER_CONNECTOR: '5' } });
  });

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await stack?.close();
  });

  const widgetKey = async (): Promise<string> => {
    const widget = await stack.createConnector({ kind: 'chat', provider: 'widget', config: { allowedOrigins: [SITE] } });
    return String(widget.config['connectorKey']);
  };

  /** Connects as a visitor; resolves with the session, or with the refusal's message. */
  const connect = (auth: Record<string, unknown>, baseUrl = stack.baseUrl): Promise<{ session?: ChatServerEvents['session']; refused?: string }> => {
    const socket = io(`${baseUrl}/chat`, {
      path: '/socket.io',
      auth,
      transports: ['websocket'],
      reconnection: false,
      extraHeaders: { origin: SITE },
      forceNew: true,
    });
    sockets.push(socket);
    return new Promise((resolve) => {
      socket.once('session', (session: ChatServerEvents['session']) => resolve({ session }));
      socket.once('connect_error', (err: Error) => resolve({ refused: err.message }));
    });
  };

  it('should refuse new visitors from one address past the limit, keep returning visitors and another widget working', async () => {
    const first = await widgetKey();
    const sessions = [];
    for (let i = 0; i < 3; i++) sessions.push((await connect({ connectorKey: first })).session);
    expect(sessions.every(Boolean)).toBe(true);
    expect((await connect({ connectorKey: first })).refused).toMatch(/^too many new chat visitors; try again in \d+ s$/);
    // A visitor presenting the token it was given is not new.
    expect((await connect({ connectorKey: first, visitorToken: sessions[0]?.visitorToken })).session?.visitorToken).toBe(sessions[0]?.visitorToken);
    const second = await widgetKey();
    expect((await connect({ connectorKey: second })).session).toBeDefined();
  });

  it('should refuse in parallel as well, never admitting more than the limit', async () => {
    const key = await widgetKey();
    const results = await Promise.all(Array.from({ length: 8 }, () => connect({ connectorKey: key })));
    expect(results.filter((r) => r.session)).toHaveLength(3);
    expect(results.filter((r) => r.refused)).toHaveLength(5);
  });

  it('should refuse new visitors to one widget past its own limit, whichever address they come from', async () => {
    const key = await widgetKey();
    const ipv6 = stack.baseUrl.replace('127.0.0.1', '[::1]');
    for (let i = 0; i < 3; i++) expect((await connect({ connectorKey: key })).session).toBeDefined();
    for (let i = 0; i < 2; i++) expect((await connect({ connectorKey: key }, ipv6)).session).toBeDefined();
    expect((await connect({ connectorKey: key }, ipv6)).refused).toMatch(/^too many new chat visitors/);
  });
});
