import { io, type Socket } from 'socket.io-client';
import type {
  AuditEntryView,
  ChatServerEvents,
  ConnectorProvidersView,
  ConnectorView,
  CreatedConnectorView,
  Page,
  RotatedSecretView,
} from '@throughline/domain';
import { signChatIdentity } from '@throughline/channels/chat';
import { genericPayload, TestStack } from '../testing/test-stack';

const messages = (body: unknown): string[] => {
  const message = (body as { message: unknown }).message;
  return Array.isArray(message) ? message.map(String) : [String(message)];
};

describe('connectors from the console: provider schemas, validation, rotation with a grace period, audit (real API, PostgreSQL)', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await TestStack.start({ env: { DATABASE_URL: `postgres://postgres@127.0.0.1:5432/throughline_test_connectors_${process.pid}` } });
  });

  const sockets: Socket[] = [];

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await stack?.close();
  });

  /** A chat visitor's handshake: the session it was given, or the refusal's message. */
  function handshake(auth: Record<string, unknown>): Promise<ChatServerEvents['session'] | string> {
    const socket = io(`${stack.baseUrl}/chat`, {
      path: '/socket.io',
      auth,
      transports: ['websocket'],
      reconnection: false,
      extraHeaders: { origin: 'https://shop.example' },
      forceNew: true,
    });
    sockets.push(socket);
    return new Promise((resolve) => {
      socket.once('session', resolve);
      socket.once('connect_error', (err: Error) => resolve(err.message));
    });
  }

  it('describes every provider’s form to admins only', async () => {
    expect((await stack.request('GET', '/api/connectors/providers', 'agent')).status).toBe(403);
    expect((await stack.request('GET', '/api/connectors/providers', 'supervisor')).status).toBe(403);
    const { status, body } = await stack.request<ConnectorProvidersView>('GET', '/api/connectors/providers', 'admin');
    expect(status).toBe(200);
    expect(body.publicUrl).toBe(stack.config.publicUrl);
    expect(body.providers.map((p) => p.provider)).toEqual(
      expect.arrayContaining(['generic', 'imap', 'smtp', 'mime', 'twilio', 'calllog', 'x', 'mastodon', 'meta', 'widget']),
    );
    const twilio = body.providers.find((p) => p.provider === 'twilio');
    expect(twilio?.fields).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'accountSid', label: 'Account SID', required: true, secret: false }),
        expect.objectContaining({ name: 'authToken', required: true, secret: true }),
      ]),
    );
  });

  it('refuses agents and supervisors every connector change', async () => {
    const connector = await stack.createConnector<CreatedConnectorView>({ kind: 'generic', provider: 'generic', config: {} });
    for (const role of ['agent', 'supervisor'] as const) {
      expect((await stack.request('POST', '/api/connectors', role, { name: 'x', kind: 'generic', provider: 'generic' })).status).toBe(403);
      expect((await stack.request('PATCH', `/api/connectors/${connector.id}`, role, { enabled: false })).status).toBe(403);
      expect((await stack.request('POST', `/api/connectors/${connector.id}/secret/rotate`, role, { graceSeconds: 60 })).status).toBe(403);
    }
  });

  it('answers 400 naming every bad field at once', async () => {
    const cases: Array<[unknown, string[]]> = [
      [{ kind: 'generic', provider: 'generic' }, ['name']],
      [{ name: 'x', kind: 'generic', provider: 'generic', config: { callbackUrl: 'ftp://nope' } }, ['config.callbackUrl: must be an http(s) URL']],
      [
        { name: 'x', kind: 'phone', provider: 'twilio', config: { accountSid: 'nope' } },
        ['config.accountSid: must be a Twilio Account SID', 'secrets.authToken: is required'],
      ],
      [
        { name: 'x', kind: 'email', provider: 'imap', config: { address: 'support@example.com', host: 'imap.example.com' } },
        ['config.user', 'secrets.password: is required'],
      ],
      [{ name: 'x', kind: 'email', provider: 'smtp', config: { address: 'a@example.com', smtp: { port: 25 } } }, ['config.smtp.host']],
      [{ name: 'x', kind: 'email', provider: 'generic' }, ["provider: 'generic' is not a provider of kind 'email'"]],
      [{ name: 'x', kind: 'generic', provider: 'generic', queueId: 'nope' }, ['queueId']],
    ];
    for (const [body, expected] of cases) {
      const res = await stack.request('POST', '/api/connectors', 'admin', body);
      expect(res.status).toBe(400);
      for (const field of expected) expect(messages(res.body)).toEqual(expect.arrayContaining([expect.stringContaining(field)]));
    }
    const connector = await stack.createConnector<CreatedConnectorView>({ kind: 'generic', provider: 'generic', config: {} });
    for (const [body, field] of [
      [{ graceSeconds: -1 }, 'graceSeconds'],
      [{ graceSeconds: 7 * 24 * 3600 + 1 }, 'graceSeconds'],
      [{}, 'graceSeconds'],
      [{ graceSeconds: 1.5 }, 'graceSeconds'],
    ] as const) {
      const res = await stack.request('POST', `/api/connectors/${connector.id}/secret/rotate`, 'admin', body);
      expect([res.status, messages(res.body).join(' ')]).toEqual([400, expect.stringContaining(field)]);
    }
    const twilio = await stack.createConnector<CreatedConnectorView>({
      kind: 'phone',
      provider: 'twilio',
      config: { accountSid: `AC${'a'.repeat(32)}` },
      secrets: { authToken: 'token' },
    });
    const rotateTwilio = await stack.request('POST', `/api/connectors/${twilio.id}/secret/rotate`, 'admin', { graceSeconds: 60 });
    expect([rotateTwilio.status, messages(rotateTwilio.body).join(' ')]).toEqual([
      400,
      expect.stringContaining('provider: twilio connectors have no generated secret'),
    ]);
    expect((await stack.request('PATCH', `/api/connectors/${connector.id}`, 'admin', { config: { callbackUrl: 'nope' } })).status).toBe(400);
  });

  it('accepts the old signing secret during the grace period and refuses it after; the new one works at once', async () => {
    const created = await stack.createConnector<CreatedConnectorView>({ kind: 'generic', provider: 'generic', config: {} });
    const url = `${stack.baseUrl}/api/hooks/${created.id}/generic`;
    const old = { url, secret: created.signingSecret ?? '' };
    const send = (hook: { url: string; secret: string }, tag: string) =>
      stack.sendWebhook(hook, genericPayload({ externalId: `rotation-${tag}-${Date.now()}` }));
    expect((await send(old, 'before')).status).toBe(202);

    const rotation = await stack.request<RotatedSecretView>('POST', `/api/connectors/${created.id}/secret/rotate`, 'admin', { graceSeconds: 3 });
    expect(rotation.status).toBe(200);
    expect(rotation.body.secretName).toBe('signingSecret');
    expect(rotation.body.secret).not.toBe(old.secret);
    const graceEnds = Date.parse(rotation.body.previousValidUntil ?? '');
    expect(graceEnds - Date.now()).toBeGreaterThan(1000);
    expect(rotation.body.connector.previousSecretValidUntil).toBe(rotation.body.previousValidUntil);
    // The new secret is never shown again, and the old one is stored sealed like the current one.
    expect(JSON.stringify((await stack.request('GET', `/api/connectors/${created.id}`, 'admin')).body)).not.toContain(rotation.body.secret);
    const { rows } = await stack.db.query(`SELECT previous_secrets_sealed FROM connectors WHERE id = $1`, [created.id]);
    expect(rows[0].previous_secrets_sealed).toEqual(expect.any(String));
    expect(rows[0].previous_secrets_sealed).not.toContain(old.secret);

    const fresh = { url, secret: rotation.body.secret };
    expect((await send(old, 'grace')).status).toBe(202);
    expect((await send(fresh, 'new')).status).toBe(202);

    await new Promise((resolve) => setTimeout(resolve, Math.max(0, graceEnds - Date.now()) + 200));
    expect((await send(old, 'after')).status).toBe(401);
    expect((await send(fresh, 'after')).status).toBe(202);
    const after = await stack.request<ConnectorView>('GET', `/api/connectors/${created.id}`, 'admin');
    expect(after.body.previousSecretValidUntil).toBeNull();
  });

  it('with no grace period, refuses the old secret at once', async () => {
    const created = await stack.createConnector<CreatedConnectorView>({ kind: 'generic', provider: 'generic', config: {} });
    const url = `${stack.baseUrl}/api/hooks/${created.id}/generic`;
    const rotation = await stack.request<RotatedSecretView>('POST', `/api/connectors/${created.id}/secret/rotate`, 'admin', { graceSeconds: 0 });
    expect(rotation.body.previousValidUntil).toBeNull();
    expect((await stack.sendWebhook({ url, secret: created.signingSecret ?? '' }, genericPayload({ externalId: `no-grace-old-${Date.now()}` }))).status).toBe(
      401,
    );
    expect((await stack.sendWebhook({ url, secret: rotation.body.secret }, genericPayload({ externalId: `no-grace-new-${Date.now()}` }))).status).toBe(202);
  });

  it('two rotations at once leave one current secret and the one before it in grace, never a lost one', async () => {
    const created = await stack.createConnector<CreatedConnectorView>({ kind: 'generic', provider: 'generic', config: {} });
    const url = `${stack.baseUrl}/api/hooks/${created.id}/generic`;
    const [a, b] = await Promise.all([
      stack.request<RotatedSecretView>('POST', `/api/connectors/${created.id}/secret/rotate`, 'admin', { graceSeconds: 600 }),
      stack.request<RotatedSecretView>('POST', `/api/connectors/${created.id}/secret/rotate`, 'admin', { graceSeconds: 600 }),
    ]);
    const statuses = await Promise.all(
      [a.body.secret, b.body.secret, created.signingSecret ?? ''].map(
        async (secret, i) => (await stack.sendWebhook({ url, secret }, genericPayload({ externalId: `race-${i}-${Date.now()}` }))).status,
      ),
    );
    // Serialised by the row lock: the second rotation's "previous" is the first one's secret, so the original is gone.
    expect(statuses.filter((s) => s === 202)).toHaveLength(2);
    expect(statuses[2]).toBe(401);
  });

  it('writes create, edit, rotate, disable and enable to the audit log, secrets redacted', async () => {
    const created = await stack.createConnector<CreatedConnectorView>({
      name: 'Audited',
      kind: 'social',
      provider: 'meta',
      config: { pageId: '123', verifyToken: 'verify-me-please' },
      secrets: { appSecret: 'app-secret-value' },
    });
    expect(
      (await stack.request('PATCH', `/api/connectors/${created.id}`, 'admin', { name: 'Audited page', secrets: { pageAccessToken: 'page-token-value' } }))
        .status,
    ).toBe(200);
    expect((await stack.request('PATCH', `/api/connectors/${created.id}`, 'admin', { enabled: false })).status).toBe(200);
    expect((await stack.request('PATCH', `/api/connectors/${created.id}`, 'admin', { enabled: true })).status).toBe(200);
    const generic = await stack.createConnector<CreatedConnectorView>({ kind: 'generic', provider: 'generic', config: {} });
    const rotation = await stack.request<RotatedSecretView>('POST', `/api/connectors/${generic.id}/secret/rotate`, 'admin', { graceSeconds: 3600 });

    const log = (await stack.request<Page<AuditEntryView>>('GET', '/api/audit-log?entity=connector&limit=100', 'admin')).body.items;
    const of = (id: string) => log.filter((e) => e.entityId === id).map((e) => e.action);
    expect(of(created.id).sort()).toEqual(['connector.created', 'connector.disabled', 'connector.enabled', 'connector.updated']);
    expect(of(generic.id).sort()).toEqual(['connector.created', 'connector.secret_rotated']);
    const edit = log.find((e) => e.entityId === created.id && e.action === 'connector.updated');
    expect(edit?.before).toMatchObject({ name: 'Audited', storedCredentials: ['appSecret'] });
    expect(edit?.after).toMatchObject({ name: 'Audited page', storedCredentials: ['appSecret', 'pageAccessToken'] });
    const rotated = log.find((e) => e.entityId === generic.id && e.action === 'connector.secret_rotated');
    expect(rotated?.details).toMatchObject({ rotated: 'signingSecret', graceSeconds: 3600, previousValidUntil: rotation.body.previousValidUntil });
    const everything = JSON.stringify(log);
    for (const secret of ['app-secret-value', 'page-token-value', 'verify-me-please', rotation.body.secret, generic.signingSecret ?? '']) {
      expect(everything).not.toContain(secret);
    }
  });

  it('accepts a chat identity signed with the old identity secret, and the visitor tokens it issued, only during the grace period', async () => {
    const widget = await stack.createConnector<CreatedConnectorView>({
      kind: 'chat',
      provider: 'widget',
      config: { allowedOrigins: ['https://shop.example'] },
    });
    const connectorKey = String(widget.config['connectorKey']);
    const oldSecret = widget.signingSecret ?? '';
    const identity = (secret: string) => ({ email: 'ana@shop.example', hmac: signChatIdentity('ana@shop.example', secret) });
    const before = await handshake({ connectorKey });
    if (typeof before === 'string') throw new Error(before);

    const rotation = await stack.request<RotatedSecretView>('POST', `/api/connectors/${widget.id}/secret/rotate`, 'admin', { graceSeconds: 3 });
    expect(rotation.body.secretName).toBe('identitySecret');
    const graceEnds = Date.parse(rotation.body.previousValidUntil ?? '');
    expect(await handshake({ connectorKey, identity: identity(oldSecret) })).toMatchObject({ visitorToken: expect.any(String) });
    expect(await handshake({ connectorKey, identity: identity(rotation.body.secret) })).toMatchObject({ visitorToken: expect.any(String) });
    // The token issued before the rotation still names the same visitor.
    expect(await handshake({ connectorKey, visitorToken: before.visitorToken })).toMatchObject({ visitorToken: before.visitorToken });

    await new Promise((resolve) => setTimeout(resolve, Math.max(0, graceEnds - Date.now()) + 200));
    expect(await handshake({ connectorKey, identity: identity(oldSecret) })).toMatch(/identity\.hmac does not match/);
    expect(await handshake({ connectorKey, identity: identity(rotation.body.secret) })).toMatchObject({ visitorToken: expect.any(String) });
    // After it, the old token starts a new visitor instead of locking the widget out.
    const after = await handshake({ connectorKey, visitorToken: before.visitorToken });
    expect(after).toMatchObject({ visitorToken: expect.any(String) });
    expect((after as ChatServerEvents['session']).visitorToken).not.toBe(before.visitorToken);
  });
});
