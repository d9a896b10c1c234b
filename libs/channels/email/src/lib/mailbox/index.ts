export type { ImapAccount, ImapSettings, SmtpSettings } from './mailbox-settings';
export * from './connection-check';
export * from './imap-mailbox-session';
export * from './sent-folder';
