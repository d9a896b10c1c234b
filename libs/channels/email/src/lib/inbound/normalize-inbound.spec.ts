import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidPayloadError, type NormalizedMessage } from '@throughline/domain';
import { normalizeInboundEmail, type EmailInboundContext } from './normalize-inbound';

const FIXTURES = join(__dirname, '../../../../../../test-fixtures/email');
const RECEIVED_AT = new Date('2024-03-04T10:00:00Z');
const ctx: EmailInboundContext = { connectorId: 'conn-1', ownAddresses: ['support@example.com'], receivedAt: RECEIVED_AT };

async function normalize(file: string, context: EmailInboundContext = ctx): Promise<NormalizedMessage> {
  const messages = await normalizeInboundEmail(readFileSync(join(FIXTURES, file)), context);
  expect(messages).toHaveLength(1);
  return messages[0];
}

const emailMetadata = (message: NormalizedMessage) => (message.metadata as { email: Record<string, unknown> }).email;

describe('normalizeInboundEmail on the shared emails (MANIFEST §1)', () => {
  // file → decoded sender address, display name, subject, automated kind
  const expected: Record<string, [string, string | undefined, string, 'bounce' | 'auto-reply' | undefined]> = {
    'flanker__bounce-mailbox-full.eml': ['mailer-daemon@aol.com', 'Mail Delivery System', 'Undelivered Mail Returned to Sender', 'bounce'],
    'flanker__encoded-header.eml': ['foo.bar@example.com', 'Foo, Bar', 'hello', undefined],
    'flanker__iphone.eml': ['someone@somewhere.com', 'Danielle', 'Subject', undefined],
    'flanker__missing-final-boundary.eml': ['me@example.com', undefined, 'Test', undefined],
    'hunnysoft__m1001.txt.eml': ['dwsauder@example.com', 'Doug Sauder', 'Die Hasen und die Frösche (Netscape Communicator 4.7)', undefined],
    'hunnysoft__m2002.txt.eml': ['dwsauder@example.com', 'Doug Sauder', 'Die Hasen und die Frösche', undefined],
    'hunnysoft__m2003.txt.eml': ['dwsauder@example.com', 'Doug Sauder', 'Die Hasen und die Frösche', undefined],
    'hunnysoft__m3003.txt.eml': ['doug@penguin.example.com', 'Doug Sauder', 'PNG graphic', undefined],
    'mikel__japanese_iso_2022.eml': ['raasdnil@gmail.com', 'Mikel Lindsaar', 'まみむめも', undefined],
    'mikel__rfc2822-example05.eml': ['jdoe@machine.example', 'John Doe', 'Saying Hello', undefined],
    'mikel__rfc2822-example06.eml': ['mary@example.net', 'Mary Smith', 'Re: Saying Hello', undefined],
    'mikel__rfc2822-example07.eml': ['jdoe@machine.example', 'John Doe', 'Re: Saying Hello', undefined],
    'ponymail__httpd-users-2020-07.mbox__msg015.eml': ['nt_mahmood@yahoo.com.invalid', 'Mahmood Naderan', '[users@httpd] About ServerLimit', undefined],
    'ponymail__httpd-users-2020-07.mbox__msg016.eml': ['covener@gmail.com', 'Eric Covener', 'Re: [users@httpd] About ServerLimit', undefined],
    'ponymail__httpd-users-2020-07.mbox__msg017.eml': ['nt_mahmood@yahoo.com.invalid', 'Mahmood Naderan', 'Re: [users@httpd] About ServerLimit', undefined],
    'ponymail__httpd-users-2020-07.mbox__msg018.eml': ['nt_mahmood@yahoo.com.invalid', 'Mahmood Naderan', 'Re: [users@httpd] About ServerLimit', undefined],
    'ponymail__httpd-users-2020-07.mbox__msg019.eml': ['covener@gmail.com', 'Eric Covener', 'Re: [users@httpd] About ServerLimit', undefined],
    'sisimai__rfc3834-01.eml': ['kijitora@example.net', undefined, 'Away until May 5', 'auto-reply'],
    'talon__aol.eml': ['xxx@aol.com', 'Megan Odin', 'Re: Test', undefined],
    'talon__apple_mail.eml': ['xxx@gmail.com', 'xxx', 'Re: Test', undefined],
    'talon__iphone.eml': ['xxx@gmail.com', 'xxx', 'Re: Test', undefined],
    'talon__thunderbird.eml': ['bob@xxx.mailgun.org', 'bob', 'Re: Test', undefined],
  };

  it('should cover every fixture file', () => {
    expect(readdirSync(FIXTURES).sort()).toEqual(Object.keys(expected).sort());
  });

  it.each(Object.entries(expected))('should read sender, subject and automation of %s', async (file, [address, name, subject, automated]) => {
    const message = await normalize(file);
    expect(message).toMatchObject({ channel: 'email', direction: 'inbound', subject });
    expect(message.identities).toEqual([{ kind: 'email', value: address }]);
    expect(message.authorName).toBe(name);
    expect(message.automated?.kind).toBe(automated);
    expect(JSON.parse(JSON.stringify(message.metadata))).toEqual(message.metadata);
  });

  it('should read the bounce’s failed recipient, diagnostic and the id of our message that failed', async () => {
    const message = await normalize('flanker__bounce-mailbox-full.eml');
    expect(message.automated).toEqual({
      kind: 'bounce',
      reason: 'delivery status notification (multipart/report)',
      refersTo: ['4E326A95.3010907@example.com'],
      failedRecipients: ['user@aol.com'],
      diagnostic: '552 5.2.2 E4.12 user MAILBOX FULL',
    });
    expect(message.text).not.toContain('Final-Recipient');
  });

  it('should flag the vacation notice by its Auto-Submitted header', async () => {
    expect((await normalize('sisimai__rfc3834-01.eml')).automated).toEqual({ kind: 'auto-reply', reason: 'Auto-Submitted: auto-replied header' });
  });

  it('should not flag mailing-list mail (Precedence: bulk, List-*)', async () => {
    const message = await normalize('ponymail__httpd-users-2020-07.mbox__msg016.eml');
    expect(message.automated).toBeUndefined();
    expect(emailMetadata(message)['listId']).toBe('users.httpd.apache.org');
    expect(emailMetadata(message)['replyTo']).toEqual([{ name: null, address: 'users@httpd.apache.org' }]);
  });

  it('should keep the iPhone photo as an inline JPEG', async () => {
    const message = await normalize('flanker__iphone.eml');
    expect(message.attachments).toHaveLength(1);
    expect(message.attachments?.[0]).toMatchObject({ filename: 'photo.JPG', contentType: 'image/jpeg', inline: true });
    expect(message.text).toBe('Hello\n\n\n\n\n\n~Danielle');
  });

  it('should sniff the PNG that m3003 declares as application/octet-stream', async () => {
    const message = await normalize('hunnysoft__m3003.txt.eml');
    expect(message.attachments).toHaveLength(1);
    expect(message.attachments?.[0]).toMatchObject({
      filename: 'redball.png',
      contentType: 'image/png',
      inline: false,
      contentId: 'Pine.LNX.4.21.0005191023160.8452@penguin.example.com',
    });
    expect(
      Buffer.from(message.attachments?.[0].content ?? [])
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
  });

  it('should list attachments over the size limit instead of including them', async () => {
    const message = await normalize('hunnysoft__m3003.txt.eml', { ...ctx, maxAttachmentBytes: 1000 });
    expect(message.attachments).toBeUndefined();
    expect(emailMetadata(message)['skippedAttachments']).toEqual([
      { filename: 'redball.png', contentType: 'image/png', size: 1453, reason: 'larger than the attachment limit of 1000 bytes' },
    ]);
  });

  it('should decode the ISO-2022-JP body and identify a mail without Message-ID and Date by its bytes', async () => {
    const message = await normalize('mikel__japanese_iso_2022.eml');
    expect(message.text).toBe('すみません。');
    expect(message.externalId).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect((await normalize('mikel__japanese_iso_2022.eml')).externalId).toBe(message.externalId);
    expect(message.occurredAt).toEqual(RECEIVED_AT);
  });

  it('should derive readable text from HTML-only mail and sanitise the HTML', async () => {
    const message = await normalize('hunnysoft__m2003.txt.eml');
    expect(message.text).toMatch(/^Die Hasen und die Frösche\n\nDie Hasen klagten einst über ihre mißliche Lage; "wir leben"/);
    expect(message.text).not.toMatch(/<|&quot;/);
    expect(message.html).toContain('<b>Die Hasen und die');
    expect(message.strippedText).toBe(message.text);
  });

  it('should parse the message whose final MIME boundary is missing and say so', async () => {
    const message = await normalize('flanker__missing-final-boundary.eml');
    expect(message.text).toBe('Some body');
    expect(emailMetadata(message)['warnings']).toContain('MIME structure has no final boundary (--nextPart--): the message may be truncated');
  });

  it('should strip the talon replies to their visible reply', async () => {
    for (const file of ['talon__aol.eml', 'talon__apple_mail.eml', 'talon__iphone.eml', 'talon__thunderbird.eml']) {
      expect((await normalize(file)).strippedText).toBe('Hello');
    }
  });

  it('should use a valid Date header and the time of receipt otherwise', async () => {
    expect((await normalize('mikel__rfc2822-example05.eml')).occurredAt.toISOString()).toBe('1997-11-21T15:55:06.000Z');
    const future = Buffer.from('From: a@example.com\r\nDate: Fri, 21 Nov 2031 09:55:06 -0600\r\nSubject: x\r\n\r\nhi');
    const [message] = await normalizeInboundEmail(future, ctx);
    expect(message.occurredAt).toEqual(RECEIVED_AT);
    expect(emailMetadata(message)['date']).toBe('Fri, 21 Nov 2031 09:55:06 -0600');
  });
});

describe('threading hints of the shared threads (MANIFEST §1.3)', () => {
  /** What the timeline writer does: join the first stored message any replyTo id names, else start a conversation. */
  async function group(files: string[]): Promise<string[][]> {
    const conversationOf = new Map<string, number>();
    const conversations: string[][] = [];
    for (const file of files) {
      const message = await normalize(file);
      const linked = message.threading?.replyTo?.map((id) => conversationOf.get(id)).find((c) => c !== undefined);
      const conversation = linked ?? conversations.push([]) - 1;
      conversations[conversation].push(file);
      conversationOf.set(message.externalId, conversation);
    }
    return conversations;
  }

  it('should link RFC 2822 A.2 into one conversation with the In-Reply-To id first', async () => {
    const files = ['mikel__rfc2822-example05.eml', 'mikel__rfc2822-example06.eml', 'mikel__rfc2822-example07.eml'];
    expect(await group(files)).toEqual([files]);
    const last = await normalize(files[2]);
    expect(last.externalId).toBe('abcd.1234@local.machine.tld');
    expect(last.threading).toEqual({ replyTo: ['3456@example.net', '1234@local.machine.example'], normalizedSubject: 'saying hello' });
    // Mary's Reply-To is another mailbox of hers: her identity stays the From address.
    expect((await normalize(files[1])).identities).toEqual([{ kind: 'email', value: 'mary@example.net' }]);
  });

  it('should link the ServerLimit list thread (branching at msg017) into one conversation', async () => {
    const files = [15, 16, 17, 18, 19].map((n) => `ponymail__httpd-users-2020-07.mbox__msg0${n}.eml`);
    expect(await group(files)).toEqual([files]);
    const msg019 = await normalize(files[4]);
    expect(msg019.threading?.replyTo?.[0]).toBe('727946651.2091014.1594208957697@mail.yahoo.com');
    expect(msg019.threading?.normalizedSubject).toBe('about serverlimit');
    expect(msg019.strippedText).toBe('If you use prefork, you will see close to 109+18 processes.');
  });
});

describe('normalizeInboundEmail on edge cases', () => {
  const mail = (...lines: string[]) => Buffer.from(lines.join('\r\n'));

  it('should refuse input that is not mail, and mail without a sender', async () => {
    await expect(normalizeInboundEmail(Buffer.from('{"hello": "world"}'), ctx)).rejects.toThrow(/not an RFC 5322 message/);
    await expect(normalizeInboundEmail(Buffer.from(''), ctx)).rejects.toThrow(InvalidPayloadError);
    await expect(normalizeInboundEmail(mail('To: a@example.com', 'Subject: x', '', 'hi'), ctx)).rejects.toThrow('no From address');
    await expect(normalizeInboundEmail(mail('From: undisclosed', 'Subject: x', '', 'hi'), ctx)).rejects.toThrow(/From "undisclosed" holds no email address/);
  });

  it('should ignore our own mail: from one of our addresses or carrying our connector header', async () => {
    expect(await normalizeInboundEmail(mail('From: Support <SUPPORT@example.com>', 'Subject: x', '', 'hi'), ctx)).toEqual([]);
    expect(await normalizeInboundEmail(mail('From: a@example.org', 'X-Throughline-Connector: conn-1', '', 'hi'), ctx)).toEqual([]);
    expect(await normalizeInboundEmail(mail('From: a@example.org', 'X-Throughline-Connector: conn-2', '', 'hi'), ctx)).toHaveLength(1);
  });

  it('should read a References header with an RFC 2047 encoded id and folded whitespace', async () => {
    const [message] = await normalizeInboundEmail(
      mail(
        'From: a@example.org',
        'Message-ID:  <Abc.123@Example.org> ',
        'In-Reply-To: <TY1PR03MB1@outlook.com>',
        'References: <first@x.example>',
        ' =?utf-8?q?=3CTY1PR03MB1=40outlook=2Ecom=3E?=',
        'Subject: =?utf-8?q?AW=3A_Re=3A_=5B=234F2K=5D_Drucker?=',
        '',
        'hi',
      ),
      ctx,
    );
    expect(message.externalId).toBe('Abc.123@Example.org');
    expect(message.threading).toEqual({ replyTo: ['TY1PR03MB1@outlook.com', 'first@x.example'], conversationRef: '4F2K', normalizedSubject: 'drucker' });
  });

  it('should flag auto-replies by their headers but not by X-Auto-Response-Suppress or Precedence: bulk', async () => {
    const auto = async (...headers: string[]) =>
      (await normalizeInboundEmail(mail('From: a@example.org', 'Subject: x', ...headers, '', 'hi'), ctx))[0].automated;
    expect(await auto('Auto-Submitted: auto-generated')).toEqual({ kind: 'auto-reply', reason: 'Auto-Submitted: auto-generated header' });
    expect(await auto('Auto-Submitted: no')).toBeUndefined();
    expect(await auto('X-Autoreply: yes')).toEqual({ kind: 'auto-reply', reason: 'X-Autoreply: yes header' });
    expect(await auto('Precedence: auto_reply')).toMatchObject({ kind: 'auto-reply' });
    expect(await auto('X-MS-Exchange-Generated-Message-Source: Mailbox Rules Agent')).toMatchObject({ kind: 'auto-reply' });
    expect(await auto('X-Auto-Response-Suppress: All')).toBeUndefined();
    expect(await auto('Precedence: bulk')).toBeUndefined();
    expect(await auto('Precedence: list')).toBeUndefined();
  });

  it('should recognise a classic bounce from MAILER-DAEMON without a DSN part', async () => {
    const [message] = await normalizeInboundEmail(
      mail(
        'From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.net>',
        'Subject: Returned mail: see transcript for details',
        'Content-Type: text/plain',
        '',
        'This message was created automatically by mail delivery software.',
        '',
        'A message that you sent could not be delivered to one or more of its',
        'recipients. This is a permanent error. The following address(es) failed:',
        '',
        '  ana@customer.example',
        '    host mx.customer.example [192.0.2.1]',
        '    SMTP error from remote mail server after RCPT TO:<ana@customer.example>:',
        '    550 5.1.1 User unknown',
        '',
        '------ This is a copy of the message, including all the headers. ------',
        '',
        'Message-ID: <conversation/c1/messages/m1@support.example.com>',
        'From: support@example.com',
        '',
      ),
      ctx,
    );
    expect(message.automated).toEqual({
      kind: 'bounce',
      reason: 'non-delivery report from mailer-daemon@mx.example.net',
      refersTo: ['conversation/c1/messages/m1@support.example.com'],
      failedRecipients: ['ana@customer.example'],
      diagnostic: '550 5.1.1 User unknown',
    });
  });

  it('should read a qmail failure notice', async () => {
    const [message] = await normalizeInboundEmail(
      mail(
        'From: MAILER-DAEMON@mx.customer.example',
        'Subject: failure notice',
        '',
        'Hi. This is the qmail-send program at mx.customer.example.',
        "I'm afraid I wasn't able to deliver your message to the following addresses.",
        "This is a permanent error; I've given up. Sorry it didn't work out.",
        '',
        '<ana@customer.example>:',
        'Sorry, no mailbox here by that name. (#5.1.1)',
        '',
        '--- Below this line is a copy of the message.',
        '',
        'Message-ID: <conversation/c1/messages/m2@support.example.com>',
      ),
      ctx,
    );
    expect(message.automated).toMatchObject({
      kind: 'bounce',
      refersTo: ['conversation/c1/messages/m2@support.example.com'],
      failedRecipients: ['ana@customer.example'],
      diagnostic: 'Sorry, no mailbox here by that name. (#5.1.1)',
    });
  });

  it('should record remote content and warn about an unknown charset', async () => {
    const [message] = await normalizeInboundEmail(
      mail(
        'From: a@example.org',
        'Content-Type: text/html; charset=x-klingon',
        '',
        '<p onclick="steal()">Hi <img src="https://tracker.example/p.gif"><img src="cid:logo@x"><script>alert(1)</script></p>',
      ),
      ctx,
    );
    expect(message.html).toBe('<p>Hi <img data-remote-src="https://tracker.example/p.gif" /><img src="cid:logo@x" /></p>');
    expect(emailMetadata(message)['hasRemoteContent']).toBe(true);
    expect(emailMetadata(message)['warnings']).toContain('unknown charset "x-klingon": that text may be decoded wrongly');
  });
});
