import type { Socket } from 'socket.io-client';
import type { AgentPresenceView } from '@throughline/domain';
import { bootstrapApi } from './bootstrap';
import { eventually, TestStack, USERS } from '../testing/test-stack';

const GRACE_MS = 600;

/** Agent presence on the real API, Redis and Socket.IO: online, away, offline after a grace period, across API processes. */
describe('agent presence (real API, Redis, Socket.IO)', () => {
  let stack: TestStack;
  let supervisor: Socket;
  let heard: AgentPresenceView[];
  let agentId: string;

  beforeAll(async () => {
    stack = await TestStack.start({ env: { PRESENCE_OFFLINE_GRACE_MS: String(GRACE_MS) } });
    agentId = ((await stack.db.query('SELECT id FROM users WHERE email = $1', [USERS.agent])).rows[0] as { id: string }).id;
    supervisor = await stack.agentSocket('supervisor');
  });

  beforeEach(async () => {
    // Each test starts with the agent offline and a fresh record of what the supervisor heard.
    await eventually(async () => (await statusOf(agentId)) === 'offline', 5000, 'the agent offline');
    heard = [];
    supervisor.off('agent.presence');
    supervisor.on('agent.presence', (view: AgentPresenceView) => heard.push(view));
  });

  afterAll(async () => {
    await stack?.close();
  });

  const statusOf = async (userId: string) => {
    const { body } = await stack.request<AgentPresenceView[]>('GET', '/api/presence', 'supervisor');
    return body.find((view) => view.userId === userId)?.status;
  };
  const agentEvents = () => heard.filter((view) => view.userId === agentId).map((view) => view.status);
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('is online while a console socket is open, and offline only after the grace period once it closes', async () => {
    const socket = await stack.agentSocket('agent');
    await eventually(async () => agentEvents().includes('online'), 5000, 'online announced');
    expect(await statusOf(agentId)).toBe('online');
    socket.disconnect();
    await sleep(GRACE_MS / 3);
    expect(await statusOf(agentId)).toBe('online');
    await eventually(async () => agentEvents().includes('offline'), 5000, 'offline announced');
    expect(agentEvents()).toEqual(['online', 'offline']);
  });

  it('announces one change when many sockets of the agent open at once, and stays online while any is open', async () => {
    const sockets = await Promise.all([1, 2, 3, 4, 5].map(() => stack.agentSocket('agent')));
    await eventually(async () => agentEvents().includes('online'), 5000, 'online announced');
    for (const socket of sockets.slice(1)) socket.disconnect();
    await sleep(GRACE_MS * 2);
    expect(await statusOf(agentId)).toBe('online');
    expect(agentEvents()).toEqual(['online']);
    sockets[0].disconnect();
    await eventually(async () => agentEvents().includes('offline'), 5000, 'offline announced');
  });

  it('keeps a reload within the grace period from being a trip offline', async () => {
    const first = await stack.agentSocket('agent');
    await eventually(async () => agentEvents().includes('online'), 5000, 'online announced');
    first.disconnect();
    await sleep(GRACE_MS / 4);
    const second = await stack.agentSocket('agent');
    await sleep(GRACE_MS * 2);
    expect(agentEvents()).toEqual(['online']);
    second.disconnect();
  });

  it('lets the agent choose away and back, told to their own consoles too', async () => {
    const socket = await stack.agentSocket('agent');
    const own: AgentPresenceView[] = [];
    socket.on('agent.presence', (view: AgentPresenceView) => own.push(view));
    await eventually(async () => own.some((view) => view.status === 'online'), 5000, 'online told to the agent');
    const away = await stack.request<AgentPresenceView>('PUT', '/api/me/presence', 'agent', { status: 'away' });
    expect(away).toMatchObject({ status: 200, body: { userId: agentId, status: 'away' } });
    await eventually(async () => own.some((view) => view.status === 'away'), 5000, 'away told to the agent');
    expect(await statusOf(agentId)).toBe('away');
    await stack.request('PUT', '/api/me/presence', 'agent', { status: 'online' });
    await eventually(async () => agentEvents().join() === 'online,away,online', 5000, 'back online announced');
    socket.disconnect();
  });

  it('refuses a status that cannot be chosen, naming the field', async () => {
    for (const body of [{ status: 'offline' }, { status: 'busy' }, {}]) {
      const res = await stack.request<{ message: string[] }>('PUT', '/api/me/presence', 'agent', body);
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body.message)).toContain('status must be one of online, away');
    }
  });

  it('lets a supervisor set an agent away, and no agent set anyone', async () => {
    const socket = await stack.agentSocket('agent');
    await eventually(async () => agentEvents().includes('online'), 5000, 'online announced');
    expect((await stack.request('PUT', `/api/presence/${agentId}`, 'agent', { status: 'away' })).status).toBe(403);
    expect((await stack.request('GET', '/api/presence', 'agent')).status).toBe(403);
    expect((await stack.request('PUT', '/api/presence/00000000-0000-4000-8000-000000000000', 'supervisor', { status: 'away' })).status).toBe(404);
    const res = await stack.request<AgentPresenceView>('PUT', `/api/presence/${agentId}`, 'supervisor', { status: 'away' });
    expect(res.body.status).toBe('away');
    await eventually(async () => agentEvents().includes('away'), 5000, 'away announced');
    await stack.request('PUT', `/api/presence/${agentId}`, 'supervisor', { status: 'online' });
    socket.disconnect();
  });

  it('is one presence across API processes: a socket on a second API is heard by a supervisor on the first', async () => {
    const second = await bootstrapApi(stack.config);
    try {
      const { io } = await import('socket.io-client');
      const url = (await second.getUrl()).replace('[::1]', '127.0.0.1');
      const socket = io(`${url}/agents`, { path: '/socket.io', auth: { token: await stack.token('agent') }, transports: ['websocket'], reconnection: false });
      await eventually(async () => agentEvents().includes('online'), 5000, 'online announced from the second API');
      socket.disconnect();
      await eventually(async () => agentEvents().includes('offline'), 5000, 'offline announced');
    } finally {
      await second.close();
    }
  });
});
