/**
 * The short reference a conversation carries in our outbound email subjects (`[#4F2K]`) and in the
 * console: its sequential number in Crockford base32 — no I, L, O or U, so it survives being read
 * aloud or retyped — padded to at least four characters.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const MIN_LENGTH = 4;
// 11 base32 digits hold Number.MAX_SAFE_INTEGER; anything longer is not one of ours.
const MAX_LENGTH = 11;

export function formatConversationRef(sequence: number): string {
  if (!Number.isSafeInteger(sequence) || sequence < 0) throw new RangeError(`conversation number ${sequence} is not a non-negative integer`);
  let out = '';
  let rest = sequence;
  do {
    out = ALPHABET[rest % 32] + out;
    rest = Math.floor(rest / 32);
  } while (rest > 0);
  return out.padStart(MIN_LENGTH, '0');
}

/** Inverse of formatConversationRef; reads the usual misreadings (O→0, I/L→1) as Crockford intends. */
export function conversationRefToSequence(ref: string): number | null {
  const normalized = ref.trim().toUpperCase().replace(/O/g, '0').replace(/[IL]/g, '1');
  if (normalized.length < MIN_LENGTH || normalized.length > MAX_LENGTH) return null;
  let value = 0;
  for (const char of normalized) {
    const digit = ALPHABET.indexOf(char);
    if (digit < 0) return null;
    value = value * 32 + digit;
  }
  return Number.isSafeInteger(value) ? value : null;
}
