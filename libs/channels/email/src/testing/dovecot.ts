import { ChildProcess, execFile, spawn } from 'node:child_process';
import { promises as fs, openSync, closeSync, constants as fsConstants } from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { withImapClient } from '../lib/mailbox/imap-client';
import { findFreePort } from './free-port';

export interface DovecotUser {
  user: string;
  password: string;
}

export interface DovecotOptions {
  users: DovecotUser[];
}

export interface StoredMessage {
  uid: number;
  flags: string[];
  source: Buffer;
}

export interface DovecotServer {
  host: '127.0.0.1';
  port: number;
  /** Pid of the Dovecot master process. */
  pid: number;
  configPath: string;
  /** Stops Dovecot (and every process it started) and removes its directory; safe to call twice. */
  stop(): Promise<void>;
  /** APPENDs a message over IMAP, as any mail client would. */
  append(user: string, password: string, mailbox: string, raw: Buffer | string, flags?: string[]): Promise<{ uid: number; uidValidity: number }>;
  /** Every message in the mailbox, in UID order. */
  list(user: string, password: string, mailbox: string): Promise<StoredMessage[]>;
  /**
   * Gives the mailbox a new UIDVALIDITY and keeps its messages, as a server restored from a backup
   * does (works for INBOX, which cannot be deleted and recreated). A client that has the mailbox
   * selected is disconnected when Dovecot next syncs it, e.g. on new mail. Returns the new UIDVALIDITY.
   */
  changeUidValidity(user: string, mailbox: string): Promise<number>;
}

const HOST = '127.0.0.1';
const START_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 5_000;
/** Dovecot writes its early fatal errors (bad config) to stderr, everything else to its log_path. */
const LOG_FILES = { stderr: 'stderr.log', dovecot: 'dovecot.log' };
/** Users the dovecot-core package creates; Dovecot refuses root for mail access and for login processes. */
const MAIL_USER = 'dovecot';
const LOGIN_USER = 'dovenull';

const execFileAsync = promisify(execFile);

/**
 * `read` returns when its stdin, a pipe from this Node process, closes: that happens however the
 * process ends, even on SIGKILL, which no exit handler sees. Then it stops the master ($1), gives it
 * 5 s to exit, and removes the directory ($2).
 */
const GUARD_SCRIPT = `read _
kill -TERM "$1"
for _ in $(seq 50); do kill -0 "$1" 2>/dev/null || break; sleep 0.1; done
rm -rf "$2"`;

/**
 * Starts a private Dovecot (IMAP only, plain text, Maildir) in a fresh temporary directory, with
 * INBOX, Sent and Archive in every account. Needs root and the dovecot-imapd package.
 */
export async function startDovecot(options: DovecotOptions): Promise<DovecotServer> {
  const dovecot = await findBinary('dovecot');
  const doveadm = await findBinary('doveadm');
  if (process.getuid?.() !== 0) {
    throw new Error('startDovecot needs root: Dovecot switches to its own system users');
  }
  const mailUser = await systemUser(MAIL_USER);
  await systemUser(LOGIN_USER);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'dovecot-'));
  try {
    // The mail processes run as the dovecot user and have to reach <dir>/mail.
    await fs.chmod(dir, 0o711);
    await fs.mkdir(path.join(dir, 'mail'));
    await fs.chown(path.join(dir, 'mail'), mailUser.uid, mailUser.gid);
    await fs.writeFile(path.join(dir, 'users'), passwdFile(options.users), { mode: 0o600 });
    // Another process may take the free port before Dovecot binds it; then try another one.
    for (let attempt = 1; ; attempt++) {
      const port = await findFreePort(HOST);
      const configPath = path.join(dir, 'dovecot.conf');
      await fs.writeFile(configPath, dovecotConfig(dir, port, mailUser));
      try {
        const processes = await launch(dovecot, configPath, dir, port);
        return runningServer(dir, configPath, port, processes, doveadm);
      } catch (error) {
        if (attempt === 3 || !String(error).includes('Address already in use')) throw error;
      }
    }
  } catch (error) {
    await fs.rm(dir, { recursive: true, force: true });
    throw error;
  }
}

function dovecotConfig(dir: string, port: number, mailUser: { uid: number; gid: number }): string {
  return `# Written by startDovecot for one test run.
protocols = imap
listen = ${HOST}
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/${LOG_FILES.dovecot}
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_verbose = yes
# Refused logins answer at once, and do not slow down the next logins from 127.0.0.1 (the
# documented way to turn the per-IP auth penalty off is to close anvil's penalty socket).
auth_failure_delay = 0
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
# Dovecot accepts root for its internal processes (auth reads the 0600 users file) but not for
# login processes or mail access.
default_internal_user = root
default_internal_group = root
default_login_user = ${LOGIN_USER}
mail_uid = ${MAIL_USER}
mail_gid = ${MAIL_USER}
first_valid_uid = ${mailUser.uid}
first_valid_gid = ${mailUser.gid}
mail_location = maildir:${dir}/mail/%u
mail_fsync = never
passdb {
  driver = passwd-file
  args = scheme=PLAIN ${dir}/users
}
userdb {
  driver = passwd-file
  args = ${dir}/users
}
service imap-login {
  inet_listener imap {
    address = ${HOST}
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
namespace inbox {
  inbox = yes
  separator = /
  mailbox Sent {
    auto = subscribe
    special_use = \\Sent
  }
  mailbox Archive {
    auto = subscribe
    special_use = \\Archive
  }
}
`;
}

function passwdFile(users: DovecotUser[]): string {
  return users
    .map(({ user, password }) => {
      if (!user || /[:\s]/.test(user) || /[:\r\n]/.test(password)) {
        throw new Error(`startDovecot: user "${user}" or its password has a character the passwd-file cannot hold`);
      }
      return `${user}:{PLAIN}${password}::::::\n`;
    })
    .join('');
}

interface DovecotProcesses {
  master: ChildProcess & { pid: number };
  /** Stops Dovecot and removes its directory when this Node process goes away without stop(). */
  guard: ChildProcess;
  exited: Promise<void>;
}

async function launch(dovecot: string, configPath: string, dir: string, port: number): Promise<DovecotProcesses> {
  // A retry must not report the previous attempt's log.
  await Promise.all(Object.values(LOG_FILES).map((name) => fs.rm(path.join(dir, name), { force: true })));
  const stderr = openSync(path.join(dir, LOG_FILES.stderr), 'a');
  const master = spawn(dovecot, ['-F', '-c', configPath], { stdio: ['ignore', stderr, stderr] });
  closeSync(stderr);
  const exited = new Promise<void>((resolve) => master.once('exit', () => resolve()));
  const spawned = await new Promise<Error | undefined>((resolve) => {
    master.once('spawn', () => resolve(undefined));
    master.once('error', resolve);
  });
  if (spawned || master.pid === undefined) throw spawned ?? new Error(`could not start ${dovecot}`);
  const guard = spawn('sh', ['-c', GUARD_SCRIPT, 'dovecot-guard', String(master.pid), dir], {
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  // Neither process may keep Jest alive; the guard still cleans up if a test forgets stop().
  master.unref();
  guard.unref();
  if (guard.stdin instanceof net.Socket) guard.stdin.unref();
  const processes = { master: master as DovecotProcesses['master'], guard, exited };

  let stopped = false;
  void exited.then(() => (stopped = true));
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!stopped && Date.now() < deadline) {
    if ((await readGreeting(port).catch(() => '')).startsWith('* OK')) return processes;
    await delay(50);
  }
  await terminate(processes);
  const why = stopped ? 'exited while starting' : `did not answer on ${HOST}:${port} within ${START_TIMEOUT_MS} ms`;
  throw new Error(`dovecot ${why}:\n${await readLogs(dir)}`);
}

function runningServer(dir: string, configPath: string, port: number, processes: DovecotProcesses, doveadm: string): DovecotServer {
  let stopping: Promise<void> | undefined;
  const account = (user: string, password: string) => ({ host: HOST, port, secure: false, user, password });
  return {
    host: HOST,
    port,
    pid: processes.master.pid,
    configPath,
    stop() {
      stopping ??= terminate(processes).then(() => fs.rm(dir, { recursive: true, force: true }));
      return stopping;
    },
    append(user, password, mailbox, raw, flags) {
      return withImapClient(account(user, password), async (client) => {
        const appended = await client.append(mailbox, raw, flags);
        if (!appended || appended.uid === undefined || appended.uidValidity === undefined) {
          throw new Error(`APPEND to ${mailbox} did not report a UID`);
        }
        return { uid: appended.uid, uidValidity: Number(appended.uidValidity) };
      });
    },
    list(user, password, mailbox) {
      return withImapClient(account(user, password), async (client) => {
        const opened = await client.mailboxOpen(mailbox, { readOnly: true });
        if (opened.exists === 0) return [];
        const messages = await client.fetchAll('1:*', { uid: true, flags: true, source: true });
        return messages
          .map((message) => ({
            uid: message.uid,
            // \Recent only says which session saw the message first.
            flags: [...(message.flags ?? [])].filter((flag) => flag !== '\\Recent'),
            source: message.source ?? Buffer.alloc(0),
          }))
          .sort((a, b) => a.uid - b.uid);
      });
    },
    async changeUidValidity(user, mailbox) {
      const doveadmArgs = ['-f', 'flow', '-c', configPath, 'mailbox'];
      const { stdout } = await execFileAsync(doveadm, [...doveadmArgs, 'status', '-u', user, 'uidvalidity', mailbox]);
      const current = Number(/uidvalidity=(\d+)/.exec(stdout)?.[1]);
      if (!current) throw new Error(`doveadm did not report the UIDVALIDITY of ${mailbox}: ${stdout}`);
      const next = current + 1;
      await execFileAsync(doveadm, [...doveadmArgs, 'update', '-u', user, '--uid-validity', String(next), mailbox]);
      return next;
    },
  };
}

/** SIGTERM (the master stops its children first), SIGKILL if it hangs. */
async function terminate({ master, guard, exited }: DovecotProcesses): Promise<void> {
  guard.kill('SIGKILL');
  if (master.exitCode === null && master.signalCode === null) master.kill('SIGTERM');
  const timer = setTimeout(() => master.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

async function readLogs(dir: string): Promise<string> {
  const logs = await Promise.all(Object.values(LOG_FILES).map((name) => fs.readFile(path.join(dir, name), 'utf8').catch(() => '')));
  return logs.join('').trim() || '(Dovecot wrote no log)';
}

function readGreeting(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: HOST, port });
    socket.setTimeout(1000, () => socket.destroy(new Error('no greeting')));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString('latin1'));
    });
    socket.once('error', reject);
    socket.once('close', () => reject(new Error('closed without greeting')));
  });
}

async function findBinary(name: string): Promise<string> {
  // /usr/sbin is not on every PATH.
  const dirs = [...(process.env['PATH'] ?? '').split(path.delimiter), '/usr/sbin', '/usr/local/sbin'];
  for (const candidate of dirs.filter(Boolean).map((dir) => path.join(dir, name))) {
    if (
      await fs.access(candidate, fsConstants.X_OK).then(
        () => true,
        () => false,
      )
    )
      return candidate;
  }
  throw new Error(`dovecot is not installed: apt-get install dovecot-imapd (no ${name} binary found)`);
}

async function systemUser(name: string): Promise<{ uid: number; gid: number }> {
  const passwd = await fs.readFile('/etc/passwd', 'utf8');
  const fields = passwd
    .split('\n')
    .find((line) => line.startsWith(`${name}:`))
    ?.split(':');
  if (!fields) throw new Error(`system user ${name} is missing; it comes with dovecot-core: apt-get install dovecot-imapd`);
  return { uid: Number(fields[2]), gid: Number(fields[3]) };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
