import type { ConversationView } from '@throughline/domain';
import {
  comparatorOf,
  compareByLastMessageDesc,
  compareByWaitingLongest,
  mergeFirstPage,
  removeConversation,
  upsertConversations,
} from './conversation-list.util';
import { conversation, NOW } from '../../testing/conversation.factory';

const ids = (items: ConversationView[]) => items.map((c) => c.id);

describe('conversation list utils', () => {
  it('should sort newest lastMessageAt first, ties by id', () => {
    const items = [conversation('b', 5), conversation('a', 1), conversation('c', 5)];
    expect(ids([...items].sort(compareByLastMessageDesc))).toEqual(['a', 'b', 'c']);
  });

  it('should sort the customer waiting longest first, those with no inbound message last, ties by id', () => {
    const items = [
      conversation('recent', 0, { lastInboundAt: new Date(NOW - 60_000).toISOString() }),
      conversation('none', 100, { lastInboundAt: null }),
      conversation('b', 0, { lastInboundAt: new Date(NOW - 3_600_000).toISOString() }),
      conversation('a', 0, { lastInboundAt: new Date(NOW - 3_600_000).toISOString() }),
    ];
    expect(ids([...items].sort(compareByWaitingLongest))).toEqual(['a', 'b', 'recent', 'none']);
  });

  it('should pick the comparator of a sort', () => {
    expect(comparatorOf('recent')).toBe(compareByLastMessageDesc);
    expect(comparatorOf('waiting')).toBe(compareByWaitingLongest);
  });

  it('should re-sort upserts with the comparator given', () => {
    // a: last activity 1 min ago, customer waiting 2 min; b: both 10 min ago.
    const items = [conversation('a', 1, { lastInboundAt: new Date(NOW - 120_000).toISOString() })];
    const waitingLonger = conversation('b', 10);
    expect(ids(upsertConversations(items, [waitingLonger], compareByWaitingLongest))).toEqual(['b', 'a']);
    expect(ids(upsertConversations(items, [waitingLonger]))).toEqual(['a', 'b']);
  });

  it('should keep the readAt a replaced row had when the incoming copy carries none', () => {
    const readAt = new Date(NOW).toISOString();
    const items = [conversation('a', 5, { readAt })];
    const live = conversation('a', 0, { preview: 'live' });
    delete live.readAt;
    const [result] = upsertConversations(items, [live]);
    expect(result.preview).toBe('live');
    expect(result.readAt).toBe(readAt);

    const [fromList] = upsertConversations(items, [conversation('a', 0, { readAt: null })]);
    expect(fromList.readAt).toBeNull();
  });

  it('should remove a conversation by id', () => {
    expect(ids(removeConversation([conversation('a', 1), conversation('b', 2)], 'a'))).toEqual(['b']);
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

  it('should merge a first page in waiting order when given that comparator', () => {
    const result = mergeFirstPage({
      current: [conversation('a', 5), conversation('b', 60)],
      fetched: [conversation('a', 5), conversation('c', 30)],
      fetchedIsComplete: true,
      changedDuringFetch: new Set(),
      compare: compareByWaitingLongest,
    });
    expect(ids(result)).toEqual(['c', 'a']);
  });
});
