import { DovecotServer, startDovecot } from '../../testing';
import { withImapClient } from './imap-client';
import { FetchedMessage, ImapMailboxSession } from './imap-mailbox-session';
import { ImapSettings } from './mailbox-settings';

/** Accounts per concern, so tests do not see each other's mail. */
const users = ['fetch', 'flags', 'idle', 'closing', 'restored', 'recreated'].map((user) => ({ user, password: `${user}-secret` }));

describe('ImapMailboxSession', () => {
  let dovecot: DovecotServer;
  const sessions: ImapMailboxSession[] = [];

  beforeAll(async () => {
    dovecot = await startDovecot({ users });
  });

  afterEach(async () => {
    await Promise.all(sessions.splice(0).map((session) => session.close()));
  });

  afterAll(() => dovecot?.stop());

  function settingsOf(user: string, mailbox = 'INBOX'): ImapSettings {
    const { password } = users.find((candidate) => candidate.user === user) ?? { password: '' };
    return { host: dovecot.host, port: dovecot.port, secure: false, user, password, mailbox };
  }

  function sessionOf(user: string, mailbox?: string): ImapMailboxSession {
    const session = new ImapMailboxSession(settingsOf(user, mailbox));
    sessions.push(session);
    return session;
  }

  function deliver(user: string, subject: string, mailbox = 'INBOX') {
    const { password } = settingsOf(user);
    return dovecot.append(user, password, mailbox, `From: customer@example.com\r\nSubject: ${subject}\r\n\r\nAbout ${subject}\r\n`);
  }

  async function collect(messages: AsyncIterable<FetchedMessage>): Promise<FetchedMessage[]> {
    const all: FetchedMessage[] = [];
    for await (const message of messages) all.push(message);
    return all;
  }

  it('opens the mailbox and fetches what is new, in UID order, with the exact bytes', async () => {
    const delivered = [];
    for (const subject of ['a', 'b', 'c', 'd', 'e']) delivered.push(await deliver('fetch', subject));
    const session = sessionOf('fetch');

    const opened = await session.open();
    expect(opened).toEqual({
      uidValidity: delivered[0].uidValidity,
      uidNext: delivered[4].uid + 1,
      exists: 5,
      idleSupported: true,
    });

    const stored = await dovecot.list('fetch', settingsOf('fetch').password, 'INBOX');
    const all = await collect(session.fetchSince(0, 2));
    expect(all.map(({ uid, raw }) => ({ uid, raw }))).toEqual(stored.map(({ uid, source }) => ({ uid, raw: source })));
    expect(all[0].internalDate).toBeInstanceOf(Date);

    const rest = await collect(session.fetchSince(delivered[2].uid, 2));
    expect(rest.map((message) => message.uid)).toEqual([delivered[3].uid, delivered[4].uid]);
  });

  it('fetches nothing when lastUid is the highest UID (UID n:* still matches the last message)', async () => {
    const last = await deliver('fetch', 'latest');
    const session = sessionOf('fetch');
    await session.open();
    expect(await collect(session.fetchSince(last.uid, 10))).toEqual([]);
    expect(await collect(session.fetchSince(last.uid + 5, 10))).toEqual([]);
  });

  it('marks a processed message seen, moves it, or leaves it alone', async () => {
    const [seen, moved, untouched] = [await deliver('flags', 'seen'), await deliver('flags', 'moved'), await deliver('flags', 'untouched')];
    const session = sessionOf('flags');
    await session.open();

    await session.markProcessed(seen.uid, { kind: 'seen' });
    await session.markProcessed(moved.uid, { kind: 'move', folder: 'Archive' });
    await session.markProcessed(untouched.uid, { kind: 'none' });
    await expect(session.markProcessed(untouched.uid, { kind: 'move', folder: 'Nowhere' })).rejects.toThrow(
      `the server did not move message ${untouched.uid} to "Nowhere"; check that the folder exists`,
    );

    const { password } = settingsOf('flags');
    const inbox = await dovecot.list('flags', password, 'INBOX');
    expect(inbox.map(({ uid, flags }) => ({ uid, flags }))).toEqual([
      { uid: seen.uid, flags: ['\\Seen'] },
      { uid: untouched.uid, flags: [] },
    ]);
    const archive = await dovecot.list('flags', password, 'Archive');
    expect(archive.map((message) => message.source.toString())).toEqual([expect.stringContaining('Subject: moved')]);
  });

  it('wakes up through IDLE when mail arrives, and times out when none does', async () => {
    const session = sessionOf('idle');
    await session.open();

    expect(await session.waitForNewMail(300)).toBe('timeout');

    const started = Date.now();
    const waiting = session.waitForNewMail(10_000);
    await deliver('idle', 'while waiting');
    expect(await waiting).toBe('exists');
    expect(Date.now() - started).toBeLessThan(2000);
    expect((await collect(session.fetchSince(0, 10))).map((message) => message.raw.toString())).toEqual([expect.stringContaining('Subject: while waiting')]);
  });

  it('remembers mail announced while nobody waited, until the next fetch', async () => {
    const session = sessionOf('idle');
    const { uidNext } = await session.open();
    expect(await session.waitForNewMail(100)).toBe('timeout'); // IDLE goes on after the wait ends
    await deliver('idle', 'unattended');
    await new Promise((resolve) => setTimeout(resolve, 1000));

    expect(await session.waitForNewMail(0)).toBe('exists');
    expect(await collect(session.fetchSince(uidNext - 1, 10))).toHaveLength(1);
    expect(await session.waitForNewMail(0)).toBe('timeout');
  });

  it('stops waiting when aborted or closed, and refuses work once closed', async () => {
    const session = sessionOf('closing');
    await session.open();

    const controller = new AbortController();
    const aborted = session.waitForNewMail(10_000, controller.signal);
    controller.abort();
    expect(await aborted).toBe('aborted');

    const waiting = session.waitForNewMail(10_000);
    await session.close();
    expect(await waiting).toBe('closed');
    expect(await session.waitForNewMail(10)).toBe('closed');
    await expect(session.markProcessed(1, { kind: 'seen' })).rejects.toThrow('the IMAP session is not open: close() was called');
    await session.close();
  });

  it('is closed by a UIDVALIDITY change (restore from backup) and reports the new value when opened again', async () => {
    const kept = await deliver('restored', 'kept');
    const session = sessionOf('restored');
    expect((await session.open()).uidValidity).toBe(kept.uidValidity);

    const waiting = session.waitForNewMail(3000);
    const uidValidity = await dovecot.changeUidValidity('restored', 'INBOX');
    // Dovecot notices the reset at the next change to the mailbox, and drops the session.
    await deliver('restored', 'after the restore');
    expect(await waiting).toBe('closed');

    expect(await session.open()).toMatchObject({ uidValidity });
    // The caller starts again from UID 0 and finds the same message (deduplicated by Message-ID downstream).
    const again = await collect(session.fetchSince(0, 10));
    expect(again.map((message) => message.raw.toString())).toEqual([
      expect.stringContaining('Subject: kept'),
      expect.stringContaining('Subject: after the restore'),
    ]);
  });

  it('reports a new UIDVALIDITY after the mailbox is deleted and recreated', async () => {
    const settings = settingsOf('recreated', 'Support');
    await withImapClient(settings, (client) => client.mailboxCreate('Support'));
    await deliver('recreated', 'before', 'Support');
    const session = sessionOf('recreated', 'Support');
    const before = await session.open();
    await session.close();

    await withImapClient(settings, async (client) => {
      await client.mailboxDelete('Support');
      await client.mailboxCreate('Support');
    });

    const after = await session.open();
    expect(after.uidValidity).not.toBe(before.uidValidity);
    expect(after).toMatchObject({ uidNext: 1, exists: 0 });
  });
});
