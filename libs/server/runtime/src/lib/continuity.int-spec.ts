import { createHmac, randomBytes } from 'node:crypto';
import type { CreatedConnectorView, CustomerView, MessageView, Page, RealtimeEvents } from '@throughline/domain';
import { signBody } from '@throughline/channels/generic';
import { eventually, TestStack } from '../testing/test-stack';

const X_SECRET = 'x-consumer-secret-continuity';
const X_ACCOUNT = '2244994945';
const ACCOUNT_SID = `AC${'0123456789abcdef'.repeat(2)}`;
const AUTH_TOKEN = 'twilio-auth-token-continuity';

/**
 * One customer, three channels: a tweet, an email and a phone call come in through their real
 * webhooks and read as one story on the customer's timeline; a merge joins a second record the
 * call created, and an unmerge puts it back.
 */
describe('continuity: one customer across X, email and phone (real API, worker, PostgreSQL, Redis)', () => {
  let stack: TestStack;
  let x: CreatedConnectorView;
  let mime: CreatedConnectorView;
  let twilio: CreatedConnectorView;
  const start = Date.now() - 30 * 60_000;
  const at = (minutes: number) => new Date(start + minutes * 60_000);

  beforeAll(async () => {
    stack = await TestStack.start();
    x = await stack.createConnector({ kind: 'social', provider: 'x', config: { accountId: X_ACCOUNT }, secrets: { consumerSecret: X_SECRET } });
    mime = await stack.createConnector({ kind: 'email', provider: 'mime', config: { address: 'help@shop.example' } });
    twilio = await stack.createConnector({ kind: 'phone', provider: 'twilio', config: { accountSid: ACCOUNT_SID }, secrets: { authToken: AUTH_TOKEN } });
  });

  afterAll(async () => {
    await stack?.settle();
    await stack?.close();
  });

  const tweetFrom = async (accountId: string, id: string, text: string, when: Date) => {
    const body = JSON.stringify({
      for_user_id: X_ACCOUNT,
      tweet_create_events: [
        { id_str: id, created_at: when.toUTCString(), timestamp_ms: String(when.getTime()), text, in_reply_to_status_id_str: null, user: { id_str: accountId, screen_name: 'miachen', name: 'Mia Chen' } },
      ],
    });
    const signature = `sha256=${createHmac('sha256', X_SECRET).update(body).digest('base64')}`;
    const res = await fetch(`${stack.baseUrl}/api/hooks/${x.id}/x`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-twitter-webhooks-signature': signature }, body });
    expect(res.status).toBe(200);
  };

  const mailFrom = async (address: string, messageId: string, text: string, when: Date) => {
    const raw = [
      `From: Mia Chen <${address}>`,
      'To: help@shop.example',
      'Subject: Cracked blender jar',
      `Message-ID: <${messageId}>`,
      `Date: ${when.toUTCString()}`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      text,
      '',
    ].join('\r\n');
    const res = await fetch(`${stack.baseUrl}/api/hooks/${mime.id}/email`, {
      method: 'POST',
      headers: { 'content-type': 'message/rfc822', 'x-throughline-signature': signBody(raw, mime.signingSecret ?? '') },
      body: raw,
    });
    expect(res.status).toBe(202);
  };

  const callFrom = async (number: string, callSid: string, answeredAt: Date) => {
    const url = `${stack.config.publicUrl}/api/hooks/${twilio.id}/twilio`;
    const base = { AccountSid: ACCOUNT_SID, CallSid: callSid, From: number, To: '+15153573516', Direction: 'inbound' };
    const steps = [
      { ...base, CallStatus: 'ringing', SequenceNumber: '0', Timestamp: answeredAt.toUTCString() },
      { ...base, CallStatus: 'completed', SequenceNumber: '1', Timestamp: new Date(answeredAt.getTime() + 95_000).toUTCString(), CallDuration: '95' },
    ];
    for (const params of steps) {
      const data = url + Object.keys(params).sort().map((name) => name + params[name as keyof typeof params]).join('');
      const res = await fetch(`${stack.baseUrl}/api/hooks/${twilio.id}/twilio`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': createHmac('sha1', AUTH_TOKEN).update(data).digest('base64') },
        body: new URLSearchParams(params).toString(),
      });
      expect(res.status).toBe(202);
    }
  };

  const timelineOf = async (customerId: string) => (await stack.request<Page<MessageView>>('GET', `/api/customers/${customerId}/timeline`)).body.items;
  const story = (items: MessageView[]) => items.filter((m) => m.direction !== 'system').map((m) => `${m.channel}: ${m.text.split('\n')[0]}`);

  it('should show a tweet, an email and a call of one customer as one story, newest first', async () => {
    const xAccount = `5${randomBytes(4).readUInt32BE()}`;
    const created = await stack.request<CustomerView>('POST', '/api/customers', 'agent', {
      name: 'Mia Chen',
      identities: [
        { kind: 'x', value: xAccount },
        { kind: 'email', value: 'Mia.Chen@example.org' },
        { kind: 'phone', value: '+1 (415) 555-0142' },
      ],
    });
    expect(created.status).toBe(201);
    const mia = created.body;

    await tweetFrom(xAccount, '1800000000000000001', '@shop my new blender arrived with a cracked jar', at(0));
    await mailFrom('mia.chen@example.org', 'jar-1@example.org', 'Following up on my tweet: order 4411, the jar is cracked.', at(5));
    await callFrom('+14155550142', `CA${randomBytes(16).toString('hex')}`, at(10));

    const items = await eventually(async () => {
      const timeline = await timelineOf(mia.id);
      return story(timeline).length === 3 && timeline.every((m) => m.direction !== 'inbound' || !/in progress/.test(m.text)) && timeline;
    }, 30_000, 'three entries on the timeline');
    expect(story(items)).toEqual([
      'phone: Answered call from +1 415 555 0142, 1 min 35 s',
      'email: Following up on my tweet: order 4411, the jar is cracked.',
      'social: @shop my new blender arrived with a cracked jar',
    ]);
    expect(new Set(items.map((m) => m.customerId))).toEqual(new Set([mia.id]));
    expect(items.map((m) => Date.parse(m.occurredAt))).toEqual([...items.map((m) => Date.parse(m.occurredAt))].sort((a, b) => b - a));
  });

  it('should merge the record a call from a new number created, and unmerge it back', async () => {
    const xAccount = `4${randomBytes(4).readUInt32BE()}`;
    const sam = (
      await stack.request<CustomerView>('POST', '/api/customers', 'agent', {
        name: 'Sam Ortiz',
        identities: [
          { kind: 'x', value: xAccount },
          { kind: 'email', value: 'sam@example.org' },
        ],
      })
    ).body;
    await tweetFrom(xAccount, '1800000000000000002', '@shop where is my refund?', at(1));
    await mailFrom('sam@example.org', 'refund-1@example.org', 'Still waiting for the refund.', at(6));
    const callSid = `CA${randomBytes(16).toString('hex')}`;
    await callFrom('+1 415 555 0177', callSid, at(11));
    const caller = await eventually(async () => {
      const { rows } = await stack.db.query<{ customer_id: string }>(`SELECT customer_id FROM messages WHERE external_id = $1`, [callSid]);
      return rows[0]?.customer_id;
    }, 20_000, 'the call');
    expect(caller).not.toBe(sam.id);
    await eventually(async () => story(await timelineOf(sam.id)).length === 2, 20_000, "Sam's tweet and email");

    const supervisor = await stack.agentSocket('supervisor');
    const unmerged: Array<RealtimeEvents['customer.unmerged']> = [];
    supervisor.on('customer.unmerged', (event: RealtimeEvents['customer.unmerged']) => unmerged.push(event));

    const merged = await stack.request<CustomerView>('POST', `/api/customers/${sam.id}/merge`, 'agent', { otherCustomerId: caller });
    expect(merged.status).toBe(200);
    expect(story(await timelineOf(sam.id))).toEqual([
      'phone: Answered call from +1 415 555 0177, 1 min 35 s',
      'email: Still waiting for the refund.',
      'social: @shop where is my refund?',
    ]);

    const undone = await stack.request<RealtimeEvents['customer.unmerged']>('POST', `/api/customers/${sam.id}/unmerge`, 'agent', { mergedCustomerId: caller });
    expect(undone.status).toBe(200);
    expect(undone.body.customer.identities.map((i) => i.value).sort()).toEqual([xAccount, 'sam@example.org'].sort());
    expect(undone.body.restoredCustomer).toMatchObject({ id: caller, mergedInto: null, identities: [{ kind: 'phone', value: '+14155550177' }] });
    expect(story(await timelineOf(sam.id))).toEqual(['email: Still waiting for the refund.', 'social: @shop where is my refund?']);
    expect(story(await timelineOf(caller))).toEqual(['phone: Answered call from +1 415 555 0177, 1 min 35 s']);
    const { rows: conversations } = await stack.db.query('SELECT customer_id FROM conversations WHERE id IN (SELECT conversation_id FROM messages WHERE external_id = $1)', [callSid]);
    expect(conversations).toEqual([{ customer_id: caller }]);
    const audit = await stack.db.query(`SELECT details FROM audit_log WHERE action = 'customer.unmerged' AND entity_id = $1`, [sam.id]);
    expect(audit.rows[0].details).toMatchObject({ restoredCustomerId: caller, messageCount: 1 });
    await eventually(async () => unmerged.length === 1, 5_000, 'the customer.unmerged event');
    expect(unmerged[0].restoredCustomer.id).toBe(caller);

    // Undone once: a second unmerge has nothing to undo; the number calls the restored customer again.
    expect((await stack.request('POST', `/api/customers/${sam.id}/unmerge`, 'agent', { mergedCustomerId: caller })).status).toBe(409);
    const again = `CA${randomBytes(16).toString('hex')}`;
    await callFrom('+14155550177', again, at(20));
    const next = await eventually(async () => (await stack.db.query<{ customer_id: string }>('SELECT customer_id FROM messages WHERE external_id = $1', [again])).rows[0], 20_000, 'the next call');
    expect(next.customer_id).toBe(caller);
  });
});
