import type { AuditEntryView, CannedResponseView, ConversationView, CustomerView, Page, QueueView, TeamView, UserView } from '@throughline/domain';
import { eventually, genericPayload, TestStack } from '../testing/test-stack';

type Role = 'admin' | 'supervisor' | 'agent';

describe('admin: queues, teams, canned responses and the audit log (real API, worker, PostgreSQL)', () => {
  let stack: TestStack;
  const userIds: Record<Role, string> = { admin: '', supervisor: '', agent: '' };

  const message = (body: unknown) => String((body as { message: unknown }).message);

  beforeAll(async () => {
    stack = await TestStack.start();
    const users = (await stack.request<UserView[]>('GET', '/api/users', 'admin')).body;
    for (const role of ['admin', 'supervisor', 'agent'] as const) userIds[role] = users.find((u) => u.role === role)?.id ?? '';
  });

  afterAll(async () => {
    await stack?.close();
  });

  describe('queues', () => {
    it('answers 400 naming the field for bad input', async () => {
      const cases: Array<[string, string, unknown, string]> = [
        ['POST', '/api/queues', {}, 'name'],
        ['POST', '/api/queues', { name: '   ' }, 'name must not be blank'],
        ['POST', '/api/queues', { name: 'x'.repeat(81) }, 'name'],
        ['POST', '/api/queues', { name: 'Ok', extra: 1 }, 'extra'],
      ];
      for (const [method, path, body, field] of cases) {
        const res = await stack.request(method, path, 'admin', body);
        expect([res.status, message(res.body)]).toEqual([400, expect.stringContaining(field)]);
      }
      const queue = (await stack.request<QueueView>('POST', '/api/queues', 'admin', { name: 'Validation' })).body;
      for (const [body, field] of [
        [{ memberIds: ['not-a-uuid'] }, 'memberIds'],
        [{ memberIds: 'x' }, 'memberIds'],
        [{ teamIds: [1] }, 'teamIds'],
        [{ archived: 'yes' }, 'archived'],
        [{ memberIds: ['00000000-0000-4000-8000-000000000000'] }, 'memberIds: a user in the list does not exist'],
        [{ teamIds: ['00000000-0000-4000-8000-000000000000'] }, 'teamIds: a team in the list does not exist'],
      ] as const) {
        const res = await stack.request('PATCH', `/api/queues/${queue.id}`, 'admin', body);
        expect([res.status, message(res.body)]).toEqual([400, expect.stringContaining(field)]);
      }
      expect((await stack.request('PATCH', '/api/queues/not-a-uuid', 'admin', { name: 'x' })).status).toBe(400);
      expect((await stack.request('PATCH', '/api/queues/00000000-0000-4000-8000-000000000000', 'admin', { name: 'x' })).status).toBe(404);
    });

    it('lets supervisors and admins change queues, agents only read them', async () => {
      expect((await stack.request('POST', '/api/queues', 'agent', { name: 'By agent' })).status).toBe(403);
      const created = await stack.request<QueueView>('POST', '/api/queues', 'supervisor', { name: 'By supervisor' });
      expect(created.status).toBe(201);
      expect(created.body).toEqual({
        id: expect.any(String),
        name: 'By supervisor',
        archived: false,
        memberIds: [],
        teamIds: [],
        effectiveMemberIds: [],
        routing: 'manual',
        sticky: false,
        capacityPerAgent: null,
        handBackOffline: false,
      });
      expect((await stack.request('PATCH', `/api/queues/${created.body.id}`, 'agent', { name: 'Renamed' })).status).toBe(403);
      expect((await stack.request('DELETE', `/api/queues/${created.body.id}`, 'agent')).status).toBe(403);
      const renamed = await stack.request<QueueView>('PATCH', `/api/queues/${created.body.id}`, 'supervisor', { name: 'Renamed by supervisor' });
      expect(renamed.body.name).toBe('Renamed by supervisor');
      const listed = await stack.request<QueueView[]>('GET', '/api/queues', 'agent');
      expect(listed.status).toBe(200);
      expect(listed.body.find((q) => q.id === created.body.id)?.name).toBe('Renamed by supervisor');
      expect((await stack.request('POST', '/api/queues', 'admin', { name: 'Renamed by supervisor' })).status).toBe(409);
    });

    it('keeps the conversations of an archived queue, sends its connectors’ new ones to no queue, and never deletes it', async () => {
      const queue = (await stack.request<QueueView>('POST', '/api/queues', 'admin', { name: 'Returns' })).body;
      const connector = await stack.createConnector<{ id: string; signingSecret: string }>({
        kind: 'generic',
        provider: 'generic',
        config: {},
        queueId: queue.id,
      });
      const hook = { url: `${stack.baseUrl}/api/hooks/${connector.id}/generic`, secret: connector.signingSecret };
      const conversationOf = (email: string) =>
        eventually(async () => {
          const { rows } = await stack.db.query(
            `SELECT c.id, c.queue_id FROM conversations c JOIN customer_identities i ON i.customer_id = c.customer_id WHERE i.kind = 'email' AND i.value = $1`,
            [email],
          );
          return rows[0] as { id: string; queue_id: string | null } | undefined;
        });

      expect((await stack.sendWebhook(hook, genericPayload({ from: { email: 'before@archive.example' } }))).status).toBe(202);
      const before = await conversationOf('before@archive.example');
      expect(before.queue_id).toBe(queue.id);

      const archived = await stack.request<QueueView>('PATCH', `/api/queues/${queue.id}`, 'admin', { archived: true });
      expect(archived.body.archived).toBe(true);
      expect((await stack.request('DELETE', `/api/queues/${queue.id}`, 'admin')).status).toBe(409);

      expect((await stack.sendWebhook(hook, genericPayload({ from: { email: 'after@archive.example' } }))).status).toBe(202);
      const after = await conversationOf('after@archive.example');
      expect(after.queue_id).toBeNull();
      const kept = await stack.request<ConversationView>('GET', `/api/conversations/${after.id}`, 'agent');
      expect(kept.body.queueId).toBeNull();
      expect((await stack.db.query('SELECT count(*)::int AS n FROM messages WHERE conversation_id = $1', [after.id])).rows[0].n).toBe(1);
      // Its old conversation stays in it.
      expect((await stack.request<ConversationView>('GET', `/api/conversations/${before.id}`, 'agent')).body.queueId).toBe(queue.id);

      const moved = await stack.request('PATCH', `/api/conversations/${after.id}`, 'agent', { queueId: queue.id });
      expect([moved.status, message(moved.body)]).toEqual([400, expect.stringContaining('queueId: queue Returns is archived')]);

      await stack.request('PATCH', `/api/queues/${queue.id}`, 'admin', { archived: false });
      expect((await stack.sendWebhook(hook, genericPayload({ from: { email: 'restored@archive.example' } }))).status).toBe(202);
      expect((await conversationOf('restored@archive.example')).queue_id).toBe(queue.id);
      await stack.settle();
    });

    it('deletes only an empty queue nothing points at', async () => {
      const empty = (await stack.request<QueueView>('POST', '/api/queues', 'admin', { name: 'Short-lived' })).body;
      expect((await stack.request('DELETE', `/api/queues/${empty.id}`, 'supervisor')).status).toBe(204);
      expect((await stack.request<QueueView[]>('GET', '/api/queues')).body.some((q) => q.id === empty.id)).toBe(false);

      const routed = (await stack.request<QueueView>('POST', '/api/queues', 'admin', { name: 'Routed into' })).body;
      await stack.createConnector({ kind: 'generic', provider: 'generic', config: {}, queueId: routed.id });
      const refused = await stack.request('DELETE', `/api/queues/${routed.id}`, 'admin');
      expect([refused.status, message(refused.body)]).toEqual([409, expect.stringContaining('connectors')]);
    });
  });

  describe('teams', () => {
    it('validates and authorises', async () => {
      for (const [body, field] of [
        [{}, 'name'],
        [{ name: 'T', memberIds: ['nope'] }, 'memberIds'],
        [{ name: 'T', memberIds: ['00000000-0000-4000-8000-000000000000'] }, 'memberIds: a user in the list does not exist'],
      ] as const) {
        const res = await stack.request('POST', '/api/teams', 'admin', body);
        expect([res.status, message(res.body)]).toEqual([400, expect.stringContaining(field)]);
      }
      expect((await stack.request('POST', '/api/teams', 'agent', { name: 'By agent' })).status).toBe(403);
      const team = await stack.request<TeamView>('POST', '/api/teams', 'supervisor', { name: 'Supervised', memberIds: [userIds.agent] });
      expect(team.status).toBe(201);
      expect((await stack.request('PATCH', `/api/teams/${team.body.id}`, 'agent', { name: 'x' })).status).toBe(403);
      expect((await stack.request('POST', '/api/teams', 'admin', { name: 'Supervised' })).status).toBe(409);
      expect((await stack.request<TeamView[]>('GET', '/api/teams', 'agent')).body.map((t) => t.name)).toContain('Supervised');
    });

    it('makes every team member a member of the queues the team is on, following later changes', async () => {
      const team = (await stack.request<TeamView>('POST', '/api/teams', 'admin', { name: 'Night shift', memberIds: [userIds.agent, userIds.supervisor] })).body;
      const billing = (await stack.request<QueueView>('POST', '/api/queues', 'admin', { name: 'Billing' })).body;
      const returns = (await stack.request<QueueView>('POST', '/api/queues', 'admin', { name: 'Refunds' })).body;
      const withTeam = await stack.request<QueueView>('PATCH', `/api/queues/${billing.id}`, 'admin', { memberIds: [userIds.admin], teamIds: [team.id] });
      await stack.request('PATCH', `/api/queues/${returns.id}`, 'admin', { teamIds: [team.id] });
      expect(withTeam.body).toMatchObject({
        memberIds: [userIds.admin],
        teamIds: [team.id],
        effectiveMemberIds: [userIds.admin, userIds.agent, userIds.supervisor].sort(),
      });

      await stack.request('PATCH', `/api/teams/${team.id}`, 'admin', { memberIds: [userIds.agent] });
      const queues = (await stack.request<QueueView[]>('GET', '/api/queues')).body;
      expect(queues.find((q) => q.id === billing.id)?.effectiveMemberIds).toEqual([userIds.admin, userIds.agent].sort());
      expect(queues.find((q) => q.id === returns.id)?.effectiveMemberIds).toEqual([userIds.agent]);

      // Named members and a team overlapping count each user once; clearing both empties the queue.
      await stack.request('PATCH', `/api/queues/${returns.id}`, 'admin', { memberIds: [userIds.agent, userIds.agent] });
      expect((await stack.request<QueueView[]>('GET', '/api/queues')).body.find((q) => q.id === returns.id)?.effectiveMemberIds).toEqual([userIds.agent]);
      const cleared = await stack.request<QueueView>('PATCH', `/api/queues/${returns.id}`, 'admin', { memberIds: [], teamIds: [] });
      expect(cleared.body.effectiveMemberIds).toEqual([]);
    });
  });

  describe('canned responses', () => {
    it('answers 400 naming the field, and names an unknown placeholder', async () => {
      const good = { title: 'Hello', shortcut: 'hello', text: 'Hi {{customer.firstName}}' };
      for (const [body, field] of [
        [{ ...good, title: '' }, 'title'],
        [{ ...good, shortcut: 'Has Space' }, 'shortcut'],
        [{ ...good, shortcut: undefined }, 'shortcut'],
        [{ ...good, text: '' }, 'text'],
        [{ ...good, shared: 'yes' }, 'shared'],
        [{ ...good, text: 'Your order {{order.number}}, {{customer.firstName}}' }, 'text: unknown placeholder {{order.number}}'],
      ] as const) {
        const res = await stack.request('POST', '/api/canned-responses', 'admin', body);
        expect([res.status, message(res.body)]).toEqual([400, expect.stringContaining(field)]);
      }
    });

    it('keeps personal responses to their owner and shared ones editable by supervisors and admins', async () => {
      const personal = await stack.request<CannedResponseView>('POST', '/api/canned-responses', 'agent', {
        title: 'My sign-off',
        shortcut: '/bye',
        text: 'Cheers, {{agent.firstName}}',
      });
      expect(personal.status).toBe(201);
      expect(personal.body).toMatchObject({ shortcut: 'bye', shared: false, ownerId: userIds.agent, editable: true });
      expect(
        (await stack.request('POST', '/api/canned-responses', 'agent', { title: 'Shared', shortcut: 'shared-by-agent', text: 'x', shared: true })).status,
      ).toBe(403);

      const shared = await stack.request<CannedResponseView>('POST', '/api/canned-responses', 'supervisor', {
        title: 'Refund policy',
        shortcut: 'refund',
        text: 'Refunds take 5 days.',
        shared: true,
      });
      expect(shared.status).toBe(201);
      // The same shortcut is free in another scope, taken in the same one.
      expect((await stack.request('POST', '/api/canned-responses', 'agent', { title: 'My refund', shortcut: 'refund', text: 'y' })).status).toBe(201);
      const taken = await stack.request('POST', '/api/canned-responses', 'admin', { title: 'Other', shortcut: 'refund', text: 'z', shared: true });
      expect([taken.status, message(taken.body)]).toEqual([409, expect.stringContaining('shortcut')]);

      const agentList = (await stack.request<CannedResponseView[]>('GET', '/api/canned-responses', 'agent')).body;
      expect(agentList.find((r) => r.id === shared.body.id)?.editable).toBe(false);
      expect(agentList.some((r) => r.id === personal.body.id)).toBe(true);
      const supervisorList = (await stack.request<CannedResponseView[]>('GET', '/api/canned-responses', 'supervisor')).body;
      expect(supervisorList.some((r) => r.id === personal.body.id)).toBe(false);

      expect((await stack.request('PATCH', `/api/canned-responses/${shared.body.id}`, 'agent', { text: 'changed' })).status).toBe(403);
      expect((await stack.request('DELETE', `/api/canned-responses/${shared.body.id}`, 'agent')).status).toBe(403);
      expect((await stack.request('PATCH', `/api/canned-responses/${personal.body.id}`, 'admin', { text: 'changed' })).status).toBe(404);
      const edited = await stack.request<CannedResponseView>('PATCH', `/api/canned-responses/${shared.body.id}`, 'admin', {
        text: 'Refunds take 3 days, {{customer.firstName}}.',
      });
      expect(edited.body.text).toBe('Refunds take 3 days, {{customer.firstName}}.');
      const badEdit = await stack.request('PATCH', `/api/canned-responses/${shared.body.id}`, 'admin', { text: '{{agent.email}}' });
      expect([badEdit.status, message(badEdit.body)]).toEqual([400, expect.stringContaining('{{agent.email}}')]);
      expect((await stack.request('PATCH', `/api/canned-responses/${personal.body.id}`, 'agent', { shared: true })).status).toBe(403);
      expect((await stack.request('DELETE', `/api/canned-responses/${personal.body.id}`, 'agent')).status).toBe(204);
      expect((await stack.request('DELETE', `/api/canned-responses/${personal.body.id}`, 'agent')).status).toBe(404);
    });

    it('lets one of three concurrent creations of a shortcut win and answers the others 409', async () => {
      const results = await Promise.all(
        [1, 2, 3].map((n) => stack.request('POST', '/api/canned-responses', 'admin', { title: `Race ${n}`, shortcut: 'race', text: 'x', shared: true })),
      );
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    });
  });

  describe('audit log', () => {
    it('is for admins only and validates its filters', async () => {
      expect((await stack.request('GET', '/api/audit-log', 'agent')).status).toBe(403);
      expect((await stack.request('GET', '/api/audit-log', 'supervisor')).status).toBe(403);
      for (const [query, field] of [
        ['actorId=me', 'actorId'],
        ['entity=Queue!', 'entity'],
        ['from=yesterday', 'from'],
        ['to=2026-13-01', 'to'],
        ['from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z', 'to'],
        ['limit=0', 'limit'],
        ['cursor=garbage', 'cursor'],
      ]) {
        const res = await stack.request('GET', `/api/audit-log?${query}`, 'admin');
        expect([res.status, message(res.body)]).toEqual([400, expect.stringContaining(field)]);
      }
    });

    it('records queue changes with before and after, newest first, filtered and paged by cursor', async () => {
      const queue = (await stack.request<QueueView>('POST', '/api/queues', 'supervisor', { name: 'Audited' })).body;
      await stack.request('PATCH', `/api/queues/${queue.id}`, 'supervisor', { name: 'Audited twice' });
      await stack.request('PATCH', `/api/queues/${queue.id}`, 'admin', { archived: true });

      const forQueue = (await stack.request<Page<AuditEntryView>>('GET', `/api/audit-log?entity=queue&entityId=${queue.id}`, 'admin')).body.items;
      expect(forQueue.map((e) => e.action)).toEqual(['queue.archived', 'queue.updated', 'queue.created']);
      expect(forQueue[1]).toMatchObject({ actorId: userIds.supervisor, entity: 'queue', before: { name: 'Audited' }, after: { name: 'Audited twice' } });
      expect(forQueue[2]).toMatchObject({ before: null, after: { name: 'Audited', archived: false } });
      expect(forQueue[0]).toMatchObject({ actorId: userIds.admin, before: { archived: false }, after: { archived: true } });

      const bySupervisor = (await stack.request<Page<AuditEntryView>>('GET', `/api/audit-log?actorId=${userIds.supervisor}&limit=200`, 'admin')).body.items;
      expect(bySupervisor.every((e) => e.actorId === userIds.supervisor)).toBe(true);
      const future = (
        await stack.request<Page<AuditEntryView>>('GET', `/api/audit-log?from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`, 'admin')
      ).body;
      expect(future.items).toEqual([]);

      const all = (await stack.request<Page<AuditEntryView>>('GET', '/api/audit-log?limit=200', 'admin')).body.items;
      const paged: AuditEntryView[] = [];
      let cursor: string | null = '';
      while (cursor !== null) {
        const page: Page<AuditEntryView> = (
          await stack.request<Page<AuditEntryView>>('GET', `/api/audit-log?limit=3${cursor ? `&cursor=${cursor}` : ''}`, 'admin')
        ).body;
        paged.push(...page.items);
        cursor = page.nextCursor;
      }
      expect(paged.map((e) => e.id)).toEqual(all.map((e) => e.id));
      expect([...all].sort((a, b) => b.at.localeCompare(a.at))).toEqual(all);
    });

    it('shows a customer merge with what moved, for the Unmerge button', async () => {
      const target = (
        await stack.request<CustomerView>('POST', '/api/customers', 'agent', {
          name: 'Merged Target',
          identities: [{ kind: 'email', value: 'target@merge.example' }],
        })
      ).body;
      const other = (
        await stack.request<CustomerView>('POST', '/api/customers', 'agent', {
          name: 'Merged Other',
          identities: [{ kind: 'email', value: 'other@merge.example' }],
        })
      ).body;
      expect((await stack.request('POST', `/api/customers/${target.id}/merge`, 'agent', { otherCustomerId: other.id })).status).toBe(200);
      const entries = (await stack.request<Page<AuditEntryView>>('GET', `/api/audit-log?entity=customer&entityId=${target.id}`, 'admin')).body.items;
      expect(entries[0]).toMatchObject({ action: 'customer.merged', actorId: userIds.agent, details: { mergedCustomerId: other.id } });
      const unmerged = await stack.request('POST', `/api/customers/${target.id}/unmerge`, 'admin', { mergedCustomerId: other.id });
      expect(unmerged.status).toBe(200);
    });
  });
});
