import type { ConversationCountsView } from '@throughline/domain';
import { conversation } from '../../testing/conversation.factory';
import { belongsToView, countOfView, type InboxFilter, type InboxViewId, isInboxViewId, isUnread, queryOfFilter } from './inbox-filter';

const filter = (view: InboxViewId, q = '', sort: InboxFilter['sort'] = 'recent'): InboxFilter => ({ view, sort, q });

describe('inbox filter', () => {
  describe('queryOfFilter', () => {
    it('should ask for my open conversations in the "mine" view', () => {
      expect(queryOfFilter(filter('mine'))).toEqual({ status: 'open', assigneeId: 'me', sort: 'recent', q: undefined });
    });

    it('should map unassigned, queue and channel views to open conversations with that constraint', () => {
      expect(queryOfFilter(filter('unassigned'))).toEqual({ status: 'open', assigneeId: 'none', sort: 'recent', q: undefined });
      expect(queryOfFilter(filter('queue:q-1'))).toEqual({ status: 'open', queueId: 'q-1', sort: 'recent', q: undefined });
      expect(queryOfFilter(filter('queue:none'))).toEqual({ status: 'open', queueId: 'none', sort: 'recent', q: undefined });
      expect(queryOfFilter(filter('channel:phone'))).toEqual({ status: 'open', channel: 'phone', sort: 'recent', q: undefined });
    });

    it('should map a status view to that status alone', () => {
      expect(queryOfFilter(filter('resolved', '', 'waiting'))).toEqual({ status: 'resolved', sort: 'waiting', q: undefined });
      expect(queryOfFilter(filter('open'))).toEqual({ status: 'open', sort: 'recent', q: undefined });
    });

    it('should send the search trimmed, and none for blank text', () => {
      expect(queryOfFilter(filter('mine', '  ana@example.com ')).q).toBe('ana@example.com');
      expect(queryOfFilter(filter('mine', '   ')).q).toBeUndefined();
    });
  });

  describe('belongsToView', () => {
    const me = 'u1';

    it('should keep "mine" to open conversations assigned to the agent', () => {
      expect(belongsToView(filter('mine'), conversation('a', 1, { assigneeId: me }), me)).toBe(true);
      expect(belongsToView(filter('mine'), conversation('a', 1, { assigneeId: 'u2' }), me)).toBe(false);
      expect(belongsToView(filter('mine'), conversation('a', 1, { assigneeId: me, status: 'pending' }), me)).toBe(false);
      expect(belongsToView(filter('mine'), conversation('a', 1, { assigneeId: null }), null)).toBe(false);
    });

    it('should keep a tag filter to conversations carrying the tag, and ask the server for it', () => {
      const tagged: InboxFilter = { ...filter('open'), tag: 't1' };
      expect(queryOfFilter(tagged)).toMatchObject({ status: 'open', tag: 't1' });
      expect(belongsToView(tagged, conversation('a', 1, { tags: [{ id: 't1', name: 'VIP', color: '#aa0000' }] }), me)).toBe(true);
      expect(belongsToView(tagged, conversation('a', 1, { tags: [{ id: 't2', name: 'Refund', color: '#2f80ed' }] }), me)).toBe(false);
      expect(belongsToView(filter('open'), conversation('a', 1, { tags: [] }), me)).toBe(true);
    });

    it('should keep "unassigned" to open conversations nobody has', () => {
      expect(belongsToView(filter('unassigned'), conversation('a', 1, { assigneeId: null }), me)).toBe(true);
      expect(belongsToView(filter('unassigned'), conversation('a', 1, { assigneeId: me }), me)).toBe(false);
    });

    it('should match queue views, "queue:none" being no queue', () => {
      expect(belongsToView(filter('queue:q-1'), conversation('a', 1, { queueId: 'q-1' }), me)).toBe(true);
      expect(belongsToView(filter('queue:q-1'), conversation('a', 1, { queueId: 'q-2' }), me)).toBe(false);
      expect(belongsToView(filter('queue:none'), conversation('a', 1, { queueId: null }), me)).toBe(true);
      expect(belongsToView(filter('queue:none'), conversation('a', 1, { queueId: 'q-1' }), me)).toBe(false);
    });

    it('should match channel and status views', () => {
      expect(belongsToView(filter('channel:chat'), conversation('a', 1, { channel: 'chat' }), me)).toBe(true);
      expect(belongsToView(filter('channel:chat'), conversation('a', 1, { channel: 'email' }), me)).toBe(false);
      expect(belongsToView(filter('channel:chat'), conversation('a', 1, { channel: 'chat', status: 'resolved' }), me)).toBe(false);
      expect(belongsToView(filter('snoozed'), conversation('a', 1, { status: 'snoozed', assigneeId: 'u9' }), me)).toBe(true);
      expect(belongsToView(filter('snoozed'), conversation('a', 1, { status: 'open' }), me)).toBe(false);
    });
  });

  describe('countOfView', () => {
    const counts: ConversationCountsView = {
      status: { open: 12, pending: 3, snoozed: 1, resolved: 40 },
      mine: 4,
      unassigned: 5,
      queues: { 'q-1': 7, none: 2 },
      channels: { email: 9 },
      sla: { atRisk: 0, breached: 0 },
    };

    it('should read each kind of view from the counts', () => {
      expect(countOfView(counts, 'mine')).toBe(4);
      expect(countOfView(counts, 'unassigned')).toBe(5);
      expect(countOfView(counts, 'open')).toBe(12);
      expect(countOfView(counts, 'resolved')).toBe(40);
      expect(countOfView(counts, 'queue:q-1')).toBe(7);
      expect(countOfView(counts, 'queue:none')).toBe(2);
      expect(countOfView(counts, 'channel:email')).toBe(9);
    });

    it('should count 0 for a queue or channel the counts do not list, and nothing before the counts arrive', () => {
      expect(countOfView(counts, 'queue:q-9')).toBe(0);
      expect(countOfView(counts, 'channel:phone')).toBe(0);
      expect(countOfView(null, 'mine')).toBeNull();
    });
  });

  describe('isUnread', () => {
    it('should be unread when the customer wrote after the agent last read it', () => {
      expect(isUnread(conversation('a', 5, { readAt: null }))).toBe(true);
      expect(isUnread(conversation('a', 5, { readAt: undefined }))).toBe(true);
      expect(isUnread(conversation('a', 5, { readAt: new Date(Date.parse('2026-11-24T11:50:00Z')).toISOString() }))).toBe(true);
      expect(isUnread(conversation('a', 5, { readAt: '2026-11-24T11:56:00.000Z' }))).toBe(false);
    });

    it('should be read when the customer never wrote', () => {
      expect(isUnread(conversation('a', 5, { lastInboundAt: null, readAt: null }))).toBe(false);
    });
  });

  describe('isInboxViewId', () => {
    it.each(['mine', 'unassigned', 'open', 'pending', 'snoozed', 'resolved', 'queue:q-1', 'queue:none', 'channel:email'])('should accept %s', (view) => {
      expect(isInboxViewId(view)).toBe(true);
    });

    it.each(['', 'all', 'queue:', 'channel:', 'channel:Email', 'channel:e-mail', 'MINE'])('should refuse %p', (view) => {
      expect(isInboxViewId(view)).toBe(false);
    });
  });
});
