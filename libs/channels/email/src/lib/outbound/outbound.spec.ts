import { AddressInfo, createServer } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { bracketMessageId } from '../inbound/message-id';
import { normalizeInboundEmail } from '../inbound/normalize-inbound';
import { buildRawEmail, composeReply, CONNECTOR_HEADER, textToHtml } from './compose';
import { conversationRefToSequence, formatConversationRef } from '@throughline/domain';
import { parseConversationRef } from './conversation-ref';
import { EmailDeliveryError, sendEmail } from './send';
import { firstMailSubject, outboundMessageId, replySubject, threadHeaders } from './threading';

describe('conversation reference', () => {
  it('should round-trip sequences through short upper-case Crockford tokens', () => {
    for (const sequence of [0, 1, 31, 32, 1023, 1_048_575, 1_048_576, 123_456_789, Number.MAX_SAFE_INTEGER]) {
      const ref = formatConversationRef(sequence);
      expect(ref).toMatch(/^[0-9A-HJKMNP-TV-Z]{4,11}$/);
      expect(conversationRefToSequence(ref)).toBe(sequence);
    }
    expect(formatConversationRef(1)).toBe('0001');
    expect(formatConversationRef(4_321_234)).toBe('43VYJ');
  });

  it('should read retyped references: lower case, O for 0, I or L for 1', () => {
    expect(conversationRefToSequence('4f2k')).toBe(conversationRefToSequence('4F2K'));
    expect(conversationRefToSequence('OOOI')).toBe(1);
    expect(conversationRefToSequence('000L')).toBe(1);
  });

  it('should refuse what is not a reference', () => {
    expect(conversationRefToSequence('12')).toBeNull();
    expect(conversationRefToSequence('4U2K')).toBeNull();
    expect(conversationRefToSequence('ZZZZZZZZZZZZ')).toBeNull();
    expect(() => formatConversationRef(-1)).toThrow(RangeError);
    expect(() => formatConversationRef(1.5)).toThrow(RangeError);
  });

  it('should find the token in a subject, any case, spaces tolerated', () => {
    expect(parseConversationRef('Re: [#4F2K] Printer on fire')).toBe('4F2K');
    expect(parseConversationRef('AW: Re: [ # 4f2k ] Printer on fire')).toBe('4F2K');
    expect(parseConversationRef('Printer on fire [#4F2K]')).toBe('4F2K');
    expect(parseConversationRef('[users@httpd] About ServerLimit')).toBeNull();
    expect(parseConversationRef('Re: [#4U2K] invalid letter U')).toBeNull();
  });
});

describe('reply subject', () => {
  it('should carry exactly one Re: and our token before the original subject', () => {
    expect(replySubject('Printer on fire', '4F2K')).toBe('Re: [#4F2K] Printer on fire');
    expect(replySubject('RE: Re: AW: [#4F2K] Printer on fire', '4F2K')).toBe('Re: [#4F2K] Printer on fire');
    expect(replySubject('Re: [users@httpd] About ServerLimit', '0001')).toBe('Re: [#0001] [users@httpd] About ServerLimit');
  });

  it('should word a reply to mail without a subject', () => {
    expect(replySubject(null, '4F2K')).toBe('[#4F2K] Your conversation with us');
    expect(replySubject('  Re:  ', '4F2K')).toBe('[#4F2K] Your conversation with us');
  });

  it('should title a first mail in a conversation begun elsewhere without Re:', () => {
    expect(firstMailSubject('Re: Printer on fire', '4F2K')).toBe('[#4F2K] Printer on fire');
    expect(firstMailSubject(null, '0001')).toBe('[#0001] Your conversation with us');
  });
});

describe('thread headers (RFC 5322 §3.6.4)', () => {
  it('should append the parent id to the parent References', () => {
    expect(threadHeaders({ messageId: 'c@x', references: ['<a@x>', 'b@x'], inReplyTo: ['b@x'] })).toEqual({
      inReplyTo: '<c@x>',
      references: ['<a@x>', '<b@x>', '<c@x>'],
    });
  });

  it('should use a single-id In-Reply-To when the parent has no References', () => {
    expect(threadHeaders({ messageId: '<c@x>', references: [], inReplyTo: ['<b@x>'] })).toEqual({
      inReplyTo: '<c@x>',
      references: ['<b@x>', '<c@x>'],
    });
  });

  it('should reference only the parent when it has neither, and nothing without a parent', () => {
    expect(threadHeaders({ messageId: 'c@x', references: [], inReplyTo: [] })).toEqual({ inReplyTo: '<c@x>', references: ['<c@x>'] });
    expect(threadHeaders({ messageId: 'c@x', references: [], inReplyTo: ['a@x', 'b@x'] })).toEqual({ inReplyTo: '<c@x>', references: ['<c@x>'] });
    expect(threadHeaders(null)).toEqual({});
  });

  it('should leave out the synthetic id of a parent that had no Message-ID', () => {
    expect(threadHeaders({ messageId: 'sha256:abc', references: [], inReplyTo: ['<b@x>'] })).toEqual({ references: ['<b@x>'] });
  });

  it('should build our Message-ID from the conversation and message ids', () => {
    const id = outboundMessageId({ conversationId: 'c-1', messageId: 'm-2' }, 'Support.Example.com');
    expect(id).toBe('conversation/c-1/messages/m-2@support.example.com');
    expect(bracketMessageId(id)).toBe('<conversation/c-1/messages/m-2@support.example.com>');
  });
});

describe('composeReply and buildRawEmail', () => {
  const messageId = outboundMessageId({ conversationId: 'conv-9', messageId: 'msg-3' }, 'support.example.com');
  const reply = composeReply({
    from: { name: 'Acme Support', address: 'support@example.com' },
    replyTo: 'reply+conv-9@example.com',
    to: ['ana@customer.example'],
    cc: ['boss@customer.example'],
    subject: replySubject('Printer on fire', '4F2K'),
    text: 'Hello Ana,\n\nwe sent a technician <today> & tomorrow.\nRegards',
    messageId,
    ...threadHeaders({ messageId: 'CAEjnyt3@mail.gmail.com', references: ['first@client.example'], inReplyTo: ['first@client.example'] }),
    connectorId: 'conn-1',
    attachments: [{ filename: 'note.txt', contentType: 'text/plain', content: Buffer.from('a note') }],
  });

  it('should escape text into paragraphs when no HTML is given', () => {
    expect(textToHtml('a < b\nc\n\n\nd & e')).toContain('<p>a &lt; b<br>\nc</p>\n<p>d &amp; e</p>');
    expect(reply.html).toContain('&lt;today&gt; &amp; tomorrow.<br>');
  });

  it('should produce bytes that parse back to the same ids, subject, text and html', async () => {
    const raw = await buildRawEmail(reply);
    const parsed = await simpleParser(raw);
    expect(parsed.messageId).toBe(`<${messageId}>`);
    expect(parsed.inReplyTo).toBe('<CAEjnyt3@mail.gmail.com>');
    expect(parsed.references).toEqual(['<first@client.example>', '<CAEjnyt3@mail.gmail.com>']);
    expect(parsed.subject).toBe('Re: [#4F2K] Printer on fire');
    expect(parsed.text?.trim()).toBe('Hello Ana,\n\nwe sent a technician <today> & tomorrow.\nRegards');
    expect(parsed.html).toBe(reply.html);
    expect(parsed.from?.value[0]).toEqual({ name: 'Acme Support', address: 'support@example.com' });
    expect(parsed.replyTo?.value[0].address).toBe('reply+conv-9@example.com');
    expect(parsed.headers.get(CONNECTOR_HEADER.toLowerCase())).toBe('conn-1');
    expect(parsed.headers.has('auto-submitted')).toBe(false);
    expect(parsed.attachments.map((a) => [a.filename, a.content.toString()])).toEqual([['note.txt', 'a note']]);
  });

  it('should recognise our own mail read back from the mailbox and skip it', async () => {
    const raw = await buildRawEmail(reply);
    expect(await normalizeInboundEmail(raw, { connectorId: 'conn-1', ownAddresses: [] })).toEqual([]);
    expect(await normalizeInboundEmail(raw, { connectorId: 'conn-2', ownAddresses: ['SUPPORT@example.com'] })).toEqual([]);
  });

  it('should thread a Thunderbird-style answer to our reply by id and by token', async () => {
    const ourRaw = await buildRawEmail(reply);
    const ours = await simpleParser(ourRaw);
    const references = [...(ours.references as string[]), ours.messageId].join(' ');
    const answer = Buffer.from(
      [
        'From: Ana <ana@customer.example>',
        'To: Acme Support <support@example.com>',
        `Subject: Re: Re: [#4F2K] Printer on fire`,
        'Date: Mon, 02 Apr 2012 18:27:08 +0400',
        'Message-ID: <answer-1@customer.example>',
        `In-Reply-To: ${ours.messageId}`,
        `References: ${references}`,
        'User-Agent: Mozilla/5.0 Thunderbird/115.0',
        'Content-Type: text/plain; charset=UTF-8; format=flowed',
        '',
        'Thanks, it works again.',
        '',
        'On 02/04/2012 18:20, Acme Support wrote:',
        '> Hello Ana,',
        '>',
        '> we sent a technician <today> & tomorrow.',
        '',
      ].join('\r\n'),
    );
    const [message] = await normalizeInboundEmail(answer, { connectorId: 'conn-1', ownAddresses: ['support@example.com'] });
    expect(message.threading?.replyTo?.[0]).toBe(messageId);
    expect(message.threading?.replyTo).toEqual([messageId, 'CAEjnyt3@mail.gmail.com', 'first@client.example']);
    expect(message.threading?.conversationRef).toBe('4F2K');
    expect(message.threading?.normalizedSubject).toBe('printer on fire');
    expect(message.strippedText).toBe('Thanks, it works again.');
  });
});

describe('sendEmail', () => {
  const servers: SMTPServer[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  });

  async function startServer(options: SMTPServerOptions): Promise<number> {
    const server = new SMTPServer({ disabledCommands: ['STARTTLS'], logger: false, ...options });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    return (server.server.address() as AddressInfo).port;
  }

  const message = composeReply({
    from: { address: 'support@example.com' },
    to: ['ana@customer.example'],
    subject: 'Re: [#0001] Hello',
    text: 'Hi',
    messageId: 'conversation/c/messages/m@example.com',
    connectorId: 'conn-1',
  });

  it('should hand the message to the server and report what it accepted', async () => {
    const received: Buffer[] = [];
    const port = await startServer({
      authOptional: false,
      onAuth: (auth, _session, cb) =>
        auth.username === 'support@example.com' && auth.password === 'secret' ? cb(null, { user: auth.username }) : cb(new Error('bad login')),
      onData: (stream, _session, cb) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          received.push(Buffer.concat(chunks));
          cb(null, 'queued as 42');
        });
      },
    });
    const result = await sendEmail({ host: '127.0.0.1', port, secure: false, user: 'support@example.com', password: 'secret' }, message);
    expect(result.accepted).toEqual(['ana@customer.example']);
    expect(result.rejected).toEqual([]);
    expect(result.messageId).toBe('<conversation/c/messages/m@example.com>');
    expect(result.response).toMatch(/^250 .*queued as 42/);
    const parsed = await simpleParser(received[0]);
    expect(parsed.subject).toBe('Re: [#0001] Hello');
    expect(parsed.headers.get('x-throughline-connector')).toBe('conn-1');
  });

  it('should call a 550 rejection permanent', async () => {
    const port = await startServer({
      authOptional: true,
      onRcptTo: (_address, _session, cb) => cb(Object.assign(new Error('5.1.1 mailbox unavailable'), { responseCode: 550 })),
    });
    const error = await sendEmail({ host: '127.0.0.1', port, secure: false }, message).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EmailDeliveryError);
    expect(error).toMatchObject({ permanent: true, responseCode: 550 });
    expect((error as EmailDeliveryError).reason).toMatch(/rejected the message \(550 5\.1\.1\)/);
  });

  it('should call a 451 answer temporary', async () => {
    const port = await startServer({
      authOptional: true,
      onData: (stream, _session, cb) => {
        stream.resume();
        stream.on('end', () => cb(Object.assign(new Error('4.3.0 try again later'), { responseCode: 451 })));
      },
    });
    const error = await sendEmail({ host: '127.0.0.1', port, secure: false }, message).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'EmailDeliveryError', permanent: false, responseCode: 451 });
    expect((error as EmailDeliveryError).reason).toMatch(/deferred the message \(451 4\.3\.0\)/);
  });

  it('should call a refused login permanent and name the account', async () => {
    const port = await startServer({
      authOptional: false,
      onAuth: (_auth, _session, cb) => cb(Object.assign(new Error('5.7.8 Error: authentication failed'), { responseCode: 535 })),
    });
    const error = await sendEmail({ host: '127.0.0.1', port, secure: false, user: 'support@example.com', password: 'wrong' }, message).catch((e: unknown) => e);
    expect(error).toMatchObject({ permanent: true, code: 'EAUTH', responseCode: 535 });
    expect((error as EmailDeliveryError).reason).toMatch(/refused the login for support@example\.com \(535 5\.7\.8\)/);
  });

  it('should call a closed port a temporary connection error', async () => {
    const probe = createServer();
    const port = await new Promise<number>((resolve) => probe.listen(0, '127.0.0.1', () => resolve((probe.address() as AddressInfo).port)));
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const error = await sendEmail({ host: '127.0.0.1', port, secure: false, connectionTimeoutMs: 2000 }, message).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'EmailDeliveryError', permanent: false });
    expect((error as EmailDeliveryError).reason).toMatch(/connection refused/);
  });
});
