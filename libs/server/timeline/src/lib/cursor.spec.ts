import { decodeCursor, decodeListCursor, encodeCursor, encodeListCursor } from './cursor';

describe('keyset cursor', () => {
  it('should round-trip a position', () => {
    const position = { at: new Date('2026-11-20T10:00:00.123Z'), id: '5eed0000-0000-4000-8000-000000000001' };
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });

  it('should refuse cursors it did not make', () => {
    expect(decodeCursor('garbage')).toBeNull();
    expect(decodeCursor(Buffer.from(JSON.stringify(['not a date', 'x'])).toString('base64url'))).toBeNull();
    expect(decodeCursor(Buffer.from(JSON.stringify(['2026-01-01T00:00:00Z', "1' OR 1=1"])).toString('base64url'))).toBeNull();
  });
});

describe('conversation list cursor', () => {
  const id = '5eed0000-0000-4000-8000-000000000001';
  const at = '2026-11-20T10:00:00.123456Z';

  it('should round-trip both sorts', () => {
    expect(decodeListCursor(encodeListCursor({ sort: 'recent', at, id }))).toEqual({ sort: 'recent', at, id });
    expect(decodeListCursor(encodeListCursor({ sort: 'waiting', rank: 1, at, id }))).toEqual({ sort: 'waiting', rank: 1, at, id });
  });

  it('should refuse cursors it did not make, including the timeline cursor', () => {
    const raw = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    expect(decodeListCursor('garbage')).toBeNull();
    expect(decodeListCursor(encodeCursor({ at: new Date(), id }))).toBeNull();
    expect(decodeListCursor(raw(['recent', '2026-11-20T10:00:00Z', id]))).toBeNull();
    expect(decodeListCursor(raw(['waiting', 2, at, id]))).toBeNull();
    expect(decodeListCursor(raw(['waiting', 0, at, "x' OR 1=1"]))).toBeNull();
    expect(decodeListCursor(raw(['oldest', at, id]))).toBeNull();
  });
});
