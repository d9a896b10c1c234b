import { DovecotServer, findFreePort, SmtpCapture, startDovecot, startSmtpCapture } from '../../testing';
import { checkImap, checkSmtp } from './connection-check';
import { ImapSettings, SmtpSettings } from './mailbox-settings';

const account = { user: 'support', password: 'support-secret' };
const relay = { user: 'relay', password: 'relay-secret' };

describe('connection checks', () => {
  let dovecot: DovecotServer;
  let smtp: SmtpCapture;
  /** An SMTP server behind TLS with a certificate nobody trusts; it serves as "some TLS port" for IMAP too. */
  let tlsServer: SmtpCapture;
  let closedPort: number;
  let imap: ImapSettings;
  let smtpSettings: SmtpSettings;

  beforeAll(async () => {
    [dovecot, smtp, tlsServer, closedPort] = await Promise.all([
      startDovecot({ users: [account] }),
      startSmtpCapture({ auth: relay }),
      startSmtpCapture({ secure: true }),
      findFreePort(),
    ]);
    imap = { host: dovecot.host, port: dovecot.port, secure: false, ...account, mailbox: 'INBOX', connectionTimeoutMs: 2000 };
    smtpSettings = { host: smtp.host, port: smtp.port, secure: false, ...relay, connectionTimeoutMs: 2000 };
  });

  afterAll(() => Promise.all([dovecot?.stop(), smtp?.stop(), tlsServer?.stop()]));

  describe('checkImap', () => {
    it('logs in and reports the mailbox, its size and IDLE', async () => {
      await dovecot.append(account.user, account.password, 'INBOX', 'Subject: one\r\n\r\n1\r\n');
      await dovecot.append(account.user, account.password, 'INBOX', 'Subject: two\r\n\r\n2\r\n');
      expect(await checkImap(imap)).toEqual({
        ok: true,
        stage: 'ok',
        message: `logged in to 127.0.0.1:${dovecot.port} as support; INBOX has 2 messages; IDLE supported`,
      });
    });

    it('reports a refused login at the auth stage', async () => {
      expect(await checkImap({ ...imap, password: 'wrong' })).toMatchObject({
        ok: false,
        stage: 'auth',
        message: 'the server refused the login for support: check the user and password',
        detail: expect.stringContaining('AUTHENTICATIONFAILED'),
      });
    });

    it('names the folders when the mailbox does not exist', async () => {
      const check = await checkImap({ ...imap, mailbox: 'Support' });
      expect(check).toMatchObject({ ok: false, stage: 'folder' });
      expect(check.message).toMatch(/^logged in, but the mailbox "Support" does not exist; folders: /);
      for (const folder of ['INBOX', 'Sent', 'Archive']) expect(check.message).toContain(folder);
    });

    it('reports a closed port at the connect stage', async () => {
      expect(await checkImap({ ...imap, port: closedPort })).toMatchObject({
        ok: false,
        stage: 'connect',
        message: `nothing answers on 127.0.0.1:${closedPort} (connection refused)`,
      });
    });

    it('reports an unknown host at the dns stage', async () => {
      expect(await checkImap({ ...imap, host: 'nonexistent.invalid' })).toMatchObject({
        ok: false,
        stage: 'dns',
        message: 'cannot find host nonexistent.invalid (DNS lookup failed)',
      });
    });

    it('tells to turn secure off when the port speaks plain text', async () => {
      expect(await checkImap({ ...imap, secure: true })).toMatchObject({
        ok: false,
        stage: 'tls',
        message: `port ${dovecot.port} does not speak TLS; set secure to false (TLS ports are usually 993)`,
      });
    });

    it('tells to turn secure on when the port waits for TLS', async () => {
      expect(await checkImap({ ...imap, port: tlsServer.port, connectionTimeoutMs: 500 })).toMatchObject({
        ok: false,
        stage: 'tls',
        message: `port ${tlsServer.port} sent no IMAP greeting within 0.5 s; it probably expects TLS: set secure to true`,
      });
    });

    it('reports an untrusted certificate at the tls stage', async () => {
      const check = await checkImap({ ...imap, port: tlsServer.port, secure: true });
      expect(check).toMatchObject({ ok: false, stage: 'tls' });
      expect(check.message).toMatch(/^the TLS certificate of 127\.0\.0\.1 is not trusted \(.+\); .*rejectUnauthorized to false/);
    });
  });

  describe('checkSmtp', () => {
    it('connects and logs in', async () => {
      expect(await checkSmtp(smtpSettings)).toEqual({
        ok: true,
        stage: 'ok',
        message: `connected to 127.0.0.1:${smtp.port}; logged in as relay`,
      });
    });

    it('reports a refused login at the auth stage', async () => {
      expect(await checkSmtp({ ...smtpSettings, password: 'wrong' })).toMatchObject({
        ok: false,
        stage: 'auth',
        message: 'the server refused the login for relay: check the user and password',
        detail: expect.stringContaining('535'),
      });
    });

    it('reports a closed port at the connect stage', async () => {
      expect(await checkSmtp({ ...smtpSettings, port: closedPort })).toMatchObject({
        ok: false,
        stage: 'connect',
        message: `nothing answers on 127.0.0.1:${closedPort} (connection refused)`,
      });
    });

    it('reports an unknown host at the dns stage', async () => {
      expect(await checkSmtp({ ...smtpSettings, host: 'nonexistent.invalid' })).toMatchObject({ ok: false, stage: 'dns' });
    });

    it('tells to turn secure off when the port speaks plain text', async () => {
      expect(await checkSmtp({ ...smtpSettings, secure: true })).toMatchObject({
        ok: false,
        stage: 'tls',
        message: `port ${smtp.port} does not speak TLS; set secure to false (TLS ports are usually 465)`,
      });
    });

    it('reports an untrusted certificate, and accepts it when told to', async () => {
      const tls = { host: tlsServer.host, port: tlsServer.port, secure: true };
      expect(await checkSmtp(tls)).toMatchObject({ ok: false, stage: 'tls', message: expect.stringContaining('is not trusted') });
      expect(await checkSmtp({ ...tls, rejectUnauthorized: false })).toMatchObject({
        ok: true,
        message: `connected to 127.0.0.1:${tlsServer.port}; no login configured`,
      });
    });
  });
});
