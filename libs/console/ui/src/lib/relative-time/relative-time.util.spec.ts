import { relativeTime } from './relative-time.util';

describe('relativeTime', () => {
  const now = Date.parse('2026-11-24T12:00:00Z');
  const ago = (ms: number) => new Date(now - ms).toISOString();
  const MIN = 60_000;

  it.each([
    [10_000, 'just now'],
    [-30_000, 'just now'],
    [60_000, '1 min ago'],
    [5 * MIN, '5 min ago'],
    [59 * MIN, '59 min ago'],
    [3 * 60 * MIN, '3 h ago'],
    [30 * 60 * MIN, 'yesterday'],
    [4 * 24 * 60 * MIN, '4 days ago'],
  ])('should say %p ms ago is "%s"', (ms, expected) => {
    expect(relativeTime(ago(ms), now)).toBe(expected);
  });

  it('should show a date for older times, with the year only when it differs', () => {
    expect(relativeTime('2026-10-02T09:00:00Z', now)).toBe('2 Oct');
    expect(relativeTime('2025-10-02T09:00:00Z', now)).toBe('2 Oct 2025');
  });

  it('should show nothing for an unreadable date', () => {
    expect(relativeTime('not a date', now)).toBe('');
  });
});
