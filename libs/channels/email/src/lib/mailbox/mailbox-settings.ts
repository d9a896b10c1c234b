import { guardedAddress, type OutboundPolicy } from '@throughline/channels/outbound';

/** Where and as whom to log in to an IMAP server. */
export interface ImapAccount {
  host: string;
  port: number;
  /** true: TLS from the first byte (993); false: plain text, upgraded with STARTTLS when the server offers it (143). */
  secure: boolean;
  user: string;
  password: string;
  /** false accepts certificates that do not verify (self-signed); default true. */
  rejectUnauthorized?: boolean;
  /** For connecting and for the server's greeting, each; default 15 s. */
  connectionTimeoutMs?: number;
  /** The outbound guard for a host from connector settings (SSRF); without it the host is connected as given. */
  outbound?: OutboundPolicy;
}

/** An IMAP connector: the account and the mailbox it reads. */
export interface ImapSettings extends ImapAccount {
  mailbox: string;
}

export interface SmtpSettings {
  host: string;
  port: number;
  /** true: TLS from the first byte (465); false: STARTTLS when offered (587, 25). */
  secure: boolean;
  /** Without a user, no login is attempted. */
  user?: string;
  password?: string;
  rejectUnauthorized?: boolean;
  /** For connecting and for the server's greeting, each; default 15 s. */
  connectionTimeoutMs?: number;
  /** The outbound guard for a host from connector settings (SSRF); without it the host is connected as given. */
  outbound?: OutboundPolicy;
}

/**
 * Where to connect for a mail server from connector settings: the address the outbound guard
 * checked (with the name kept for TLS: SNI and the certificate check), or the host as given.
 * Rejects with OutboundRefusedError for a forbidden address.
 */
export async function mailServerTarget(settings: { host: string; outbound?: OutboundPolicy }): Promise<{ host: string; servername?: string }> {
  if (!settings.outbound) return { host: settings.host };
  const address = await guardedAddress(settings.outbound, settings.host);
  return address === settings.host ? { host: address } : { host: address, servername: settings.host };
}

export const DEFAULT_CONNECTION_TIMEOUT_MS = 15_000;
