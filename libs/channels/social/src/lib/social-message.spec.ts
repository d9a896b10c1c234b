import { dateFromEpoch, isStale } from './social-message';

describe('isStale', () => {
  const now = new Date('2026-01-05T12:00:00Z');

  it('should call an event older than the allowed age stale, and a recent or future one not', () => {
    expect(isStale(new Date('2026-01-05T11:00:00Z'), now, 30 * 60_000)).toBe(true);
    expect(isStale(new Date('2026-01-05T11:45:00Z'), now, 30 * 60_000)).toBe(false);
    expect(isStale(new Date('2026-01-05T12:05:00Z'), now, 30 * 60_000)).toBe(false);
  });
});

describe('dateFromEpoch', () => {
  it('should read both the seconds of feed changes and the milliseconds of Messenger events', () => {
    expect(dateFromEpoch(1717412345).toISOString()).toBe('2024-06-03T10:59:05.000Z');
    expect(dateFromEpoch(1458692752478).toISOString()).toBe('2016-03-23T00:25:52.478Z');
  });
});
