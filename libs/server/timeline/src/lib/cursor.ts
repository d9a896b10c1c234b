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
