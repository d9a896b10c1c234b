import { randomBytes } from 'node:crypto';
import type { CreatedConnectorView, MessageView } from '@throughline/domain';
import { signBody } from '@throughline/channels/generic';
import { eventually, genericPayload, PASSWORD, TestStack } from '../testing/test-stack';
import { twilioSignature, xSignature } from '../testing/provider-signatures';

/**
 * Secrets never reach the logs: a stack logging at the most verbose level goes through sign-in,
 * connectors created with secrets, signed (and mis-signed) webhooks, failing deliveries and
 * connection tests, and every byte written to stdout, stderr or the console is searched for each
 * secret, password and token the run set or was given.
 */
describe('secrets never appear in logs', () => {
  const captured: string[] = [];
  const restore: Array<() => void> = [];
  let stack: TestStack;
  const secrets = {
    xConsumerSecret: `xcs-${randomBytes(12).toString('hex')}`,
    xAccessToken: `xat-${randomBytes(12).toString('hex')}`,
    twilioAuthToken: `twa-${randomBytes(12).toString('hex')}`,
    metaAppSecret: `mas-${randomBytes(12).toString('hex')}`,
    metaPageToken: `mpt-${randomBytes(12).toString('hex')}`,
    mastodonToken: `mdt-${randomBytes(12).toString('hex')}`,
    imapPassword: `imp-${randomBytes(12).toString('hex')}`,
    smtpPassword: `smp-${randomBytes(12).toString('hex')}`,
  };

  beforeAll(async () => {
    for (const stream of [process.stdout, process.stderr]) {
      const write = stream.write.bind(stream);
      stream.write = ((chunk: unknown, ...rest: unknown[]) => {
        captured.push(String(chunk));
        return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
      }) as typeof stream.write;
      restore.push(() => (stream.write = write));
    }
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      const original = console[level];
      console[level] = (...args: unknown[]) => {
        captured.push(args.map((a) => (a instanceof Error ? `${a.message} ${a.stack}` : typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
      };
      restore.push(() => (console[level] = original));
    }
    // Few quick retries, so the failing delivery ends (and logs its final failure) within the test.
    stack = await TestStack.start({ env: { LOG_LEVEL: 'verbose', JOB_RETRY_ATTEMPTS: '3', JOB_RETRY_BASE_MS: '50' } });
  });

  afterAll(async () => {
    await stack?.close();
    for (const undo of restore) undo();
  });

  it('should keep every secret, password and token of a busy run out of the logs', async () => {
    // Sign-in: right and wrong passwords, and the tokens issued.
    const accessToken = await stack.token('admin');
    await stack.token('agent');
    const wrong = `wrong-${randomBytes(8).toString('hex')}`;
    expect((await stack.request('POST', '/api/auth/login', null, { email: 'admin@test.example', password: wrong })).status).toBe(401);

    // Connectors with secrets (delivery and tests point at a closed port so the failure paths log).
    const closed = 'http://127.0.0.1:9';
    const generic = await stack.createConnector({ kind: 'generic', provider: 'generic', config: { callbackUrl: `${closed}/replies` } });
    const twilio = await stack.createConnector({
      kind: 'phone',
      provider: 'twilio',
      config: { accountSid: 'AC8bbf41596517948ed9b6ad40ac16ff45' },
      secrets: { authToken: secrets.twilioAuthToken },
    });
    const x = await stack.createConnector({
      kind: 'social',
      provider: 'x',
      config: { accountId: '2244994945', apiBaseUrl: closed },
      secrets: { consumerSecret: secrets.xConsumerSecret, accessToken: secrets.xAccessToken },
    });
    await stack.createConnector({
      kind: 'social',
      provider: 'meta',
      config: { pageId: '104512345678901', verifyToken: 'verify-me' },
      secrets: { appSecret: secrets.metaAppSecret, pageAccessToken: secrets.metaPageToken },
    });
    const imap = await stack.createConnector<CreatedConnectorView>({
      kind: 'email',
      provider: 'imap',
      config: {
        host: '127.0.0.1',
        port: 9,
        secure: false,
        user: 'support',
        mailbox: 'INBOX',
        address: 'support@shop.example',
        smtp: { host: '127.0.0.1', port: 9, secure: false, user: 'support' },
      },
      secrets: { password: secrets.imapPassword, smtpPassword: secrets.smtpPassword },
    });
    expect((await stack.request('POST', `/api/connectors/${imap.id}/test`, 'admin')).status).toBe(200);
    expect((await stack.request('POST', `/api/connectors/${x.id}/test`, 'admin')).status).toBeLessThan(500);

    // Signed webhooks, good and bad, and a reply whose delivery fails.
    const hook = { url: `${stack.baseUrl}/api/hooks/${generic.id}/generic`, secret: generic.signingSecret ?? '' };
    const payload = genericPayload({ text: 'where is my parcel?' });
    expect((await stack.sendWebhook(hook, payload)).status).toBe(202);
    expect((await stack.sendWebhook(hook, genericPayload(), { signature: signBody('other body', hook.secret) })).status).toBe(401);
    const params = {
      AccountSid: 'AC8bbf41596517948ed9b6ad40ac16ff45',
      CallSid: `CA${randomBytes(16).toString('hex')}`,
      From: '+16414549805',
      To: '+15153573516',
      CallStatus: 'ringing',
    };
    const twilioUrl = `${stack.config.publicUrl}/api/hooks/${twilio.id}/twilio`;
    for (const signature of [twilioSignature(secrets.twilioAuthToken, twilioUrl, params), 'bm90IGEgc2lnbmF0dXJl']) {
      await fetch(`${stack.baseUrl}/api/hooks/${twilio.id}/twilio`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
        body: new URLSearchParams(params).toString(),
      });
    }
    const xBody = JSON.stringify({ for_user_id: '2244994945', tweet_create_events: [] });
    await fetch(`${stack.baseUrl}/api/hooks/${x.id}/x`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-twitter-webhooks-signature': xSignature(xBody, secrets.xConsumerSecret) },
      body: xBody,
    });
    await fetch(`${stack.baseUrl}/api/hooks/${x.id}/x?crc_token=abc`);

    const conversationId = await eventually(
      async () => {
        const { rows } = await stack.db.query<{ conversation_id: string }>('SELECT conversation_id FROM messages WHERE external_id = $1', [
          payload['externalId'],
        ]);
        return rows[0]?.conversation_id;
      },
      20_000,
      'the webhook message',
    );
    const reply = await stack.request<MessageView>('POST', `/api/conversations/${conversationId}/messages`, 'agent', { text: 'On its way' });
    expect(reply.status).toBe(201);
    await eventually(async () => captured.some((line) => line.includes(reply.body.id)), 20_000, 'the failed delivery attempt to be logged');
    await stack.settle(30_000);

    const logs = captured.join('');
    expect(logs.length).toBeGreaterThan(1000); // really captured a verbose run
    const set: Record<string, string> = {
      ...secrets,
      password: PASSWORD,
      wrongPassword: wrong,
      accessToken,
      jwtSecret: stack.config.jwtSecret,
      secretsKey: stack.config.secretsKey.toString('hex'),
      genericSigningSecret: generic.signingSecret ?? '',
      imapSigningSecret: imap.signingSecret ?? 'none',
    };
    const leaked = Object.entries(set).filter(([, value]) => value && value !== 'none' && logs.includes(value));
    expect(leaked.map(([name]) => name)).toEqual([]);
  });
});
