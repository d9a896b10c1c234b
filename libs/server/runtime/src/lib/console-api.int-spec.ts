import { createServer, type Server } from 'node:http';
import { simpleParser } from 'mailparser';
import type { Socket } from 'socket.io-client';
import type {
  AgentPresence,
  ConversationCountsView,
  ConversationView,
  MessageView,
  Page,
  RealtimeEvents,
  ReplyChannelView,
  UserView,
} from '@throughline/domain';
import { type SmtpCapture, startSmtpCapture } from '@throughline/channels/email/testing';
import { SnoozeWaker } from '@throughline/server/conversations';
import { eventually, genericPayload, TestStack } from '../testing/test-stack';

const HOUR = 3600_000;

describe('agent console API: search, sorts, counts, read state, snooze, presence, replies on email (real API, worker, PostgreSQL, Redis, SMTP)', () => {
  let stack: TestStack;
  let connector: { id: string; url: string; secret: string };
  let agent: UserView;
  let supervisor: UserView;
  let agentSocket: Socket;
  const agentEvents: Array<{ name: string; payload: unknown }> = [];

  beforeAll(async () => {
    stack = await TestStack.start();
    connector = await stack.createGenericConnector();
    agent = (await stack.request<UserView>('GET', '/api/auth/me', 'agent')).body;
    supervisor = (await stack.request<UserView>('GET', '/api/auth/me', 'supervisor')).body;
    agentSocket = await stack.agentSocket('agent');
    agentSocket.onAny((name: string, payload: unknown) => agentEvents.push({ name, payload }));
  });

  afterAll(() => stack?.close());

  const list = async (query: string, role: 'agent' | 'supervisor' = 'agent') =>
    stack.request<Page<ConversationView>>('GET', `/api/conversations?${query}`, role);
  const getConversation = async (id: string, role: 'agent' | 'supervisor' = 'agent') =>
    (await stack.request<ConversationView>('GET', `/api/conversations/${id}`, role)).body;
  const counts = async () => (await stack.request<ConversationCountsView>('GET', '/api/conversations/counts')).body;
  const messagesOf = async (id: string) => (await stack.request<MessageView[]>('GET', `/api/conversations/${id}/messages`)).body;

  /** Sends a webhook and waits for its conversation. */
  async function conversationFrom(payload: Record<string, unknown>): Promise<ConversationView> {
    const sent = genericPayload(payload);
    expect((await stack.sendWebhook(connector, sent)).status).toBe(202);
    const id = await eventually(
      async () => {
        const { rows } = await stack.db.query<{ conversation_id: string }>('SELECT conversation_id FROM messages WHERE external_id = $1', [sent['externalId']]);
        return rows[0]?.conversation_id;
      },
      15_000,
      `the conversation of ${String(sent['externalId'])}`,
    );
    return getConversation(id);
  }

  describe('search (q)', () => {
    let byEmail: ConversationView;
    let byPhone: ConversationView;
    let byHandle: ConversationView;

    beforeAll(async () => {
      byEmail = await conversationFrom({ from: { email: 'Zoe.Quillfeather@example.org', name: 'Zoë Quillfeather' }, text: 'My blender smokes since Tuesday' });
      byPhone = await conversationFrom({ from: { phone: '+44 20 7946 0123', name: 'Pat Caller' }, text: 'Please ring me about invoice 100% wrong' });
      byHandle = await conversationFrom({ from: { handle: '@Shopper_42', name: 'Anonymous shopper' }, text: 'hi there' });
    });

    const found = async (q: string) => (await list(`q=${encodeURIComponent(q)}`)).body.items.map((c) => c.id);

    it('should find by customer name, email in any case, phone in any notation and handle', async () => {
      expect(await found('quillfeather')).toEqual([byEmail.id]);
      expect(await found('ZOE.QUILLFEATHER@EXAMPLE.ORG')).toEqual([byEmail.id]);
      expect(await found('0044 (20) 7946-0123')).toEqual([byPhone.id]);
      expect(await found('+442079460123')).toEqual([byPhone.id]);
      expect(await found('pat caller')).toEqual([byPhone.id]);
      expect(await found('@shopper_42')).toEqual([byHandle.id]);
    });

    it('should find by reference with or without # and by message text, with LIKE characters taken literally', async () => {
      expect(await found(`#${byPhone.ref}`)).toEqual([byPhone.id]);
      expect(await found(byEmail.ref.toLowerCase())).toContain(byEmail.id);
      expect(await found('blender smokes')).toEqual([byEmail.id]);
      expect(await found('100%')).toEqual([byPhone.id]);
      expect(await found('100%_wrong')).toEqual([]);
      expect(await found('no such words anywhere')).toEqual([]);
    });

    it('should combine search with the view filters', async () => {
      expect((await list(`q=quillfeather&status=resolved`)).body.items).toEqual([]);
      expect((await list(`q=quillfeather&status=open&assigneeId=none`)).body.items.map((c) => c.id)).toEqual([byEmail.id]);
    });
  });

  describe('sorts with cursor paging', () => {
    beforeAll(async () => {
      // Six customers who wrote at different times; we answered two of them.
      const base = Date.now() - 10 * HOUR;
      const created: ConversationView[] = [];
      for (let i = 0; i < 6; i++) {
        created.push(
          await conversationFrom({ occurredAt: new Date(base + i * HOUR).toISOString(), from: { email: `sorted-${i}@example.org` }, text: `sorted ${i}` }),
        );
      }
      for (const answered of [created[1], created[4]]) {
        expect((await stack.request('POST', `/api/conversations/${answered?.id}/messages`, 'agent', { text: 'We are on it' })).status).toBe(201);
      }
    });

    async function pageThrough(sort: string): Promise<ConversationView[]> {
      const seen: ConversationView[] = [];
      let cursor: string | null = null;
      for (let pages = 0; pages < 100; pages++) {
        const { status, body } = await list(`sort=${sort}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        expect(status).toBe(200);
        seen.push(...body.items);
        cursor = body.nextCursor;
        if (!cursor) return seen;
      }
      throw new Error('paging did not end');
    }

    const allIds = async () => (await stack.db.query<{ id: string }>('SELECT id FROM conversations')).rows.map((r) => r.id).sort();

    it('should page the recent sort without duplicates or gaps, newest activity first', async () => {
      const items = await pageThrough('recent');
      expect(items.map((c) => c.id).sort()).toEqual(await allIds());
      const times = items.map((c) => Date.parse(c.lastMessageAt));
      expect(times).toEqual([...times].sort((a, b) => b - a));
      expect((await list('limit=500')).status).toBe(400);
    });

    it('should page the waiting sort: customers awaiting a reply first, longest waiting first, then the rest quiet longest first', async () => {
      const items = await pageThrough('waiting');
      expect(items.map((c) => c.id).sort()).toEqual(await allIds());
      const awaiting = (c: ConversationView) => c.lastInboundAt !== null && Date.parse(c.lastInboundAt) >= Date.parse(c.lastMessageAt);
      const firstAnswered = items.findIndex((c) => !awaiting(c));
      expect(firstAnswered).toBeGreaterThan(0);
      expect(items.slice(firstAnswered).every((c) => !awaiting(c))).toBe(true);
      const waitingSince = items.slice(0, firstAnswered).map((c) => Date.parse(c.lastInboundAt as string));
      expect(waitingSince).toEqual([...waitingSince].sort((a, b) => a - b));
      const quietSince = items.slice(firstAnswered).map((c) => Date.parse(c.lastMessageAt));
      expect(quietSince).toEqual([...quietSince].sort((a, b) => a - b));
      expect(items.slice(firstAnswered).map((c) => c.preview)).toEqual(expect.arrayContaining(['We are on it', 'We are on it']));
    });

    it('should refuse a cursor made for the other sort, or not made by the server, with 400', async () => {
      const recent = (await list('sort=recent&limit=1')).body.nextCursor as string;
      const waiting = (await list('sort=waiting&limit=1')).body.nextCursor as string;
      const mismatched = await list(`sort=waiting&cursor=${recent}`);
      expect(mismatched.status).toBe(400);
      expect(mismatched.body).toMatchObject({ statusCode: 400, message: expect.stringMatching(/^cursor: made for sort=recent/) });
      expect((await list(`cursor=${waiting}`)).status).toBe(400);
      expect((await list('cursor=bm90LWEtY3Vyc29y')).status).toBe(400);
      expect((await list('sort=oldest')).status).toBe(400);
    });
  });

  describe('counts', () => {
    it('should count every status and the open conversations per view, and follow assignment and resolution', async () => {
      const before = await counts();
      const conversation = await conversationFrom({ from: { email: 'counted@example.org' }, text: 'count me' });
      const created = await eventually(
        async () => {
          const now = await counts();
          return now.status.open === before.status.open + 1 && now;
        },
        5000,
        'the open count to grow',
      );
      expect(created).toMatchObject({
        unassigned: before.unassigned + 1,
        mine: before.mine,
        queues: { none: (before.queues['none'] ?? 0) + 1 },
        channels: { generic: (before.channels.generic ?? 0) + 1 },
      });

      expect((await stack.request('PATCH', `/api/conversations/${conversation.id}`, 'agent', { assigneeId: agent.id })).status).toBe(200);
      expect(await counts()).toMatchObject({ mine: before.mine + 1, unassigned: before.unassigned });
      const asSupervisor = (await stack.request<ConversationCountsView>('GET', '/api/conversations/counts', 'supervisor')).body;
      expect(asSupervisor.mine).toBe(0);

      expect((await stack.request('PATCH', `/api/conversations/${conversation.id}`, 'agent', { status: 'resolved' })).status).toBe(200);
      expect(await counts()).toMatchObject({
        mine: before.mine,
        status: { ...before.status, resolved: before.status.resolved + 1 },
        channels: { generic: before.channels.generic ?? 0 },
      });
    });
  });

  describe('read state', () => {
    it("should keep read state per agent and tell the reading agent's other tabs", async () => {
      const conversation = await conversationFrom({ from: { email: 'reader@example.org' }, text: 'unread so far' });
      expect(conversation.readAt).toBeNull();
      const read = await stack.request('POST', `/api/conversations/${conversation.id}/read`, 'agent');
      expect(read.status).toBe(204);

      const mine = await getConversation(conversation.id, 'agent');
      expect(mine.readAt).not.toBeNull();
      expect(Date.parse(mine.readAt as string)).toBeGreaterThanOrEqual(Date.parse(mine.lastInboundAt as string));
      expect((await getConversation(conversation.id, 'supervisor')).readAt).toBeNull();
      expect((await list(`customerId=${conversation.customerId}`, 'agent')).body.items[0]?.readAt).toBe(mine.readAt);
      expect((await list(`customerId=${conversation.customerId}`, 'supervisor')).body.items[0]?.readAt).toBeNull();

      const event = await eventually(
        async () => agentEvents.find((e) => e.name === 'conversation.read' && (e.payload as { conversationId: string }).conversationId === conversation.id),
        5000,
        'conversation.read',
      );
      expect(event.payload).toEqual({ conversationId: conversation.id, readAt: mine.readAt });

      expect((await stack.request('POST', `/api/conversations/00000000-0000-4000-8000-000000000000/read`, 'agent')).status).toBe(404);
    });
  });

  describe('snooze', () => {
    it('should refuse a snooze without a time, in the past, or with another status', async () => {
      const conversation = await conversationFrom({ from: { email: 'sleepy-refusals@example.org' }, text: 'zzz' });
      const patch = (body: unknown) => stack.request<{ message: string }>('PATCH', `/api/conversations/${conversation.id}`, 'agent', body);
      expect((await patch({ status: 'snoozed' })).body.message).toMatch(/^snoozedUntil: required/);
      expect((await patch({ snoozedUntil: new Date(Date.now() - 1000).toISOString() })).body.message).toMatch(/^snoozedUntil: .* not in the future/);
      expect((await patch({ status: 'pending', snoozedUntil: new Date(Date.now() + HOUR).toISOString() })).status).toBe(400);
      expect((await patch({ snoozedUntil: 'tomorrow' })).status).toBe(400);
    });

    it('should snooze until a time, then the worker opens it again with a line and a live event', async () => {
      const conversation = await conversationFrom({ from: { email: 'sleepy@example.org' }, text: 'remind me later' });
      const until = new Date(Date.now() + 2 * HOUR);
      const snoozed = await stack.request<ConversationView>('PATCH', `/api/conversations/${conversation.id}`, 'agent', {
        status: 'snoozed',
        snoozedUntil: until.toISOString(),
      });
      expect(snoozed.status).toBe(200);
      expect(snoozed.body).toMatchObject({ status: 'snoozed', snoozedUntil: until.toISOString() });
      expect((await messagesOf(conversation.id)).find((m) => m.direction === 'system')).toMatchObject({
        text: `Test agent snoozed this until ${until.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
        metadata: { event: 'snoozed', until: until.toISOString() },
      });
      expect((await list('status=snoozed')).body.items.map((c) => c.id)).toContain(conversation.id);

      const waker = stack.worker?.get(SnoozeWaker) as SnoozeWaker;
      expect(await waker.wakeDue(new Date(until.getTime() - 1000))).toBe(0);
      agentEvents.length = 0;
      expect(await waker.wakeDue(new Date(until.getTime() + 1000))).toBeGreaterThanOrEqual(1);

      expect(await getConversation(conversation.id)).toMatchObject({ status: 'open', snoozedUntil: null });
      expect((await messagesOf(conversation.id)).filter((m) => m.direction === 'system').map((m) => m.text)).toEqual([
        expect.stringMatching(/snoozed this until/),
        'Snooze ended',
      ]);
      const live = await eventually(
        async () =>
          agentEvents.find(
            (e) => e.name === 'conversation.updated' && (e.payload as RealtimeEvents['conversation.updated']).conversation.id === conversation.id,
          ),
        5000,
        'conversation.updated',
      );
      expect((live.payload as RealtimeEvents['conversation.updated']).conversation).toMatchObject({ status: 'open', snoozedUntil: null });
      expect(await waker.wakeDue(new Date(until.getTime() + 1000))).toBe(0);
    });

    it('should reopen a snoozed conversation when the customer writes, and clear the snooze when the status changes', async () => {
      const from = { email: 'impatient@example.org' };
      const conversation = await conversationFrom({ from, threadKey: 'snooze-thread', text: 'first' });
      const until = new Date(Date.now() + HOUR).toISOString();
      await stack.request('PATCH', `/api/conversations/${conversation.id}`, 'agent', { snoozedUntil: until });
      expect(await getConversation(conversation.id)).toMatchObject({ status: 'snoozed', snoozedUntil: until });
      await stack.sendWebhook(connector, genericPayload({ from, threadKey: 'snooze-thread', text: 'hello??' }));
      const reopened = await eventually(
        async () => {
          const c = await getConversation(conversation.id);
          return c.status === 'open' && c;
        },
        15_000,
        'the reopened conversation',
      );
      expect(reopened.snoozedUntil).toBeNull();

      await stack.request('PATCH', `/api/conversations/${conversation.id}`, 'agent', { snoozedUntil: until });
      const resolved = await stack.request<ConversationView>('PATCH', `/api/conversations/${conversation.id}`, 'agent', { status: 'resolved' });
      expect(resolved.body).toMatchObject({ status: 'resolved', snoozedUntil: null });
    });
  });

  describe('presence', () => {
    it('should relay presence to the other agents in the conversation, never to the sender, and say left on disconnect', async () => {
      const conversation = await conversationFrom({ from: { email: 'watched@example.org' }, text: 'who is looking?' });
      const viewer = await stack.agentSocket('agent');
      const other = await stack.agentSocket('supervisor');
      const atViewer: AgentPresence[] = [];
      const atOther: AgentPresence[] = [];
      viewer.on('presence', (p: AgentPresence) => atViewer.push(p));
      other.on('presence', (p: AgentPresence) => atOther.push(p));
      for (const socket of [viewer, other]) await socket.emitWithAck('subscribe', { conversationId: conversation.id });

      expect(await viewer.emitWithAck('presence', { conversationId: conversation.id, state: 'typing' })).toEqual({ ok: true });
      const typing = await eventually(async () => atOther[0], 5000, 'presence at the other agent');
      expect(typing).toEqual({ conversationId: conversation.id, user: { id: agent.id, name: 'Test agent' }, state: 'typing', at: expect.any(String) });

      expect(await viewer.emitWithAck('presence', { conversationId: conversation.id, state: 'dancing' })).toEqual({
        ok: false,
        error: expect.stringMatching(/^state: /),
      });
      expect(await viewer.emitWithAck('presence', { conversationId: 'nope', state: 'viewing' })).toEqual({
        ok: false,
        error: expect.stringMatching(/^conversationId: /),
      });

      expect(await other.emitWithAck('presence', { conversationId: conversation.id, state: 'viewing' })).toEqual({ ok: true });
      await eventually(async () => atViewer.length === 1, 5000, 'presence at the first agent');
      expect(atViewer[0]).toMatchObject({ user: { id: supervisor.id, name: 'Test supervisor' }, state: 'viewing' });

      viewer.disconnect();
      const left = await eventually(async () => atOther.find((p) => p.state === 'left'), 5000, 'left on disconnect');
      expect(left).toMatchObject({ conversationId: conversation.id, user: { id: agent.id } });
      // The sender never heard its own presence.
      expect(atViewer.every((p) => p.user.id !== agent.id)).toBe(true);
      expect(atOther.every((p) => p.user.id !== supervisor.id)).toBe(true);
    });
  });

  describe('retrying a failed reply', () => {
    let callback: Server;
    let answer = 400;
    const calls: string[] = [];

    beforeAll(async () => {
      callback = createServer((req, res) => {
        let body = '';
        req.on('data', (chunk: Buffer) => (body += chunk.toString()));
        req.on('end', () => {
          calls.push(body);
          res.writeHead(answer).end(answer === 400 ? 'unknown recipient' : 'ok');
        });
      });
      await new Promise<void>((resolve) => callback.listen(0, '127.0.0.1', resolve));
    });

    afterAll(() => new Promise<void>((resolve) => callback.close(() => resolve())));

    it('should send a failed reply again, and refuse to resend one that did not fail', async () => {
      const port = (callback.address() as { port: number }).port;
      const withCallback = await stack.createGenericConnector({ callbackUrl: `http://127.0.0.1:${port}/replies` });
      const payload = genericPayload({ from: { email: 'retry@example.org' }, text: 'answer me' });
      await stack.sendWebhook(withCallback, payload);
      const conversationId = await eventually(async () => {
        const { rows } = await stack.db.query<{ conversation_id: string }>('SELECT conversation_id FROM messages WHERE external_id = $1', [
          payload['externalId'],
        ]);
        return rows[0]?.conversation_id;
      });
      const reply = (await stack.request<MessageView>('POST', `/api/conversations/${conversationId}/messages`, 'agent', { text: 'Here you are' })).body;
      const stateOf = async () => (await messagesOf(conversationId)).find((m) => m.id === reply.id);
      const failed = await eventually(
        async () => {
          const m = await stateOf();
          return m?.deliveryStatus === 'failed' && m;
        },
        15_000,
        'the reply to fail',
      );
      expect(failed.deliveryError).toMatch(/callback answered 400/);

      answer = 200;
      const retried = await stack.request<MessageView>('POST', `/api/conversations/${conversationId}/messages/${reply.id}/retry`, 'agent');
      expect(retried.status).toBe(200);
      expect(retried.body).toMatchObject({ id: reply.id, deliveryStatus: 'pending', deliveryError: null });
      await eventually(async () => (await stateOf())?.deliveryStatus === 'sent', 15_000, 'the retried reply to be sent');
      expect(calls).toHaveLength(2);

      const again = await stack.request<{ message: string }>('POST', `/api/conversations/${conversationId}/messages/${reply.id}/retry`, 'agent');
      expect(again.status).toBe(409);
      expect(again.body.message).toMatch(/is sent; only a failed reply can be sent again/);
    });
  });

  describe('reply on email from another channel', () => {
    let outgoing: SmtpCapture;
    let emailConnectorId: string;

    beforeAll(async () => {
      outgoing = await startSmtpCapture();
      emailConnectorId = (
        await stack.createConnector({
          kind: 'email',
          provider: 'smtp',
          config: { address: 'help@shop.example', fromName: 'Shop Help', smtp: { host: outgoing.host, port: outgoing.port, secure: false } },
        })
      ).id;
    });

    afterAll(() => outgoing?.stop());

    it("should list the reply channels and deliver an email reply to the customer's address with a fresh subject", async () => {
      const conversation = await conversationFrom({
        from: { phone: '+44 20 7946 0777', email: 'Caller.Two@Example.org', name: 'Caller Two' },
        subject: 'Broken kettle',
        text: 'I called about my kettle',
      });
      const channels = await stack.request<ReplyChannelView[]>('GET', `/api/conversations/${conversation.id}/reply-channels`);
      expect(channels.body).toEqual([
        { channel: 'generic', connectorId: connector.id, to: null, default: true },
        { channel: 'email', connectorId: emailConnectorId, to: 'caller.two@example.org', default: false },
      ]);

      const posted = await stack.request<MessageView>('POST', `/api/conversations/${conversation.id}/messages`, 'agent', {
        text: 'Your new kettle ships today.',
        channel: 'email',
      });
      expect(posted.status).toBe(201);
      expect(posted.body).toMatchObject({ channel: 'email', direction: 'outbound', deliveryStatus: 'pending', metadata: { to: 'caller.two@example.org' } });

      const [mail] = await outgoing.waitForMessages(1, 15_000);
      expect(mail?.to).toEqual(['caller.two@example.org']);
      const parsed = await simpleParser(mail?.raw as Buffer);
      expect(parsed.subject).toBe(`[#${conversation.ref}] Broken kettle`);
      expect(parsed.text).toContain('Your new kettle ships today.');
      expect(parsed.inReplyTo).toBeUndefined();
      const sent = await eventually(
        async () => {
          const m = (await messagesOf(conversation.id)).find((x) => x.id === posted.body.id);
          return m?.deliveryStatus === 'sent' && m;
        },
        15_000,
        'the reply marked sent',
      );
      expect(sent.metadata).toMatchObject({ to: 'caller.two@example.org' });
    });

    it('should say what is missing when a reply cannot go out on the chosen channel', async () => {
      const phoneOnly = await conversationFrom({ from: { phone: '+44 20 7946 0888' }, text: 'no email here' });
      expect((await stack.request<ReplyChannelView[]>('GET', `/api/conversations/${phoneOnly.id}/reply-channels`)).body).toEqual([
        { channel: 'generic', connectorId: connector.id, to: null, default: true },
      ]);
      const noEmail = await stack.request<{ message: string }>('POST', `/api/conversations/${phoneOnly.id}/messages`, 'agent', {
        text: 'hi',
        channel: 'email',
      });
      expect(noEmail).toMatchObject({ status: 400, body: { message: 'channel: cannot reply on email: the customer has no email address' } });
      const onX = await stack.request<{ message: string }>('POST', `/api/conversations/${phoneOnly.id}/messages`, 'agent', { text: 'hi', channel: 'social' });
      expect(onX.status).toBe(400);
      expect(onX.body.message).toMatch(/^channel: replying on social to a generic conversation is not available/);
      // A note ignores the channel: it never leaves Throughline.
      expect(
        (await stack.request('POST', `/api/conversations/${phoneOnly.id}/messages`, 'agent', { text: 'note', channel: 'social', note: true })).status,
      ).toBe(201);
    });
  });
});
