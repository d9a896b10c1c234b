import { channelName, channelVerb, formatDuration, formatMoment, ordinal, spellDuration } from './wording';

describe('wording', () => {
  it('names ordinals in words up to ten, then with suffixes', () => {
    expect([1, 2, 3, 10, 11, 12, 13, 21, 22, 23, 101].map(ordinal)).toEqual([
      'first',
      'second',
      'third',
      'tenth',
      '11th',
      '12th',
      '13th',
      '21st',
      '22nd',
      '23rd',
      '101st',
    ]);
  });

  it('names channels and what the customer did on them', () => {
    expect(channelName('x')).toBe('X');
    expect(channelName('email')).toBe('email');
    expect(channelVerb('email')).toBe('emailed');
    expect(channelVerb('x')).toBe('tweeted');
    expect(channelVerb('fax')).toBe('wrote via fax');
  });

  it('formats a moment as weekday and time in the given zone', () => {
    const at = new Date('2026-11-16T09:12:00Z');
    expect(formatMoment(at, 'UTC')).toBe('Mon 09:12');
    expect(formatMoment(at, 'America/New_York')).toBe('Mon 04:12');
  });

  it('formats durations for the agent and for the customer', () => {
    expect([0.5, 1, 26.4, 72].map(formatDuration)).toEqual(['30 min', '1 h', '26 h', '3 days']);
    expect([0.5, 1, 26.4, 72].map(spellDuration)).toEqual(['less than an hour', 'an hour', '26 hours', '3 days']);
  });
});
