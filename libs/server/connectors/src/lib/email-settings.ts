import { z } from 'zod';
import type { ImapSettings, SmtpSettings } from '@throughline/channels/email';
import type { OutboundPolicy } from '@throughline/channels/outbound';

const host = z.string().trim().min(1, 'is required').max(253);
const port = z.number().int().min(1).max(65535);

/** Outgoing mail server for replies (any email connector). */
export const smtpConfigSchema = z
  .object({
    host,
    port: port.default(587),
    /** true: TLS from the first byte (465); false: STARTTLS when offered (587, 25). */
    secure: z.boolean().default(false),
    user: z.string().min(1).optional(),
    tlsRejectUnauthorized: z.boolean().default(true),
  })
  .strict();

/** What every email connector shares: the address it owns and how its mail threads. */
const emailCommon = {
  address: z.email({ message: 'must be an email address' }).transform((v) => v.toLowerCase()),
  fromName: z.string().trim().min(1).max(100).optional(),
  /** Mail without usable headers joins the same sender's conversation with the same subject within this many days; 0 turns it off. */
  threadBySubjectWithinDays: z.number().int().min(0).max(365).default(7),
  smtp: smtpConfigSchema.optional(),
};

export const smtpProviderConfigSchema = z.object(emailCommon).strict();

export const imapProviderConfigSchema = z
  .object({
    ...emailCommon,
    host,
    port: port.default(993),
    secure: z.boolean().default(true),
    user: z.string().min(1, 'is required'),
    mailbox: z.string().min(1).default('INBOX'),
    /** What happens to a message in the mailbox once it is stored: marked read, moved, or left alone. */
    afterProcessing: z.enum(['seen', 'move', 'none']).default('seen'),
    processedFolder: z.string().min(1).optional(),
    pollIntervalSeconds: z.number().int().min(5).max(3600).default(30),
    /** Append a copy of each reply to the mailbox's Sent folder, so the team's mail client shows it. */
    saveSentCopy: z.boolean().default(true),
    sentFolder: z.string().min(1).optional(),
    tlsRejectUnauthorized: z.boolean().default(true),
  })
  .strict()
  .refine((c) => c.afterProcessing !== 'move' || Boolean(c.processedFolder), {
    message: 'processedFolder is required when afterProcessing is "move"',
    path: ['processedFolder'],
  });

export type ImapProviderConfig = z.infer<typeof imapProviderConfigSchema>;

export function imapSettingsOf(config: Record<string, unknown>, secrets: Record<string, string>, outbound?: OutboundPolicy): ImapSettings {
  const c = config as ImapProviderConfig;
  return {
    host: c.host,
    port: c.port,
    secure: c.secure,
    user: c.user,
    password: secrets['password'] ?? '',
    mailbox: c.mailbox,
    rejectUnauthorized: c.tlsRejectUnauthorized,
    outbound,
  };
}

/** Null when the connector has no outgoing server configured. */
export function smtpSettingsOf(config: Record<string, unknown>, secrets: Record<string, string>, outbound?: OutboundPolicy): SmtpSettings | null {
  const smtp = config['smtp'] as z.infer<typeof smtpConfigSchema> | undefined;
  if (!smtp) return null;
  return {
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    user: smtp.user,
    // The IMAP password is the usual SMTP password too (same account); a separate one wins.
    password: smtp.user ? (secrets['smtpPassword'] ?? secrets['password']) : undefined,
    rejectUnauthorized: smtp.tlsRejectUnauthorized,
    outbound,
  };
}
