import type { CannedResponseView } from '@throughline/domain';

/** A `/word` the agent is typing at the cursor: where it starts and what follows the slash. */
export interface SlashQuery {
  start: number;
  query: string;
}

const MAX_SHOWN = 8;

/** The `/…` right before the cursor, when it starts the text or follows whitespace (so URLs and dates do not open the list). */
export function slashQueryAt(text: string, cursor: number): SlashQuery | null {
  const match = /(^|\s)\/([a-z0-9-]*)$/i.exec(text.slice(0, cursor));
  return match ? { start: cursor - match[2].length - 1, query: match[2].toLowerCase() } : null;
}

/** Shortcuts starting with the query first, then titles or shortcuts containing it; at most eight. */
export function matchCannedResponses(responses: readonly CannedResponseView[], query: string): CannedResponseView[] {
  const q = query.toLowerCase();
  const starts = responses.filter((r) => r.shortcut.startsWith(q));
  const contains = responses.filter((r) => !r.shortcut.startsWith(q) && (r.shortcut.includes(q) || r.title.toLowerCase().includes(q)));
  return [...starts, ...contains].slice(0, MAX_SHOWN);
}
