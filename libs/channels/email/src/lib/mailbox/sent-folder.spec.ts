import { DovecotServer, startDovecot } from '../../testing';
import { ImapSettings } from './mailbox-settings';
import { appendMessage, findSentFolder } from './sent-folder';

const account = { user: 'support', password: 'support-secret' };
const reply = 'From: support@example.com\r\nTo: customer@example.com\r\nSubject: Re: help\r\n\r\nDone.\r\n';

describe('sent folder', () => {
  let dovecot: DovecotServer;
  let settings: ImapSettings;

  beforeAll(async () => {
    dovecot = await startDovecot({ users: [account] });
    settings = { host: dovecot.host, port: dovecot.port, secure: false, ...account, mailbox: 'INBOX' };
  });

  afterAll(() => dovecot?.stop());

  it('finds the folder flagged \\Sent', async () => {
    expect(await findSentFolder(settings)).toBe('Sent');
  });

  it('saves a copy as read', async () => {
    await appendMessage(settings, 'Archive', reply);
    const [saved] = await dovecot.list(account.user, account.password, 'Archive');
    expect(saved).toMatchObject({ flags: ['\\Seen'], source: Buffer.from(reply) });
  });

  it('creates the folder when it is missing', async () => {
    await appendMessage(settings, 'Outbox', Buffer.from(reply), []);
    expect(await dovecot.list(account.user, account.password, 'Outbox')).toEqual([{ uid: 1, flags: [], source: Buffer.from(reply) }]);
  });
});
