import { TestBed } from '@angular/core/testing';
import type { ConversationCountsView } from '@throughline/domain';
import { conversation, message } from '../../testing/conversation.factory';
import { FakeRealtime } from '../../testing/fake-realtime';
import { PendingCalls } from '../../testing/pending-calls';
import { ConversationsApi } from '../conversations/conversations.api';
import { RealtimeService } from '../realtime/realtime.service';
import { COUNTS_DEBOUNCE_MS, CountsStore } from './counts.store';

function countsOf(open: number): ConversationCountsView {
  return {
    status: { open, pending: 0, snoozed: 0, resolved: 0 },
    mine: 1,
    unassigned: open - 1,
    queues: {},
    channels: { email: open },
    sla: { atRisk: 0, breached: 0 },
  };
}

function setup() {
  jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick', 'setImmediate'] });
  const realtime = new FakeRealtime();
  const counts = new PendingCalls<[], ConversationCountsView>();
  TestBed.configureTestingModule({
    providers: [CountsStore, { provide: RealtimeService, useValue: realtime }, { provide: ConversationsApi, useValue: { counts: counts.fn } }],
  });
  return { store: TestBed.inject(CountsStore), realtime, counts };
}

describe('CountsStore', () => {
  afterEach(() => jest.useRealTimers());

  it('should ask for the counts once when started', async () => {
    const { store, counts } = setup();
    expect(store.counts()).toBeNull();
    store.start();
    store.start();
    expect(counts.fn).toHaveBeenCalledTimes(1);
    await counts.respond(countsOf(3));
    expect(store.counts()).toEqual(countsOf(3));
  });

  it('should count again once a burst of live events is over', async () => {
    const { store, counts, realtime } = setup();
    store.start();
    await counts.respond(countsOf(3));

    const c = conversation('a', 0);
    realtime.emit('conversation.created', { conversation: c });
    jest.advanceTimersByTime(COUNTS_DEBOUNCE_MS - 1);
    realtime.emit('message.created', { message: message(c), conversation: c });
    realtime.emit('conversation.updated', { conversation: c });
    jest.advanceTimersByTime(COUNTS_DEBOUNCE_MS - 1);
    expect(counts.fn).toHaveBeenCalledTimes(1);

    jest.advanceTimersByTime(1);
    expect(counts.fn).toHaveBeenCalledTimes(2);
    await counts.respond(countsOf(4));
    expect(store.counts()?.status.open).toBe(4);
  });

  it('should count again after a reconnect and a customer merge', async () => {
    const { store, counts, realtime } = setup();
    store.start();
    await counts.respond(countsOf(3));

    realtime.connects.next();
    jest.advanceTimersByTime(COUNTS_DEBOUNCE_MS);
    expect(counts.fn).toHaveBeenCalledTimes(2);
    await counts.respond(countsOf(3));

    realtime.emit('customer.merged', { customer: { id: 'c', name: null, identities: [], mergedInto: null, createdAt: '' }, mergedCustomerId: 'd' });
    jest.advanceTimersByTime(COUNTS_DEBOUNCE_MS);
    expect(counts.fn).toHaveBeenCalledTimes(3);
  });

  it('should keep the last counts when a refresh fails', async () => {
    const { store, counts, realtime } = setup();
    store.start();
    await counts.respond(countsOf(3));

    realtime.emit('conversation.created', { conversation: conversation('a', 0) });
    jest.advanceTimersByTime(COUNTS_DEBOUNCE_MS);
    await counts.fail(503);
    expect(store.counts()).toEqual(countsOf(3));
  });

  it('should run a refresh asked for during another once more after it, not alongside', async () => {
    const { store, counts } = setup();
    store.start();
    void store.refresh();
    void store.refresh();
    expect(counts.fn).toHaveBeenCalledTimes(1);

    await counts.respond(countsOf(3));
    expect(counts.fn).toHaveBeenCalledTimes(2);
    await counts.respond(countsOf(5));
    expect(store.counts()?.status.open).toBe(5);
    expect(counts.fn).toHaveBeenCalledTimes(2);
  });
});
