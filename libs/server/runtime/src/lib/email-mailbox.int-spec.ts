import { simpleParser } from 'mailparser';
import type { Socket } from 'socket.io-client';
import type { ConversationView, CreatedConnectorView, MessageView, RealtimeEvents } from '@throughline/domain';
import { type DovecotServer, type SmtpCapture, startDovecot, startSmtpCapture } from '@throughline/channels/email/testing';
import { eventually, TestStack } from '../testing/test-stack';

const SUPPORT = { user: 'support', password: 'support-pw' };
const CUSTOMER = { user: 'ines', password: 'ines-pw' };

/** A mail as a customer's client writes it; `extra` adds headers such as In-Reply-To. */
function customerMail(input: { messageId: string; subject: string; body: string; extra?: string }): string {
  return [
    'From: Inés Duarte <ines@customer.example>',
    'To: support@shop.example',
    `Subject: ${input.subject}`,
    `Message-ID: <${input.messageId}>`,
    `Date: ${new Date().toUTCString()}`,
    ...(input.extra ? [input.extra] : []),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    input.body,
    '',
  ].join('\r\n');
}

describe('email mailbox: IMAP in, SMTP out, threaded both ways (real Dovecot, SMTP, API, worker)', () => {
  let stack: TestStack;
  let dovecot: DovecotServer;
  let outgoing: SmtpCapture;
  let connector: CreatedConnectorView;
  let socket: Socket;
  const created: Array<RealtimeEvents['message.created']> = [];
  const updated: Array<RealtimeEvents['message.updated']> = [];

  beforeAll(async () => {
    dovecot = await startDovecot({ users: [SUPPORT, CUSTOMER] });
    // The outgoing server delivers what it receives into the customer's own mailbox.
    outgoing = await startSmtpCapture({ auth: { user: 'support', password: 'smtp-pw' }, deliverTo: { dovecot, ...CUSTOMER } });
    stack = await TestStack.start();
    connector = await stack.createConnector({
      kind: 'email',
      provider: 'imap',
      config: {
        address: 'support@shop.example',
        fromName: 'Shop Support',
        host: dovecot.host,
        port: dovecot.port,
        secure: false,
        user: SUPPORT.user,
        pollIntervalSeconds: 5,
        smtp: { host: outgoing.host, port: outgoing.port, secure: false, user: 'support' },
      },
      secrets: { password: SUPPORT.password, smtpPassword: 'smtp-pw' },
    });
    socket = await stack.agentSocket('agent');
    socket.on('message.created', (e: RealtimeEvents['message.created']) => created.push(e));
    socket.on('message.updated', (e: RealtimeEvents['message.updated']) => updated.push(e));
  });

  afterAll(async () => {
    await stack?.close();
    await outgoing?.stop();
    await dovecot?.stop();
  });

  const messageByExternalId = (externalId: string) =>
    eventually(
      async () => {
        const { rows } = await stack.db.query<{ id: string; conversation_id: string; stripped_text: string }>(
          'SELECT id, conversation_id, stripped_text FROM messages WHERE connector_id = $1 AND external_id = $2',
          [connector.id, externalId],
        );
        return rows[0];
      },
      20_000,
      `message ${externalId}`,
    );

  it('should report a working mailbox, and say exactly what is wrong with a bad password', async () => {
    const ok = await stack.request<{ ok: boolean; checks: Array<{ stage: string; message: string }> }>('POST', `/api/connectors/${connector.id}/test`, 'admin');
    expect(ok.status).toBe(200);
    expect(ok.body.ok).toBe(true);
    expect(ok.body.checks.map((c) => c.stage)).toEqual(['ok', 'ok']);

    const broken = await stack.createConnector({
      kind: 'email',
      provider: 'imap',
      config: { address: 'broken@shop.example', host: dovecot.host, port: dovecot.port, secure: false, user: SUPPORT.user },
      secrets: { password: 'wrong' },
    });
    const failed = await stack.request<{ ok: boolean; checks: Array<{ stage: string; message: string }> }>(
      'POST',
      `/api/connectors/${broken.id}/test`,
      'admin',
    );
    expect(failed.body.ok).toBe(false);
    expect(failed.body.checks[0]).toMatchObject({ stage: 'auth', message: expect.stringMatching(/refused the login/) });
    expect(failed.body.checks[1]).toMatchObject({ stage: 'connect', message: expect.stringMatching(/no outgoing SMTP server/) });
    await stack.request('DELETE', `/api/connectors/${broken.id}`, 'admin');
  });

  it("should show new mail live, answer it threaded, and thread the customer's answer back in", async () => {
    await dovecot.append(
      SUPPORT.user,
      SUPPORT.password,
      'INBOX',
      customerMail({ messageId: 'first@customer.example', subject: 'Blender arrived broken', body: 'The jar is cracked. Order 7781.' }),
    );
    const first = await messageByExternalId('first@customer.example');
    const live = await eventually(async () => created.find((e) => e.message.id === first.id), 10_000, 'the live event');
    expect(live.conversation).toMatchObject({ channel: 'email', subject: 'Blender arrived broken', customerName: 'Inés Duarte' });
    // Processed mail is marked read in the mailbox.
    const inbox = await dovecot.list(SUPPORT.user, SUPPORT.password, 'INBOX');
    await eventually(async () => (await dovecot.list(SUPPORT.user, SUPPORT.password, 'INBOX'))[0]?.flags.includes('\\Seen'), 10_000, 'the \\Seen flag');
    expect(inbox).toHaveLength(1);

    const reply = await stack.request<MessageView>('POST', `/api/conversations/${first.conversation_id}/messages`, 'agent', {
      text: 'I am sorry about the jar. A replacement ships today.',
    });
    expect(reply.status).toBe(201);
    expect(reply.body.deliveryStatus).toBe('pending');
    await eventually(
      async () => updated.find((e) => e.message.id === reply.body.id && e.message.deliveryStatus === 'sent'),
      20_000,
      'delivery to be reported sent',
    );

    // It reached the customer's mailbox, threaded under their mail, carrying our token.
    const delivered = await eventually(
      async () => (await dovecot.list(CUSTOMER.user, CUSTOMER.password, 'INBOX'))[0],
      10_000,
      'the reply in the customer mailbox',
    );
    const parsed = await simpleParser(delivered.source);
    const conversation = (await stack.request<ConversationView>('GET', `/api/conversations/${first.conversation_id}`)).body;
    expect(parsed.inReplyTo).toBe('<first@customer.example>');
    expect([parsed.references].flat()).toEqual(['<first@customer.example>']);
    expect(parsed.subject).toBe(`Re: [#${conversation.ref}] Blender arrived broken`);
    expect(parsed.from?.value[0]).toMatchObject({ address: 'support@shop.example', name: 'Shop Support' });
    expect(parsed.text).toContain('A replacement ships today.');
    expect(parsed.html).toContain('A replacement ships today.');
    // A copy sits in the team's Sent folder.
    await eventually(async () => (await dovecot.list(SUPPORT.user, SUPPORT.password, 'Sent')).length === 1, 10_000, 'the Sent copy');

    // The customer answers from Thunderbird: In-Reply-To our id, References the whole chain, quote below.
    await dovecot.append(
      SUPPORT.user,
      SUPPORT.password,
      'INBOX',
      customerMail({
        messageId: 'second@customer.example',
        subject: `Re: ${parsed.subject}`,
        extra: `In-Reply-To: ${parsed.messageId}\r\nReferences: <first@customer.example> ${parsed.messageId}`,
        body: `Thanks, that works for me.\r\n\r\nOn ${new Date().toDateString()}, Shop Support wrote:\r\n> I am sorry about the jar. A replacement ships today.`,
      }),
    );
    const second = await messageByExternalId('second@customer.example');
    expect(second.conversation_id).toBe(first.conversation_id);
    expect(second.stripped_text.trim()).toBe('Thanks, that works for me.');

    // A bounce for our reply marks it failed, and never reopens or creates a conversation.
    await stack.request('PATCH', `/api/conversations/${first.conversation_id}`, 'agent', { status: 'resolved' });
    await dovecot.append(SUPPORT.user, SUPPORT.password, 'INBOX', dsnFor(parsed.messageId as string));
    await eventually(
      async () =>
        updated.find((e) => e.message.id === reply.body.id && e.message.deliveryStatus === 'failed' && /mailbox full/i.test(e.message.deliveryError ?? '')),
      20_000,
      'the bounce to fail the reply',
    );
    const after = (await stack.request<ConversationView>('GET', `/api/conversations/${first.conversation_id}`)).body;
    expect(after.status).toBe('resolved');
  });

  it('should read every message exactly once across a worker restart mid-mailbox', async () => {
    const ids = Array.from({ length: 12 }, (_, i) => `restart-${i}@customer.example`);
    for (const [i, id] of ids.entries()) {
      await dovecot.append(SUPPORT.user, SUPPORT.password, 'INBOX', customerMail({ messageId: id, subject: `Question ${i}`, body: `Question number ${i}` }));
    }
    // Stop as soon as some (not all) are stored, then start again.
    await eventually(
      async () => {
        const { rows } = await stack.db.query(`SELECT count(*)::int AS n FROM raw_events WHERE connector_id = $1 AND external_id LIKE 'restart-%'`, [
          connector.id,
        ]);
        return rows[0].n > 0;
      },
      20_000,
      'the first messages',
    );
    await stack.stopWorker();
    await stack.startWorker();
    await eventually(
      async () => {
        const { rows } = await stack.db.query(`SELECT count(*)::int AS n FROM messages WHERE connector_id = $1 AND external_id LIKE 'restart-%'`, [
          connector.id,
        ]);
        return rows[0].n === ids.length;
      },
      40_000,
      'all messages after the restart',
    );
    const { rows } = await stack.db.query(
      `SELECT external_id, count(*)::int AS n FROM raw_events WHERE connector_id = $1 AND external_id LIKE 'restart-%' GROUP BY external_id`,
      [connector.id],
    );
    expect(rows).toHaveLength(ids.length);
    expect(rows.every((r) => r.n === 1)).toBe(true);
  });
});

/** A delivery status notification, as a receiving server sends it, for one of our messages. */
function dsnFor(messageId: string): string {
  const boundary = 'dsn-boundary-1';
  return [
    'From: Mail Delivery System <MAILER-DAEMON@mx.customer.example>',
    'To: support@shop.example',
    'Subject: Undelivered Mail Returned to Sender',
    'Message-ID: <dsn-1@mx.customer.example>',
    `Date: ${new Date().toUTCString()}`,
    'Auto-Submitted: auto-replied',
    'MIME-Version: 1.0',
    `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain',
    '',
    'Your message could not be delivered.',
    `--${boundary}`,
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.customer.example',
    '',
    'Final-Recipient: rfc822; ines@customer.example',
    'Action: failed',
    'Status: 5.2.2',
    'Diagnostic-Code: smtp; 552 5.2.2 mailbox full',
    `--${boundary}`,
    'Content-Type: text/rfc822-headers',
    '',
    'From: Shop Support <support@shop.example>',
    'To: ines@customer.example',
    `Message-ID: ${messageId}`,
    `--${boundary}--`,
    '',
  ].join('\r\n');
}
