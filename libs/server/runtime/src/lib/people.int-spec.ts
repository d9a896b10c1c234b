import type { INestApplication } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { io, type Socket } from 'socket.io-client';
import type { CreatedPersonView, LoginResponse, PersonView, ResetLinkView, UserView } from '@throughline/domain';
import { type SmtpCapture, startSmtpCapture } from '@throughline/channels/email/testing';
import { bootstrapApi } from './bootstrap';
import { TestStack, USERS, PASSWORD } from '../testing/test-stack';

const GOOD_PASSWORD = 'tangerine-otter-41-maps';

interface SignIn {
  status: number;
  body: LoginResponse & { message?: string };
  /** The refresh cookie as a Cookie header value, when one was set. */
  cookie: string | null;
  retryAfter: string | null;
}

describe('people and sessions: invites, passwords, revocation at once, refresh rotation, login throttle (real API, PostgreSQL, Redis, Socket.IO)', () => {
  let stack: TestStack;
  let smtp: SmtpCapture;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    smtp = await startSmtpCapture();
    stack = await TestStack.start({
      env: {
        SMTP_OUTBOUND_URL: `smtp://127.0.0.1:${smtp.port}`,
        MAIL_FROM: 'support@test.example',
        LOGIN_MAX_FAILURES: '3',
        LOGIN_FAILURE_WINDOW_SECONDS: '4',
      },
    });
  });

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await stack?.close();
    await smtp?.stop();
  });

  async function call<T>(base: string, method: string, path: string, options: { token?: string; cookie?: string; body?: unknown; ip?: string } = {}) {
    const headers: Record<string, string> = {};
    if (options.token) headers['authorization'] = `Bearer ${options.token}`;
    if (options.cookie) headers['cookie'] = options.cookie;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${base}${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
    const text = await res.text();
    const setCookie = res.headers.get('set-cookie');
    const cookieValue = setCookie ? /^(throughline_refresh=[^;]*)/.exec(setCookie)?.[1] : undefined;
    return {
      status: res.status,
      body: (text ? JSON.parse(text) : undefined) as T,
      cookie: cookieValue && cookieValue !== 'throughline_refresh=' ? cookieValue : null,
      setCookie,
      retryAfter: res.headers.get('retry-after'),
    };
  }

  const api = <T = unknown>(method: string, path: string, options: { token?: string; cookie?: string; body?: unknown } = {}) =>
    call<T>(stack.baseUrl, method, path, options);
  const signIn = (email: string, password: string): Promise<SignIn> => api<SignIn['body']>('POST', '/api/auth/login', { body: { email, password } });

  /** An invited person who accepted: their user, access token and refresh cookie. */
  async function person(role: 'agent' | 'supervisor' | 'admin', name = `Person ${Math.random().toString(36).slice(2, 8)}`) {
    const email = `${name.toLowerCase().replace(/\W+/g, '.')}@test.example`;
    const created = await stack.request<CreatedPersonView>('POST', '/api/users', 'admin', { email, name, role });
    expect(created.status).toBe(201);
    const token = new URL(created.body.inviteUrl).pathname.split('/').pop() as string;
    const accepted = await api<LoginResponse>('POST', '/api/auth/accept-invite', { body: { token, password: GOOD_PASSWORD } });
    expect(accepted.status).toBe(200);
    return { user: created.body.user, email, accessToken: accepted.body.accessToken, cookie: accepted.cookie as string };
  }

  function connect(base: string, token: string): Promise<Socket> {
    const socket = io(`${base}/agents`, { path: '/socket.io', auth: { token }, transports: ['websocket'], reconnection: false });
    sockets.push(socket);
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', reject);
    });
  }

  const disconnected = (socket: Socket) => new Promise<string>((resolve) => socket.once('disconnect', resolve));

  describe('validation and authorisation of the people routes', () => {
    it.each([
      ['POST', '/api/users', { email: 'not-an-email', name: 'X', role: 'agent' }, 'email'],
      ['POST', '/api/users', { email: 'x@test.example', name: 'X', role: 'owner' }, 'role'],
      ['POST', '/api/users', { email: 'x@test.example', role: 'agent' }, 'name'],
      ['POST', '/api/users', { email: 'x@test.example', name: 'X', role: 'agent', capacity: -1 }, 'capacity'],
      ['PATCH', '/api/users/00000000-0000-4000-8000-000000000000', { role: 'owner' }, 'role'],
      ['PATCH', '/api/users/00000000-0000-4000-8000-000000000000', { disabled: 'yes' }, 'disabled'],
      ['PATCH', '/api/users/00000000-0000-4000-8000-000000000000', { capacity: 1.5 }, 'capacity'],
      ['PATCH', '/api/users/00000000-0000-4000-8000-000000000000', { password: 'sneaky' }, 'password'],
    ])('%s %s with %j answers 400 naming %s', async (method, path, body, field) => {
      const res = await stack.request<{ message: string[] | string }>(method, path, 'admin', body);
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body.message)).toContain(field);
    });

    it('answers 400 naming the field for the password routes', async () => {
      expect(
        JSON.stringify((await api<{ message: unknown }>('POST', '/api/auth/accept-invite', { body: { password: GOOD_PASSWORD } })).body.message),
      ).toContain('token');
      const change = await stack.request<{ message: unknown }>('POST', '/api/auth/password', 'agent', { currentPassword: PASSWORD });
      expect(change.status).toBe(400);
      expect(JSON.stringify(change.body.message)).toContain('newPassword');
      expect((await stack.request('PATCH', '/api/users/not-a-uuid', 'admin', { name: 'X' })).status).toBe(400);
    });

    it('lets only admins invite, edit and send reset links (agents and supervisors get 403)', async () => {
      const me = (await stack.request<UserView>('GET', '/api/auth/me', 'agent')).body;
      for (const role of ['agent', 'supervisor'] as const) {
        expect((await stack.request('POST', '/api/users', role, { email: 'y@test.example', name: 'Y', role: 'agent' })).status).toBe(403);
        expect((await stack.request('PATCH', `/api/users/${me.id}`, role, { role: 'admin' })).status).toBe(403);
        expect((await stack.request('POST', `/api/users/${me.id}/reset-link`, role)).status).toBe(403);
      }
      expect((await stack.request('GET', '/api/users', null)).status).toBe(401);
    });

    it('lists everyone to admins and only active people to agents', async () => {
      const gone = await person('agent');
      expect((await stack.request('PATCH', `/api/users/${gone.user.id}`, 'admin', { disabled: true })).status).toBe(200);
      const forAdmin = (await stack.request<PersonView[]>('GET', '/api/users', 'admin')).body;
      const forAgent = (await stack.request<PersonView[]>('GET', '/api/users', 'agent')).body;
      expect(forAdmin.find((p) => p.id === gone.user.id)).toMatchObject({ status: 'disabled' });
      expect(forAgent.find((p) => p.id === gone.user.id)).toBeUndefined();
      expect(forAgent.map((p) => p.email)).toEqual(expect.arrayContaining(Object.values(USERS)));
    });
  });

  describe('invites and passwords', () => {
    it('invites by email; the accepted invite signs in, works once, and is audited without secrets', async () => {
      const before = smtp.messages.length;
      const created = await stack.request<CreatedPersonView>('POST', '/api/users', 'admin', {
        email: 'Robin@Test.example',
        name: 'Robin',
        role: 'agent',
        capacity: 4,
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ user: { email: 'robin@test.example', status: 'invited', capacity: 4, role: 'agent' }, emailed: true });
      expect(created.body.inviteUrl).toMatch(new RegExp(`^${stack.config.publicUrl}/invite/[A-Za-z0-9_-]{40,}$`));
      const [mail] = (await smtp.waitForMessages(before + 1)).slice(before);
      expect(mail.to).toEqual(['robin@test.example']);
      expect(mail.raw.toString()).toContain(created.body.inviteUrl);
      // Not yet able to sign in, and the same email cannot be invited twice.
      expect((await signIn('robin@test.example', GOOD_PASSWORD)).status).toBe(401);
      const failed = await stack.db.query(`SELECT details FROM audit_log WHERE action = 'auth.login_failed' AND entity_id = $1`, [created.body.user.id]);
      expect(failed.rows[0].details).toMatchObject({ reason: 'invite not accepted' });
      expect((await stack.request('POST', '/api/users', 'admin', { email: 'robin@test.example', name: 'Robin 2', role: 'agent' })).status).toBe(409);

      const token = created.body.inviteUrl.split('/').pop() as string;
      // A weak or common password is refused and the link stays usable.
      for (const weak of ['short', 'password123', 'Qwertyuiop!', 'robin@test.example']) {
        const refused = await api<{ message: string }>('POST', '/api/auth/accept-invite', { body: { token, password: weak } });
        expect(refused.status).toBe(400);
        expect(refused.body.message).toMatch(/^password /);
      }
      const accepted = await api<LoginResponse>('POST', '/api/auth/accept-invite', { body: { token, password: GOOD_PASSWORD } });
      expect(accepted.status).toBe(200);
      expect(accepted.body.user).toMatchObject({ email: 'robin@test.example', role: 'agent' });
      expect(accepted.cookie).toBeTruthy();
      expect((await api('GET', '/api/auth/me', { token: accepted.body.accessToken })).status).toBe(200);
      expect((await signIn('robin@test.example', GOOD_PASSWORD)).status).toBe(200);
      expect((await api('POST', '/api/auth/accept-invite', { body: { token, password: 'another-fine-passphrase' } })).status).toBe(400);

      const { rows } = await stack.db.query<{ action: string; details: unknown }>(
        `SELECT action, details FROM audit_log WHERE entity_id = $1 AND action LIKE 'user.%' ORDER BY created_at`,
        [created.body.user.id],
      );
      expect(rows.map((r) => r.action)).toEqual(['user.invited', 'user.invite_accepted']);
      expect(rows[0].details).toMatchObject({ before: null, after: { email: 'robin@test.example', role: 'agent', capacity: 4, disabled: false } });
      const everything = JSON.stringify(rows);
      expect(everything).not.toContain(GOOD_PASSWORD);
      expect(everything).not.toContain(token);
      expect(everything).not.toContain('$2');
    });

    it('lets a user change their own password: the old one and their other sessions stop working', async () => {
      const sam = await person('agent');
      expect(
        (
          await api('POST', '/api/auth/password', {
            token: sam.accessToken,
            body: { currentPassword: 'wrong-password-here', newPassword: 'a-new-long-passphrase' },
          })
        ).status,
      ).toBe(400);
      const common = await api<{ message: string }>('POST', '/api/auth/password', {
        token: sam.accessToken,
        body: { currentPassword: GOOD_PASSWORD, newPassword: 'iloveyou123' },
      });
      expect(common.status).toBe(400);
      expect(common.body.message).toMatch(/^newPassword .*common/);
      const changed = await api<LoginResponse>('POST', '/api/auth/password', {
        token: sam.accessToken,
        body: { currentPassword: GOOD_PASSWORD, newPassword: 'a-new-long-passphrase' },
      });
      expect(changed.status).toBe(200);
      expect((await api('GET', '/api/auth/me', { token: sam.accessToken })).status).toBe(401);
      expect((await api('POST', '/api/auth/refresh', { cookie: sam.cookie })).status).toBe(401);
      expect((await api('GET', '/api/auth/me', { token: changed.body.accessToken })).status).toBe(200);
      expect((await signIn(sam.email, GOOD_PASSWORD)).status).toBe(401);
      expect((await signIn(sam.email, 'a-new-long-passphrase')).status).toBe(200);
    });

    it('sends a reset link that sets a new password once', async () => {
      const kim = await person('agent');
      const link = await stack.request<ResetLinkView>('POST', `/api/users/${kim.user.id}/reset-link`, 'admin');
      expect(link.status).toBe(200);
      expect(link.body).toMatchObject({ emailed: true, resetUrl: expect.stringMatching(/\/reset\/[A-Za-z0-9_-]{40,}$/) });
      const token = link.body.resetUrl.split('/').pop() as string;
      const reset = await api<LoginResponse>('POST', '/api/auth/reset-password', { body: { token, password: 'kim-chose-this-one' } });
      expect(reset.status).toBe(200);
      expect((await api('GET', '/api/auth/me', { token: kim.accessToken })).status).toBe(401);
      expect((await signIn(kim.email, 'kim-chose-this-one')).status).toBe(200);
      expect((await api('POST', '/api/auth/reset-password', { body: { token, password: 'and-again-another' } })).status).toBe(400);
    });
  });

  describe('revocation takes effect at once', () => {
    let secondApi: INestApplication;
    let secondBase: string;

    beforeAll(async () => {
      // A second API process of the same deployment: changes made on one apply on the other too.
      secondApi = await bootstrapApi(stack.config);
      secondBase = (await secondApi.getUrl()).replace('[::1]', '127.0.0.1');
    });

    afterAll(() => secondApi?.close());

    it('refuses a disabled user’s token on the next request and drops their sockets on every API process', async () => {
      const lee = await person('agent');
      const here = await connect(stack.baseUrl, lee.accessToken);
      const there = await connect(secondBase, lee.accessToken);
      // Both processes have read (and cached) Lee's state.
      expect((await api('GET', '/api/conversations', { token: lee.accessToken })).status).toBe(200);
      expect((await call(secondBase, 'GET', '/api/conversations', { token: lee.accessToken })).status).toBe(200);

      const drops = Promise.all([disconnected(here), disconnected(there)]);
      const disabled = await stack.request<PersonView>('PATCH', `/api/users/${lee.user.id}`, 'admin', { disabled: true });
      expect(disabled.body).toMatchObject({ status: 'disabled' });
      expect((await api('GET', '/api/conversations', { token: lee.accessToken })).status).toBe(401);
      expect(await drops).toEqual(['io server disconnect', 'io server disconnect']);
      expect((await call(secondBase, 'GET', '/api/conversations', { token: lee.accessToken })).status).toBe(401);
      await expect(connect(stack.baseUrl, lee.accessToken)).rejects.toThrow(/unauthorized/);
      expect((await api('POST', '/api/auth/refresh', { cookie: lee.cookie })).status).toBe(401);
      expect((await signIn(lee.email, GOOD_PASSWORD)).status).toBe(401);

      // Enabled again, they sign in afresh; the old tokens stay dead.
      expect((await stack.request('PATCH', `/api/users/${lee.user.id}`, 'admin', { disabled: false })).status).toBe(200);
      expect((await api('GET', '/api/conversations', { token: lee.accessToken })).status).toBe(401);
      expect((await signIn(lee.email, GOOD_PASSWORD)).status).toBe(200);
    });

    it('takes admin routes from a demoted admin on the next request, on every process, and re-joins their sockets with the new role', async () => {
      const ash = await person('admin');
      expect((await api('GET', '/api/connectors', { token: ash.accessToken })).status).toBe(200);
      expect((await call(secondBase, 'GET', '/api/connectors', { token: ash.accessToken })).status).toBe(200);
      const socket = await connect(secondBase, ash.accessToken);
      const dropped = disconnected(socket);
      expect((await stack.request('PATCH', `/api/users/${ash.user.id}`, 'admin', { role: 'agent' })).status).toBe(200);
      expect((await api('GET', '/api/connectors', { token: ash.accessToken })).status).toBe(403);
      expect(await dropped).toBe('io server disconnect');
      expect((await call(secondBase, 'GET', '/api/connectors', { token: ash.accessToken })).status).toBe(403);
      // Still an agent: the same token keeps agent routes and may reconnect.
      expect((await api('GET', '/api/conversations', { token: ash.accessToken })).status).toBe(200);
      await connect(stack.baseUrl, ash.accessToken);
    });

    it('never lets the last active admin be demoted or disabled, nor an admin disable themselves', async () => {
      const admins = (await stack.request<PersonView[]>('GET', '/api/users', 'admin')).body.filter((p) => p.role === 'admin' && p.status !== 'disabled');
      const me = (await stack.request<UserView>('GET', '/api/auth/me', 'admin')).body;
      // Leave only the test admin active.
      for (const other of admins.filter((a) => a.id !== me.id))
        expect((await stack.request('PATCH', `/api/users/${other.id}`, 'admin', { role: 'agent' })).status).toBe(200);
      const demote = await stack.request<{ message: string }>('PATCH', `/api/users/${me.id}`, 'admin', { role: 'agent' });
      expect(demote.status).toBe(409);
      expect(demote.body.message).toMatch(/last active admin/);
      const disable = await stack.request<{ message: string }>('PATCH', `/api/users/${me.id}`, 'admin', { disabled: true });
      expect(disable.status).toBe(400);
      expect(disable.body.message).toMatch(/^disabled: /);
      expect((await stack.request('GET', '/api/connectors', 'admin')).status).toBe(200);
    });

    it('logout revokes the access token, the refresh cookie and the sockets', async () => {
      const kai = await person('supervisor');
      const socket = await connect(secondBase, kai.accessToken);
      const dropped = disconnected(socket);
      const out = await api('POST', '/api/auth/logout', { token: kai.accessToken, cookie: kai.cookie });
      expect(out.status).toBe(204);
      expect(out.setCookie).toMatch(/throughline_refresh=;/);
      expect((await api('GET', '/api/auth/me', { token: kai.accessToken })).status).toBe(401);
      expect(await dropped).toBe('io server disconnect');
      expect((await api('POST', '/api/auth/refresh', { cookie: kai.cookie })).status).toBe(401);
    });

    it('closes a socket when its access token expires', async () => {
      const me = (await stack.request<UserView>('GET', '/api/auth/me', 'agent')).body;
      const { rows } = await stack.db.query<{ token_version: number }>('SELECT token_version FROM users WHERE id = $1', [me.id]);
      const shortLived = new JwtService({ secret: stack.config.jwtSecret }).sign(
        { sub: me.id, email: me.email, role: me.role, ver: rows[0].token_version },
        { expiresIn: 2, issuer: 'throughline' },
      );
      const socket = await connect(stack.baseUrl, shortLived);
      expect(await disconnected(socket)).toBe('io server disconnect');
    });
  });

  describe('refresh tokens', () => {
    it('rotates on use; a used refresh token is refused and its reuse ends the whole sign-in', async () => {
      const first = await signIn(USERS.supervisor, PASSWORD);
      expect(first.cookie).toMatch(/^throughline_refresh=/);
      const setCookie = (await api('POST', '/api/auth/login', { body: { email: USERS.supervisor, password: PASSWORD } })).setCookie ?? '';
      expect(setCookie).toMatch(/HttpOnly/i);
      expect(setCookie).toMatch(/SameSite=Strict/i);
      expect(setCookie).toMatch(/Path=\/api\/auth/);

      const second = await api<LoginResponse>('POST', '/api/auth/refresh', { cookie: first.cookie as string });
      expect(second.status).toBe(200);
      expect(second.cookie).not.toEqual(first.cookie);
      expect((await api('GET', '/api/auth/me', { token: second.body.accessToken })).status).toBe(200);
      const third = await api<LoginResponse>('POST', '/api/auth/refresh', { cookie: second.cookie as string });
      expect(third.status).toBe(200);

      // The first cookie again: stolen or replayed. Refused, and the family (third's cookie too) is revoked.
      expect((await api('POST', '/api/auth/refresh', { cookie: first.cookie as string })).status).toBe(401);
      expect((await api('POST', '/api/auth/refresh', { cookie: third.cookie as string })).status).toBe(401);
      expect((await api('POST', '/api/auth/refresh')).status).toBe(401);
    });

    it('lets only one of two concurrent refreshes with the same token succeed', async () => {
      const login = await signIn(USERS.supervisor, PASSWORD);
      const results = await Promise.all([1, 2].map(() => api('POST', '/api/auth/refresh', { cookie: login.cookie as string })));
      expect(results.map((r) => r.status).sort()).toEqual([200, 401]);
    });
  });

  describe('login throttle', () => {
    it('answers 429 with Retry-After after repeated failures, records them without the password, and recovers', async () => {
      const email = USERS.agent;
      for (let i = 0; i < 3; i++) expect((await signIn(email, `wrong-guess-${i}`)).status).toBe(401);
      const throttled = await signIn(email, PASSWORD);
      expect(throttled.status).toBe(429);
      expect(Number(throttled.retryAfter)).toBeGreaterThanOrEqual(1);
      // Another account from the same address is not locked by this one's failures.
      expect((await signIn(USERS.supervisor, PASSWORD)).status).toBe(200);

      const { rows } = await stack.db.query<{ details: Record<string, unknown> }>(
        `SELECT details FROM audit_log WHERE action = 'auth.login_failed' AND details->>'email' = $1`,
        [email],
      );
      expect(rows).toHaveLength(3);
      expect(rows[0].details).toMatchObject({ email, reason: 'wrong password' });
      expect(JSON.stringify(rows)).not.toContain('wrong-guess');

      await new Promise((resolve) => setTimeout(resolve, Number(throttled.retryAfter) * 1000 + 200));
      expect((await signIn(email, PASSWORD)).status).toBe(200);
    });

    it('lets at most the allowed number of a concurrent burst of guesses reach the password check', async () => {
      const email = 'nobody@test.example';
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => signIn(email, `burst-${i}`)));
      expect(results.filter((r) => r.status === 401)).toHaveLength(3);
      expect(results.filter((r) => r.status === 429)).toHaveLength(7);
    });
  });
});
