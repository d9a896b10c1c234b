import { entry } from '@throughline/console/data-access/testing';
import { callDetailsOf, formatBytes, formatDuration, hasHiddenQuote, mentionDetailsOf, safeLink } from './entry-details';

describe('entry details', () => {
  it('should format durations', () => {
    expect(formatDuration(58)).toBe('58 s');
    expect(formatDuration(245)).toBe('4 min 05 s');
    expect(formatDuration(3720)).toBe('1 h 02 min');
    expect(formatDuration(-3)).toBe('0 s');
  });

  it('should format sizes', () => {
    expect(formatBytes(120)).toBe('120 B');
    expect(formatBytes(812 * 1024)).toBe('812 KB');
    expect(formatBytes(2.4 * 1024 * 1024)).toBe('2.4 MB');
  });

  it('should only let http(s) links through', () => {
    expect(safeLink('https://x.com/ana/status/1')).toBe('https://x.com/ana/status/1');
    expect(safeLink('HTTP://example.com')).toBe('HTTP://example.com');
    expect(safeLink('javascript:alert(1)')).toBeNull();
    expect(safeLink(' javascript:alert(1)')).toBeNull();
    expect(safeLink('data:text/html,<b>x</b>')).toBeNull();
    expect(safeLink(42)).toBeNull();
    expect(safeLink('')).toBeNull();
  });

  it('should read call details, refusing unsafe recording links', () => {
    const call = entry('c', 1, {
      channel: 'phone',
      metadata: {
        call: {
          direction: 'outbound',
          from: '+3212',
          to: '+3234',
          outcome: 'answered',
          durationSeconds: 245,
          recordingUrl: 'javascript:x',
          transcript: 'Hi',
          callbackRequested: true,
        },
      },
    });
    expect(callDetailsOf(call)).toEqual({
      direction: 'outbound',
      from: '+3212',
      to: '+3234',
      outcome: 'answered',
      durationSeconds: 245,
      recordingUrl: null,
      transcript: 'Hi',
      agent: null,
      notes: null,
      callbackRequested: true,
    });
    expect(callDetailsOf(entry('m', 1, { metadata: { call: 'oops' } }))).toBeNull();
    expect(callDetailsOf(entry('m', 1, { metadata: { call: {} } }))).toMatchObject({
      direction: 'inbound',
      from: 'unknown',
      outcome: 'unknown',
      durationSeconds: null,
    });
  });

  it('should read mention details', () => {
    const mention = entry('s', 1, { channel: 'social', metadata: { social: { platform: 'X', kind: 'mention', postUrl: 'https://x.com/p/1', handle: 'ana' } } });
    expect(mentionDetailsOf(mention)).toEqual({ platform: 'X', kind: 'mention', postUrl: 'https://x.com/p/1', handle: 'ana', displayName: null });
    expect(mentionDetailsOf(entry('s', 1, { metadata: { social: ['x'] } }))).toBeNull();
    expect(mentionDetailsOf(entry('s', 1, { metadata: { social: { postUrl: 'javascript:x' } } }))?.postUrl).toBeNull();
  });

  it('should see a hidden quote only when the stripped text differs', () => {
    expect(hasHiddenQuote(entry('e', 1, { text: 'Thanks\n\n> old', strippedText: 'Thanks' }))).toBe(true);
    expect(hasHiddenQuote(entry('e', 1, { text: 'Thanks\n', strippedText: 'Thanks' }))).toBe(false);
    expect(hasHiddenQuote(entry('e', 1, { text: 'Thanks', strippedText: null }))).toBe(false);
  });
});
