import { bracketMessageId, normalizeMessageId, SYNTHETIC_ID_PREFIX } from '../inbound/message-id';
import { stripSubjectPrefixes } from '../inbound/subject';

/**
 * The Message-ID of one of our outbound messages, normalised (no brackets, as normalizeMessageId
 * gives): `conversation/{conversationId}/messages/{messageId}@{domain}`. The conversation is
 * readable from any reply's In-Reply-To/References even when the stored message is gone. Use
 * bracketMessageId for the header form.
 */
export function outboundMessageId(ids: { conversationId: string; messageId: string }, domain: string): string {
  return `conversation/${ids.conversationId}/messages/${ids.messageId}@${domain.trim().toLowerCase()}`;
}

const FALLBACK_SUBJECT = 'Your conversation with us';

/**
 * `Re: [#4F2K] Printer on fire`: exactly one `Re: ` (RFC 5322 §3.6.5), our reference, then the
 * conversation's subject without the prefixes and reference it may already carry. Without a
 * subject there is nothing to reply to, so no `Re:`.
 */
export function replySubject(conversationSubject: string | null, ref: string): string {
  const subject = conversationSubject ? stripSubjectPrefixes(conversationSubject) : '';
  return subject ? `Re: [#${ref}] ${subject}` : `[#${ref}] ${FALLBACK_SUBJECT}`;
}

/**
 * `[#4F2K] Printer on fire`: the subject of a first mail in a conversation that began on another
 * channel (a call, a chat): nothing to reply to, so no `Re:`, but our reference so answers thread.
 */
export function firstMailSubject(conversationSubject: string | null, ref: string): string {
  const subject = conversationSubject ? stripSubjectPrefixes(conversationSubject) : '';
  return `[#${ref}] ${subject || FALLBACK_SUBJECT}`;
}

/** Ids stored for the message we answer; all in normalised or bracketed form. */
export interface ParentMessageIds {
  messageId: string;
  references: string[];
  inReplyTo: string[];
}

/**
 * In-Reply-To and References of a reply, RFC 5322 §3.6.4: In-Reply-To is the parent's
 * Message-ID; References is the parent's References followed by its Message-ID, or, when the
 * parent has no References but a single-id In-Reply-To, that id followed by its Message-ID;
 * without any of these there is no References. Synthetic ids (mail that had no Message-ID) are
 * not real ids and are left out. Returned in header form, brackets included.
 */
export function threadHeaders(parent: ParentMessageIds | null): { inReplyTo?: string; references?: string[] } {
  if (!parent) return {};
  const real = (ids: string[]) => ids.map(normalizeMessageId).filter((id) => id !== '' && !id.startsWith(SYNTHETIC_ID_PREFIX));
  const [messageId] = real([parent.messageId]);
  const references = real(parent.references);
  const inReplyTo = real(parent.inReplyTo);
  const chain = references.length > 0 ? references : inReplyTo.length === 1 ? inReplyTo : [];
  const referenceIds = [...new Set([...chain, ...(messageId ? [messageId] : [])])];
  return {
    ...(messageId ? { inReplyTo: bracketMessageId(messageId) } : {}),
    ...(referenceIds.length > 0 ? { references: referenceIds.map(bracketMessageId) } : {}),
  };
}
