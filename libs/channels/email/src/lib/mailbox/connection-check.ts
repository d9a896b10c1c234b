import { promises as dns } from 'node:dns';
import type { ConnectionCheckView } from '@throughline/domain';
import { MailboxObject } from 'imapflow';
import { createTransport } from 'nodemailer';
import { closeImapClient, createImapClient } from './imap-client';
import { OutboundRefusedError } from '@throughline/channels/outbound';
import { DEFAULT_CONNECTION_TIMEOUT_MS, ImapSettings, mailServerTarget, SmtpSettings } from './mailbox-settings';

/** The outcome of trying a connector's mail server, worded for the admin who set it up (the API's shape). */
export type ConnectionCheck = ConnectionCheckView;
export type ConnectionCheckStage = ConnectionCheck['stage'];

/** Logs in to the IMAP server and opens the connector's mailbox (read-only), as the poller will. */
export async function checkImap(settings: ImapSettings): Promise<ConnectionCheck> {
  const server = { ...settings, protocol: 'IMAP' as const };
  const target = await resolveTarget(settings);
  if ('ok' in target) return target;

  const client = await createImapClient(settings, { disableAutoIdle: true });
  try {
    await client.connect();
  } catch (error) {
    if ((error as MailError).authenticationFailed) return loginRefused(settings.user, error as MailError);
    return describeConnectionFailure(error, server);
  }
  try {
    let mailbox: MailboxObject;
    try {
      mailbox = await client.mailboxOpen(settings.mailbox, { readOnly: true });
    } catch (error) {
      const folders = await client.list().then(
        (list) => list.map((folder) => folder.path).join(', '),
        () => 'unknown',
      );
      const problem = (error as MailError).mailboxMissing ? 'does not exist' : 'cannot be opened';
      return failure('folder', `logged in, but the mailbox "${settings.mailbox}" ${problem}; folders: ${folders}`, error as MailError);
    }
    const idle = client.capabilities.has('IDLE') ? 'IDLE supported' : 'no IDLE: new mail is found by polling';
    return {
      ok: true,
      stage: 'ok',
      message: `logged in to ${settings.host}:${settings.port} as ${settings.user}; ${mailbox.path} has ${mailbox.exists} ${plural(mailbox.exists, 'message')}; ${idle}`,
    };
  } finally {
    await closeImapClient(client);
  }
}

/** Connects to the SMTP server and, when a user is set, logs in (nodemailer's verify()). */
export async function checkSmtp(settings: SmtpSettings): Promise<ConnectionCheck> {
  const server = { ...settings, protocol: 'SMTP' as const };
  const target = await resolveTarget(settings);
  if ('ok' in target) return target;

  const transport = createTransport({
    ...target,
    port: settings.port,
    secure: settings.secure,
    auth: settings.user ? { user: settings.user, pass: settings.password ?? '' } : undefined,
    tls: { rejectUnauthorized: settings.rejectUnauthorized ?? true },
    connectionTimeout: settings.connectionTimeoutMs ?? DEFAULT_CONNECTION_TIMEOUT_MS,
    greetingTimeout: settings.connectionTimeoutMs ?? DEFAULT_CONNECTION_TIMEOUT_MS,
  });
  try {
    await transport.verify();
  } catch (error) {
    if ((error as MailError).code === 'EAUTH') return loginRefused(settings.user ?? '', error as MailError);
    return describeConnectionFailure(error, server);
  } finally {
    transport.close();
  }
  const login = settings.user ? `logged in as ${settings.user}` : 'no login configured';
  return { ok: true, stage: 'ok', message: `connected to ${settings.host}:${settings.port}; ${login}` };
}

/** The fields imapflow and nodemailer put on their errors (nodemailer keeps the socket's code in originalCode). */
interface MailError extends Error {
  code?: string;
  originalCode?: string;
  timeoutType?: string;
  reason?: string;
  response?: unknown;
  responseText?: string;
  authenticationFailed?: boolean;
  tlsFailed?: boolean;
  mailboxMissing?: boolean;
}

interface MailServer {
  protocol: 'IMAP' | 'SMTP';
  host: string;
  port: number;
  secure: boolean;
  connectionTimeoutMs?: number;
}

const CERTIFICATE_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);
const UNREACHABLE_CODES = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENETDOWN']);
const CLOSED_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNECTION', 'ClosedAfterConnectText', 'ClosedAfterConnectTLS', 'EConnectionClosed']);
/** What OpenSSL says when the other side answers in plain text. */
const NOT_TLS = /wrong version number|packet length too long|unknown protocol|http request/i;

/** Where to connect (see mailServerTarget), or the check's failure: a name that does not resolve, or an address the outbound guard refuses. */
async function resolveTarget(settings: ImapSettings | SmtpSettings): Promise<{ host: string; servername?: string } | ConnectionCheck> {
  try {
    const target = await mailServerTarget(settings);
    // Without the guard the client resolves the name itself; look it up here to say clearly when it does not exist.
    if (!settings.outbound) await dns.lookup(settings.host);
    return target;
  } catch (error) {
    if (error instanceof OutboundRefusedError) return failure('connect', error.message, error);
    return failure('dns', `cannot find host ${settings.host} (DNS lookup failed)`, error as MailError);
  }
}

function loginRefused(user: string, error: MailError): ConnectionCheck {
  return failure('auth', `the server refused the login for ${user}: check the user and password`, error);
}

/** Names what went wrong before login; anything unrecognised is reported as a connection failure. */
function describeConnectionFailure(error: unknown, server: MailServer): ConnectionCheck {
  const e = error as MailError;
  const code = e.timeoutType ?? e.originalCode ?? e.code ?? '';
  const where = `${server.host}:${server.port}`;
  const seconds = `${(server.connectionTimeoutMs ?? DEFAULT_CONNECTION_TIMEOUT_MS) / 1000} s`;
  const tlsPort = server.protocol === 'IMAP' ? 993 : 465;

  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EDNS') {
    return failure('dns', `cannot find host ${server.host} (DNS lookup failed)`, e);
  }
  if (code === 'ECONNREFUSED') return failure('connect', `nothing answers on ${where} (connection refused)`, e);
  if (code === 'CONNECT_TIMEOUT' || code === 'ETIMEDOUT') {
    return failure('connect', `nothing answers on ${where} (no connection within ${seconds})`, e);
  }
  if (UNREACHABLE_CODES.has(code)) return failure('connect', `cannot reach ${where} (${code})`, e);
  if (CERTIFICATE_CODES.has(code)) {
    return failure(
      'tls',
      `the TLS certificate of ${server.host} is not trusted (${e.message}); fix it on the server, or set rejectUnauthorized to false if you trust this server`,
      e,
    );
  }
  if (server.secure && NOT_TLS.test(`${e.reason ?? ''} ${e.message}`)) {
    return failure('tls', `port ${server.port} does not speak TLS; set secure to false (TLS ports are usually ${tlsPort})`, e);
  }
  if (code === 'GREETING_TIMEOUT') {
    // A TLS port waits for the client's handshake and never greets a plain-text client.
    return server.secure
      ? failure('connect', `${where} accepted the connection but sent no ${server.protocol} greeting within ${seconds}`, e)
      : failure('tls', `port ${server.port} sent no ${server.protocol} greeting within ${seconds}; it probably expects TLS: set secure to true`, e);
  }
  if (e.tlsFailed || code === 'ETLS' || code === 'UPGRADE_TIMEOUT' || code.startsWith('ERR_SSL_')) {
    return failure('tls', `the TLS handshake with ${where} failed (${e.reason ?? e.message})`, e);
  }
  if (code === 'EPROTOCOL') return failure('connect', `${where} does not answer like an ${server.protocol} server`, e);
  if (CLOSED_CODES.has(code)) {
    return failure('connect', `${where} closed the connection before the ${server.protocol} session started${e.reason ? ` (${e.reason})` : ''}`, e);
  }
  return failure('connect', `talking to ${where} failed: ${e.message}`, e);
}

function failure(stage: ConnectionCheckStage, message: string, error: MailError): ConnectionCheck {
  const serverSaid = typeof error.response === 'string' ? error.response : error.responseText;
  const words = [error.originalCode ?? error.code, serverSaid ?? error.message].filter(Boolean);
  return { ok: false, stage, message, detail: words.join(': ').trim() };
}

function plural(count: number, noun: string): string {
  return count === 1 ? noun : `${noun}s`;
}
