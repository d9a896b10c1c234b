/**
 * The conversation reference our outbound subjects carry, `[#4F2K]`: a sequence number written in
 * Crockford base32 (digits and upper-case letters without I, L, O and U), so it is short, reads
 * aloud without ambiguity and survives being retyped in lower case or with O for 0.
 */

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const MIN_LENGTH = 4;
// 11 base32 digits hold Number.MAX_SAFE_INTEGER; anything longer is not one of ours.
const MAX_LENGTH = 11;

/** Finds `[#TOKEN]` anywhere in a subject, tolerating spaces and any case: `[ # 4f2k ]`. */
export const CONVERSATION_REF_IN_SUBJECT = /\[\s*#\s*([0-9a-z]{4,11})\s*\]/i;

export function formatConversationRef(sequence: number): string {
  if (!Number.isSafeInteger(sequence) || sequence < 0) {
    throw new RangeError(`conversation sequence must be a non-negative safe integer, got ${sequence}`);
  }
  let ref = '';
  let rest = sequence;
  do {
    ref = ALPHABET[rest % 32] + ref;
    rest = Math.floor(rest / 32);
  } while (rest > 0);
  return ref.padStart(MIN_LENGTH, '0');
}

/** The sequence a reference stands for, or null when it is not a valid reference. */
export function conversationRefToSequence(ref: string): number | null {
  const token = ref.trim().toUpperCase().replace(/O/g, '0').replace(/[IL]/g, '1');
  if (token.length < MIN_LENGTH || token.length > MAX_LENGTH) return null;
  let sequence = 0;
  for (const char of token) {
    const digit = ALPHABET.indexOf(char);
    if (digit < 0) return null;
    sequence = sequence * 32 + digit;
  }
  return Number.isSafeInteger(sequence) ? sequence : null;
}

/** The canonical reference found in a subject (`Re: [#4f2k] …` → `4F2K`), or null. */
export function parseConversationRef(subject: string): string | null {
  const match = CONVERSATION_REF_IN_SUBJECT.exec(subject);
  if (!match) return null;
  const sequence = conversationRefToSequence(match[1]);
  return sequence === null ? null : formatConversationRef(sequence);
}
