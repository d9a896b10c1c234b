import { DataSource } from 'typeorm';
import type { BusinessHoursView, ConversationView, CreatedConnectorView, Page, RealtimeEvents, SlaPolicyView } from '@throughline/domain';
import { signBody } from '@throughline/channels/generic';
import { MIGRATIONS } from '@throughline/server/database';
import { eventually, genericPayload, TestStack, USERS } from '../testing/test-stack';

const MINUTE_MS = 60_000;

interface EventRow {
  kind: string;
  actor_type: string;
  actor_user_id: string | null;
  from_value: string | null;
  to_value: string | null;
  details: Record<string, unknown>;
  occurred_at: Date;
}

/** SLA policies and business hours, the SLA clock on real conversations, live breaches, and the conversation history. */
describe('SLA and conversation history (real API, worker, PostgreSQL, Redis)', () => {
  let stack: TestStack;
  let generic: { id: string; url: string; secret: string };
  let mime: CreatedConnectorView;
  let catchAll: SlaPolicyView;

  beforeAll(async () => {
    stack = await TestStack.start({ env: { SLA_CHECK_INTERVAL_MS: '200' } });
    generic = await stack.createGenericConnector();
    mime = await stack.createConnector({ kind: 'email', provider: 'mime', config: { address: 'help@shop.example' } });
  });

  afterAll(async () => {
    await stack?.close();
  });

  const conversationOf = async (customerEmail: string, channel: string): Promise<ConversationView> =>
    eventually(
      async () => {
        const { body } = await stack.request<Page<ConversationView>>('GET', `/api/conversations?q=${encodeURIComponent(customerEmail)}&channel=${channel}`);
        return body.items[0];
      },
      15_000,
      `a ${channel} conversation of ${customerEmail}`,
    );

  const conversation = async (id: string) => (await stack.request<ConversationView>('GET', `/api/conversations/${id}`)).body;

  const events = async (conversationId: string): Promise<EventRow[]> =>
    (
      await stack.db.query(
        'SELECT kind, actor_type, actor_user_id, from_value, to_value, details, occurred_at FROM conversation_events WHERE conversation_id = $1 ORDER BY occurred_at, id',
        [conversationId],
      )
    ).rows as EventRow[];

  const userId = async (role: keyof typeof USERS) =>
    ((await stack.db.query('SELECT id FROM users WHERE email = $1', [USERS[role]])).rows[0] as { id: string }).id;

  describe('policies and business hours', () => {
    it('are for supervisors and admins, not agents', async () => {
      expect((await stack.request('POST', '/api/sla-policies', 'agent', { name: 'x', firstResponseMinutes: 5 })).status).toBe(403);
      expect((await stack.request('GET', '/api/business-hours', 'agent')).status).toBe(403);
      expect((await stack.request('GET', '/api/sla-policies', 'supervisor')).status).toBe(200);
    });

    it.each([
      [{ name: 'x', timezone: 'Mars/Olympus', weekly: {} }, 'timezone'],
      [
        {
          name: 'x',
          timezone: 'Europe/London',
          weekly: {
            mon: [
              ['09:00', '13:00'],
              ['12:00', '17:00'],
            ],
          },
        },
        'weekly.mon[1]',
      ],
      [{ name: 'x', timezone: 'Europe/London', weekly: { mon: [['17:00', '09:00']] } }, 'weekly.mon[0]'],
      [{ name: 'x', timezone: 'Europe/London', weekly: {}, holidays: ['2026-02-30'] }, 'holidays[0]'],
      [{ timezone: 'Europe/London', weekly: {} }, 'name'],
    ])('refuse business hours %j naming %s', async (body, field) => {
      const res = await stack.request<{ message: string | string[] }>('POST', '/api/business-hours', 'supervisor', body);
      expect(res.status).toBe(400);
      expect(String(res.body.message)).toContain(field);
    });

    it('are created, read, changed, ordered and deleted; hours in use cannot go', async () => {
      const hours = await stack.request<BusinessHoursView>('POST', '/api/business-hours', 'admin', {
        name: 'London office',
        timezone: 'Europe/London',
        weekly: {
          mon: [['09:00', '17:00']],
          fri: [
            ['09:00', '12:00'],
            ['13:00', '24:00'],
          ],
        },
        holidays: ['2026-12-25'],
      });
      expect(hours.status).toBe(201);
      expect((await stack.request<{ message: string }>('POST', '/api/sla-policies', 'supervisor', { name: 'x' })).body.message).toEqual(
        expect.arrayContaining([expect.stringContaining('firstResponseMinutes')]),
      );
      const missingHours = await stack.request<{ message: string }>('POST', '/api/sla-policies', 'supervisor', {
        name: 'x',
        firstResponseMinutes: 5,
        businessHoursId: '00000000-0000-4000-8000-000000000000',
      });
      expect(missingHours.status).toBe(400);
      expect(missingHours.body.message).toContain('businessHoursId');

      const vip = await stack.request<SlaPolicyView>('POST', '/api/sla-policies', 'supervisor', {
        name: 'VIP email',
        match: { channel: 'email', priority: 'urgent' },
        firstResponseMinutes: 30,
        businessHoursId: hours.body.id,
        position: 1,
      });
      expect(vip.status).toBe(201);
      expect(vip.body).toMatchObject({ position: 1, match: { queueId: null, priority: 'urgent', channel: 'email' }, businessHoursId: hours.body.id });
      const renamed = await stack.request<SlaPolicyView>('PATCH', `/api/sla-policies/${vip.body.id}`, 'admin', { name: 'VIP mail' });
      expect(renamed.body).toMatchObject({ name: 'VIP mail', firstResponseMinutes: 30, position: 1 });
      expect((await stack.request('DELETE', `/api/business-hours/${hours.body.id}`, 'admin')).status).toBe(409);
      expect((await stack.request('DELETE', `/api/sla-policies/${vip.body.id}`, 'admin')).status).toBe(204);
      expect((await stack.request('GET', `/api/sla-policies/${vip.body.id}`, 'admin')).status).toBe(404);
      expect((await stack.request('DELETE', `/api/business-hours/${hours.body.id}`, 'admin')).status).toBe(204);

      catchAll = (
        await stack.request<SlaPolicyView>('POST', '/api/sla-policies', 'admin', { name: 'Everyone', firstResponseMinutes: 60, resolutionMinutes: 600 })
      ).body;
      // Appended after the others (none are left).
      expect(catchAll.position).toBe(1);
    });
  });

  describe('the clock on conversations', () => {
    it('gives a new webhook conversation its due times, pauses while pending, and records every change', async () => {
      const email = 'wait@example.org';
      const thread = { from: { email, name: 'Wai' }, threadKey: 'order-77' };
      expect((await stack.sendWebhook(generic, genericPayload(thread))).status).toBe(202);
      const created = await conversationOf(email, 'generic');
      const createdAt = new Date(created.createdAt).getTime();
      expect(created.sla).toEqual({
        policyId: catchAll.id,
        name: 'Everyone',
        firstResponseDueAt: new Date(createdAt + 60 * MINUTE_MS).toISOString(),
        nextResponseDueAt: null,
        resolutionDueAt: new Date(createdAt + 600 * MINUTE_MS).toISOString(),
        status: 'ok',
        breaches: [],
      });

      const pending = await stack.request<ConversationView>('PATCH', `/api/conversations/${created.id}`, 'agent', { status: 'pending' });
      expect(pending.body.sla).toMatchObject({ firstResponseDueAt: null, resolutionDueAt: null, status: 'ok' });
      const reopened = await stack.request<ConversationView>('PATCH', `/api/conversations/${created.id}`, 'agent', { status: 'open' });

      const history = await events(created.id);
      const agentId = await userId('agent');
      expect(history.filter((e) => e.kind !== 'status').map((e) => [e.kind, e.actor_type])).toEqual(
        expect.arrayContaining([
          ['created', 'customer'],
          ['inbound', 'customer'],
        ]),
      );
      const statuses = history.filter((e) => e.kind === 'status');
      expect(statuses.map((e) => [e.actor_user_id, e.from_value, e.to_value])).toEqual([
        [agentId, 'open', 'pending'],
        [agentId, 'pending', 'open'],
      ]);
      const paused = (statuses[1] as EventRow).occurred_at.getTime() - (statuses[0] as EventRow).occurred_at.getTime();
      expect(reopened.body.sla?.firstResponseDueAt).toBe(new Date(createdAt + 60 * MINUTE_MS + paused).toISOString());

      await stack.request('PATCH', `/api/conversations/${created.id}`, 'agent', { status: 'resolved' });
      const resolved = await conversation(created.id);
      expect(resolved.sla).toMatchObject({ firstResponseDueAt: null, resolutionDueAt: null });
      // The customer writes again on the same thread: reopened, and the resolution stays in the history.
      await stack.sendWebhook(generic, genericPayload({ ...thread, text: 'It broke again' }));
      await eventually(async () => (await conversation(created.id)).status === 'open', 15_000, 'the reopen');
      expect(
        (await events(created.id)).filter((e) => e.kind === 'status').map((e) => [e.actor_type, e.from_value, e.to_value, e.details['reason'] ?? null]),
      ).toEqual([
        ['user', 'open', 'pending', null],
        ['user', 'pending', 'open', null],
        ['user', 'open', 'resolved', null],
        ['customer', 'resolved', 'open', 'reopened'],
      ]);
      expect((await conversation(created.id)).sla?.firstResponseDueAt).not.toBeNull();
    });

    it('follows a waiting customer from email to a webhook, and one answer meets both', async () => {
      const email = 'mia@example.org';
      const raw = [
        `From: Mia Chen <${email}>`,
        'To: help@shop.example',
        'Subject: Cracked blender jar',
        'Message-ID: <jar-sla-1@example.org>',
        `Date: ${new Date().toUTCString()}`,
        'Content-Type: text/plain; charset=utf-8',
        '',
        'My blender jar arrived cracked.',
        '',
      ].join('\r\n');
      const res = await fetch(`${stack.baseUrl}/api/hooks/${mime.id}/email`, {
        method: 'POST',
        headers: { 'content-type': 'message/rfc822', 'x-throughline-signature': signBody(raw, mime.signingSecret ?? '') },
        body: raw,
      });
      expect(res.status).toBe(202);
      const mail = await conversationOf(email, 'email');
      expect(mail.sla?.firstResponseDueAt).toBe(new Date(new Date(mail.createdAt).getTime() + 60 * MINUTE_MS).toISOString());

      expect((await stack.sendWebhook(generic, genericPayload({ from: { email, name: 'Mia Chen' }, text: 'Hello? Still nothing about my jar' }))).status).toBe(
        202,
      );
      const hook = await conversationOf(email, 'generic');
      expect(hook.id).not.toBe(mail.id);
      expect(hook.customerId).toBe(mail.customerId);
      // She has been waiting since her email: the new conversation inherits its due time.
      expect(hook.sla?.firstResponseDueAt).toBe(mail.sla?.firstResponseDueAt);

      expect((await stack.request('POST', `/api/conversations/${hook.id}/messages`, 'agent', { text: 'So sorry, a new jar ships today.' })).status).toBe(201);
      expect((await conversation(hook.id)).sla).toMatchObject({ firstResponseDueAt: null, status: 'ok', breaches: [] });
      expect((await conversation(mail.id)).sla).toMatchObject({ firstResponseDueAt: null, status: 'ok', breaches: [] });
      const mailHistory = await events(mail.id);
      expect(mailHistory.find((e) => e.kind === 'first_response')).toMatchObject({ actor_type: 'system', details: { answeredIn: hook.id } });
      const hookHistory = await events(hook.id);
      expect(hookHistory.filter((e) => e.kind === 'reply' || e.kind === 'first_response').map((e) => [e.kind, e.actor_type])).toEqual([
        ['reply', 'user'],
        ['first_response', 'user'],
      ]);
    });

    it('warns and reports a breach live to supervisors and the assignee, and counts and filters it', async () => {
      const [queue] = (await stack.db.query(`INSERT INTO queues (name) VALUES ('Urgent line') RETURNING id`)).rows as Array<{ id: string }>;
      const urgent = await stack.createConnector({ kind: 'generic', provider: 'generic', queueId: queue?.id, config: {} });
      // Six seconds to a first answer, so the test sees the warning and the breach happen.
      const tight = await stack.request<SlaPolicyView>('POST', '/api/sla-policies', 'admin', {
        name: 'Urgent line',
        match: { queueId: queue?.id },
        firstResponseMinutes: 0.1,
        position: 0,
      });
      expect(tight.status).toBe(201);
      const supervisor = await stack.agentSocket('supervisor');
      const agent = await stack.agentSocket('agent');
      const seen: Array<[string, string, RealtimeEvents['sla.breached'] | RealtimeEvents['sla.warning']]> = [];
      supervisor.on('sla.warning', (e: RealtimeEvents['sla.warning']) => seen.push(['supervisor', 'warning', e]));
      supervisor.on('sla.breached', (e: RealtimeEvents['sla.breached']) => seen.push(['supervisor', 'breached', e]));
      agent.on('sla.breached', (e: RealtimeEvents['sla.breached']) => seen.push(['agent', 'breached', e]));

      const email = 'hurry@example.org';
      expect(
        (
          await stack.sendWebhook(
            { url: `${stack.baseUrl}/api/hooks/${urgent.id}/generic`, secret: urgent.signingSecret ?? '' },
            genericPayload({ from: { email } }),
          )
        ).status,
      ).toBe(202);
      const waiting = await conversationOf(email, 'generic');
      expect(waiting.sla?.name).toBe('Urgent line');
      await stack.request('PATCH', `/api/conversations/${waiting.id}`, 'supervisor', { assigneeId: await userId('agent') });

      await eventually(async () => seen.some(([who, what]) => who === 'agent' && what === 'breached'), 30_000, 'sla.breached on the agent socket');
      const breach = seen.find(([who, what]) => who === 'supervisor' && what === 'breached')?.[2] as RealtimeEvents['sla.breached'];
      expect(breach.conversation.id).toBe(waiting.id);
      expect(breach.breach).toMatchObject({ kind: 'first_response', dueAt: waiting.sla?.firstResponseDueAt });
      expect(seen.some(([who, what, e]) => who === 'supervisor' && what === 'warning' && e.conversation.id === waiting.id)).toBe(true);

      const after = await conversation(waiting.id);
      expect(after.sla).toMatchObject({ status: 'breached', breaches: [breach.breach] });
      expect((await stack.request<{ sla: { breached: number } }>('GET', '/api/conversations/counts')).body.sla.breached).toBe(1);
      const breached = await stack.request<Page<ConversationView>>('GET', '/api/conversations?sla=breached');
      expect(breached.body.items.map((c) => c.id)).toEqual([waiting.id]);
      expect((await stack.request('GET', '/api/conversations?sla=late')).status).toBe(400);
    }, 60_000);
  });

  it('the migration backfills the history from conversations and their messages', async () => {
    const db = stack.api.get(DataSource);
    const migration = MIGRATIONS.find((m) => m.name === 'SlaAndHistory1766500000000');
    if (!migration) throw new Error('migration SlaAndHistory1766500000000 not found');
    const email = 'wait@example.org';
    const [first] = (
      await stack.db.query(
        `SELECT c.id FROM conversations c JOIN customer_identities i ON i.customer_id = c.customer_id WHERE i.value = $1 ORDER BY c.created_at LIMIT 1`,
        [email],
      )
    ).rows as Array<{ id: string }>;
    const id = (first as { id: string }).id;
    const summary = (rows: EventRow[]) => rows.map((e) => [e.kind, e.actor_type, e.from_value, e.to_value, e.occurred_at.toISOString()].join(' ')).sort();
    const live = summary(await events(id));

    const runner = db.createQueryRunner();
    try {
      await new migration().down(runner);
      await new migration().up(runner);
    } finally {
      await runner.release();
    }
    const backfilled = await events(id);
    expect(backfilled.every((e) => e.details['backfilled'] === true)).toBe(true);
    expect(summary(backfilled)).toEqual(live);
    await expect(stack.db.query(`UPDATE conversation_events SET kind = 'status' WHERE conversation_id = $1`, [id])).rejects.toThrow(/append-only/);
  });
});
