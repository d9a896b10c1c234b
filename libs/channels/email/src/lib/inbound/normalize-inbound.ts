import { createHash } from 'node:crypto';
import { IdentityError, InvalidPayloadError, normalizeEmail, type NormalizedMessage } from '@throughline/domain';
import { simpleParser, type AddressObject, type EmailAddress, type ParsedMail } from 'mailparser';
import { CONNECTOR_HEADER } from '../outbound/compose';
import { parseConversationRef } from '../outbound/conversation-ref';
import { collectAttachments, DEFAULT_MAX_ATTACHMENT_BYTES } from './attachments';
import { detectAutomated, headerText } from './automated';
import { sanitizeEmailHtml } from './html';
import { normalizeMessageId, parseMessageIdList, SYNTHETIC_ID_PREFIX } from './message-id';
import { stripReply } from './reply-stripping';
import { normalizeSubject } from './subject';

export interface EmailInboundContext {
  connectorId: string;
  /** The connector's own addresses: mail from them is our own coming back, never a customer's. */
  ownAddresses: string[];
  /** When the mailbox or SMTP server received it; the fallback for a missing or implausible Date. */
  receivedAt?: Date;
  /** Per attachment; larger ones are listed in metadata.email.skippedAttachments. Default 25 MiB. */
  maxAttachmentBytes?: number;
}

/** A Date more than this far ahead of receipt is a wrong clock, not a message from the future. */
const MAX_CLOCK_SKEW_MS = 24 * 60 * 60 * 1000;

/** Headers every real message has at least one of; without any the input is not mail. */
const MESSAGE_HEADERS = ['from', 'sender', 'date', 'message-id', 'subject', 'to', 'received', 'mime-version', 'content-type', 'return-path'];

/**
 * One raw RFC 5322 message (IMAP fetch or SMTP DATA) as a NormalizedMessage; `[]` for our own
 * mail coming back (sent from one of our addresses, or carrying our connector header), which
 * must be ignored to break loops. Lenient with what mail clients still display (a missing final
 * MIME boundary, upper-case MIME tokens, no Date, no Message-ID); throws InvalidPayloadError for
 * input that can never be a message (no header section, no sender address).
 */
export async function normalizeInboundEmail(raw: Buffer, ctx: EmailInboundContext): Promise<NormalizedMessage[]> {
  // An mbox "From " separator line is not part of the message.
  const source = raw.subarray(0, 5).toString('latin1') === 'From ' ? raw.subarray(raw.indexOf(0x0a) + 1) : raw;
  const mail = await simpleParser(source, { keepCidLinks: true, keepDeliveryStatus: true, skipTextToHtml: true });
  if (!mail.headerLines.some((h) => MESSAGE_HEADERS.includes(h.key))) {
    throw new InvalidPayloadError('not an RFC 5322 message: no header fields such as From, Date or Subject');
  }
  const warnings: string[] = [];
  const sender = senderOf(mail, warnings);

  const ownAddresses = new Set(ctx.ownAddresses.map((a) => a.trim().toLowerCase()));
  if (ownAddresses.has(sender.address) || headerText(mail, CONNECTOR_HEADER.toLowerCase())?.trim() === ctx.connectorId) return [];

  const messageId = mail.messageId ? normalizeMessageId(mail.messageId) : '';
  if (!messageId) warnings.push('no Message-ID: the message is identified by a hash of its bytes');
  const inReplyTo = parseMessageIdList(mail.inReplyTo);
  const references = parseMessageIdList(mail.references);
  const receivedAt = ctx.receivedAt ?? new Date();
  const { date, dateHeader } = dateOf(mail, receivedAt, warnings);
  const { attachments, skipped } = collectAttachments(mail.attachments, ctx.maxAttachmentBytes ?? DEFAULT_MAX_ATTACHMENT_BYTES);
  const sanitized = mail.html ? sanitizeEmailHtml(mail.html) : undefined;
  const text = (mail.text ?? '')
    .replace(/\r\n?/g, '\n')
    .replace(/^\s*\n/, '')
    .trimEnd();
  const subject = mail.subject?.trim() || undefined;
  const automated = detectAutomated(mail, sender.address);
  warnings.push(...mimeWarnings(source, mail));

  // The identity is the From address. Reply-To is not: mailing lists set it to the list (every
  // poster would become one customer), anyone can set it to any address, and in RFC 2822 A.2
  // Mary's Reply-To is merely her other mailbox. It is kept in metadata so replies can honour it.
  return [
    {
      channel: 'email',
      direction: 'inbound',
      externalId: messageId || `${SYNTHETIC_ID_PREFIX}${createHash('sha256').update(raw).digest('hex')}`,
      occurredAt: date ?? receivedAt,
      identities: [{ kind: 'email', value: sender.address }],
      ...(sender.name ? { authorName: sender.name } : {}),
      ...(subject ? { subject } : {}),
      text,
      strippedText: stripReply(text),
      ...(sanitized ? { html: sanitized.html } : {}),
      ...(attachments.length ? { attachments } : {}),
      threading: {
        replyTo: [...new Set([...inReplyTo, ...[...references].reverse()])],
        ...(subject && parseConversationRef(subject) ? { conversationRef: parseConversationRef(subject) ?? undefined } : {}),
        ...(subject && normalizeSubject(subject) ? { normalizedSubject: normalizeSubject(subject) } : {}),
      },
      ...(automated ? { automated } : {}),
      metadata: {
        email: {
          messageId: messageId || null,
          inReplyTo,
          references,
          from: addresses(mail.from),
          replyTo: addresses(mail.replyTo),
          to: addresses(mail.to),
          cc: addresses(mail.cc),
          date: dateHeader ?? null,
          listId: listIdOf(mail) ?? null,
          hasRemoteContent: sanitized?.hasRemoteContent ?? false,
          skippedAttachments: skipped,
          warnings,
        },
      },
    },
  ];
}

function senderOf(mail: ParsedMail, warnings: string[]): { address: string; name?: string } {
  const from = mail.from?.value ?? [];
  const candidates = from.length > 0 ? from : (addressHeader(mail, 'sender')?.value ?? []);
  if (from.length === 0 && candidates.length > 0) warnings.push('no From header: the Sender header names the author');
  if (from.length > 1) warnings.push(`From names ${from.length} addresses: the first is the author`);
  const first = candidates.flatMap((a) => (a.group ? a.group : [a]))[0];
  if (!first?.address) {
    const written = rawHeader(mail, 'from');
    throw new InvalidPayloadError(written ? `From "${written}" holds no email address` : 'no From address');
  }
  try {
    return { address: normalizeEmail(first.address), name: first.name?.trim() || undefined };
  } catch (err) {
    if (err instanceof IdentityError) throw new InvalidPayloadError(`From address: ${err.message}`);
    throw err;
  }
}

function addressHeader(mail: ParsedMail, name: string): AddressObject | undefined {
  const value: unknown = mail.headers.get(name);
  return value && typeof value === 'object' && 'value' in value ? (value as AddressObject) : undefined;
}

/** The Date header when it is valid and not more than a day ahead of receipt. */
function dateOf(mail: ParsedMail, receivedAt: Date, warnings: string[]): { date?: Date; dateHeader?: string } {
  const dateHeader = rawHeader(mail, 'date');
  if (dateHeader === undefined) return {};
  const date = new Date(dateHeader);
  if (Number.isNaN(date.getTime())) {
    warnings.push(`Date header "${dateHeader}" is not a date: the time of receipt is used`);
    return { dateHeader };
  }
  if (date.getTime() - receivedAt.getTime() > MAX_CLOCK_SKEW_MS) {
    warnings.push(`Date header "${dateHeader}" is more than a day in the future: the time of receipt is used`);
    return { dateHeader };
  }
  return { date, dateHeader };
}

/** A header as written (unfolded), before mailparser interprets it. */
function rawHeader(mail: ParsedMail, key: string): string | undefined {
  const line = mail.headerLines.find((h) => h.key === key)?.line;
  return line
    ?.slice(line.indexOf(':') + 1)
    .replace(/\r?\n[ \t]+/g, ' ')
    .trim();
}

function listIdOf(mail: ParsedMail): string | undefined {
  const written = rawHeader(mail, 'list-id');
  return written ? (/<([^<>]+)>/.exec(written)?.[1] ?? written) : undefined;
}

function addresses(value: AddressObject | AddressObject[] | undefined): Array<{ name: string | null; address: string | null }> {
  const flat = (list: EmailAddress[]): EmailAddress[] => list.flatMap((a) => (a.group ? flat(a.group) : [a]));
  return flat((Array.isArray(value) ? value : value ? [value] : []).flatMap((a) => a.value)).map((a) => ({
    name: a.name?.trim() || null,
    address: a.address?.trim() || null,
  }));
}

/** Structural problems mailparser repaired silently, worth showing an admin. */
function mimeWarnings(source: Buffer, mail: ParsedMail): string[] {
  const warnings: string[] = [];
  const contentType = mail.headers.get('content-type') as { value?: string; params?: Record<string, string> } | undefined;
  const boundary = contentType?.params?.['boundary'];
  if (contentType?.value?.toLowerCase().startsWith('multipart/') && boundary && !source.includes(`--${boundary}--`)) {
    warnings.push(`MIME structure has no final boundary (--${boundary}--): the message may be truncated`);
  }
  const declared = new Set([...source.toString('latin1').matchAll(/\bcharset\s*=\s*"?([^"';\s>]+)/gi)].map((m) => m[1].toLowerCase()));
  for (const charset of declared) {
    if (!isKnownCharset(charset)) warnings.push(`unknown charset "${charset}": that text may be decoded wrongly`);
  }
  if (mail.textConversionError) warnings.push(`the HTML could not be converted to text: ${mail.textConversionError.message}`);
  return warnings;
}

function isKnownCharset(charset: string): boolean {
  try {
    new TextDecoder(charset);
    return true;
  } catch {
    return false;
  }
}
