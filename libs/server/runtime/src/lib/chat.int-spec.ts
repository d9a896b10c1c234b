import { randomBytes, randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import type {
  ChatHandshake,
  ChatMessage,
  ChatMessageAck,
  ChatServerEvents,
  ConnectorView,
  CreatedConnectorView,
  CustomerView,
  MessageView,
  PossibleMatchView,
  RealtimeEvents,
} from '@throughline/domain';
import { CHAT_LIMITS } from '@throughline/domain';
import { signChatIdentity } from '@throughline/channels/chat';
import { type SmtpCapture, startSmtpCapture } from '@throughline/channels/email/testing';
import { createTransport } from 'nodemailer';
import { SmtpInboundListener } from '@throughline/server/ingest';
import { eventually, TestStack } from '../testing/test-stack';

const SITE = 'https://shop.example';

interface Visitor {
  socket: Socket;
  session: ChatServerEvents['session'];
  history: ChatMessage[];
  messages: ChatMessage[];
  typing: Array<ChatServerEvents['typing']>;
  reads: Array<ChatServerEvents['read']>;
}

describe('live chat over /chat (real API, worker, PostgreSQL, Redis, socket.io-client visitors and agents)', () => {
  let stack: TestStack;
  let widget: CreatedConnectorView;
  let connectorKey: string;
  let identitySecret: string;
  let agent: Socket;
  const created: Array<RealtimeEvents['message.created']> = [];
  const sockets: Socket[] = [];

  beforeAll(async () => {
    stack = await TestStack.start();
    widget = await stack.createConnector({ kind: 'chat', provider: 'widget', config: { allowedOrigins: [SITE, 'https://*.shop.example'] } });
    connectorKey = String(widget.config['connectorKey']);
    identitySecret = widget.signingSecret ?? '';
    agent = await stack.agentSocket('agent');
    agent.on('message.created', (event: RealtimeEvents['message.created']) => created.push(event));
  });

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await stack?.close();
  });

  function open(auth: Partial<ChatHandshake> & Record<string, unknown>, origin: string | null = SITE, reconnection = false): Socket {
    const socket = io(`${stack.baseUrl}/chat`, {
      path: '/socket.io',
      auth,
      transports: ['websocket'],
      reconnection,
      reconnectionDelay: 100,
      extraHeaders: origin ? { origin } : {},
      // Its own connection: a socket sharing the agents' would be opened without these headers.
      forceNew: true,
    });
    sockets.push(socket);
    return socket;
  }

  /** A visitor connected and past `session` (and `history`, when the server has one to send). */
  async function visitor(auth: Partial<ChatHandshake> = {}, origin = SITE, reconnection = false): Promise<Visitor> {
    const socket = open({ connectorKey, ...auth }, origin, reconnection);
    const v: Omit<Visitor, 'session'> = { socket, history: [], messages: [], typing: [], reads: [] };
    socket.on('history', (h: ChatServerEvents['history']) => v.history.push(...h.messages));
    socket.on('message', (m: ChatMessage) => v.messages.push(m));
    socket.on('typing', (t: ChatServerEvents['typing']) => v.typing.push(t));
    socket.on('read', (r: ChatServerEvents['read']) => v.reads.push(r));
    // As the widget does: a reconnect presents the token the server issued, so it continues the same visitor.
    socket.on('session', (s: ChatServerEvents['session']) => Object.assign(socket.auth, { visitorToken: s.visitorToken }));
    const history = new Promise((resolve) => socket.once('history', resolve));
    const session = await new Promise<ChatServerEvents['session']>((resolve, reject) => {
      socket.once('session', resolve);
      socket.once('connect_error', reject);
    });
    if (session.conversationId) await history;
    return { ...v, session };
  }

  function refusal(auth: Record<string, unknown>, origin: string | null = SITE): Promise<string> {
    const socket = open(auth, origin);
    return new Promise((resolve, reject) => {
      socket.once('connect', () => reject(new Error('the handshake was accepted')));
      socket.once('connect_error', (err: Error) => resolve(err.message));
    });
  }

  const send = (v: Visitor, text: string, clientId = randomBytes(6).toString('hex')): Promise<ChatMessageAck> =>
    v.socket.timeout(10_000).emitWithAck('message', { text, clientId });

  const arrived = (text: string) => eventually(async () => created.find((e) => e.message.text === text), 15_000, `"${text}" reaching the agent`);

  const reply = async (conversationId: string, text: string) => {
    const res = await stack.request<MessageView>('POST', `/api/conversations/${conversationId}/messages`, 'agent', { text });
    expect(res.status).toBe(201);
    return res.body;
  };

  it('creates a widget connector with a public key and an identity secret shown once, and keeps the key across config edits', async () => {
    expect(connectorKey).toMatch(/^tlw_[A-Za-z0-9_-]{20,}$/);
    expect(identitySecret.length).toBeGreaterThanOrEqual(32);
    expect(widget.secretNames).toEqual(['identitySecret']);
    const edited = await stack.request<ConnectorView>('PATCH', `/api/connectors/${widget.id}`, 'admin', {
      config: { allowedOrigins: [SITE, 'https://*.shop.example'], connectorKey: 'tlw_chosen-by-admin' },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.config['connectorKey']).toBe(connectorKey);
    expect(JSON.stringify(edited.body)).not.toContain(identitySecret);
    const bad = await stack
      .createConnector({ kind: 'chat', provider: 'widget', config: { allowedOrigins: ['https://shop.example/support'] } })
      .catch((e: Error) => e.message);
    expect(bad).toMatch(/400.*config\.allowedOrigins\.0: must be an origin/);
  });

  it('refuses bad handshakes with connect_error saying why', async () => {
    expect(await refusal({})).toMatch(/auth\.connectorKey/);
    expect(await refusal({ connectorKey: 'tlw_nobody-has-this' })).toMatch(/unknown connectorKey/);
    expect(await refusal({ connectorKey }, 'https://evil.example')).toMatch(/origin https:\/\/evil\.example is not allowed/);
    expect(await refusal({ connectorKey }, null)).toMatch(/origin \(none sent\) is not allowed/);
    const forged = { email: 'ceo@shop.example', hmac: signChatIdentity('ceo@shop.example', 'a guessed secret') };
    expect(await refusal({ connectorKey, identity: forged })).toMatch(/identity\.hmac does not match/);
    expect(await refusal({ connectorKey, email: 'not an email' })).toMatch(/auth\.email/);
    // A subdomain covered by the wildcard is fine.
    expect((await visitor({}, 'https://eu.shop.example')).session.visitorToken).toMatch(/^v1\./);
  });

  it('stores a visitor message before acking it, echoes it to the visitor and delivers it to agents through ingest', async () => {
    const v = await visitor({ name: 'Noa' });
    expect(v.session.conversationId).toBeNull();
    expect(v.history).toEqual([]);
    const sessions: Array<ChatServerEvents['session']> = [];
    v.socket.on('session', (s: ChatServerEvents['session']) => sessions.push(s));
    const ack = await send(v, 'Is the blue kettle back in stock?', 'first');
    expect(ack).toEqual({ id: expect.any(String) });
    const id = (ack as { id: string }).id;
    const { rows } = await stack.db.query('SELECT status FROM raw_events WHERE connector_id = $1 AND external_id = $2', [widget.id, id]);
    expect(rows).toHaveLength(1);
    await eventually(async () => v.messages.find((m) => m.id === id), 5000, 'the echo');
    expect(v.messages[0]).toMatchObject({ id, text: 'Is the blue kettle back in stock?', author: 'visitor', authorName: 'Noa', clientId: 'first' });

    const event = await arrived('Is the blue kettle back in stock?');
    expect(event.message).toMatchObject({ channel: 'chat', direction: 'inbound', authorName: 'Noa' });
    expect(event.conversation).toMatchObject({ channel: 'chat', status: 'open', customerName: 'Noa' });
    // The first message opened the conversation: the visitor learns its id without reconnecting.
    await eventually(async () => sessions.length > 0, 5000, 'the session with the conversation');
    expect(sessions).toEqual([{ visitorToken: v.session.visitorToken, conversationId: event.conversation.id }]);

    // The same clientId again (a resend after a reconnect) is the same message.
    expect(await send(v, 'Is the blue kettle back in stock?', 'first')).toEqual({ id, duplicate: true });
    expect(await send(v, '   ')).toEqual({ error: 'message.text: is empty' });
    expect(await send(v, 'x'.repeat(CHAT_LIMITS.maxTextLength + 1))).toEqual({ error: expect.stringMatching(/longer than 4000 characters/) });
    expect(await v.socket.timeout(5000).emitWithAck('message', 'plain string')).toEqual({ error: 'message: must be an object { text, clientId }' });
  });

  it("carries an agent's reply to the visitor live, typing and read state both ways, and the history to a returning visitor", async () => {
    const v = await visitor({ name: 'Lio' });
    await send(v, 'Do you ship to Norway?');
    const { conversation } = await arrived('Do you ship to Norway?');
    await agent.timeout(5000).emitWithAck('subscribe', { conversationId: conversation.id });

    const typingSeen = new Promise<RealtimeEvents['chat.typing']>((resolve) => agent.once('chat.typing', resolve));
    v.socket.emit('typing', { typing: true });
    expect(await typingSeen).toMatchObject({ conversationId: conversation.id, author: 'visitor', name: 'Lio' });
    expect(await agent.timeout(5000).emitWithAck('chat.typing', { conversationId: conversation.id })).toEqual({ ok: true });
    await eventually(async () => v.typing.length > 0, 5000, 'the agent typing');
    expect(v.typing[0]).toEqual({ author: 'agent', authorName: 'Test agent' });

    const sent = await reply(conversation.id, 'Yes, in 3–5 working days.');
    const live = await eventually(async () => v.messages.find((m) => m.author === 'agent'), 10_000, 'the reply');
    expect(live).toEqual({ id: sent.id, text: 'Yes, in 3–5 working days.', author: 'agent', authorName: 'Test agent', createdAt: sent.occurredAt });
    const delivered = await eventually(
      async () => {
        const messages = (await stack.request<MessageView[]>('GET', `/api/conversations/${conversation.id}/messages`)).body;
        const row = messages.find((m) => m.id === sent.id);
        return row?.deliveryStatus === 'sent' && row;
      },
      10_000,
      'delivery status sent',
    );
    expect(delivered.metadata).toMatchObject({ chat: { delivery: 'live' } });

    const readSeen = new Promise<RealtimeEvents['chat.read']>((resolve) => agent.once('chat.read', resolve));
    v.socket.emit('read', { upTo: sent.id });
    expect(await readSeen).toMatchObject({ conversationId: conversation.id, author: 'visitor', upTo: sent.id });
    expect(await agent.timeout(5000).emitWithAck('chat.read', { conversationId: conversation.id, upTo: live.id })).toEqual({ ok: true });
    await eventually(async () => v.reads.length > 0, 5000, 'the agent read state');

    // Back later with the stored token: same conversation, its history, and new messages join it.
    v.socket.disconnect();
    const back = await visitor({ visitorToken: v.session.visitorToken, name: 'Lio' });
    expect(back.session).toEqual({ visitorToken: v.session.visitorToken, conversationId: conversation.id });
    expect(back.history.map((m) => [m.author, m.text])).toEqual([
      ['visitor', 'Do you ship to Norway?'],
      ['agent', 'Yes, in 3–5 working days.'],
    ]);
    await send(back, 'Great, ordering now');
    expect((await arrived('Great, ordering now')).conversation.id).toBe(conversation.id);

    // A token we never issued starts a new visitor rather than locking the widget out.
    const stranger = await visitor({ visitorToken: `${v.session.visitorToken.slice(0, -2)}xx` });
    expect(stranger.session.visitorToken).not.toBe(v.session.visitorToken);
    expect(stranger.session.conversationId).toBeNull();
  });

  it('reconnects by itself and keeps the conversation', async () => {
    const v = await visitor({}, SITE, true);
    await send(v, 'before the network dropped');
    const { conversation } = await arrived('before the network dropped');
    const sessions: Array<ChatServerEvents['session']> = [];
    v.socket.on('session', (s: ChatServerEvents['session']) => sessions.push(s));
    // Drop the transport under the client, as a flaky network would.
    (v.socket.io.engine as unknown as { close(): void }).close();
    await eventually(async () => sessions.length > 0 && v.socket.connected, 10_000, 'the reconnect');
    expect(sessions[0].conversationId).toBe(conversation.id);
    await send(v, 'after the reconnect');
    expect((await arrived('after the reconnect')).conversation.id).toBe(conversation.id);
  });

  it('links a visitor whose email the site signed to the customer who has it', async () => {
    const customer = await stack.request<CustomerView>('POST', '/api/customers', 'agent', {
      name: 'Ana Bell',
      identities: [{ kind: 'email', value: 'ana@shop.example' }],
    });
    expect(customer.status).toBe(201);
    const v = await visitor({ identity: { email: 'ana@shop.example', hmac: signChatIdentity('ana@shop.example', identitySecret) } });
    await send(v, 'Signed in and asking about my order');
    const event = await arrived('Signed in and asking about my order');
    expect(event.message.customerId).toBe(customer.body.id);
    const after = (await stack.request<CustomerView>('GET', `/api/customers/${customer.body.id}`)).body;
    expect(after.identities.map((i) => i.kind).sort()).toEqual(['chat', 'email']);

    const byUserId = await visitor({ identity: { userId: 'shop-user-7', hmac: signChatIdentity('shop-user-7', identitySecret) } });
    await send(byUserId, 'Signed in by user id');
    const second = await arrived('Signed in by user id');
    const owner = (await stack.request<CustomerView>('GET', `/api/customers/${second.message.customerId}`)).body;
    expect(owner.identities).toContainEqual(expect.objectContaining({ kind: 'external', value: `${widget.id}:shop-user-7`, verified: true }));
  });

  it('never links an unsigned pre-chat email: it becomes a possible match an agent can merge', async () => {
    const bob = await stack.request<CustomerView>('POST', '/api/customers', 'agent', {
      name: 'Bob Stone',
      identities: [{ kind: 'email', value: 'bob@shop.example' }],
    });
    const v = await visitor({ name: 'Bob?', email: 'Bob@Shop.example' });
    await send(v, 'I typed my email in the form');
    const event = await arrived('I typed my email in the form');
    const chatCustomerId = event.message.customerId;
    expect(chatCustomerId).not.toBe(bob.body.id);
    const chatCustomer = (await stack.request<CustomerView>('GET', `/api/customers/${chatCustomerId}`)).body;
    expect(chatCustomer.identities.map((i) => i.kind)).toEqual(['chat']);

    const matches = await stack.request<PossibleMatchView[]>('GET', `/api/customers/${chatCustomerId}/possible-matches`);
    expect(matches.status).toBe(200);
    expect(matches.body).toEqual([
      expect.objectContaining({
        candidate: expect.objectContaining({ id: bob.body.id, name: 'Bob Stone' }),
        reason: expect.stringContaining('bob@shop.example'),
      }),
    ]);
    // Bob's side shows it too.
    expect((await stack.request<PossibleMatchView[]>('GET', `/api/customers/${bob.body.id}/possible-matches`)).body.map((m) => m.candidate.id)).toEqual([
      chatCustomerId,
    ]);

    const merged = await stack.request<CustomerView>('POST', `/api/customers/${bob.body.id}/merge`, 'agent', { otherCustomerId: chatCustomerId });
    expect(merged.status).toBe(200);
    expect((await stack.request<PossibleMatchView[]>('GET', `/api/customers/${bob.body.id}/possible-matches`)).body).toEqual([]);
    expect((await stack.request('GET', `/api/customers/${randomUUID()}/possible-matches`)).status).toBe(404);
  });

  it('lets an agent dismiss a possible match', async () => {
    const cy = await stack.request<CustomerView>('POST', '/api/customers', 'agent', { name: 'Cy', identities: [{ kind: 'email', value: 'cy@shop.example' }] });
    const v = await visitor({ email: 'cy@shop.example' });
    await send(v, 'not really Cy');
    const { message } = await arrived('not really Cy');
    const [match] = (await stack.request<PossibleMatchView[]>('GET', `/api/customers/${message.customerId}/possible-matches`)).body;
    expect(match.candidate.id).toBe(cy.body.id);
    expect((await stack.request('POST', `/api/customers/${cy.body.id}/possible-matches/${match.id}/dismiss`, 'agent')).status).toBe(204);
    expect((await stack.request<PossibleMatchView[]>('GET', `/api/customers/${message.customerId}/possible-matches`)).body).toEqual([]);
  });

  it('limits how fast one visitor can send', async () => {
    const v = await visitor();
    const acks = await Promise.all(Array.from({ length: CHAT_LIMITS.messagesPerMinute + 1 }, (_, i) => send(v, `burst ${i}`, `burst-${i}`)));
    expect(acks.filter((a) => 'id' in a)).toHaveLength(CHAT_LIMITS.messagesPerMinute);
    expect(acks.find((a) => 'error' in a)).toEqual({ error: expect.stringMatching(/too many messages/) });
  });

  describe('a visitor who left', () => {
    let smtp: SmtpCapture;
    let offlineWidget: CreatedConnectorView;

    beforeAll(async () => {
      smtp = await startSmtpCapture();
      offlineWidget = await stack.createConnector({ kind: 'chat', provider: 'widget', config: { allowedOrigins: [SITE], offlineEmailAfterSeconds: 0 } });
    });
    afterAll(() => smtp?.stop());

    const offlineVisitor = (auth: Partial<ChatHandshake>) => visitor({ connectorKey: String(offlineWidget.config['connectorKey']), ...auth });

    it('gets the reply by email to their verified address once offline longer than configured — or the reply says why not', async () => {
      const secret = offlineWidget.signingSecret ?? '';
      const v = await offlineVisitor({ identity: { email: 'dee@shop.example', hmac: signChatIdentity('dee@shop.example', secret) } });
      await send(v, 'I have to go, email me');
      const { conversation } = await arrived('I have to go, email me');
      v.socket.disconnect();

      const noMailbox = await reply(conversation.id, 'Sorry, no mailbox yet');
      const skipped = await eventually(
        async () => {
          const rows = (await stack.request<MessageView[]>('GET', `/api/conversations/${conversation.id}/messages`)).body;
          const row = rows.find((m) => m.id === noMailbox.id);
          return row?.deliveryStatus === 'sent' && row;
        },
        10_000,
        'the reply without a mailbox',
      );
      expect(skipped.metadata).toMatchObject({ chat: { delivery: 'history', emailSkipped: expect.stringContaining('no enabled email connector') } });

      await stack.createConnector({
        kind: 'email',
        provider: 'smtp',
        config: { address: 'support@shop.example', smtp: { host: smtp.host, port: smtp.port, secure: false } },
      });
      const byEmail = await reply(conversation.id, 'Your kettle ships tomorrow.');
      const [mail] = await smtp.waitForMessages(1, 15_000);
      expect(mail.to).toEqual(['dee@shop.example']);
      expect(mail.raw.toString()).toContain('Your kettle ships tomorrow.');
      const sent = await eventually(
        async () => {
          const rows = (await stack.request<MessageView[]>('GET', `/api/conversations/${conversation.id}/messages`)).body;
          const row = rows.find((m) => m.id === byEmail.id);
          return row?.deliveryStatus === 'sent' && row;
        },
        10_000,
        'the emailed reply',
      );
      expect(sent.metadata).toMatchObject({ chat: { delivery: 'email', emailedTo: 'dee@shop.example' } });

      // Dee answers the email from her mail client: the answer continues the chat conversation.
      const messageId = /^Message-ID:\s*(<[^>]+>)/im.exec(mail.raw.toString())?.[1] ?? '';
      expect(messageId).not.toBe('');
      const inbound = createTransport({ host: '127.0.0.1', port: stack.api.get(SmtpInboundListener).port as number, secure: false, ignoreTLS: true });
      await inbound.sendMail({
        from: 'dee@shop.example',
        to: 'support@shop.example',
        subject: 'Re: Your kettle ships tomorrow.',
        inReplyTo: messageId,
        references: [messageId],
        text: 'Great, thank you! Can it come before noon?',
      });
      const answer = await eventually(
        async () => created.find((e) => e.message.text.includes('Can it come before noon?')),
        15_000,
        'the emailed answer reaching the agent',
      );
      expect(answer.conversation.id).toBe(conversation.id);
      expect(answer.message.channel).toBe('email');
    });

    it('emails a reply the connected-but-idle visitor has not read after offlineEmailAfterSeconds, and not one they read', async () => {
      const delayed = await stack.createConnector<CreatedConnectorView>({
        kind: 'chat',
        provider: 'widget',
        config: { allowedOrigins: [SITE], offlineEmailAfterSeconds: 2 },
      });
      const secret = delayed.signingSecret ?? '';
      const v = await visitor({
        connectorKey: String(delayed.config['connectorKey']),
        identity: { email: 'eli@shop.example', hmac: signChatIdentity('eli@shop.example', secret) },
      });
      await send(v, 'Still here, tab in the background');
      const { conversation } = await arrived('Still here, tab in the background');
      const replyRow = (id: string, ready: (m: MessageView) => boolean, what: string) =>
        eventually(
          async () => {
            const rows = (await stack.request<MessageView[]>('GET', `/api/conversations/${conversation.id}/messages`)).body;
            const row = rows.find((m) => m.id === id);
            return row && ready(row) && row;
          },
          15_000,
          what,
        );
      const mailsBefore = smtp.messages.length;

      const unread = await reply(conversation.id, 'Your parcel left the warehouse.');
      const live = await replyRow(unread.id, (m) => m.deliveryStatus === 'sent', 'the live reply');
      expect(live.metadata).toMatchObject({ chat: { delivery: 'live', emailCheckAt: expect.any(String) } });
      const mails = await smtp.waitForMessages(mailsBefore + 1, 15_000);
      expect(mails.at(-1)?.to).toEqual(['eli@shop.example']);
      expect(mails.at(-1)?.raw.toString()).toContain('Your parcel left the warehouse.');
      const emailed = await replyRow(unread.id, (m) => (m.metadata['chat'] as { delivery?: string }).delivery === 'email', 'the emailed reply');
      expect(emailed.metadata).toMatchObject({ chat: { delivery: 'email', emailedTo: 'eli@shop.example' } });

      const seen = await reply(conversation.id, 'It arrives Thursday.');
      await eventually(async () => v.messages.find((m) => m.id === seen.id), 10_000, 'the second reply in the widget');
      v.socket.emit('read', { upTo: seen.id });
      const skipped = await replyRow(seen.id, (m) => Boolean((m.metadata['chat'] as { emailSkipped?: string }).emailSkipped), 'the re-check');
      expect(skipped.metadata).toMatchObject({ chat: { delivery: 'live', emailSkipped: 'the visitor read the reply in the chat' } });
      expect(smtp.messages).toHaveLength(mailsBefore + 1);
    }, 40_000);

    it('does not email an address the visitor only typed', async () => {
      const v = await offlineVisitor({ email: 'typed@shop.example' });
      await send(v, 'typed my address, then left');
      const { conversation } = await arrived('typed my address, then left');
      v.socket.disconnect();
      const answer = await reply(conversation.id, 'Here is your answer');
      const row = await eventually(
        async () => {
          const rows = (await stack.request<MessageView[]>('GET', `/api/conversations/${conversation.id}/messages`)).body;
          const found = rows.find((m) => m.id === answer.id);
          return found?.deliveryStatus === 'sent' && found;
        },
        10_000,
        'the reply',
      );
      expect(row.metadata).toMatchObject({ chat: { emailSkipped: expect.stringContaining('no verified email') } });
      expect(smtp.messages.map((m) => m.to).flat()).not.toContain('typed@shop.example');
    });
  });
});
