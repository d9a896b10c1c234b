import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import type { ConversationView, CreatedConnectorView, MessageView, Page, RawEventView } from '@throughline/domain';
import { signBody } from '@throughline/channels/generic';
import { SmtpInboundListener } from '@throughline/server/ingest';
import { eventually, TestStack } from '../testing/test-stack';

const FIXTURES = join(__dirname, '../../../../../test-fixtures/email');
const fixture = (name: string) => readFileSync(join(FIXTURES, name));

/** What test-fixtures/MANIFEST.md §1 says each file must produce. */
const EXPECTED: Record<string, { from: string; subject: string; automated?: 'bounce' | 'auto-reply' }> = {
  'flanker__bounce-mailbox-full.eml': { from: 'mailer-daemon@aol.com', subject: 'Undelivered Mail Returned to Sender', automated: 'bounce' },
  'flanker__encoded-header.eml': { from: 'foo.bar@example.com', subject: 'hello' },
  'flanker__iphone.eml': { from: 'someone@somewhere.com', subject: 'Subject' },
  'flanker__missing-final-boundary.eml': { from: 'me@example.com', subject: 'Test' },
  'hunnysoft__m1001.txt.eml': { from: 'dwsauder@example.com', subject: 'Die Hasen und die Frösche (Netscape Communicator 4.7)' },
  'hunnysoft__m2002.txt.eml': { from: 'dwsauder@example.com', subject: 'Die Hasen und die Frösche' },
  'hunnysoft__m2003.txt.eml': { from: 'dwsauder@example.com', subject: 'Die Hasen und die Frösche' },
  'hunnysoft__m3003.txt.eml': { from: 'doug@penguin.example.com', subject: 'PNG graphic' },
  'mikel__japanese_iso_2022.eml': { from: 'raasdnil@gmail.com', subject: 'まみむめも' },
  'mikel__rfc2822-example05.eml': { from: 'jdoe@machine.example', subject: 'Saying Hello' },
  'mikel__rfc2822-example06.eml': { from: 'mary@example.net', subject: 'Re: Saying Hello' },
  'mikel__rfc2822-example07.eml': { from: 'jdoe@machine.example', subject: 'Re: Saying Hello' },
  'ponymail__httpd-users-2020-07.mbox__msg015.eml': { from: 'nt_mahmood@yahoo.com.invalid', subject: '[users@httpd] About ServerLimit' },
  'ponymail__httpd-users-2020-07.mbox__msg016.eml': { from: 'covener@gmail.com', subject: 'Re: [users@httpd] About ServerLimit' },
  'ponymail__httpd-users-2020-07.mbox__msg017.eml': { from: 'nt_mahmood@yahoo.com.invalid', subject: 'Re: [users@httpd] About ServerLimit' },
  'ponymail__httpd-users-2020-07.mbox__msg018.eml': { from: 'nt_mahmood@yahoo.com.invalid', subject: 'Re: [users@httpd] About ServerLimit' },
  'ponymail__httpd-users-2020-07.mbox__msg019.eml': { from: 'covener@gmail.com', subject: 'Re: [users@httpd] About ServerLimit' },
  'sisimai__rfc3834-01.eml': { from: 'kijitora@example.net', subject: 'Away until May 5', automated: 'auto-reply' },
  'talon__aol.eml': { from: 'xxx@aol.com', subject: 'Re: Test' },
  'talon__apple_mail.eml': { from: 'xxx@gmail.com', subject: 'Re: Test' },
  'talon__iphone.eml': { from: 'xxx@gmail.com', subject: 'Re: Test' },
  'talon__thunderbird.eml': { from: 'bob@xxx.mailgun.org', subject: 'Re: Test' },
};

interface StoredMessage {
  id: string;
  conversation_id: string | null;
  subject: string | null;
  text: string;
  stripped_text: string | null;
  html: string | null;
  metadata: { automated?: { kind: string }; email?: { from?: Array<{ address: string | null }> } };
  identity: string | null;
}

describe('email in: raw MIME webhook and inbound SMTP (real API, worker, PostgreSQL, Redis)', () => {
  let stack: TestStack;
  let mime: CreatedConnectorView;

  beforeAll(async () => {
    stack = await TestStack.start({ env: { EMAIL_MAX_BYTES: String(256 * 1024) } });
    mime = await stack.createConnector({ kind: 'email', provider: 'mime', config: { address: 'help@shop.example' } });
  });

  afterAll(() => stack?.close());

  const postMime = async (raw: Buffer | string, options: { signature?: string | null; contentType?: string } = {}) => {
    const headers: Record<string, string> = { 'content-type': options.contentType ?? 'message/rfc822' };
    const signature = options.signature === undefined ? signBody(raw, mime.signingSecret ?? '') : options.signature;
    if (signature !== null) headers['x-throughline-signature'] = signature;
    const res = await fetch(`${stack.baseUrl}/api/hooks/${mime.id}/email`, { method: 'POST', headers, body: new Uint8Array(Buffer.from(raw)) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  const storedByExternalId = async (externalId: string): Promise<StoredMessage | undefined> =>
    (
      await stack.db.query<StoredMessage>(
        `SELECT m.id, m.conversation_id, m.subject, m.text, m.stripped_text, m.html, m.metadata,
                (SELECT value FROM customer_identities i WHERE i.customer_id = m.customer_id AND i.kind = 'email' ORDER BY created_at LIMIT 1) AS identity
           FROM messages m WHERE m.connector_id = $1 AND m.external_id = $2`,
        [mime.id, externalId],
      )
    ).rows[0];

  it('should ingest every real-world fixture with the decoded sender and subject, and flag automatic mail', async () => {
    const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.eml'));
    expect(files.sort()).toEqual(Object.keys(EXPECTED).sort());
    const accepted = new Map<string, string>();
    for (const file of files) {
      const res = await postMime(fixture(file));
      expect({ file, status: res.status }).toEqual({ file, status: 202 });
      accepted.set(file, res.body['id'] as string);
    }
    await eventually(
      async () => {
        const { rows } = await stack.db.query(`SELECT count(*)::int AS n FROM raw_events WHERE connector_id = $1 AND status = 'processed'`, [mime.id]);
        return rows[0].n === files.length;
      },
      30_000,
      'every fixture to be processed',
    );

    for (const file of files) {
      const expected = EXPECTED[file];
      const { rows } = await stack.db.query<{ external_id: string; error: string | null }>('SELECT external_id, error FROM raw_events WHERE id = $1', [
        accepted.get(file),
      ]);
      const message = await storedByExternalId(rows[0]?.external_id ?? '');
      if (expected.automated === 'bounce') {
        // A bounce for mail we never sent, to nobody we know: kept on the raw event with the reason.
        expect({ file, message, note: rows[0]?.error }).toEqual({ file, message: undefined, note: expect.stringContaining('automatic mail') });
        continue;
      }
      expect({ file, subject: message?.subject, from: message?.metadata.email?.from?.find((a) => a.address)?.address?.toLowerCase() }).toEqual({
        file,
        subject: expected.subject,
        from: expected.from,
      });
      if (expected.automated) {
        expect(message?.metadata.automated).toMatchObject({ kind: expected.automated });
        expect(message?.conversation_id).toBeNull();
      } else {
        expect({ file, conversation: message?.conversation_id }).toEqual({ file, conversation: expect.any(String) });
      }
    }
  });

  it('should group the two real threads as the manifest says', async () => {
    const conversationsOf = async (ids: string[]) =>
      (
        await stack.db.query<{ conversation_id: string }>('SELECT DISTINCT conversation_id FROM messages WHERE connector_id = $1 AND external_id = ANY($2)', [
          mime.id,
          ids,
        ])
      ).rows;
    const s1 = await conversationsOf(['1234@local.machine.example', '3456@example.net', 'abcd.1234@local.machine.tld']);
    expect(s1).toHaveLength(1);
    const s2 = await conversationsOf([
      '225131299.2033432.1594201321692@mail.yahoo.com',
      'CALK=YjN6+1RWmnTLjv=XicUm6E9nGVxkHif0uf+OkLMk3k_kpg@mail.gmail.com',
      '727946651.2091014.1594208957697@mail.yahoo.com',
      '994727555.2099179.1594209215506@mail.yahoo.com',
      'CALK=YjM96+rB-pwWR2Tq31fUB==NXaPdym_HiN--=bPmA_FGcQ@mail.gmail.com',
    ]);
    expect(s2).toHaveLength(1);
    const { rows } = await stack.db.query('SELECT count(*)::int AS n FROM messages WHERE conversation_id = $1', [s2[0]?.conversation_id]);
    expect(rows[0].n).toBe(5);
    const view = await stack.request<ConversationView>('GET', `/api/conversations/${s1[0]?.conversation_id}`);
    expect(view.body).toMatchObject({ subject: 'Saying Hello', ref: expect.stringMatching(/^[0-9A-Z]{4,}$/) });
  });

  it('should show the new part of a reply and keep the full text one click away', async () => {
    const apple = await storedByExternalId(
      (
        await stack.db.query<{ external_id: string }>(`SELECT external_id FROM raw_events WHERE connector_id = $1 AND payload = $2`, [
          mime.id,
          fixture('talon__apple_mail.eml'),
        ])
      ).rows[0]?.external_id ?? '',
    );
    expect(apple?.stripped_text?.trim()).toBe('Hello');
    expect(apple?.text).toContain('> Hi');
  });

  it('should store attachments and serve them to agents only, with the type read from the bytes', async () => {
    const external = (
      await stack.db.query<{ external_id: string }>(`SELECT external_id FROM raw_events WHERE connector_id = $1 AND payload = $2`, [
        mime.id,
        fixture('hunnysoft__m3003.txt.eml'),
      ])
    ).rows[0]?.external_id;
    const message = await storedByExternalId(external ?? '');
    const conversation = message?.conversation_id as string;
    const messages = (await stack.request<MessageView[]>('GET', `/api/conversations/${conversation}/messages`)).body;
    const attachment = messages.flatMap((m) => m.attachments).find((a) => a.filename === 'redball.png');
    expect(attachment).toMatchObject({ contentType: 'image/png' });
    const url = `${stack.baseUrl}${attachment?.url}`;
    expect((await fetch(url)).status).toBe(401);
    const download = await fetch(url, { headers: { authorization: `Bearer ${await stack.token('agent')}` } });
    expect(download.status).toBe(200);
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    const bytes = Buffer.from(await download.arrayBuffer());
    expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  });

  it('should refuse unsigned, mis-typed and empty deliveries, and keep mail it cannot parse as failed', async () => {
    expect((await postMime(fixture('flanker__encoded-header.eml'), { signature: null })).status).toBe(401);
    expect((await postMime(fixture('flanker__encoded-header.eml'), { signature: 'sha256=00' })).status).toBe(401);
    expect((await postMime(fixture('flanker__encoded-header.eml'), { contentType: 'application/json' })).status).toBe(415);
    expect((await postMime(Buffer.alloc(0))).status).toBe(400);

    const garbage = 'This is not a mail at all, just a line of text without any header.\r\n';
    const res = await postMime(garbage);
    expect(res.status).toBe(400);
    expect(String(res.body['message'])).toMatch(/from/i);
    const failed = (await stack.request<RawEventView[]>('GET', `/api/connectors/${mime.id}/events?status=failed`, 'admin')).body;
    expect(failed).toEqual(expect.arrayContaining([expect.objectContaining({ status: 'failed', error: expect.stringMatching(/from/i) })]));

    const tooBig = Buffer.concat([Buffer.from('From: a@b.example\r\nSubject: big\r\n\r\n'), Buffer.alloc(300 * 1024, 0x61)]);
    expect((await postMime(tooBig)).status).toBe(413);
  });

  describe('inbound SMTP', () => {
    let port: number;
    let smtpConnector: CreatedConnectorView;

    beforeAll(async () => {
      port = stack.api.get(SmtpInboundListener).port as number;
      smtpConnector = await stack.createConnector({ kind: 'email', provider: 'smtp', config: { address: 'Support@Shop.example' } });
    });

    const client = () => createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, tls: { rejectUnauthorized: false } });

    it('should accept mail for an address a connector owns and thread the customer in', async () => {
      const sent = await client().sendMail({
        from: '"Zoë Ångström" <zoe@customer.example>',
        to: 'support@shop.example',
        subject: 'Where is my order #5512?',
        text: 'Hello, my order has not arrived.\n\n-- \nZoë',
        messageId: '<smtp-1@customer.example>',
      });
      expect(sent.response).toMatch(/^250/);
      const message = await eventually(
        async () => {
          const { rows } = await stack.db.query<{ subject: string; stripped_text: string; conversation_id: string }>(
            'SELECT subject, stripped_text, conversation_id FROM messages WHERE connector_id = $1 AND external_id = $2',
            [smtpConnector.id, 'smtp-1@customer.example'],
          );
          return rows[0];
        },
        15_000,
        'the SMTP mail to be stored',
      );
      expect(message.subject).toBe('Where is my order #5512?');
      expect(message.stripped_text.trim()).toBe('Hello, my order has not arrived.');
      const list = (await stack.request<Page<ConversationView>>('GET', '/api/conversations?status=open')).body;
      expect(list.items.find((c) => c.id === message.conversation_id)).toMatchObject({ customerName: 'Zoë Ångström', channel: 'email' });
    });

    it('should refuse unknown recipients at RCPT time and oversize mail at DATA time', async () => {
      await expect(client().sendMail({ from: 'x@customer.example', to: 'nobody@shop.example', subject: 'hi', text: 'hi' })).rejects.toMatchObject({
        responseCode: 550,
      });
      await expect(
        client().sendMail({ from: 'x@customer.example', to: 'support@shop.example', subject: 'big', text: 'a'.repeat(400 * 1024) }),
      ).rejects.toMatchObject({ responseCode: 552 });
    });
  });
});
