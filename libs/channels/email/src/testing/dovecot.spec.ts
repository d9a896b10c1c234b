import { promises as fs } from 'node:fs';
import { ImapFlow } from 'imapflow';
import { DovecotServer, startDovecot } from './dovecot';

const user = 'support';
const password = 'support-secret';

describe('startDovecot', () => {
  let dovecot: DovecotServer;
  let startedInMs: number;

  beforeAll(async () => {
    const started = Date.now();
    dovecot = await startDovecot({ users: [{ user, password }] });
    startedInMs = Date.now() - started;
  });

  afterAll(() => dovecot?.stop());

  it('starts within a few seconds and accepts a login', async () => {
    expect(startedInMs).toBeLessThan(5000);
    const client = new ImapFlow({ host: dovecot.host, port: dovecot.port, secure: false, auth: { user, pass: password }, logger: false });
    await client.connect();
    const folders = await client.list();
    await client.logout();
    expect(folders.map((folder) => [folder.path, folder.specialUse])).toEqual(
      expect.arrayContaining([
        ['INBOX', '\\Inbox'],
        ['Sent', '\\Sent'],
        ['Archive', '\\Archive'],
      ]),
    );
  });

  it('refuses a wrong password', async () => {
    const client = new ImapFlow({ host: dovecot.host, port: dovecot.port, secure: false, auth: { user, pass: 'wrong' }, logger: false });
    await expect(client.connect()).rejects.toMatchObject({ authenticationFailed: true });
  });

  it('lists appended messages with their exact bytes and flags', async () => {
    const raw = 'From: a@example.com\r\nSubject: round trip\r\n\r\nbody\r\n';
    const first = await dovecot.append(user, password, 'Sent', raw, ['\\Seen']);
    const second = await dovecot.append(user, password, 'Sent', Buffer.from(raw));
    expect(second).toEqual({ uid: first.uid + 1, uidValidity: first.uidValidity });

    const stored = await dovecot.list(user, password, 'Sent');
    expect(stored).toEqual([
      { uid: first.uid, flags: ['\\Seen'], source: Buffer.from(raw) },
      { uid: second.uid, flags: [], source: Buffer.from(raw) },
    ]);
    expect(await dovecot.list(user, password, 'Archive')).toEqual([]);
  });

  it('changes UIDVALIDITY and keeps the messages', async () => {
    const { uidValidity } = await dovecot.append(user, password, 'INBOX', 'Subject: kept\r\n\r\nx\r\n');
    const changed = await dovecot.changeUidValidity(user, 'INBOX');
    expect(changed).not.toBe(uidValidity);
    const after = await dovecot.append(user, password, 'INBOX', 'Subject: after\r\n\r\nx\r\n');
    expect(after.uidValidity).toBe(changed);
    expect(await dovecot.list(user, password, 'INBOX')).toHaveLength(2);
  });

  it('stops every process it started and removes its directory', async () => {
    const other = await startDovecot({ users: [{ user, password }] });
    const children = await childPids(other.pid);
    expect(children.length).toBeGreaterThan(0);

    await other.stop();
    await other.stop();

    for (const pid of [other.pid, ...children]) expect(await isAlive(pid)).toBe(false);
    await expect(fs.access(other.configPath)).rejects.toThrow();
  });
});

async function childPids(parent: number): Promise<number[]> {
  const pids = (await fs.readdir('/proc')).filter((name) => /^\d+$/.test(name)).map(Number);
  const parents = await Promise.all(pids.map(async (pid) => (await procStat(pid))?.ppid));
  return pids.filter((_, index) => parents[index] === parent);
}

/** A dead child whose parent exited stays a zombie until init reaps it; that is not a leftover process. */
async function isAlive(pid: number): Promise<boolean> {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  return (await procStat(pid))?.state !== 'Z';
}

async function procStat(pid: number): Promise<{ state: string; ppid: number } | undefined> {
  const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  if (!stat) return undefined;
  // "pid (name) state ppid ...": the name may contain spaces, so read the fields after it.
  const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { state, ppid: Number(ppid) };
}
