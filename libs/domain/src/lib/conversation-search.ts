import { conversationRefToSequence } from './conversation-ref';
import { normalizeEmail, normalizePhone } from './identity';

/** What a free-text conversation search (`GET /api/conversations?q=`) looks for. */
export interface ConversationSearch {
  /** The term as typed (trimmed), matched as a substring of customer names and message text. */
  text: string;
  /** The term for identity values: without a leading @ (handles are stored without it). */
  identityText: string;
  /** Identity values the term equals once normalised like stored identities: an email, an E.164 phone. */
  exactIdentities: string[];
  /** The conversation number when the term reads as a reference (`#4F2K`, or `4F2K` with a digit). */
  sequence: number | null;
}

const PHONE_LIKE = /^[+(\d][\d\s().-]{5,}$/;
// Without # only terms with a digit count as a reference, so words like "help" stay words.
const BARE_REF = /^(?=.*\d)[0-9a-z]{4,11}$/i;

/** Reads a search term; `defaultCountry` reads phone numbers written without a country code. */
export function parseConversationSearch(input: string, defaultCountry?: string): ConversationSearch {
  const text = input.trim();
  const exactIdentities = new Set<string>();
  if (text.includes('@') && !text.startsWith('@')) {
    const email = attempt(() => normalizeEmail(text));
    if (email) exactIdentities.add(email);
  }
  if (PHONE_LIKE.test(text)) {
    const phone = attempt(() => normalizePhone(text, defaultCountry));
    if (phone) exactIdentities.add(phone);
  }
  const ref = text.startsWith('#') ? text.slice(1) : BARE_REF.test(text) ? text : null;
  return {
    text,
    identityText: text.replace(/^@/, ''),
    exactIdentities: [...exactIdentities],
    sequence: ref === null ? null : conversationRefToSequence(ref),
  };
}

/** `%term%` for ILIKE, with the pattern characters of the term matched literally. */
export function containsPattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

function attempt(normalize: () => string): string | null {
  try {
    return normalize();
  } catch {
    return null;
  }
}
