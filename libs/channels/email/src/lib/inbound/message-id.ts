/**
 * Message-IDs are stored without their angle brackets, trimmed, case preserved (RFC 5322 ids are
 * case-sensitive), so an id read from Message-ID, In-Reply-To or References compares equal to
 * the same id anywhere else, and to the ids of our own outbound mail.
 */

/** Prefix of the external id given to mail without a Message-ID (see normalizeInboundEmail). */
export const SYNTHETIC_ID_PREFIX = 'sha256:';

const BRACKETED_ID = /<([^<>]*)>/g;

/** `<abc@example.com>` → `abc@example.com`; folded whitespace inside the id is removed. */
export function normalizeMessageId(value: string): string {
  const trimmed = value.trim();
  const inner = trimmed.startsWith('<') && trimmed.endsWith('>') ? trimmed.slice(1, -1) : trimmed;
  return inner.replace(/\s+/g, '');
}

/** `abc@example.com` → `<abc@example.com>`, the form headers carry. */
export function bracketMessageId(id: string): string {
  return `<${normalizeMessageId(id)}>`;
}

/**
 * The ids of a References or In-Reply-To header, in order, de-duplicated. mailparser gives one id
 * as a string and several as an array; real headers also separate ids with commas or nothing,
 * fold them over lines, and Outlook encodes them as RFC 2047 words (mailparser decodes those).
 * Text outside brackets (comments, phrases some old clients add) is ignored; a value without any
 * bracket is split on whitespace and commas.
 */
export function parseMessageIdList(value: string | string[] | undefined): string[] {
  const ids: string[] = [];
  for (const part of value === undefined ? [] : Array.isArray(value) ? value : [value]) {
    const bracketed = [...part.matchAll(BRACKETED_ID)].map((m) => m[1]);
    const candidates = bracketed.length > 0 ? bracketed : part.split(/[\s,]+/);
    for (const candidate of candidates) {
      const id = normalizeMessageId(candidate);
      if (id && !ids.includes(id)) ids.push(id);
    }
  }
  return ids;
}
