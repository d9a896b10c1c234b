import { createTransport, type NodemailerError, type SendMailOptions } from 'nodemailer';
import { OutboundRefusedError } from '@throughline/channels/outbound';
import { DEFAULT_CONNECTION_TIMEOUT_MS, mailServerTarget, type SmtpSettings } from '../mailbox/mailbox-settings';

export interface SentEmail {
  messageId: string;
  response: string;
  accepted: string[];
  rejected: string[];
}

/**
 * Why a message could not be handed to the SMTP server. `permanent` is true when sending the same
 * message again will fail the same way (a 5xx answer, a refused login); false for what may pass
 * later (a 4xx answer, an unreachable or slow server, DNS trouble).
 */
export class EmailDeliveryError extends Error {
  constructor(
    readonly reason: string,
    readonly permanent: boolean,
    readonly code?: string,
    readonly responseCode?: number,
  ) {
    super(reason);
    this.name = 'EmailDeliveryError';
  }
}

/** Sends one message through the connector's SMTP server; throws EmailDeliveryError. */
export async function sendEmail(smtp: SmtpSettings, options: SendMailOptions): Promise<SentEmail> {
  const timeout = smtp.connectionTimeoutMs ?? DEFAULT_CONNECTION_TIMEOUT_MS;
  let target: { host: string; servername?: string };
  try {
    target = await mailServerTarget(smtp);
  } catch (err) {
    // A forbidden address stays forbidden: retrying cannot help.
    if (err instanceof OutboundRefusedError) throw new EmailDeliveryError(`SMTP server refused: ${err.message}`, true, 'EOUTBOUNDREFUSED');
    throw toDeliveryError(err as NodemailerError, smtp);
  }
  const transport = createTransport({
    ...target,
    port: smtp.port,
    secure: smtp.secure,
    ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password ?? '' } } : {}),
    tls: { rejectUnauthorized: smtp.rejectUnauthorized ?? true },
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout * 2,
  });
  try {
    const info = await transport.sendMail(options);
    return {
      messageId: info.messageId,
      response: info.response,
      accepted: info.accepted.map(String),
      rejected: info.rejected.map(String),
    };
  } catch (err) {
    throw toDeliveryError(err as NodemailerError, smtp);
  } finally {
    transport.close();
  }
}

const NETWORK_CODES: Record<string, string | undefined> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
};

/** `535 5.7.8 Error: authentication failed` → `535 5.7.8`. */
function replyStatus(err: NodemailerError): string | undefined {
  const enhanced = /\b[245]\.\d{1,3}\.\d{1,3}\b/.exec(err.response ?? '')?.[0];
  return err.responseCode ? [err.responseCode, enhanced].filter(Boolean).join(' ') : undefined;
}

/** The server's own words after the status codes, shortened. */
function replyText(err: NodemailerError): string {
  const text = (err.response ?? '').replace(/^\d{3}[ -]?(\d\.\d{1,3}\.\d{1,3})?\s*/, '').trim();
  return text ? `: ${text.length > 200 ? `${text.slice(0, 200)}…` : text}` : '';
}

export function toDeliveryError(err: NodemailerError, smtp: Pick<SmtpSettings, 'host' | 'port' | 'user'>): EmailDeliveryError {
  const server = `${smtp.host}:${smtp.port}`;
  const status = replyStatus(err);
  const responseCode = err.responseCode;
  const make = (reason: string, permanent: boolean) => new EmailDeliveryError(reason, permanent, err.code, responseCode);

  if (err.code === 'EAUTH' || err.code === 'ENOAUTH') {
    // RFC 4954 454 is a temporary authentication failure (server-side trouble); any other refusal
    // means the credentials are wrong and retrying cannot fix them.
    const temporary = responseCode !== undefined && responseCode >= 400 && responseCode < 500;
    const login = smtp.user ? ` for ${smtp.user}` : '';
    const detail = err.code === 'ENOAUTH' ? 'requires a login but none is configured' : `refused the login${login}`;
    return make(`the SMTP server ${server} ${detail}${status ? ` (${status})` : ''}${replyText(err)}`, !temporary);
  }
  if (responseCode !== undefined && responseCode >= 500) {
    return make(`the SMTP server ${server} rejected the message (${status})${replyText(err)}`, true);
  }
  if (responseCode !== undefined && responseCode >= 400) {
    return make(`the SMTP server ${server} deferred the message (${status})${replyText(err)}; it can be retried`, false);
  }
  // Socket errors arrive as ESOCKET/ECONNECTION with the system error named in the message.
  const systemError = /\b(E[A-Z]+)\b/.exec(`${err.code ?? ''} ${err.message}`.replace(/\bE(?:SOCKET|CONNECTION)\b/g, ''))?.[1];
  const network = systemError ? NETWORK_CODES[systemError] : undefined;
  switch (err.code) {
    case 'EDNS':
    case 'ENOTFOUND':
      return make(`the SMTP server name ${smtp.host} could not be resolved (${err.message})`, false);
    case 'ETIMEDOUT':
      return make(`the SMTP server ${server} did not answer in time`, false);
    case 'ETLS':
      return make(`the TLS handshake with the SMTP server ${server} failed: ${err.message}`, false);
    case 'EENVELOPE':
    case 'ECONFIG':
    case 'EMESSAGE':
      // Our own message or settings are unusable; sending it again cannot help.
      return make(`the message could not be sent: ${err.message}`, true);
    default:
      return make(`could not talk to the SMTP server ${server} (${network ?? err.message})`, false);
  }
}
