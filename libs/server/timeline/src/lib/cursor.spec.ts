import { decodeCursor, encodeCursor } from './cursor';

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
