import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Socket } from 'socket.io-client';
import type { ConversationView, CustomerView, MessageView, Page, RawEventView, RealtimeEvents } from '@throughline/domain';
import { verifySignature } from '@throughline/channels/generic';
import { eventually, genericPayload, TestStack } from '../testing/test-stack';

describe('the message path for a generic webhook (real API, worker, PostgreSQL, Redis, Socket.IO)', () => {
  let stack: TestStack;
  let connector: { id: string; url: string; secret: string };
  let socket: Socket;
  const received: Array<RealtimeEvents['message.created']> = [];

  beforeAll(async () => {
    stack = await TestStack.start();
    connector = await stack.createGenericConnector();
    socket = await stack.agentSocket('agent');
    socket.on('message.created', (event: RealtimeEvents['message.created']) => received.push(event));
  });

  afterAll(() => stack?.close());

  const customerByIdentity = async (q: string): Promise<CustomerView | undefined> =>
    (await stack.request<CustomerView[]>('GET', `/api/customers?q=${encodeURIComponent(q)}`)).body[0];

  const timelineOf = async (customerId: string, query = ''): Promise<Page<MessageView>> =>
    (await stack.request<Page<MessageView>>('GET', `/api/customers/${customerId}/timeline${query}`)).body;

  it('should put a signed webhook in the customer timeline and push it to agents live', async () => {
    const payload = genericPayload({ from: { email: 'Ana.Bell@Example.com', name: 'Ana Bell' }, text: 'My parcel never arrived', subject: 'Parcel' });
    const res = await stack.sendWebhook(connector, payload);
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ duplicate: false });

    const customer = await eventually(() => customerByIdentity('ana.bell@example.com'), 15_000, 'the customer');
    expect(customer.name).toBe('Ana Bell');
    expect(customer.identities).toEqual([expect.objectContaining({ kind: 'email', value: 'ana.bell@example.com', verified: true })]);
    const timeline = await eventually(async () => {
      const page = await timelineOf(customer.id);
      return page.items.length > 0 && page;
    });
    expect(timeline.items[0]).toMatchObject({ direction: 'inbound', channel: 'generic', text: 'My parcel never arrived', subject: 'Parcel' });

    const live = await eventually(async () => received.find((e) => e.message.text === 'My parcel never arrived'), 10_000, 'the live event');
    expect(live.conversation).toMatchObject({ customerId: customer.id, customerName: 'Ana Bell', status: 'open', channel: 'generic' });
  });

  it('should treat a redelivery of the same externalId as a no-op', async () => {
    const payload = genericPayload({ text: 'delivered twice' });
    const first = await stack.sendWebhook(connector, payload);
    const second = await stack.sendWebhook(connector, payload);
    expect(first.status).toBe(202);
    expect(second.status).toBe(202);
    expect(second.body).toMatchObject({ id: first.body['id'], duplicate: true });
    await eventually(async () => (await stack.db.query(`SELECT 1 FROM raw_events WHERE id = $1 AND status = 'processed'`, [first.body['id']])).rowCount === 1);
    await stack.sendWebhook(connector, payload);
    const { rows } = await stack.db.query(`SELECT count(*)::int AS n FROM messages WHERE external_id = $1`, [payload['externalId']]);
    expect(rows[0].n).toBe(1);
  });

  it('should recognise one person across email case and phone notations', async () => {
    await stack.sendWebhook(connector, genericPayload({ from: { email: 'Lee@Shop.example', phone: '+44 20 7946 0011' }, text: 'first' }));
    await stack.sendWebhook(connector, genericPayload({ from: { phone: '0044 (20) 7946-0011' }, text: 'second, by phone only' }));
    await stack.sendWebhook(connector, genericPayload({ from: { email: 'LEE@shop.EXAMPLE' }, text: 'third, shouting' }));
    const customer = await eventually(
      async () => {
        const c = await customerByIdentity('lee@shop.example');
        return c && (await timelineOf(c.id)).items.length === 3 && c;
      },
      15_000,
      'three messages on one customer',
    );
    expect(customer.identities.map((i) => `${i.kind}:${i.value}`).sort()).toEqual(['email:lee@shop.example', 'phone:+442079460011']);
    expect((await customerByIdentity('+44 20 7946 0011'))?.id).toBe(customer.id);
  });

  it('should thread by threadKey, else into the open conversation, and reopen a resolved thread', async () => {
    const from = { email: 'thread@example.org' };
    await stack.sendWebhook(connector, genericPayload({ from, threadKey: 'T-1', text: 'a' }));
    await stack.sendWebhook(connector, genericPayload({ from, threadKey: 'T-1', text: 'b' }));
    await stack.sendWebhook(connector, genericPayload({ from, threadKey: 'T-2', text: 'c' }));
    const customer = await eventually(async () => {
      const c = await customerByIdentity('thread@example.org');
      return c && (await timelineOf(c.id)).items.length === 3 && c;
    });
    const conversations = async () => (await stack.request<Page<ConversationView>>('GET', `/api/conversations?customerId=${customer.id}`)).body.items;
    const threads = await conversations();
    expect(threads).toHaveLength(2);
    const t1 = (await stack.db.query(`SELECT id FROM conversations WHERE thread_key = 'T-1' AND connector_id = $1`, [connector.id])).rows[0].id;

    expect((await stack.request('PATCH', `/api/conversations/${t1}`, 'agent', { status: 'resolved' })).status).toBe(200);
    await stack.sendWebhook(connector, genericPayload({ from, threadKey: 'T-1', text: 'it broke again' }));
    const reopened = await eventually(
      async () => {
        const c = (await stack.request<ConversationView>('GET', `/api/conversations/${t1}`)).body;
        return c.status === 'open' && c;
      },
      15_000,
      'the reopened thread',
    );
    expect(reopened.preview).toBe('it broke again');
    const lines = (await stack.request<MessageView[]>('GET', `/api/conversations/${t1}/messages`)).body;
    expect(lines.filter((m) => m.direction === 'system').map((m) => m.metadata['event'])).toEqual(['status', 'reopened']);
    expect(await conversations()).toHaveLength(2);
  });

  it('should use the open conversation on the connector when there is no thread key, and a new one after it is resolved', async () => {
    const from = { email: 'nokey@example.org' };
    await stack.sendWebhook(connector, genericPayload({ from, text: 'one' }));
    await stack.sendWebhook(connector, genericPayload({ from, text: 'two' }));
    const customer = await eventually(async () => {
      const c = await customerByIdentity('nokey@example.org');
      return c && (await timelineOf(c.id)).items.length === 2 && c;
    });
    const list = async () => (await stack.request<Page<ConversationView>>('GET', `/api/conversations?customerId=${customer.id}`)).body.items;
    const [only] = await list();
    expect(await list()).toHaveLength(1);
    await stack.request('PATCH', `/api/conversations/${only.id}`, 'agent', { status: 'resolved' });
    await stack.sendWebhook(connector, genericPayload({ from, text: 'three' }));
    await eventually(async () => (await list()).length === 2, 15_000, 'a second conversation');
  });

  it('should refuse a bad or missing signature with 401 and store nothing', async () => {
    const payload = genericPayload();
    expect((await stack.sendWebhook(connector, payload, { signature: null })).status).toBe(401);
    expect((await stack.sendWebhook(connector, payload, { signature: 'sha256=' + '0'.repeat(64) })).status).toBe(401);
    expect((await stack.sendWebhook({ ...connector, secret: 'not-the-secret' }, payload)).status).toBe(401);
    const { rowCount } = await stack.db.query('SELECT 1 FROM raw_events WHERE external_id = $1', [payload['externalId']]);
    expect(rowCount).toBe(0);
  });

  it('should answer 400 naming the problem for bad JSON and missing fields, and keep them as failed events for admins', async () => {
    const badJson = await stack.sendWebhook(connector, null, { raw: '{"externalId": "x", ' });
    expect(badJson.status).toBe(400);
    expect(badJson.body['message']).toMatch(/not valid JSON/);

    const { text: _text, ...withoutText } = genericPayload();
    const missing = await stack.sendWebhook(connector, withoutText);
    expect(missing.status).toBe(400);
    expect(missing.body['message']).toMatch(/^text: /);

    const noSender = await stack.sendWebhook(connector, genericPayload({ from: { name: 'anonymous' } }));
    expect(noSender.status).toBe(400);
    expect(noSender.body['message']).toMatch(/from: needs at least one of email, phone or handle/);

    const failed = (await stack.request<RawEventView[]>('GET', `/api/connectors/${connector.id}/events?status=failed`, 'admin')).body;
    expect(failed.map((e) => e.error)).toEqual(
      expect.arrayContaining([expect.stringMatching(/not valid JSON/), expect.stringMatching(/^text: /), expect.stringMatching(/^from: /)]),
    );
    const health = (await stack.request<{ health: string; lastError: string }>('GET', `/api/connectors/${connector.id}`, 'admin')).body;
    expect(health.lastError).toMatch(/invalid payload/);
  });

  it('should answer 413 for a body over the limit and 404 for an unknown connector', async () => {
    const huge = genericPayload({ text: 'x'.repeat(stack.config.webhookBodyLimitBytes + 1) });
    const tooBig = await stack.sendWebhook(connector, huge);
    expect(tooBig.status).toBe(413);
    expect(tooBig.body['message']).toMatch(/larger than the limit/);
    const unknown = await stack.sendWebhook({ url: `${stack.baseUrl}/api/hooks/00000000-0000-4000-8000-00000000dead/generic`, secret: 'x' }, genericPayload());
    expect(unknown.status).toBe(404);
  });

  it('should return the signing secret once and keep secrets encrypted at rest', async () => {
    const created = await stack.request<{ id: string; signingSecret: string; webhookUrls: Record<string, string> }>('POST', '/api/connectors', 'admin', {
      name: 'Secret keeper',
      kind: 'generic',
      provider: 'generic',
    });
    expect(created.status).toBe(201);
    expect(created.body.signingSecret).toMatch(/^[\w-]{40,}$/);
    expect(created.body.webhookUrls['generic']).toBe(`${stack.config.publicUrl}/api/hooks/${created.body.id}/generic`);
    const fetched = await stack.request<Record<string, unknown>>('GET', `/api/connectors/${created.body.id}`, 'admin');
    expect(JSON.stringify(fetched.body)).not.toContain(created.body.signingSecret);
    expect(fetched.body['secretNames']).toEqual(['signingSecret']);
    const { rows } = await stack.db.query('SELECT secrets_sealed FROM connectors WHERE id = $1', [created.body.id]);
    expect(rows[0].secrets_sealed).toMatch(/^v1:/);
    expect(rows[0].secrets_sealed).not.toContain(created.body.signingSecret);
    const invalid = await stack.request<{ message: string }>('POST', '/api/connectors', 'admin', {
      name: 'x',
      kind: 'generic',
      provider: 'generic',
      config: { callbackUrl: 'ftp://nope' },
    });
    expect(invalid.status).toBe(400);
    expect(JSON.stringify(invalid.body.message)).toMatch(/config.callbackUrl/);
  });

  it('should merge two customers so one timeline holds both histories', async () => {
    await stack.sendWebhook(connector, genericPayload({ from: { email: 'kim@example.org', name: 'Kim' }, text: 'by email' }));
    const created = await stack.request<CustomerView>('POST', '/api/customers', 'agent', {
      name: 'Kim (phone)',
      identities: [{ kind: 'phone', value: '+1 (415) 555-0199' }],
    });
    expect(created.status).toBe(201);
    expect(created.body.identities[0].value).toBe('+14155550199');
    await stack.sendWebhook(connector, genericPayload({ from: { phone: '+14155550199' }, text: 'by phone' }));
    const kim = await eventually(() => customerByIdentity('kim@example.org'));
    await eventually(async () => (await timelineOf(created.body.id)).items.length === 1);

    const merged = await stack.request<CustomerView>('POST', `/api/customers/${kim.id}/merge`, 'agent', { otherCustomerId: created.body.id });
    expect(merged.status).toBe(200);
    expect(merged.body.identities.map((i) => i.value).sort()).toEqual(['+14155550199', 'kim@example.org']);
    expect((await timelineOf(kim.id)).items.map((m) => m.text).sort()).toEqual(['by email', 'by phone']);
    expect((await stack.request<CustomerView>('GET', `/api/customers/${created.body.id}`)).body.mergedInto).toBe(kim.id);
    const audit = await stack.db.query(`SELECT details FROM audit_log WHERE action = 'customer.merged' AND entity_id = $1`, [kim.id]);
    expect(audit.rows[0].details).toMatchObject({ mergedCustomerId: created.body.id, messageCount: 1 });

    // A later message to either identity lands on the survivor.
    await stack.sendWebhook(connector, genericPayload({ from: { phone: '+1 415 555 0199' }, text: 'after merge' }));
    await eventually(async () => (await timelineOf(kim.id)).items.some((m) => m.text === 'after merge'));
    const again = await stack.request('POST', `/api/customers/${kim.id}/merge`, 'agent', { otherCustomerId: created.body.id });
    expect(again.status).toBe(409);
    const duplicate = await stack.request('POST', '/api/customers', 'agent', { identities: [{ kind: 'email', value: 'KIM@example.org' }] });
    expect(duplicate.status).toBe(409);
  });

  it('should page the timeline newest first with a keyset cursor, without gaps or repeats', async () => {
    const from = { email: 'pager@example.org' };
    const base = Date.parse('2026-01-01T00:00:00Z');
    for (let i = 0; i < 5; i++) {
      await stack.sendWebhook(connector, genericPayload({ from, text: `m${i}`, threadKey: `P-${i}`, occurredAt: new Date(base + i * 60_000).toISOString() }));
    }
    const customer = await eventually(async () => {
      const c = await customerByIdentity('pager@example.org');
      return c && (await timelineOf(c.id)).items.length === 5 && c;
    });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<MessageView> = await timelineOf(customer.id, `?limit=2${cursor ? `&before=${cursor}` : ''}`);
      seen.push(...page.items.map((m) => m.text));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['m4', 'm3', 'm2', 'm1', 'm0']);
    expect((await stack.request('GET', `/api/customers/${customer.id}/timeline?before=bogus`)).status).toBe(400);
  });

  describe('answering', () => {
    let callback: Server;
    const calls: Array<{ body: string; signature: string | undefined }> = [];
    let failuresLeft = 0;

    beforeAll(async () => {
      callback = createServer((req: IncomingMessage, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          calls.push({ body: Buffer.concat(chunks).toString(), signature: req.headers['x-throughline-signature'] as string | undefined });
          res.statusCode = failuresLeft-- > 0 ? 503 : 200;
          res.end();
        });
      });
      await new Promise<void>((resolve) => callback.listen(0, '127.0.0.1', resolve));
    });
    afterAll(() => new Promise<void>((resolve) => callback.close(() => resolve())));

    it('should deliver a reply to the callback URL, signed, retrying until it is accepted, with status live', async () => {
      const port = (callback.address() as { port: number }).port;
      const withCallback = await stack.createGenericConnector({ callbackUrl: `http://127.0.0.1:${port}/replies` });
      await stack.sendWebhook(withCallback, genericPayload({ from: { email: 'reply-me@example.org' }, threadKey: 'R-1', text: 'please answer' }));
      const conversationId = await eventually(
        async () => (await stack.db.query(`SELECT id FROM conversations WHERE thread_key = 'R-1'`)).rows[0]?.id as string | undefined,
      );
      const updates: Array<RealtimeEvents['message.updated']> = [];
      socket.on('message.updated', (e: RealtimeEvents['message.updated']) => updates.push(e));
      failuresLeft = 1;

      const reply = await stack.request<MessageView>('POST', `/api/conversations/${conversationId}/messages`, 'agent', { text: 'On its way!' });
      expect(reply.status).toBe(201);
      expect(reply.body).toMatchObject({ direction: 'outbound', deliveryStatus: 'pending', authorName: 'Test agent' });

      const sent = await eventually(async () => updates.find((u) => u.message.id === reply.body.id && u.message.deliveryStatus === 'sent'), 20_000, 'delivery');
      expect(sent.message.deliveryError).toBeNull();
      expect(calls).toHaveLength(2);
      const last = calls[1];
      expect(verifySignature(Buffer.from(last.body), last.signature, withCallback.secret)).toBe(true);
      expect(JSON.parse(last.body)).toMatchObject({
        messageId: reply.body.id,
        conversationId,
        threadKey: 'R-1',
        text: 'On its way!',
        to: { email: 'reply-me@example.org' },
      });
      const conversation = (await stack.request<ConversationView>('GET', `/api/conversations/${conversationId}`)).body;
      expect(conversation.firstResponseAt).not.toBeNull();
    });

    it('should keep notes internal and store replies on connectors without a delivery route', async () => {
      await stack.sendWebhook(connector, genericPayload({ from: { email: 'note@example.org' }, threadKey: 'N-1', text: 'hi' }));
      const conversationId = await eventually(
        async () => (await stack.db.query(`SELECT id FROM conversations WHERE thread_key = 'N-1'`)).rows[0]?.id as string | undefined,
      );
      const note = await stack.request<MessageView>('POST', `/api/conversations/${conversationId}/messages`, 'agent', { text: 'VIP, be nice', note: true });
      expect(note.body).toMatchObject({ direction: 'note', deliveryStatus: null });
      const stored = await stack.request<MessageView>('POST', `/api/conversations/${conversationId}/messages`, 'agent', { text: 'Hello!' });
      expect(stored.body).toMatchObject({ direction: 'outbound', deliveryStatus: 'stored' });
      const empty = await stack.request('POST', `/api/conversations/${conversationId}/messages`, 'agent', { text: '' });
      expect(empty.status).toBe(400);
    });
  });

  it('should filter and page the conversation list', async () => {
    const queues = await stack.db.query(`INSERT INTO queues (name) VALUES ('Billing') RETURNING id`);
    const all = (await stack.request<Page<ConversationView>>('GET', '/api/conversations?status=open&limit=100')).body.items;
    expect(all.length).toBeGreaterThan(3);
    const target = all[0];
    const agentId = (await stack.db.query(`SELECT id FROM users WHERE role = 'agent'`)).rows[0].id;
    const patched = await stack.request<ConversationView>('PATCH', `/api/conversations/${target.id}`, 'agent', {
      assigneeId: agentId,
      queueId: queues.rows[0].id,
      priority: 'urgent',
    });
    expect(patched.body).toMatchObject({ assigneeId: agentId, queueId: queues.rows[0].id, priority: 'urgent' });
    expect((await stack.request<Page<ConversationView>>('GET', '/api/conversations?assigneeId=me')).body.items.map((c) => c.id)).toEqual([target.id]);
    expect((await stack.request<Page<ConversationView>>('GET', `/api/conversations?queueId=${queues.rows[0].id}`)).body.items.map((c) => c.id)).toEqual([
      target.id,
    ]);
    expect((await stack.request('PATCH', `/api/conversations/${target.id}`, 'agent', { status: 'bogus' })).status).toBe(400);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<ConversationView> = (
        await stack.request<Page<ConversationView>>('GET', `/api/conversations?status=open&limit=3${cursor ? `&cursor=${cursor}` : ''}`)
      ).body;
      seen.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((c) => c.id));
  });

  it('should require a token everywhere but webhooks and health, and the admin role for admin routes', async () => {
    for (const path of ['/api/conversations', '/api/customers', '/api/connectors', '/api/queues', '/api/users', '/api/auth/me']) {
      expect({ path, status: (await stack.request('GET', path, null)).status }).toEqual({ path, status: 401 });
    }
    for (const path of ['/api/health', '/api/ready', '/api/metrics']) {
      expect({ path, status: (await stack.request('GET', path, null)).status }).toEqual({ path, status: 200 });
    }
    expect((await stack.request('GET', '/api/connectors', 'agent')).status).toBe(403);
    expect((await stack.request('POST', '/api/connectors', 'supervisor', { name: 'x', kind: 'generic', provider: 'generic' })).status).toBe(403);
    expect((await stack.request('GET', '/api/connectors', 'admin')).status).toBe(200);
    const forged = await fetch(`${stack.baseUrl}/api/conversations`, { headers: { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.invalid' } });
    expect(forged.status).toBe(401);
    const wrongPassword = await stack.request('POST', '/api/auth/login', null, { email: 'agent@test.example', password: 'nope' });
    expect(wrongPassword.status).toBe(401);
  });

  it('should refuse a Socket.IO connection without a valid token', async () => {
    const { io } = await import('socket.io-client');
    const anonymous = io(`${stack.baseUrl}/agents`, { path: '/socket.io', auth: { token: 'forged' }, transports: ['websocket'], reconnection: false });
    const error = await new Promise<Error>((resolve) => anonymous.once('connect_error', resolve));
    anonymous.disconnect();
    expect(error.message).toMatch(/unauthorized/);
  });
});
