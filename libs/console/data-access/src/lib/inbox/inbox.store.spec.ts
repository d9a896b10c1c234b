import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import type { ConversationView, Page } from '@throughline/domain';
import { Subject } from 'rxjs';
import { conversation, message } from '../../testing/conversation.factory';
import { FakeRealtime } from '../../testing/fake-realtime';
import { type ConversationQuery, ConversationsApi } from '../conversations/conversations.api';
import { RealtimeService } from '../realtime/realtime.service';
import { INBOX_FRESH_MS, InboxStore } from './inbox.store';

/** Every list() call stays pending until the test answers it. */
class FakeApi {
  readonly calls: { query: ConversationQuery; response: Subject<Page<ConversationView>> }[] = [];
  readonly list = jest.fn((query: ConversationQuery) => {
    const response = new Subject<Page<ConversationView>>();
    this.calls.push({ query, response });
    return response.asObservable();
  });

  async respond(index: number, items: ConversationView[], nextCursor: string | null = null): Promise<void> {
    this.calls[index].response.next({ items, nextCursor });
    this.calls[index].response.complete();
    await settle();
  }
  async fail(index: number, status: number): Promise<void> {
    this.calls[index].response.error(new HttpErrorResponse({ status, statusText: 'x', url: '/api/conversations' }));
    await settle();
  }
}

async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

const ids = (store: InboxStore) => store.items().map((c) => c.id);

function setup() {
  const realtime = new FakeRealtime();
  const api = new FakeApi();
  TestBed.configureTestingModule({
    providers: [InboxStore, { provide: RealtimeService, useValue: realtime }, { provide: ConversationsApi, useValue: api }],
  });
  const store = TestBed.inject(InboxStore);
  return { store, realtime, api };
}

/** A started store showing `items` as its first page, with the socket connected. */
async function loaded(items: ConversationView[], nextCursor: string | null = null) {
  const ctx = setup();
  ctx.store.start();
  await ctx.api.respond(0, items, nextCursor);
  return ctx;
}

describe('InboxStore', () => {
  afterEach(() => jest.useRealTimers());

  describe('loading', () => {
    it('should fetch the first page of open conversations and connect the socket when started', async () => {
      const { store, api, realtime } = setup();
      store.start();

      expect(store.loading()).toBe(true);
      expect(realtime.connect).toHaveBeenCalled();
      expect(api.list).toHaveBeenCalledWith({ status: 'open', cursor: null, limit: 25 });

      await api.respond(0, [conversation('old', 30), conversation('new', 1)]);
      expect(store.loading()).toBe(false);
      expect(ids(store)).toEqual(['new', 'old']);
      expect(store.isEmpty()).toBe(false);
      expect(store.freshIds().size).toBe(0);
    });

    it('should report an empty inbox only after loading', async () => {
      const { store, api } = setup();
      store.start();
      expect(store.isEmpty()).toBe(false);
      await api.respond(0, []);
      expect(store.isEmpty()).toBe(true);
    });

    it('should show an error when the first page fails, and recover on retry', async () => {
      const { store, api } = setup();
      store.start();
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
      expect(api.list).toHaveBeenLastCalledWith({ status: 'open', cursor: 'cursor-1', limit: 25 });
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
      expect(api.calls[1].query).toEqual({ status: 'open', cursor: null, limit: 25 });

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
      store.start();
      realtime.emit('conversation.created', { conversation: conversation('early', 0) });
      await api.respond(0, [conversation('a', 5)]);
      expect(ids(store)).toEqual(['early', 'a']);
    });

    it('should re-sync once after the first page when the socket connects while it loads', async () => {
      const { store, api, realtime } = setup();
      store.start();
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
      store.start();
      await api.fail(0, 0);
      expect(store.error()).toMatch(/reach/);

      realtime.connects.next();
      await api.respond(1, [conversation('a', 1)]);
      expect(store.error()).toBeNull();
      expect(ids(store)).toEqual(['a']);
    });
  });
});
