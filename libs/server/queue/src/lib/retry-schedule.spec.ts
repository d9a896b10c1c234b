import { retryDelayMs, retryWindowMs } from './retry-schedule';

describe('job retry schedule', () => {
  const defaults = { attempts: 24, baseDelayMs: 1000, maxDelayMs: 5 * 60 * 1000 };

  it('should double from the base delay and stop growing at the cap', () => {
    expect([1, 2, 3, 4, 9, 10, 11, 23].map((n) => retryDelayMs(n, defaults))).toEqual([1000, 2000, 4000, 8000, 256_000, 300_000, 300_000, 300_000]);
  });

  it('should keep the delay finite and capped for absurd attempt counts', () => {
    expect(retryDelayMs(5000, defaults)).toBe(300_000);
    expect(retryDelayMs(0, defaults)).toBe(1000);
  });

  it('should outlast an outage of an hour with the default settings', () => {
    // 1+2+…+256 s, then 14 waits of 5 minutes: 4711 s, about 78 minutes.
    expect(retryWindowMs(defaults)).toBe(4_711_000);
    expect(retryWindowMs(defaults)).toBeGreaterThan(60 * 60 * 1000);
  });

  it('should not wait at all when a job runs only once', () => {
    expect(retryWindowMs({ ...defaults, attempts: 1 })).toBe(0);
  });

  it('should match plain exponential backoff below the cap (the old 6 attempts gave up after 31 s)', () => {
    expect(retryWindowMs({ attempts: 6, baseDelayMs: 1000, maxDelayMs: 1_000_000 })).toBe(31_000);
  });
});
