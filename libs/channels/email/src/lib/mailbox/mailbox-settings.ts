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
}

export const DEFAULT_CONNECTION_TIMEOUT_MS = 15_000;
