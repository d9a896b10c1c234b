import { createHmac, randomBytes } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import type {
  ChatMessage,
  ChatMessageAck,
  ChatServerEvents,
  ConversationView,
  CreatedConnectorView,
  CustomerView,
  MessageView,
  Page,
  PossibleMatchView,
  RealtimeEvents,
} from '@throughline/domain';
import { signBody } from '@throughline/channels/generic';
import { signChatIdentity } from '@throughline/channels/chat';
import { type SmtpCapture, startSmtpCapture } from '@throughline/channels/email/testing';
import { type RecordedRequest, startRecordingServer } from '@throughline/channels/social/testing';
import { eventually, TestStack } from '../testing/test-stack';

const X_SECRET = 'x-consumer-secret-continuity';
const X_ACCOUNT = '2244994945';
const ACCOUNT_SID = `AC${'0123456789abcdef'.repeat(2)}`;
const AUTH_TOKEN = 'twilio-auth-token-continuity';
const SITE = 'https://shop.example';

interface Visitor {
  socket: Socket;
  messages: ChatMessage[];
}

/**
 * The seed scenario with real clients: one customer tweets, emails, calls and chats; an agent's
 * Socket.IO client sees each step live, the timeline reads as one story, and each reply goes out
 * on the channel it came from. Then an unverified chat email: possible match, merge, unmerge.
 */
describe('continuity: one customer across X, email, phone and chat (real API, worker, PostgreSQL, Redis; local fake X and SMTP)', () => {
  let stack: TestStack;
  let fakeX: Awaited<ReturnType<typeof startRecordingServer>>;
  let smtp: SmtpCapture;
  let x: CreatedConnectorView;
  let mime: CreatedConnectorView;
  let twilio: CreatedConnectorView;
  let widget: CreatedConnectorView;
  let agent: Socket;
  const created: Array<RealtimeEvents['message.created']> = [];
  const start = Date.now() - 30 * 60_000;
  const at = (minutes: number) => new Date(start + minutes * 60_000);

  beforeAll(async () => {
    stack = await TestStack.start();
    fakeX = await startRecordingServer((request) =>
      request.method === 'POST' && request.url === '/2/tweets'
        ? { status: 201, body: { data: { id: '1900000000000000042', text: 'ok' } } }
        : { status: 404, body: { title: 'Not Found' } },
    );
    smtp = await startSmtpCapture();
    x = await stack.createConnector({
      kind: 'social',
      provider: 'x',
      config: { accountId: X_ACCOUNT, apiBaseUrl: fakeX.baseUrl },
      secrets: { consumerSecret: X_SECRET, accessToken: 'x-user-token' },
    });
    mime = await stack.createConnector({
      kind: 'email',
      provider: 'mime',
      config: { address: 'help@shop.example', smtp: { host: smtp.host, port: smtp.port, secure: false } },
    });
    twilio = await stack.createConnector({ kind: 'phone', provider: 'twilio', config: { accountSid: ACCOUNT_SID }, secrets: { authToken: AUTH_TOKEN } });
    widget = await stack.createConnector({ kind: 'chat', provider: 'widget', config: { allowedOrigins: [SITE] } });
    agent = await stack.agentSocket('agent');
    agent.on('message.created', (event: RealtimeEvents['message.created']) => created.push(event));
  });

  afterAll(async () => {
    await stack?.close();
    await Promise.all([fakeX?.close(), smtp?.stop()]);
  });

  const tweetFrom = async (accountId: string, id: string, text: string, when: Date) => {
    const body = JSON.stringify({
      for_user_id: X_ACCOUNT,
      tweet_create_events: [
        {
          id_str: id,
          created_at: when.toUTCString(),
          timestamp_ms: String(when.getTime()),
          text,
          in_reply_to_status_id_str: null,
          user: { id_str: accountId, screen_name: 'miachen', name: 'Mia Chen' },
        },
      ],
    });
    const signature = `sha256=${createHmac('sha256', X_SECRET).update(body).digest('base64')}`;
    const res = await fetch(`${stack.baseUrl}/api/hooks/${x.id}/x`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-twitter-webhooks-signature': signature },
      body,
    });
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
      const data =
        url +
        Object.keys(params)
          .sort()
          .map((name) => name + params[name as keyof typeof params])
          .join('');
      const res = await fetch(`${stack.baseUrl}/api/hooks/${twilio.id}/twilio`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': createHmac('sha1', AUTH_TOKEN).update(data).digest('base64') },
        body: new URLSearchParams(params).toString(),
      });
      expect(res.status).toBe(202);
    }
  };

  /** A visitor on the widget, connected and past `session`. */
  const visitor = async (auth: Record<string, unknown>): Promise<Visitor> => {
    const socket = io(`${stack.baseUrl}/chat`, {
      path: '/socket.io',
      auth: { connectorKey: String(widget.config['connectorKey']), ...auth },
      transports: ['websocket'],
      reconnection: false,
      // Its own connection: multiplexed onto the agent socket's, it would not send these headers.
      forceNew: true,
      extraHeaders: { origin: SITE },
    });
    const messages: ChatMessage[] = [];
    socket.on('message', (m: ChatMessage) => messages.push(m));
    await new Promise<ChatServerEvents['session']>((resolve, reject) => {
      socket.once('session', resolve);
      socket.once('connect_error', reject);
    });
    return { socket, messages };
  };

  const chat = async (v: Visitor, text: string) => {
    const ack: ChatMessageAck = await v.socket.timeout(10_000).emitWithAck('message', { text, clientId: randomBytes(6).toString('hex') });
    expect(ack).toEqual({ id: expect.any(String) });
  };

  /** The agent client's live `message.created` for the inbound message `matches` picks. */
  const live = (what: string, matches: (m: MessageView) => boolean) =>
    eventually(async () => created.find((e) => e.message.direction === 'inbound' && matches(e.message)), 20_000, `${what} reaching the agent live`);

  const timelineOf = async (customerId: string) => (await stack.request<Page<MessageView>>('GET', `/api/customers/${customerId}/timeline`)).body.items;
  const story = (items: MessageView[]) => items.filter((m) => m.direction !== 'system').map((m) => `${m.channel}: ${m.text.split('\n')[0]}`);
  const customer = async (id: string) => (await stack.request<CustomerView>('GET', `/api/customers/${id}`)).body;
  const identitiesOf = async (id: string) => (await customer(id)).identities.map((i) => `${i.kind}:${i.value}`).sort();
  const conversationsOf = async (id: string) =>
    (await stack.request<Page<ConversationView>>('GET', `/api/conversations?customerId=${id}`)).body.items.map((c) => c.id).sort();

  const reply = async (conversationId: string, text: string) => {
    const res = await stack.request<MessageView>('POST', `/api/conversations/${conversationId}/messages`, 'agent', { text });
    expect(res.status).toBe(201);
    return res.body;
  };
  /** The reply once delivery is done with it (no longer pending). */
  const delivered = (conversationId: string, id: string) =>
    eventually(
      async () => {
        const row = (await stack.request<MessageView[]>('GET', `/api/conversations/${conversationId}/messages`)).body.find((m) => m.id === id);
        return row?.deliveryStatus !== 'pending' && row;
      },
      20_000,
      `the delivery of ${id}`,
    );

  it('should show a tweet, an email, a call and a verified chat of one customer live and as one story, and answer each on its own channel', async () => {
    const xAccount = `5${randomBytes(4).readUInt32BE()}`;
    const tweetId = `18${randomBytes(6).readUIntBE(0, 6)}`;
    const callSid = `CA${randomBytes(16).toString('hex')}`;
    const made = await stack.request<CustomerView>('POST', '/api/customers', 'agent', {
      name: 'Mia Chen',
      identities: [
        { kind: 'x', value: xAccount },
        { kind: 'email', value: 'Mia.Chen@example.org' },
        { kind: 'phone', value: '+1 (415) 555-0142' },
      ],
    });
    expect(made.status).toBe(201);
    const mia = made.body;
    const ofMia = (m: MessageView) => m.customerId === mia.id;

    // Each step as the customer takes it, minutes apart: the agent sees it before the next one.
    await tweetFrom(xAccount, tweetId, '@shop my new blender arrived with a cracked jar', at(0));
    const tweet = await live('the tweet', (m) => m.channel === 'social');
    await mailFrom('mia.chen@example.org', 'jar-1@example.org', 'Following up on my tweet: order 4411, the jar is cracked.', at(5));
    const mail = await live('the email', (m) => m.channel === 'email');
    await callFrom('+14155550142', callSid, at(10));
    const call = await live('the call', (m) => m.channel === 'phone');
    // The site signs the email of its signed-in user; the widget passes it with the HMAC.
    const v = await visitor({
      name: 'Mia',
      identity: { email: 'Mia.Chen@example.org', hmac: signChatIdentity('Mia.Chen@example.org', widget.signingSecret ?? '') },
    });
    await chat(v, 'Hi, I am on your site now about the cracked jar');
    const chatted = await live('the chat', (m) => m.channel === 'chat');

    const steps = [tweet, mail, call, chatted];
    expect(steps.map((e) => e.message.customerId)).toEqual([mia.id, mia.id, mia.id, mia.id]);
    expect(steps.map((e) => e.conversation.channel)).toEqual(['social', 'email', 'phone', 'chat']);
    // One live message.created per step: the call's later status updates the entry it created.
    expect(created.filter((e) => e.message.direction === 'inbound' && ofMia(e.message)).map((e) => e.message.id)).toEqual(steps.map((e) => e.message.id));

    const items = await eventually(
      async () => {
        const timeline = await timelineOf(mia.id);
        return timeline.some((m) => m.channel === 'phone' && /^Answered/.test(m.text)) && timeline;
      },
      20_000,
      'the completed call on the timeline',
    );
    expect(story(items)).toEqual([
      'chat: Hi, I am on your site now about the cracked jar',
      'phone: Answered call from +1 415 555 0142, 1 min 35 s',
      'email: Following up on my tweet: order 4411, the jar is cracked.',
      'social: @shop my new blender arrived with a cracked jar',
    ]);
    expect(new Set(items.map((m) => m.customerId))).toEqual(new Set([mia.id]));
    expect(items.map((m) => Date.parse(m.occurredAt))).toEqual([...items.map((m) => Date.parse(m.occurredAt))].sort((a, b) => b - a));
    expect((await identitiesOf(mia.id)).filter((i) => !i.startsWith('chat:'))).toEqual(['email:mia.chen@example.org', 'phone:+14155550142', `x:${xAccount}`]);

    // The agent answers each conversation; each answer leaves on the channel it came from.
    const toTweet = await reply(tweet.conversation.id, 'Sorry Mia! A new jar is on its way.');
    expect(await delivered(tweet.conversation.id, toTweet.id)).toMatchObject({ deliveryStatus: 'sent', deliveryError: null });
    const posted = fakeX.requests.filter((r: RecordedRequest) => r.method === 'POST');
    expect(posted.map((r) => r.url)).toEqual(['/2/tweets']);
    expect(posted[0].headers['authorization']).toBe('Bearer x-user-token');
    expect(JSON.parse(posted[0].body)).toEqual({ text: 'Sorry Mia! A new jar is on its way.', reply: { in_reply_to_tweet_id: tweetId } });

    const toMail = await reply(mail.conversation.id, 'The replacement jar ships today.');
    expect(await delivered(mail.conversation.id, toMail.id)).toMatchObject({ deliveryStatus: 'sent', deliveryError: null });
    const [sentMail] = await smtp.waitForMessages(1, 15_000);
    expect(smtp.messages).toHaveLength(1);
    expect(sentMail.to).toEqual(['mia.chen@example.org']);
    const rawMail = sentMail.raw.toString();
    expect(rawMail).toMatch(/^In-Reply-To: <jar-1@example\.org>\r?$/im);
    expect(rawMail).toMatch(/^References: .*<jar-1@example\.org>/im);
    expect(rawMail).toContain('The replacement jar ships today.');

    const toChat = await reply(chatted.conversation.id, 'Hi Mia, I see your tweet, email and call: all sorted.');
    const inWidget = await eventually(async () => v.messages.find((m) => m.author === 'agent'), 10_000, 'the chat reply in the widget');
    expect(inWidget).toMatchObject({ id: toChat.id, text: 'Hi Mia, I see your tweet, email and call: all sorted.', author: 'agent' });
    expect(await delivered(chatted.conversation.id, toChat.id)).toMatchObject({ deliveryStatus: 'sent', deliveryError: null });

    // A call is answered by calling back: the note is kept, there is nothing to send.
    const toCall = await reply(call.conversation.id, 'Called Mia back about the jar.');
    expect(toCall.deliveryStatus).toBe('stored');
    expect((await delivered(call.conversation.id, toCall.id)).deliveryStatus).toBe('stored');

    // No reply went out twice or on another channel.
    expect(fakeX.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(smtp.messages).toHaveLength(1);
    expect(v.messages.filter((m) => m.author === 'agent')).toHaveLength(1);
    v.socket.disconnect();
    await stack.settle();
  });

  it('should offer an unverified chat email as a possible match, merge both histories, and unmerge every identity and conversation back', async () => {
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
    await tweetFrom(xAccount, `18${randomBytes(6).readUIntBE(0, 6)}`, '@shop where is my refund?', at(1));
    await mailFrom('sam@example.org', 'refund-1@example.org', 'Still waiting for the refund.', at(6));
    await eventually(async () => story(await timelineOf(sam.id)).length === 2, 20_000, "Sam's tweet and email");

    // Typed into the pre-chat form, without the site's HMAC: anyone could type it, so no link.
    const v = await visitor({ name: 'Sam', email: 'Sam@Example.org' });
    await chat(v, 'Any news on my refund?');
    const chatted = await live('the chat', (m) => m.text === 'Any news on my refund?');
    const visitorId = chatted.message.customerId;
    expect(visitorId).not.toBe(sam.id);
    const matches = await stack.request<PossibleMatchView[]>('GET', `/api/customers/${visitorId}/possible-matches`);
    expect(matches.status).toBe(200);
    expect(matches.body).toEqual([
      expect.objectContaining({ candidate: expect.objectContaining({ id: sam.id }), reason: expect.stringContaining('sam@example.org') }),
    ]);

    const before = {
      sam: { identities: await identitiesOf(sam.id), conversations: await conversationsOf(sam.id) },
      visitor: { identities: await identitiesOf(visitorId), conversations: await conversationsOf(visitorId) },
    };
    expect(before.sam.identities).toEqual(['email:sam@example.org', `x:${xAccount}`]);
    expect(before.sam.conversations).toHaveLength(2);
    expect(before.visitor.identities).toEqual([expect.stringMatching(/^chat:/)]);
    expect(before.visitor.conversations).toEqual([chatted.conversation.id]);

    // The agent watching Sam's record hears of the merge and the unmerge.
    const merges: Array<RealtimeEvents['customer.merged']> = [];
    const unmerges: Array<RealtimeEvents['customer.unmerged']> = [];
    agent.on('customer.merged', (event: RealtimeEvents['customer.merged']) => merges.push(event));
    agent.on('customer.unmerged', (event: RealtimeEvents['customer.unmerged']) => unmerges.push(event));
    expect(await agent.timeout(5000).emitWithAck('subscribe', { customerId: sam.id })).toEqual({ ok: true });

    const merged = await stack.request<CustomerView>('POST', `/api/customers/${sam.id}/merge`, 'agent', { otherCustomerId: visitorId });
    expect(merged.status).toBe(200);
    expect(story(await timelineOf(sam.id))).toEqual([
      'chat: Any news on my refund?',
      'email: Still waiting for the refund.',
      'social: @shop where is my refund?',
    ]);
    expect(await identitiesOf(sam.id)).toEqual([...before.sam.identities, ...before.visitor.identities].sort());
    expect(await conversationsOf(sam.id)).toEqual([...before.sam.conversations, ...before.visitor.conversations].sort());
    expect(await conversationsOf(visitorId)).toEqual([]);
    await eventually(async () => merges.length === 1, 5_000, 'the customer.merged event');
    expect(merges[0]).toMatchObject({ customer: { id: sam.id }, mergedCustomerId: visitorId });

    const undone = await stack.request<RealtimeEvents['customer.unmerged']>('POST', `/api/customers/${sam.id}/unmerge`, 'agent', {
      mergedCustomerId: visitorId,
    });
    expect(undone.status).toBe(200);
    expect(undone.body.restoredCustomer).toMatchObject({ id: visitorId, mergedInto: null });
    expect(await identitiesOf(sam.id)).toEqual(before.sam.identities);
    expect(await identitiesOf(visitorId)).toEqual(before.visitor.identities);
    expect(await conversationsOf(sam.id)).toEqual(before.sam.conversations);
    expect(await conversationsOf(visitorId)).toEqual(before.visitor.conversations);
    expect(story(await timelineOf(sam.id))).toEqual(['email: Still waiting for the refund.', 'social: @shop where is my refund?']);
    expect(story(await timelineOf(visitorId))).toEqual(['chat: Any news on my refund?']);
    const audit = await stack.db.query(`SELECT details FROM audit_log WHERE action = 'customer.unmerged' AND entity_id = $1`, [sam.id]);
    expect(audit.rows[0].details).toMatchObject({ restoredCustomerId: visitorId, messageCount: 1 });
    await eventually(async () => unmerges.length === 1, 5_000, 'the customer.unmerged event');
    expect(unmerges[0]).toMatchObject({ customer: { id: sam.id }, restoredCustomer: { id: visitorId } });

    // Undone once: a second unmerge has nothing to undo, and the visitor's next message stays theirs.
    expect((await stack.request('POST', `/api/customers/${sam.id}/unmerge`, 'agent', { mergedCustomerId: visitorId })).status).toBe(409);
    await chat(v, 'Hello again');
    const next = await live('the next chat message', (m) => m.text === 'Hello again');
    expect(next.message.customerId).toBe(visitorId);
    expect(next.conversation.id).toBe(chatted.conversation.id);
    v.socket.disconnect();
    await stack.settle();
  });
});
