import { formatDuration } from './duration';

describe('formatDuration', () => {
  it('should read seconds, minutes, hours and days at a glance', () => {
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(45.9)).toBe('45s');
    expect(formatDuration(185)).toBe('3m 05s');
    expect(formatDuration(3600 + 4 * 60 + 59)).toBe('1h 04m');
    expect(formatDuration(2 * 86_400 + 3 * 3600 + 120)).toBe('2d 3h');
  });

  it('should show a dash when there is nothing to measure', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(-1)).toBe('—');
    expect(formatDuration(Number.NaN)).toBe('—');
  });
});
