import type { SendMailOptions } from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import { bracketMessageId } from '../inbound/message-id';

/**
 * Our outbound mail names the connector that sent it, so the same mailbox reading its own mail
 * back (a copy in the inbox, a forward loop) can recognise and skip it.
 */
export const CONNECTOR_HEADER = 'X-Throughline-Connector';

export interface ReplyInput {
  from: { name?: string; address: string };
  replyTo?: string;
  to: string[];
  cc?: string[];
  subject: string;
  text: string;
  /** Built from `text` (escaped, paragraphs) when absent. */
  html?: string;
  /** Normalised or bracketed; see outboundMessageId. */
  messageId: string;
  inReplyTo?: string;
  references?: string[];
  connectorId: string;
  attachments?: Array<{ filename: string; contentType: string; content: Buffer }>;
}

/**
 * Message options for an agent's reply. A person wrote it, so no `Auto-Submitted` header: the
 * customer's auto-responders may answer it as they would any mail.
 */
export function composeReply(input: ReplyInput): SendMailOptions {
  return {
    from: input.from.name ? { name: input.from.name, address: input.from.address } : input.from.address,
    ...(input.replyTo ? { replyTo: input.replyTo } : {}),
    to: input.to,
    ...(input.cc?.length ? { cc: input.cc } : {}),
    subject: input.subject,
    messageId: bracketMessageId(input.messageId),
    ...(input.inReplyTo ? { inReplyTo: bracketMessageId(input.inReplyTo) } : {}),
    ...(input.references?.length ? { references: input.references.map(bracketMessageId) } : {}),
    text: input.text,
    html: input.html ?? textToHtml(input.text),
    headers: { [CONNECTOR_HEADER]: input.connectorId },
    attachments: input.attachments?.map(({ filename, contentType, content }) => ({ filename, contentType, content })),
  };
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Plain text as HTML: escaped, blank-line separated paragraphs, single newlines as `<br>`. */
export function textToHtml(text: string): string {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${p.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]).replace(/\n/g, '<br>\n')}</p>`);
  return `<!DOCTYPE html><html><body>\n${paragraphs.join('\n')}\n</body></html>`;
}

/** The RFC 5322 bytes of a message: for the copy appended to the Sent folder, and for tests. */
export function buildRawEmail(options: SendMailOptions): Promise<Buffer> {
  return new MailComposer(options).compile().build();
}
