import { randomBytes } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import type { ConversationView, CreatedConnectorView, QueueView } from '@throughline/domain';
import { signBody } from '@throughline/channels/generic';
import { eventually, genericPayload, TestStack, USERS } from '../testing/test-stack';

const GRACE_MS = 300;
type Role = keyof typeof USERS;

/** Routing per queue on the real API, worker, PostgreSQL, Redis and Socket.IO presence. */
describe('routing per queue (real API, worker, presence)', () => {
  let stack: TestStack;
  const ids = {} as Record<Role, string>;
  const names = {} as Record<Role, string>;
  let sockets: Socket[] = [];

  beforeAll(async () => {
    stack = await TestStack.start({ env: { PRESENCE_OFFLINE_GRACE_MS: String(GRACE_MS) } });
    for (const role of Object.keys(USERS) as Role[]) {
      const { rows } = await stack.db.query<{ id: string; name: string }>('SELECT id, name FROM users WHERE email = $1', [USERS[role]]);
      ids[role] = rows[0].id;
      names[role] = rows[0].name;
    }
  });

  beforeEach(async () => {
    // Each test starts with everyone offline and nobody carrying open conversations.
    for (const socket of sockets) socket.disconnect();
    sockets = [];
    await eventually(async () => (await presence()).every((view) => view.status === 'offline'), 5000, 'everyone offline');
    await stack.settle();
    await stack.db.query("UPDATE conversations SET status = 'resolved', resolved_at = now() WHERE status = 'open'");
  });

  afterAll(async () => {
    await stack?.close();
  });

  const presence = async () => (await stack.request<Array<{ userId: string; status: string }>>('GET', '/api/presence', 'supervisor')).body;
  const online = async (role: Role) => {
    const socket = await stack.agentSocket(role);
    sockets.push(socket);
    await eventually(async () => (await presence()).some((view) => view.userId === ids[role] && view.status === 'online'), 5000, `${role} online`);
    return socket;
  };
  const routedQueue = async (settings: Record<string, unknown>, members: Role[]): Promise<QueueView> => {
    const { body: created } = await stack.request<QueueView>('POST', '/api/queues', 'supervisor', { name: `routed ${randomBytes(3).toString('hex')}` });
    const { status, body } = await stack.request<QueueView>('PATCH', `/api/queues/${created.id}`, 'supervisor', {
      ...settings,
      memberIds: members.map((r) => ids[r]),
    });
    expect(status).toBe(200);
    return body;
  };
  const webhookInto = async (queueId: string) => {
    const created = await stack.createConnector<CreatedConnectorView>({ kind: 'generic', provider: 'generic', config: {}, queueId });
    return { url: `${stack.baseUrl}/api/hooks/${created.id}/generic`, secret: created.signingSecret ?? '' };
  };
  /** Sends a customer's message; resolves with the id of the conversation it landed in. */
  const arrive = async (connector: { url: string; secret: string }, email = `c-${randomBytes(4).toString('hex')}@example.org`): Promise<string> => {
    const payload = genericPayload({ from: { email, name: 'Customer' } });
    expect((await stack.sendWebhook(connector, payload)).status).toBe(202);
    return conversationOf(payload['externalId'] as string);
  };
  const conversationOf = (externalId: string) =>
    eventually(
      async () => {
        const { rows } = await stack.db.query<{ conversation_id: string }>('SELECT conversation_id FROM messages WHERE external_id = $1', [externalId]);
        return rows[0]?.conversation_id;
      },
      10_000,
      `message ${externalId} stored`,
    );
  const assigneeOf = async (conversationId: string) =>
    (await stack.db.query<{ assignee_id: string | null }>('SELECT assignee_id FROM conversations WHERE id = $1', [conversationId])).rows[0].assignee_id;
  const assigned = (conversationId: string) => eventually(() => assigneeOf(conversationId).then((a) => a ?? undefined), 10_000, `${conversationId} assigned`);
  const routingLine = async (conversationId: string) =>
    (
      await stack.db.query<{ text: string }>("SELECT text FROM messages WHERE conversation_id = $1 AND direction = 'system' AND metadata->>'by' = 'routing'", [
        conversationId,
      ])
    ).rows.map((r) => r.text);
  const roleOf = (userId: string) => (Object.keys(ids) as Role[]).find((role) => ids[role] === userId) as Role;
  const patch = (conversationId: string, role: Role, body: Record<string, unknown>) =>
    stack.request<ConversationView>('PATCH', `/api/conversations/${conversationId}`, role, body);

  it('validates the settings, naming the field, and shows them in GET /api/queues', async () => {
    const queue = await routedQueue({ routing: 'balanced', sticky: true, capacityPerAgent: 3 }, ['agent']);
    expect(queue).toMatchObject({ routing: 'balanced', sticky: true, capacityPerAgent: 3, handBackOffline: false, memberIds: [ids.agent] });
    for (const [body, field] of [
      [{ routing: 'fastest' }, 'routing'],
      [{ sticky: 'yes' }, 'sticky'],
      [{ handBackOffline: 1 }, 'handBackOffline'],
      [{ capacityPerAgent: 0 }, 'capacityPerAgent'],
      [{ capacityPerAgent: 2.5 }, 'capacityPerAgent'],
      [{ memberIds: ['nobody'] }, 'memberIds'],
    ] as const) {
      const res = await stack.request<{ message: string[] }>('PATCH', `/api/queues/${queue.id}`, 'supervisor', body);
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body.message)).toContain(field);
    }
    expect((await stack.request('PATCH', `/api/queues/${queue.id}`, 'agent', { routing: 'manual' })).status).toBe(403);
    const cleared = await stack.request<QueueView>('PATCH', `/api/queues/${queue.id}`, 'supervisor', { capacityPerAgent: null, routing: 'round_robin' });
    expect(cleared.body).toMatchObject({ routing: 'round_robin', sticky: true, capacityPerAgent: null });
    const { body: list } = await stack.request<QueueView[]>('GET', '/api/queues', 'agent');
    expect(list.find((q) => q.id === queue.id)).toMatchObject({ routing: 'round_robin', sticky: true, capacityPerAgent: null });
  });

  it('round robin: takes turns between two online agents, saying so, live to the assignee', async () => {
    const queue = await routedQueue({ routing: 'round_robin' }, ['agent', 'supervisor']);
    const hook = await webhookInto(queue.id);
    const agentSocket = await online('agent');
    await online('supervisor');
    const heard: ConversationView[] = [];
    agentSocket.on('conversation.updated', ({ conversation }: { conversation: ConversationView }) => heard.push(conversation));

    const order: string[] = [];
    const conversations: string[] = [];
    for (let i = 0; i < 4; i++) {
      const id = await arrive(hook);
      conversations.push(id);
      order.push(await assigned(id));
    }
    expect(order[0]).not.toBe(order[1]);
    expect(order).toEqual([order[0], order[1], order[0], order[1]]);
    expect(await routingLine(conversations[0])).toEqual([`Assigned to ${names[roleOf(order[0])]} by round robin`]);
    const { rows: history } = await stack.db.query('SELECT actor_type, to_value, details FROM conversation_events WHERE conversation_id = $1 AND kind = $2', [
      conversations[0],
      'assignee',
    ]);
    expect(history).toEqual([{ actor_type: 'system', to_value: order[0], details: expect.objectContaining({ by: 'routing', rule: 'round_robin' }) }]);
    const toAgent = conversations.filter((_, i) => order[i] === ids.agent);
    await eventually(
      async () => toAgent.every((id) => heard.some((c) => c.id === id && c.assigneeId === ids.agent)),
      5000,
      'conversation.updated to the agent',
    );
  });

  it('balanced: the least loaded agent first, ties to the one longest without an assignment', async () => {
    const manual = await routedQueue({ routing: 'manual' }, ['agent', 'supervisor']);
    const manualHook = await webhookInto(manual.id);
    const queue = await routedQueue({ routing: 'balanced' }, ['agent', 'supervisor']);
    const hook = await webhookInto(queue.id);
    await online('agent');
    await online('supervisor');
    // The supervisor already carries two conversations, assigned by hand in a manual queue (which routes nothing).
    for (let i = 0; i < 2; i++) {
      const id = await arrive(manualHook);
      await stack.settle();
      expect(await assigneeOf(id)).toBeNull();
      expect((await patch(id, 'supervisor', { assigneeId: ids.supervisor })).status).toBe(200);
    }
    const order: string[] = [];
    const conversations: string[] = [];
    for (let i = 0; i < 4; i++) {
      const id = await arrive(hook);
      conversations.push(id);
      order.push(await assigned(id));
    }
    // 0/2 → agent, 1/2 → agent, 2/2 tie → supervisor (assigned longer ago), 2/3 → agent.
    expect(order.map(roleOf)).toEqual(['agent', 'agent', 'supervisor', 'agent']);
    expect(await routingLine(conversations[0])).toEqual([`Assigned to ${names.agent}: least loaded (0 open)`]);
  });

  it('sticky: a customer who wrote by email and then by webhook goes to the agent who answered the email', async () => {
    const queue = await routedQueue({ routing: 'round_robin', sticky: true }, ['agent', 'supervisor']);
    const hook = await webhookInto(queue.id);
    const mail = await stack.createConnector<CreatedConnectorView>({
      kind: 'email',
      provider: 'mime',
      config: { address: 'help@shop.example' },
      queueId: queue.id,
    });
    await online('agent');
    await online('supervisor');
    const email = `ada-${randomBytes(3).toString('hex')}@example.org`;
    const messageId = `<${randomBytes(6).toString('hex')}@example.org>`;
    const raw = `From: Ada <${email}>\r\nTo: help@shop.example\r\nSubject: My order\r\nMessage-ID: ${messageId}\r\nDate: ${new Date().toUTCString()}\r\n\r\nWhere is my order?\r\n`;
    const res = await fetch(`${stack.baseUrl}/api/hooks/${mail.id}/email`, {
      method: 'POST',
      headers: { 'content-type': 'message/rfc822', 'x-throughline-signature': signBody(raw, mail.signingSecret ?? '') },
      body: raw,
    });
    expect(res.status).toBe(202);
    const emailConversation = await eventually(
      async () => {
        const { rows } = await stack.db.query<{ conversation_id: string }>(
          "SELECT conversation_id FROM messages WHERE connector_id = $1 AND direction = 'inbound'",
          [mail.id],
        );
        return rows[0]?.conversation_id;
      },
      10_000,
      'the email stored',
    );
    const answerer = roleOf(await assigned(emailConversation));
    expect((await stack.request('POST', `/api/conversations/${emailConversation}/messages`, answerer, { text: 'It ships today.' })).status).toBe(201);

    // Round robin alone would now pick the other agent; stickiness brings the customer back to the one who answered.
    const webhookConversation = await arrive(hook, email);
    expect(webhookConversation).not.toBe(emailConversation);
    expect(roleOf(await assigned(webhookConversation))).toBe(answerer);
    expect(await routingLine(webhookConversation)).toEqual([`Assigned to ${names[answerer]}: answered this customer just now`]);
  });

  it('waits while nobody has room, oldest first as room appears: an agent comes online, then resolves one', async () => {
    const queue = await routedQueue({ routing: 'round_robin', capacityPerAgent: 1 }, ['agent']);
    const hook = await webhookInto(queue.id);
    const first = await arrive(hook);
    const second = await arrive(hook);
    await stack.settle();
    expect([await assigneeOf(first), await assigneeOf(second)]).toEqual([null, null]);

    await online('agent');
    expect(await assigned(first)).toBe(ids.agent);
    await stack.settle();
    expect(await assigneeOf(second)).toBeNull();

    expect((await patch(first, 'agent', { status: 'resolved' })).status).toBe(200);
    expect(await assigned(second)).toBe(ids.agent);
  });

  it('room appears when a member is added or the capacity is raised', async () => {
    const queue = await routedQueue({ routing: 'balanced', capacityPerAgent: 1 }, ['agent']);
    const hook = await webhookInto(queue.id);
    await online('agent');
    await online('supervisor');
    const first = await arrive(hook);
    expect(await assigned(first)).toBe(ids.agent);
    const second = await arrive(hook);
    const third = await arrive(hook);
    await stack.settle();
    expect(await assigneeOf(second)).toBeNull();

    await stack.request('PATCH', `/api/queues/${queue.id}`, 'supervisor', { memberIds: [ids.agent, ids.supervisor] });
    expect(await assigned(second)).toBe(ids.supervisor);
    await stack.request('PATCH', `/api/queues/${queue.id}`, 'supervisor', { capacityPerAgent: 2 });
    expect(await assigned(third)).toBe(ids.agent);
  });

  it('manual assignment wins: routing never takes a conversation someone assigned, nor routes a manual queue', async () => {
    const queue = await routedQueue({ routing: 'round_robin' }, ['agent']);
    const hook = await webhookInto(queue.id);
    const waiting = await arrive(hook);
    await stack.settle();
    expect((await patch(waiting, 'supervisor', { assigneeId: ids.supervisor })).status).toBe(200);
    await online('agent');
    const next = await arrive(hook);
    expect(await assigned(next)).toBe(ids.agent);
    expect(await assigneeOf(waiting)).toBe(ids.supervisor);
    // Unassigning by hand gives it back to routing.
    expect((await patch(waiting, 'supervisor', { assigneeId: null })).status).toBe(200);
    expect(await assigned(waiting)).toBe(ids.agent);

    const manual = await routedQueue({ routing: 'manual' }, ['agent']);
    const untouched = await arrive(await webhookInto(manual.id));
    await stack.settle();
    expect(await assigneeOf(untouched)).toBeNull();
  });

  it('hands an offline agent’s conversations back to routing when the queue says so, and leaves them theirs otherwise', async () => {
    const handingBack = await routedQueue({ routing: 'round_robin', handBackOffline: true }, ['agent', 'supervisor']);
    const keeping = await routedQueue({ routing: 'round_robin' }, ['agent', 'supervisor']);
    const agentSocket = await online('agent');
    const handed = await arrive(await webhookInto(handingBack.id));
    const kept = await arrive(await webhookInto(keeping.id));
    expect([await assigned(handed), await assigned(kept)]).toEqual([ids.agent, ids.agent]);
    await online('supervisor');

    agentSocket.disconnect();
    await eventually(async () => (await assigneeOf(handed)) === ids.supervisor, 10_000, 'handed back and routed to the supervisor');
    const lines = await routingLine(handed);
    expect(lines).toEqual([
      `Assigned to ${names.agent} by round robin`,
      `Handed back to the queue: ${names.agent} went offline`,
      `Assigned to ${names.supervisor} by round robin`,
    ]);
    await stack.settle();
    expect(await assigneeOf(kept)).toBe(ids.agent);
  });

  it('never exceeds capacity when many conversations arrive at once', async () => {
    const queue = await routedQueue({ routing: 'balanced', capacityPerAgent: 2 }, ['agent', 'supervisor']);
    const hook = await webhookInto(queue.id);
    await online('agent');
    await online('supervisor');
    const conversations = await Promise.all(Array.from({ length: 12 }, () => arrive(hook)));
    await eventually(async () => (await Promise.all(conversations.map(assigneeOf))).filter(Boolean).length === 4, 10_000, 'four assigned');
    await stack.settle();
    const assignees = await Promise.all(conversations.map(assigneeOf));
    expect(assignees.filter((a) => a === ids.agent)).toHaveLength(2);
    expect(assignees.filter((a) => a === ids.supervisor)).toHaveLength(2);
    expect(assignees.filter((a) => a === null)).toHaveLength(8);
    // The oldest waited longest, so they were the ones taken.
    const { rows } = await stack.db.query<{ id: string }>('SELECT id FROM conversations WHERE id = ANY($1::uuid[]) ORDER BY wait_key, id LIMIT 4', [
      conversations,
    ]);
    expect(rows.map((r) => r.id).every((id) => assignees[conversations.indexOf(id)] !== null)).toBe(true);
  });
});
