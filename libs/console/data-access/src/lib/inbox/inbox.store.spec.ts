import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { ConversationView, Page } from '@throughline/domain';
import { conversation as anyConversation, message, NOW } from '../../testing/conversation.factory';
import { FakeRealtime } from '../../testing/fake-realtime';
import { PendingCalls } from '../../testing/pending-calls';
import { AuthStore } from '../auth/auth.store';
import { type ConversationQuery, ConversationsApi } from '../conversations/conversations.api';
import { RealtimeService } from '../realtime/realtime.service';
import { DEFAULT_INBOX_FILTER, type InboxFilter, queryOfFilter } from './inbox-filter';
import { INBOX_FRESH_MS, InboxStore } from './inbox.store';

const ME = 'u1';

/** The default view is "mine": open conversations assigned to the signed-in agent. */
function conversation(id: string, minutesAgo: number, overrides: Partial<ConversationView> = {}): ConversationView {
  return anyConversation(id, minutesAgo, { assigneeId: ME, ...overrides });
}

/** Every list() call stays pending until the test answers it. */
class FakeApi {
  private readonly pending = new PendingCalls<[ConversationQuery], Page<ConversationView>>();
  readonly list = this.pending.fn;

  get calls() {
    return this.pending.calls.map((call) => ({ query: call.args[0] }));
  }
  respond(index: number, items: ConversationView[], nextCursor: string | null = null): Promise<void> {
    return this.pending.respond({ items, nextCursor }, index);
  }
  fail(index: number, status: number): Promise<void> {
    return this.pending.fail(status, index);
  }
}

const MINE: InboxFilter = { view: 'mine', sort: 'recent', q: '' };
const MINE_QUERY = { status: 'open', assigneeId: 'me', sort: 'recent', q: undefined };
const ids = (store: InboxStore) => store.items().map((c) => c.id);

function setup() {
  const realtime = new FakeRealtime();
  const api = new FakeApi();
  TestBed.configureTestingModule({
    providers: [
      InboxStore,
      { provide: RealtimeService, useValue: realtime },
      { provide: ConversationsApi, useValue: api },
      { provide: AuthStore, useValue: { user: signal({ id: ME, email: 'a@example.com', name: 'Alex', role: 'agent' }) } },
    ],
  });
  const store = TestBed.inject(InboxStore);
  return { store, realtime, api };
}

/** A started store showing `items` as its first page, with the socket connected. */
async function loaded(items: ConversationView[], nextCursor: string | null = null, filter: InboxFilter = MINE) {
  const ctx = setup();
  ctx.store.start(filter);
  await ctx.api.respond(0, items, nextCursor);
  return ctx;
}

describe('InboxStore', () => {
  afterEach(() => jest.useRealTimers());

  describe('loading', () => {
    it('should fetch the first page of my open conversations and connect the socket when started', async () => {
      const { store, api, realtime } = setup();
      store.start(MINE);

      expect(store.filter()).toEqual(MINE);
      expect(store.loading()).toBe(true);
      expect(realtime.connect).toHaveBeenCalled();
      expect(api.list).toHaveBeenCalledWith({ ...MINE_QUERY, cursor: null, limit: 25 });

      await api.respond(0, [conversation('old', 30), conversation('new', 1)]);
      expect(store.loading()).toBe(false);
      expect(ids(store)).toEqual(['new', 'old']);
      expect(store.isEmpty()).toBe(false);
      expect(store.freshIds().size).toBe(0);
    });

    it('should load the default view when started without a filter', async () => {
      const { store, api } = setup();
      store.start();
      expect(store.filter()).toEqual(DEFAULT_INBOX_FILTER);
      expect(api.list).toHaveBeenCalledWith({ ...queryOfFilter(DEFAULT_INBOX_FILTER), cursor: null, limit: 25 });
    });

    it('should report an empty inbox only after loading', async () => {
      const { store, api } = setup();
      store.start(MINE);
      expect(store.isEmpty()).toBe(false);
      await api.respond(0, []);
      expect(store.isEmpty()).toBe(true);
    });

    it('should show an error when the first page fails, and recover on retry', async () => {
      const { store, api } = setup();
      store.start(MINE);
      await api.fail(0, 503);

      expect(store.error()).toMatch(/problem answering/);
      expect(store.isEmpty()).toBe(false);

      const retry = store.load();
      expect(store.error()).toBeNull();
      expect(store.loading()).toBe(true);
      await api.respond(1, [conversation('a', 1)]);
      await retry;
      expect(store.error()).toBeNull();
      expect(ids(store)).toEqual(['a']);
    });

    it('should append the next page and skip what it already shows', async () => {
      const { store, api } = await loaded([conversation('a', 1), conversation('b', 2)], 'cursor-1');
      expect(store.hasMore()).toBe(true);

      void store.loadMore();
      expect(api.list).toHaveBeenLastCalledWith({ ...MINE_QUERY, cursor: 'cursor-1', limit: 25 });
      await api.respond(1, [conversation('b', 2), conversation('c', 3)]);

      expect(ids(store)).toEqual(['a', 'b', 'c']);
      expect(store.hasMore()).toBe(false);
    });
  });

  describe('live events', () => {
    it('should insert a new conversation in lastMessageAt order and highlight it', async () => {
      const { store, realtime } = await loaded([conversation('a', 5), conversation('b', 10)]);

      realtime.emit('conversation.created', { conversation: conversation('mid', 7) });
      realtime.emit('conversation.created', { conversation: conversation('top', 0) });

      expect(ids(store)).toEqual(['top', 'a', 'mid', 'b']);
      expect(store.freshIds().has('top')).toBe(true);
      expect(store.freshIds().has('a')).toBe(false);
    });

    it('should move a conversation to the top with its new preview when a message arrives, without duplicating it', async () => {
      const { store, realtime } = await loaded([conversation('a', 5), conversation('b', 10)]);

      const bumped = conversation('b', 0, { preview: 'Any update on my refund?' });
      realtime.emit('message.created', { message: message(bumped), conversation: bumped });

      expect(ids(store)).toEqual(['b', 'a']);
      expect(store.items()[0].preview).toBe('Any update on my refund?');
      expect(store.freshIds().has('b')).toBe(true);
    });

    it('should not highlight a conversation bumped by an agent reply', async () => {
      const { store, realtime } = await loaded([conversation('a', 5), conversation('b', 10)]);
      const bumped = conversation('b', 0);
      realtime.emit('message.created', { message: message(bumped, { direction: 'outbound' }), conversation: bumped });
      expect(ids(store)).toEqual(['b', 'a']);
      expect(store.freshIds().has('b')).toBe(false);
    });

    it('should update a conversation in place when it changes', async () => {
      const { store, realtime } = await loaded([conversation('a', 5), conversation('b', 10)]);
      realtime.emit('conversation.updated', { conversation: conversation('b', 10, { priority: 'urgent' }) });
      expect(ids(store)).toEqual(['a', 'b']);
      expect(store.items()[1].priority).toBe('urgent');
    });

    it('should remove a conversation once it is no longer open', async () => {
      const { store, realtime } = await loaded([conversation('a', 5), conversation('b', 10)]);

      realtime.emit('conversation.updated', { conversation: conversation('a', 5, { status: 'resolved' }) });
      realtime.emit('conversation.updated', { conversation: conversation('b', 10, { status: 'snoozed' }) });

      expect(ids(store)).toEqual([]);
      expect(store.isEmpty()).toBe(true);
    });

    it('should add a reopened conversation it did not show', async () => {
      const { store, realtime } = await loaded([conversation('a', 5)]);
      realtime.emit('conversation.updated', { conversation: conversation('reopened', 1) });
      expect(ids(store)).toEqual(['reopened', 'a']);
    });

    it('should leave to "load more" a conversation older than every loaded row', async () => {
      const { store, realtime } = await loaded([conversation('a', 5), conversation('b', 10)], 'cursor-1');
      realtime.emit('conversation.updated', { conversation: conversation('ancient', 600) });
      expect(ids(store)).toEqual(['a', 'b']);
    });

    it('should stop highlighting a row after a few seconds', async () => {
      jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick', 'setImmediate'] });
      const { store, realtime } = await loaded([conversation('a', 5)]);
      realtime.emit('conversation.created', { conversation: conversation('n', 0) });
      expect(store.freshIds().has('n')).toBe(true);

      jest.advanceTimersByTime(INBOX_FRESH_MS);
      expect(store.freshIds().has('n')).toBe(false);
    });
  });

  describe('re-sync after reconnect', () => {
    it('should refetch the first page on reconnect and merge it without duplicates', async () => {
      const { store, api, realtime } = await loaded([conversation('a', 5), conversation('b', 10), conversation('c', 20)]);
      // While offline: c was resolved, d arrived, a got a new message.
      realtime.connects.next();
      expect(api.list).toHaveBeenCalledTimes(2);
      expect(api.calls[1].query).toEqual({ ...MINE_QUERY, cursor: null, limit: 25 });

      await api.respond(1, [conversation('a', 0, { preview: 'newer' }), conversation('d', 2), conversation('b', 10)]);

      expect(ids(store)).toEqual(['a', 'd', 'b']);
      expect(store.items()[0].preview).toBe('newer');
      expect([...store.freshIds()].sort()).toEqual(['a', 'd']);
      expect(new Set(ids(store)).size).toBe(store.items().length);
    });

    it('should keep what live events changed while the re-sync was in flight', async () => {
      const { store, api, realtime } = await loaded([conversation('a', 5), conversation('b', 10)]);
      realtime.connects.next();

      // Events after the server built the page, but before the page reached us.
      realtime.emit('conversation.created', { conversation: conversation('e', 0) });
      realtime.emit('conversation.updated', { conversation: conversation('a', 5, { status: 'resolved' }) });
      await api.respond(1, [conversation('a', 5), conversation('b', 10)]);

      expect(ids(store)).toEqual(['e', 'b']);
    });

    it('should not lose events that arrive before the first page does', async () => {
      const { store, api, realtime } = setup();
      store.start(MINE);
      realtime.emit('conversation.created', { conversation: conversation('early', 0) });
      await api.respond(0, [conversation('a', 5)]);
      expect(ids(store)).toEqual(['early', 'a']);
    });

    it('should re-sync once after the first page when the socket connects while it loads', async () => {
      const { store, api, realtime } = setup();
      store.start(MINE);
      realtime.connects.next();
      expect(api.list).toHaveBeenCalledTimes(1);

      await api.respond(0, [conversation('a', 5)]);
      expect(api.list).toHaveBeenCalledTimes(2);
      await api.respond(1, [conversation('a', 5), conversation('b', 1)]);

      expect(ids(store)).toEqual(['b', 'a']);
      expect(api.list).toHaveBeenCalledTimes(2);
    });

    it('should keep older pages it already loaded', async () => {
      const { store, api, realtime } = await loaded([conversation('a', 5), conversation('b', 10)], 'cursor-1');
      void store.loadMore();
      await api.respond(1, [conversation('c', 100), conversation('d', 200)], 'cursor-2');

      realtime.connects.next();
      await api.respond(2, [conversation('a', 5), conversation('b', 10)], 'cursor-1b');

      expect(ids(store)).toEqual(['a', 'b', 'c', 'd']);
      void store.loadMore();
      expect(api.calls[3].query.cursor).toBe('cursor-2');
    });

    it('should retry the failed first load when the connection comes back', async () => {
      const { store, api, realtime } = setup();
      store.start(MINE);
      await api.fail(0, 0);
      expect(store.error()).toMatch(/reach/);

      realtime.connects.next();
      await api.respond(1, [conversation('a', 1)]);
      expect(store.error()).toBeNull();
      expect(ids(store)).toEqual(['a']);
    });
  });

  describe('views, sorts and search', () => {
    it('should start over from the first page of the new filter and drop answers for the old one', async () => {
      const { store, api } = await loaded([conversation('a', 1)], 'cursor-1');
      void store.loadMore();
      expect(api.list).toHaveBeenCalledTimes(2);

      store.setFilter({ view: 'unassigned', sort: 'waiting', q: '' });
      expect(store.items()).toEqual([]);
      expect(store.loading()).toBe(true);
      expect(api.calls[2].query).toEqual({ status: 'open', assigneeId: 'none', sort: 'waiting', q: undefined, cursor: null, limit: 25 });

      // The answer to "load more" of the old view arrives late: dropped.
      await api.respond(1, [conversation('old-page', 50)]);
      expect(ids(store)).toEqual([]);

      await api.respond(2, [anyConversation('u', 3)], null);
      expect(ids(store)).toEqual(['u']);
      expect(store.loading()).toBe(false);
      expect(store.hasMore()).toBe(false);
    });

    it('should drop a first page answered for a filter that was replaced while it loaded', async () => {
      const { store, api } = setup();
      store.start(MINE);
      store.setFilter({ view: 'pending', sort: 'recent', q: '' });

      await api.respond(0, [conversation('mine', 1)]);
      expect(ids(store)).toEqual([]);
      expect(store.loading()).toBe(true);

      await api.respond(1, [conversation('p', 2, { status: 'pending' })]);
      expect(ids(store)).toEqual(['p']);
      expect(store.loading()).toBe(false);
    });

    it('should not reload for the same filter (search text compared trimmed)', async () => {
      const { store, api } = await loaded([conversation('a', 1)], null, { view: 'mine', sort: 'recent', q: 'ana' });
      store.setFilter({ view: 'mine', sort: 'recent', q: ' ana ' });
      expect(api.list).toHaveBeenCalledTimes(1);
      expect(ids(store)).toEqual(['a']);
    });

    it('should send the trimmed search text and view to the server', async () => {
      const { api } = await loaded([], null, { view: 'queue:billing', sort: 'recent', q: '  refund ' });
      expect(api.calls[0].query).toEqual({ status: 'open', queueId: 'billing', sort: 'recent', q: 'refund', cursor: null, limit: 25 });
    });

    it('should remove live conversations that leave the view', async () => {
      const { store, realtime } = await loaded([conversation('a', 5), conversation('b', 10)]);
      expect(store.freshIds().size).toBe(0);

      realtime.emit('conversation.updated', { conversation: conversation('a', 5, { assigneeId: 'someone-else' }) });
      realtime.emit('conversation.created', { conversation: conversation('c', 0, { assigneeId: null }) });

      expect(ids(store)).toEqual(['b']);
    });

    it('should stop highlighting a fresh row that leaves the view', async () => {
      const { store, realtime } = await loaded([conversation('a', 5)]);
      realtime.emit('conversation.created', { conversation: conversation('n', 0) });
      expect(store.freshIds().has('n')).toBe(true);

      realtime.emit('conversation.updated', { conversation: conversation('n', 0, { status: 'resolved' }) });
      expect(ids(store)).toEqual(['a']);
      expect(store.freshIds().has('n')).toBe(false);
    });

    it('should follow a queue view live', async () => {
      const { store, realtime } = await loaded([anyConversation('a', 5, { queueId: 'billing' })], null, { view: 'queue:billing', sort: 'recent', q: '' });
      realtime.emit('conversation.created', { conversation: anyConversation('in', 1, { queueId: 'billing' }) });
      realtime.emit('conversation.created', { conversation: anyConversation('other', 0, { queueId: 'sales' }) });
      realtime.emit('conversation.updated', { conversation: anyConversation('a', 5, { queueId: null }) });
      expect(ids(store)).toEqual(['in']);
    });

    it('should add nothing live to a search, but keep the rows it shows current', async () => {
      const { store, realtime } = await loaded([conversation('a', 5)], null, { view: 'mine', sort: 'recent', q: 'ana' });

      realtime.emit('conversation.created', { conversation: conversation('new', 0) });
      const bumped = conversation('a', 0, { preview: 'new text' });
      realtime.emit('message.created', { message: message(bumped), conversation: bumped });

      expect(ids(store)).toEqual(['a']);
      expect(store.items()[0].preview).toBe('new text');
    });

    it('should keep the agent’s readAt when a live copy (which has none) replaces a row', async () => {
      const readAt = new Date(NOW - 60_000).toISOString();
      const { store, realtime } = await loaded([conversation('a', 5, { readAt })]);

      const live = conversation('a', 0, { preview: 'again' });
      delete live.readAt;
      realtime.emit('message.created', { message: message(live), conversation: live });

      expect(store.items()[0].preview).toBe('again');
      expect(store.items()[0].readAt).toBe(readAt);
    });

    it('should mark a conversation read locally', async () => {
      const { store } = await loaded([conversation('a', 5, { readAt: null })]);
      store.markReadLocally('a', '2026-11-24T12:00:00.000Z');
      store.markReadLocally('not-shown');
      expect(store.items()[0].readAt).toBe('2026-11-24T12:00:00.000Z');
      expect(ids(store)).toEqual(['a']);
    });

    it('should keep the waiting sort (longest-waiting customer first) for live changes', async () => {
      const waitingSince = (minutes: number) => new Date(NOW - minutes * 60_000).toISOString();
      const waiting: InboxFilter = { view: 'mine', sort: 'waiting', q: '' };
      const { store, realtime, api } = await loaded(
        [conversation('long', 0, { lastInboundAt: waitingSince(90) }), conversation('short', 0, { lastInboundAt: waitingSince(5) })],
        null,
        waiting,
      );
      expect(api.calls[0].query.sort).toBe('waiting');

      realtime.emit('conversation.created', { conversation: conversation('mid', 0, { lastInboundAt: waitingSince(30) }) });
      realtime.emit('conversation.created', { conversation: conversation('answered', 0, { lastInboundAt: null }) });
      expect(ids(store)).toEqual(['long', 'mid', 'short', 'answered']);

      // The customer writes again: they now wait from their newest message, so they move down.
      const again = conversation('long', 0, { lastInboundAt: waitingSince(1) });
      realtime.emit('message.created', { message: message(again), conversation: again });
      expect(ids(store)).toEqual(['mid', 'short', 'long', 'answered']);
    });

    it('should re-sync the list after a customer merge', async () => {
      const { store, realtime, api } = await loaded([conversation('a', 5), conversation('b', 6)]);
      realtime.emit('customer.merged', {
        customer: { id: 'cust-a', name: 'Ana', identities: [], mergedInto: null, createdAt: '' },
        mergedCustomerId: 'cust-b',
      });
      expect(api.list).toHaveBeenCalledTimes(2);
      await api.respond(1, [conversation('a', 5, { customerName: 'Ana' })]);
      expect(ids(store)).toEqual(['a']);
      expect(store.items()[0].customerName).toBe('Ana');
    });

    it('should re-sync the list after a customer unmerge', async () => {
      const { store, realtime, api } = await loaded([conversation('a', 5, { customerName: 'Ana' }), conversation('b', 6, { customerName: 'Ana' })]);
      const person = (id: string, name: string) => ({ id, name, identities: [], mergedInto: null, createdAt: '' });
      realtime.emit('customer.unmerged', { customer: person('cust-a', 'Ana'), restoredCustomer: person('cust-b', 'Bea') });
      expect(api.list).toHaveBeenCalledTimes(2);
      expect(api.calls[1].query).toEqual({ ...MINE_QUERY, cursor: null, limit: 25 });
      await api.respond(1, [conversation('a', 5, { customerName: 'Ana' }), conversation('b', 6, { customerName: 'Bea' })]);
      expect(store.items().map((c) => c.customerName)).toEqual(['Ana', 'Bea']);
    });

    it('should mark a conversation read when another tab of the agent read it', async () => {
      const { store, realtime, api } = await loaded([conversation('a', 5, { readAt: null }), conversation('b', 6, { readAt: null })]);
      realtime.emit('conversation.read', { conversationId: 'b', readAt: '2026-11-24T12:00:00.000Z' });
      realtime.emit('conversation.read', { conversationId: 'not-shown', readAt: '2026-11-24T12:00:00.000Z' });
      expect(store.items().map((c) => [c.id, c.readAt])).toEqual([
        ['a', null],
        ['b', '2026-11-24T12:00:00.000Z'],
      ]);
      // Nothing to fetch: the event says all there is.
      expect(api.list).toHaveBeenCalledTimes(1);
    });
  });
});
