import type { CannedResponseView } from '@throughline/domain';
import { matchCannedResponses, slashQueryAt } from './canned-picker';

const response = (shortcut: string, title: string): CannedResponseView => ({
  id: shortcut,
  shortcut,
  title,
  text: `${title} text`,
  shared: true,
  ownerId: null,
  editable: false,
  updatedAt: '2026-12-01T00:00:00.000Z',
});

describe('slashQueryAt', () => {
  it('finds a slash at the start or after a space, up to the cursor', () => {
    expect(slashQueryAt('/ref', 4)).toEqual({ start: 0, query: 'ref' });
    expect(slashQueryAt('Hello /Re', 9)).toEqual({ start: 6, query: 're' });
    expect(slashQueryAt('Hello\n/', 7)).toEqual({ start: 6, query: '' });
  });

  it('ignores slashes inside words, URLs and dates, and text after the cursor', () => {
    expect(slashQueryAt('see https://x.example/ref', 25)).toBeNull();
    expect(slashQueryAt('on 12/05', 8)).toBeNull();
    expect(slashQueryAt('/ref and more', 13)).toBeNull();
    expect(slashQueryAt('/ref more', 4)).toEqual({ start: 0, query: 'ref' });
  });
});

describe('matchCannedResponses', () => {
  const list = [
    response('refund', 'Refund policy'),
    response('shipping', 'Shipping times'),
    response('thanks', 'Thanks for waiting'),
    response('late-refund', 'Late refund'),
  ];

  it('puts shortcut prefixes first, then title or shortcut matches', () => {
    expect(matchCannedResponses(list, 'ref').map((r) => r.shortcut)).toEqual(['refund', 'late-refund']);
    expect(matchCannedResponses(list, 'waiting').map((r) => r.shortcut)).toEqual(['thanks']);
  });

  it('shows everything (up to eight) for an empty query', () => {
    expect(matchCannedResponses(list, '')).toHaveLength(4);
    expect(
      matchCannedResponses(
        Array.from({ length: 12 }, (_, i) => response(`r${i}`, `R ${i}`)),
        '',
      ),
    ).toHaveLength(8);
  });
});
