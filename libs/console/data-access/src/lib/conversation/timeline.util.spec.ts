import { entry } from '../../testing/conversation.factory';
import { compareEntries, dayKey, lastInboundOf, upsertEntries } from './timeline.util';

const ids = (entries: { id: string }[]) => entries.map((e) => e.id);

describe('timeline utils', () => {
  it('should order entries oldest first, ties by id', () => {
    expect(ids([entry('b', 1), entry('c', 5), entry('a', 1)].sort(compareEntries))).toEqual(['c', 'a', 'b']);
  });

  it('should add and replace entries by id, without duplicates', () => {
    const entries = [entry('a', 10), entry('b', 5)];
    const result = upsertEntries(entries, [entry('b', 5, { text: 'edited' }), entry('c', 7)]);
    expect(ids(result)).toEqual(['a', 'c', 'b']);
    expect(result[2].text).toBe('edited');
    expect(upsertEntries(entries, [])).toBe(entries);
  });

  it('should key entries by calendar day in local time', () => {
    const morning = new Date(2026, 10, 24, 8, 0).toISOString();
    const evening = new Date(2026, 10, 24, 23, 30).toISOString();
    const next = new Date(2026, 10, 25, 0, 10).toISOString();
    expect(dayKey(morning)).toBe(dayKey(evening));
    expect(dayKey(next)).not.toBe(dayKey(evening));
  });

  it('should find the last inbound message of the conversation', () => {
    const entries = [
      entry('in-1', 30, { conversationId: 'c1' }),
      entry('in-other', 20, { conversationId: 'c2' }),
      entry('out', 10, { conversationId: 'c1', direction: 'outbound' }),
    ];
    expect(lastInboundOf(entries, 'c1')?.id).toBe('in-1');
    expect(lastInboundOf(entries, 'c3')).toBeNull();
  });
});
