import { withoutNulCharacters } from './storable-text';

describe('withoutNulCharacters', () => {
  it('should drop NUL from every string of a nested value, keys included', () => {
    expect(withoutNulCharacters({ text: 'a\u0000b', list: ['\u0000', 'x'], meta: { 'k\u0000': { deep: 'c\u0000\u0000d' } } })).toEqual({
      text: 'ab',
      list: ['', 'x'],
      meta: { k: { deep: 'cd' } },
    });
  });

  it('should keep other characters, numbers, dates and buffers as they are', () => {
    const at = new Date('2026-01-05T09:00:00Z');
    const bytes = Buffer.from([0, 1, 2]);
    const cleaned = withoutNulCharacters({ text: 'é\uFFFD\u0001 🙂', n: 0, at, bytes, none: null });
    expect(cleaned).toEqual({ text: 'é\uFFFD\u0001 🙂', n: 0, at, bytes, none: null });
    expect(cleaned.at).toBe(at);
    expect(cleaned.bytes).toBe(bytes);
  });

  it('should return the very same string when there is nothing to drop', () => {
    const text = 'plain';
    expect(withoutNulCharacters(text)).toBe(text);
  });
});
