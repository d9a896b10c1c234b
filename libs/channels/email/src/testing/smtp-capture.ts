import * as net from 'node:net';
import { SMTPServer, SMTPServerDataStream, SMTPServerSession } from 'smtp-server';
import { DovecotServer } from './dovecot';

export interface SmtpCaptureOptions {
  /** Require AUTH PLAIN/LOGIN with these credentials; without it, authentication is optional. */
  auth?: { user: string; password: string };
  /** Answer every DATA with this reply instead of accepting the message. */
  failWith?: { code: number; message: string };
  /** Also APPEND every accepted message to this mailbox (INBOX by default): "the reply reached the customer". */
  deliverTo?: { dovecot: DovecotServer; user: string; password: string; mailbox?: string };
  /** Implicit TLS with smtp-server's built-in self-signed certificate, which clients do not trust. */
  secure?: boolean;
}

export interface CapturedMessage {
  from: string;
  to: string[];
  raw: Buffer;
}

export interface SmtpCapture {
  host: '127.0.0.1';
  port: number;
  /** Accepted messages in arrival order (rejected ones are not recorded). */
  messages: CapturedMessage[];
  /** Resolves with `messages` once at least `count` have arrived. */
  waitForMessages(count: number, timeoutMs?: number): Promise<CapturedMessage[]>;
  /** Closes the server; safe to call twice. */
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';

/** An SMTP server on a free local port that records what it receives. */
export async function startSmtpCapture(options: SmtpCaptureOptions = {}): Promise<SmtpCapture> {
  const messages: CapturedMessage[] = [];
  const waiters = new Set<() => void>();
  const { auth, failWith, deliverTo } = options;

  const server = new SMTPServer({
    secure: options.secure ?? false,
    logger: false,
    disabledCommands: auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !auth,
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    closeTimeout: 1000,
    onAuth(credentials, _session, callback) {
      if (auth && credentials.username === auth.user && credentials.password === auth.password) {
        callback(null, { user: auth.user });
      } else {
        callback(smtpError(535, 'Invalid username or password'));
      }
    },
    onData(stream, session, callback) {
      receive(stream, session).then(
        () => callback(),
        (error: Error) => callback(error),
      );
    },
  });
  // A client that gives up mid-handshake (as the TLS mismatch tests do) is not a server failure.
  server.on('error', () => undefined);

  async function receive(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    if (failWith) throw smtpError(failWith.code, failWith.message);
    const message: CapturedMessage = {
      from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
      to: session.envelope.rcptTo.map((recipient) => recipient.address),
      raw: Buffer.concat(chunks),
    };
    if (deliverTo) {
      const { dovecot, user, password, mailbox = 'INBOX' } = deliverTo;
      await dovecot.append(user, password, mailbox, message.raw).catch((error: Error) => {
        throw smtpError(451, `could not deliver to the test mailbox: ${error.message}`);
      });
    }
    messages.push(message);
    waiters.forEach((wake) => wake());
  }

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, HOST, resolve);
  });
  const { port } = server.server.address() as net.AddressInfo;

  let stopping: Promise<void> | undefined;
  return {
    host: HOST,
    port,
    messages,
    waitForMessages(count, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (messages.length < count) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(messages);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`expected ${count} message(s) within ${timeoutMs} ms, received ${messages.length}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    stop() {
      stopping ??= new Promise((resolve) => server.close(resolve));
      return stopping;
    },
  };
}

function smtpError(responseCode: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode });
}
