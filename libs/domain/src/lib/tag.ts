/** Tag colours are stored as lowercase `#rrggbb`. */
export const TAG_COLOR_PATTERN = /^#[0-9a-fA-F]{6}$/;
export const TAG_NAME_MAX = 40;
/** A conversation carries at most this many tags (a PUT with more is refused). */
export const TAGS_PER_CONVERSATION_MAX = 20;

/** A tag name as stored: trimmed, inner whitespace collapsed to one space. */
export function normalizeTagName(name: string): string {
  return name.trim().replace(/\s+/g, ' ');
}

/** What setting a conversation's tags to `wanted` changes, given the ones it has (duplicates in `wanted` count once). */
export function tagChanges(current: readonly string[], wanted: readonly string[]): { added: string[]; removed: string[] } {
  const has = new Set(current);
  const wants = new Set(wanted);
  return { added: [...wants].filter((id) => !has.has(id)), removed: [...has].filter((id) => !wants.has(id)) };
}
