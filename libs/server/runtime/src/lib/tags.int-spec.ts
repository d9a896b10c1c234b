import type { Socket } from 'socket.io-client';
import type { AuditEntryView, ConversationView, MessageView, Page, TagView } from '@throughline/domain';
import type { EntityManager } from 'typeorm';
import { moveConversationTags } from '@throughline/server/timeline';
import { eventually, genericPayload, TestStack } from '../testing/test-stack';

/** Tags on the real API, PostgreSQL and Redis: admins manage the list, agents set a conversation's tags, the inbox filters by them. */
describe('tags (real stack)', () => {
  let stack: TestStack;
  let connector: { id: string; url: string; secret: string };
  let socket: Socket;
  const updates: ConversationView[] = [];

  beforeAll(async () => {
    stack = await TestStack.start();
    connector = await stack.createGenericConnector();
    socket = await stack.agentSocket('supervisor');
    socket.on('conversation.updated', (payload: { conversation: ConversationView }) => updates.push(payload.conversation));
  });

  afterAll(() => stack?.close());

  const createTag = async (name: string, color = '#2f80ed') => (await stack.request<TagView>('POST', '/api/tags', 'admin', { name, color })).body;
  const setTags = (id: string, tagIds: string[], role: 'agent' | 'supervisor' = 'agent') =>
    stack.request<ConversationView>('PUT', `/api/conversations/${id}/tags`, role, { tagIds });

  async function conversation(): Promise<ConversationView> {
    const sent = genericPayload();
    expect((await stack.sendWebhook(connector, sent)).status).toBe(202);
    const id = await eventually(async () => {
      const { rows } = await stack.db.query<{ conversation_id: string }>('SELECT conversation_id FROM messages WHERE external_id = $1', [sent['externalId']]);
      return rows[0]?.conversation_id;
    });
    await stack.settle();
    return (await stack.request<ConversationView>('GET', `/api/conversations/${id}`)).body;
  }

  it('lets every signed-in person read the list, and only admins change it', async () => {
    expect((await stack.request('GET', '/api/tags', null)).status).toBe(401);
    expect((await stack.request('POST', '/api/tags', 'agent', { name: 'VIP', color: '#000000' })).status).toBe(403);
    expect((await stack.request('POST', '/api/tags', 'supervisor', { name: 'VIP', color: '#000000' })).status).toBe(403);
    const vip = await createTag('  VIP ', '#AA0000');
    expect(vip).toEqual({ id: expect.any(String), name: 'VIP', color: '#aa0000' });
    expect((await stack.request('PATCH', `/api/tags/${vip.id}`, 'agent', { name: 'Gold' })).status).toBe(403);
    expect((await stack.request('DELETE', `/api/tags/${vip.id}`, 'agent')).status).toBe(403);
    expect((await stack.request<TagView[]>('GET', '/api/tags', 'agent')).body).toEqual([vip]);
  });

  it('refuses bad input naming the field, and a duplicate name whatever its case', async () => {
    const blank = await stack.request<{ message: string[] }>('POST', '/api/tags', 'admin', { name: ' ', color: '#000000' });
    expect(blank.status).toBe(400);
    expect(JSON.stringify(blank.body)).toContain('name must not be blank');
    const color = await stack.request('POST', '/api/tags', 'admin', { name: 'Refund', color: 'red' });
    expect(color.status).toBe(400);
    expect(JSON.stringify(color.body)).toContain('color must be #rrggbb');
    const duplicate = await stack.request('POST', '/api/tags', 'admin', { name: 'vip', color: '#000000' });
    expect(duplicate.status).toBe(409);
    expect(JSON.stringify(duplicate.body)).toContain('name: a tag with this name exists');
    const other = await createTag('Other');
    expect((await stack.request('PATCH', `/api/tags/${other.id}`, 'admin', { name: 'VIP' })).status).toBe(409);
    expect((await stack.request('PATCH', '/api/tags/00000000-0000-4000-8000-000000000000', 'admin', { name: 'x' })).status).toBe(404);
  });

  it('renames, recolours and deletes, each in the audit log', async () => {
    const tag = await createTag('Temporary');
    const renamed = await stack.request<TagView>('PATCH', `/api/tags/${tag.id}`, 'admin', { name: 'Later', color: '#00aa00' });
    expect(renamed).toMatchObject({ status: 200, body: { id: tag.id, name: 'Later', color: '#00aa00' } });
    expect((await stack.request('DELETE', `/api/tags/${tag.id}`, 'admin')).status).toBe(204);
    expect((await stack.request<TagView[]>('GET', '/api/tags')).body.map((t) => t.id)).not.toContain(tag.id);
    const audit = (await stack.request<Page<AuditEntryView>>('GET', `/api/audit-log?entity=tag&entityId=${tag.id}`, 'admin')).body.items.filter(
      (e) => e.entityId === tag.id,
    );
    expect(audit.map((e) => e.action).sort()).toEqual(['tag.created', 'tag.deleted', 'tag.updated']);
  });

  it('applies and removes tags with a system line and history, live, and filters the inbox by a tag', async () => {
    const refund = await createTag('Refund', '#e67e22');
    const urgent = await createTag('Urgent', '#c0392b');
    const tagged = await conversation();
    const untagged = await conversation();
    await socket.emitWithAck('subscribe', { conversationId: tagged.id });
    expect(tagged.tags).toEqual([]);

    const applied = await setTags(tagged.id, [urgent.id, refund.id]);
    expect(applied.status).toBe(200);
    expect(applied.body.tags).toEqual([refund, urgent]);
    const live = await eventually(async () => updates.find((c) => c.id === tagged.id && c.tags.length === 2), 5000, 'conversation.updated with the tags');
    expect(live.tags).toEqual([
      { id: refund.id, name: 'Refund', color: '#e67e22' },
      { id: urgent.id, name: 'Urgent', color: '#c0392b' },
    ]);

    const filtered = (await stack.request<Page<ConversationView>>('GET', `/api/conversations?tag=${refund.id}`)).body.items;
    expect(filtered.map((c) => c.id)).toEqual([tagged.id]);
    expect(filtered[0]?.tags.map((t) => t.name)).toEqual(['Refund', 'Urgent']);
    const all = (await stack.request<Page<ConversationView>>('GET', '/api/conversations')).body.items;
    expect(all.find((c) => c.id === untagged.id)?.tags).toEqual([]);
    expect((await stack.request('GET', '/api/conversations?tag=refund')).status).toBe(400);

    expect((await setTags(tagged.id, [urgent.id])).body.tags).toEqual([urgent]);
    expect((await stack.request<Page<ConversationView>>('GET', `/api/conversations?tag=${refund.id}`)).body.items).toEqual([]);
    const lines = (await stack.request<MessageView[]>('GET', `/api/conversations/${tagged.id}/messages`)).body.filter((m) => m.metadata['event'] === 'tag');
    expect(lines.map((m) => m.text).sort()).toEqual([
      expect.stringMatching(/ removed the tag Refund$/),
      expect.stringMatching(/ tagged this Refund$/),
      expect.stringMatching(/ tagged this Urgent$/),
    ]);
    const history = await stack.db.query<{ from_value: string | null; to_value: string | null }>(
      `SELECT from_value, to_value FROM conversation_events WHERE conversation_id = $1 AND kind = 'tag' ORDER BY id`,
      [tagged.id],
    );
    expect(history.rows).toHaveLength(3);
    expect(history.rows.at(-1)).toEqual({ from_value: refund.id, to_value: null });
  });

  it('refuses an unknown tag or a malformed body naming tagIds, and an unknown conversation with 404', async () => {
    const c = await conversation();
    const unknown = await setTags(c.id, ['00000000-0000-4000-8000-000000000000']);
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body)).toContain('tagIds: tag 00000000-0000-4000-8000-000000000000 does not exist');
    const malformed = await stack.request('PUT', `/api/conversations/${c.id}/tags`, 'agent', { tagIds: ['not-a-uuid'] });
    expect(malformed.status).toBe(400);
    expect(JSON.stringify(malformed.body)).toContain('tagIds');
    expect((await stack.request('PUT', `/api/conversations/${c.id}/tags`, 'agent', {})).status).toBe(400);
    expect((await setTags('00000000-0000-4000-8000-000000000000', [])).status).toBe(404);
  });

  it('applies the same tag once when two agents set it at the same moment', async () => {
    const tag = await createTag('Escalated');
    const c = await conversation();
    const results = await Promise.all([setTags(c.id, [tag.id], 'agent'), setTags(c.id, [tag.id], 'supervisor'), setTags(c.id, [tag.id], 'agent')]);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    for (const r of results) expect(r.body.tags).toEqual([tag]);
    const rows = await stack.db.query('SELECT 1 FROM conversation_tags WHERE conversation_id = $1', [c.id]);
    expect(rows.rowCount).toBe(1);
    const lines = await stack.db.query(`SELECT 1 FROM messages WHERE conversation_id = $1 AND metadata ->> 'event' = 'tag'`, [c.id]);
    expect(lines.rowCount).toBe(1);
  });

  it('takes a deleted tag off its conversations', async () => {
    const tag = await createTag('Short-lived');
    const c = await conversation();
    await setTags(c.id, [tag.id]);
    expect((await stack.request('DELETE', `/api/tags/${tag.id}`, 'admin')).status).toBe(204);
    expect((await stack.request<ConversationView>('GET', `/api/conversations/${c.id}`)).body.tags).toEqual([]);
  });

  it('carries the tags of joined conversations over to the one they join, each tag once with its earlier addition', async () => {
    const [shared, onlyAbsorbed, onlySurvivor] = [await createTag('Joined shared'), await createTag('Joined absorbed'), await createTag('Joined survivor')];
    const survivor = await conversation();
    const absorbed = await conversation();
    await setTags(absorbed.id, [shared.id, onlyAbsorbed.id]);
    await setTags(survivor.id, [shared.id, onlySurvivor.id]);
    // The merger runs inside the threading writer's transaction; here its statement runs on the test's own connection.
    const manager = { query: async (sql: string, params: unknown[]) => (await stack.db.query(sql, params)).rows } as unknown as EntityManager;
    await moveConversationTags(manager, [absorbed.id], survivor.id);
    const rows = await stack.db.query<{ tag_id: string; added_at: Date }>('SELECT tag_id, added_at FROM conversation_tags WHERE conversation_id = $1', [
      survivor.id,
    ]);
    expect(rows.rows.map((r) => r.tag_id).sort()).toEqual([shared.id, onlyAbsorbed.id, onlySurvivor.id].sort());
    const firstShared = await stack.db.query<{ added_at: Date }>('SELECT added_at FROM conversation_tags WHERE conversation_id = $1 AND tag_id = $2', [
      absorbed.id,
      shared.id,
    ]);
    expect(rows.rows.find((r) => r.tag_id === shared.id)?.added_at).toEqual(firstShared.rows[0]?.added_at);
  });
});
