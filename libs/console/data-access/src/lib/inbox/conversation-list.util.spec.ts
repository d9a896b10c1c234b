import type { ConversationView } from '@throughline/domain';
import { mergeFirstPage, sortConversations, upsertConversations } from './conversation-list.util';
import { conversation } from '../../testing/conversation.factory';

const ids = (items: ConversationView[]) => items.map((c) => c.id);

describe('conversation list utils', () => {
  it('should sort newest lastMessageAt first, ties by id', () => {
    const items = [conversation('b', 5), conversation('a', 1), conversation('c', 5)];
    expect(ids(sortConversations(items))).toEqual(['a', 'b', 'c']);
  });

  it('should replace by id instead of duplicating when upserting', () => {
    const items = [conversation('a', 1), conversation('b', 2)];
    const result = upsertConversations(items, [conversation('b', 0, { preview: 'new' })]);
    expect(ids(result)).toEqual(['b', 'a']);
    expect(result[0].preview).toBe('new');
  });

  it('should drop local rows that a complete first page no longer contains', () => {
    const result = mergeFirstPage({
      current: [conversation('a', 1), conversation('gone', 2)],
      fetched: [conversation('a', 1), conversation('new', 0)],
      fetchedIsComplete: true,
      changedDuringFetch: new Set(),
    });
    expect(ids(result)).toEqual(['new', 'a']);
  });

  it('should keep local rows older than a partial first page', () => {
    const result = mergeFirstPage({
      current: [conversation('a', 1), conversation('stale', 3), conversation('older', 30)],
      fetched: [conversation('a', 1), conversation('b', 5)],
      fetchedIsComplete: false,
      changedDuringFetch: new Set(),
    });
    expect(ids(result)).toEqual(['a', 'b', 'older']);
  });

  it('should let changes made by live events during the fetch win over the fetched page', () => {
    const result = mergeFirstPage({
      current: [conversation('live', 0, { preview: 'from socket' })],
      fetched: [conversation('live', 3, { preview: 'stale' }), conversation('resolvedLive', 2)],
      fetchedIsComplete: true,
      changedDuringFetch: new Set(['live', 'resolvedLive']),
    });
    expect(ids(result)).toEqual(['live']);
    expect(result[0].preview).toBe('from socket');
  });
});
