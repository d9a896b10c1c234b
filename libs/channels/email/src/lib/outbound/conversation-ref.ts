import { conversationRefToSequence, formatConversationRef } from '@throughline/domain';

/**
 * The conversation reference our outbound subjects carry, `[#4F2K]` (see formatConversationRef
 * in the domain: the console shows the same reference).
 */

/** Finds `[#TOKEN]` anywhere in a subject, tolerating spaces and any case: `[ # 4f2k ]`. */
export const CONVERSATION_REF_IN_SUBJECT = /\[\s*#\s*([0-9a-z]{4,11})\s*\]/i;

/** The canonical reference found in a subject (`Re: [#4f2k] …` → `4F2K`), or null. */
export function parseConversationRef(subject: string): string | null {
  const match = CONVERSATION_REF_IN_SUBJECT.exec(subject);
  if (!match) return null;
  const sequence = conversationRefToSequence(match[1]);
  return sequence === null ? null : formatConversationRef(sequence);
}
