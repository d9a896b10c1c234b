import { normalizeTagName, TAG_COLOR_PATTERN, tagChanges } from './tag';

describe('normalizeTagName', () => {
  it('trims and collapses inner whitespace', () => {
    expect(normalizeTagName('  Billing \t  issue ')).toBe('Billing issue');
  });
  it('keeps the case (uniqueness ignores it in the database)', () => {
    expect(normalizeTagName('VIP')).toBe('VIP');
  });
});

describe('TAG_COLOR_PATTERN', () => {
  it.each(['#a1b2c3', '#FFFFFF'])('accepts %s', (color) => expect(TAG_COLOR_PATTERN.test(color)).toBe(true));
  it.each(['red', '#fff', 'a1b2c3', '#a1b2c3 ', '#gggggg'])('refuses %j', (color) => expect(TAG_COLOR_PATTERN.test(color)).toBe(false));
});

describe('tagChanges', () => {
  it('adds the wanted tags it lacks and removes the ones not wanted', () => {
    expect(tagChanges(['a', 'b'], ['b', 'c'])).toEqual({ added: ['c'], removed: ['a'] });
  });
  it('changes nothing when the sets are equal in another order', () => {
    expect(tagChanges(['a', 'b'], ['b', 'a'])).toEqual({ added: [], removed: [] });
  });
  it('counts a duplicate once', () => {
    expect(tagChanges([], ['a', 'a'])).toEqual({ added: ['a'], removed: [] });
  });
});
