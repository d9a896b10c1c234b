/** Keyset cursors: the sort key of the last item seen, opaque to clients. */
export interface KeysetPosition {
  at: Date;
  id: string;
}

export function encodeCursor(position: KeysetPosition): string {
  return Buffer.from(JSON.stringify([position.at.toISOString(), position.id])).toString('base64url');
}

/** Null when the cursor was not made by encodeCursor (tampered or from another endpoint). */
export function decodeCursor(cursor: string): KeysetPosition | null {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    const date = new Date(at);
    if (Number.isNaN(date.getTime()) || typeof id !== 'string' || !/^[0-9a-f-]{36}$/i.test(id)) return null;
    return { at: date, id };
  } catch {
    return null;
  }
}

/**
 * Where a conversation list page ended, in the list's sort. Timestamps are the database's own
 * text (microseconds, UTC) so a page boundary never falls between two rows a millisecond apart.
 * `recent`: (last_message_at, id) descending; `waiting`: (wait_rank, wait_key, id) ascending.
 */
export type ConversationListPosition = { sort: 'recent'; at: string; id: string } | { sort: 'waiting'; rank: number; at: string; id: string };

const DB_TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeListCursor(position: ConversationListPosition): string {
  const key = position.sort === 'recent' ? [position.sort, position.at, position.id] : [position.sort, position.rank, position.at, position.id];
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** Null when the cursor was not made by encodeListCursor; the caller checks its sort matches. */
export function decodeListCursor(cursor: string): ConversationListPosition | null {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(key)) return null;
  const [sort, ...rest] = key as unknown[];
  if (sort === 'recent' && rest.length === 2) {
    const [at, id] = rest;
    return isTimestamp(at) && isUuid(id) ? { sort, at, id } : null;
  }
  if (sort === 'waiting' && rest.length === 3) {
    const [rank, at, id] = rest;
    return (rank === 0 || rank === 1) && isTimestamp(at) && isUuid(id) ? { sort, rank, at, id } : null;
  }
  return null;
}

const isTimestamp = (v: unknown): v is string => typeof v === 'string' && DB_TIMESTAMP.test(v);
const isUuid = (v: unknown): v is string => typeof v === 'string' && UUID.test(v);
