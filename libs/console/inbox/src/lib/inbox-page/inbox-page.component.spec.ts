import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import {
  AuthStore,
  type ConversationQuery,
  ConversationsApi,
  DEFAULT_INBOX_FILTER,
  queryOfFilter,
  MyPresenceStore,
  RealtimeService,
  SESSION_STORAGE_KEY,
  TagsApi,
} from '@throughline/console/data-access';
import { FakeRealtime, PendingCalls, settle, conversation as sharedConversation } from '@throughline/console/data-access/testing';
import type { ConversationCountsView, ConversationView, Page } from '@throughline/domain';
import { of } from 'rxjs';
import { InboxPageComponent } from './inbox-page.component';

const ME = 'u1';
const VIP = { id: 't1', name: 'VIP', color: '#aa0000' };
const REFUND = { id: 't2', name: 'Refund', color: '#2f80ed' };

/** Ids look like the server's (the page reads the open one from `/c/<uuid>`). */
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** Relative times render from the real clock here, so count back from it. Mine by default. */
function conversation(id: string, minutesAgo: number, overrides: Partial<ConversationView> = {}): ConversationView {
  return sharedConversation(id, minutesAgo, { subject: null, preview: null, assigneeId: ME, ...overrides }, Date.now());
}

const COUNTS: ConversationCountsView = {
  status: { open: 12, pending: 3, snoozed: 1, resolved: 40 },
  mine: 4,
  unassigned: 5,
  queues: { billing: 7 },
  channels: { email: 9, chat: 3 },
  sla: { atRisk: 0, breached: 0 },
};

@Component({ selector: 'tl-test-conversation', template: '<p class="opened">conversation</p>' })
class StubConversationComponent {}

async function setup(url = '/') {
  const realtime = new FakeRealtime('connecting');
  const list = new PendingCalls<[ConversationQuery], Page<ConversationView>>();
  const api = {
    list: list.fn,
    counts: jest.fn(() => of(COUNTS)),
    users: jest.fn(() => of([{ id: ME, email: 'agent@example.com', name: 'Alex Agent', role: 'agent' }])),
    queues: jest.fn(() => of([{ id: 'billing', name: 'Billing' }])),
  };
  TestBed.configureTestingModule({
    providers: [
      provideRouter([
        {
          path: '',
          component: InboxPageComponent,
          children: [{ path: 'c/:conversationId', component: StubConversationComponent }],
        },
      ]),
      { provide: RealtimeService, useValue: realtime },
      { provide: MyPresenceStore, useValue: { status: signal('online'), choose: jest.fn() } },
      { provide: ConversationsApi, useValue: api },
      { provide: TagsApi, useValue: { list: () => of([VIP, REFUND]) } },
    ],
  });
  TestBed.inject(AuthStore).adopt({ accessToken: 't', user: { id: ME, email: 'agent@example.com', name: 'Alex Agent', role: 'agent' } });
  const harness = await RouterTestingHarness.create();
  await harness.navigateByUrl(url);
  await settle();
  const el = harness.routeNativeElement as HTMLElement;
  const router = TestBed.inject(Router);
  const rows = () => [...el.querySelectorAll<HTMLElement>('a.row')];
  const flush = async () => {
    await settle();
    await harness.fixture.whenStable();
  };
  const respond = async (items: ConversationView[], nextCursor: string | null = null) => {
    await list.respond({ items, nextCursor });
    await flush();
  };
  const key = async (keyName: string, target: EventTarget = document.body) => {
    target.dispatchEvent(new KeyboardEvent('keydown', { key: keyName, bubbles: true, cancelable: true }));
    await flush();
  };
  return { harness, el, realtime, list, api, router, rows, respond, flush, key };
}

describe('InboxPageComponent', () => {
  // jsdom does not lay out; moving the selection scrolls the row into view.
  beforeAll(() => (Element.prototype.scrollIntoView = jest.fn()));
  afterEach(() => {
    localStorage.clear();
    jest.useRealTimers();
  });

  it('should show a loading state while the first page of the view loads', async () => {
    const { el, list } = await setup('/?view=mine');
    expect(el.querySelectorAll('li.skeleton').length).toBeGreaterThan(0);
    expect(el.textContent).toContain('Loading conversations');
    expect(list.last.args[0]).toEqual({ status: 'open', assigneeId: 'me', sort: 'recent', q: undefined, cursor: null, limit: 25 });
  });

  it('should show the default view for no view or an unknown one', async () => {
    const { list, el } = await setup('/?view=everything');
    expect(list.last.args[0]).toEqual({ ...queryOfFilter(DEFAULT_INBOX_FILTER), cursor: null, limit: 25 });
    expect(el.querySelector('nav.views a.active')?.getAttribute('href')).toBe(`/?view=${DEFAULT_INBOX_FILTER.view}`);
  });

  it('should render each row with its customer, channel, text, time and priority', async () => {
    const { el, respond, rows } = await setup('/?view=mine');
    await respond([
      conversation('a', 5, { customerName: 'Ana Silva', channel: 'chat', subject: 'Broken order', preview: 'It arrived cracked' }),
      conversation('b', 90, { customerName: null, channel: 'phone', preview: 'Missed call', priority: 'urgent' }),
    ]);

    expect(el.querySelectorAll('li.skeleton')).toHaveLength(0);
    const [first, second] = rows();
    expect(first.querySelector('.name')?.textContent).toBe('Ana Silva');
    expect(first.querySelector('tl-channel-badge')?.textContent?.trim()).toBe('Chat');
    expect(first.querySelector('.preview')?.textContent).toBe('Broken order');
    expect(first.querySelector('time')?.textContent).toBe('5 min ago');
    expect(second.querySelector('.name')?.textContent).toBe('Unknown customer');
    expect(second.querySelector('.preview')?.textContent).toBe('Missed call');
    expect(second.querySelector('tl-channel-badge')?.textContent?.trim()).toBe('Phone');
    expect(second.querySelector('.priority')?.textContent).toBe('Urgent');
    expect(first.querySelector('.assignee')?.textContent).toBe('AA');
  });

  it('should link every view with its count and mark the current one', async () => {
    const { el, list, respond } = await setup('/?view=queue:billing');
    expect(list.last.args[0]).toEqual({ status: 'open', queueId: 'billing', sort: 'recent', q: undefined, cursor: null, limit: 25 });
    await respond([]);

    const links = [...el.querySelectorAll<HTMLAnchorElement>('nav.views a')].map((a) => [
      a.querySelector('span:not(.n):not(.dot)')?.textContent,
      a.querySelector('.n')?.textContent,
      a.getAttribute('href'),
    ]);
    expect(links).toEqual([
      ['Mine', '4', '/?view=mine'],
      ['Unassigned', '5', '/?view=unassigned'],
      ['All open', '12', '/?view=open'],
      ['Pending', '3', '/?view=pending'],
      ['Snoozed', '1', '/?view=snoozed'],
      ['Resolved', '40', '/?view=resolved'],
      ['Billing', '7', '/?view=queue:billing'],
      ['Email', '9', '/?view=channel:email'],
      ['Chat', '3', '/?view=channel:chat'],
    ]);
    expect(el.querySelector('nav.views a.active')?.textContent).toContain('Billing');
    expect(el.querySelector('#inbox-title')?.textContent).toBe('Billing');
  });

  it('should switch view when a view link is followed', async () => {
    const { el, list, respond, flush } = await setup('/?view=mine');
    await respond([conversation('a', 5)]);

    [...el.querySelectorAll<HTMLAnchorElement>('nav.views a')].find((a) => a.textContent?.includes('Unassigned'))?.click();
    await flush();

    expect(list.last.args[0]).toMatchObject({ status: 'open', assigneeId: 'none' });
    await respond([conversation('u', 3, { assigneeId: null, customerName: 'Una' })]);
    expect(el.querySelector('#inbox-title')?.textContent).toBe('Unassigned');
    expect(el.querySelector('a.row .name')?.textContent).toBe('Una');
  });

  it('should mark unread conversations', async () => {
    const { respond, rows } = await setup();
    await respond([conversation('new', 1, { readAt: null }), conversation('read', 5, { readAt: new Date().toISOString() })]);
    const [unread, read] = rows();
    expect(unread.classList).toContain('unread');
    expect(unread.querySelector('.unread-dot')).not.toBeNull();
    expect(unread.getAttribute('aria-label')).toContain('unread');
    expect(read.classList).not.toContain('unread');
    expect(read.querySelector('.unread-dot')).toBeNull();
  });

  it('should say the view is empty and will fill live', async () => {
    const { el, respond } = await setup('/?view=unassigned');
    await respond([]);
    expect(el.textContent).toContain('Nothing here — new messages appear live');
    expect(el.textContent).toContain('You’re all caught up in Unassigned');
  });

  it('should say when nothing matches a search, and send the search to the server', async () => {
    const { el, list, respond } = await setup('/?q=zebra');
    expect(list.last.args[0].q).toBe('zebra');
    expect(el.querySelector<HTMLInputElement>('#inbox-search')?.value).toBe('zebra');
    await respond([]);
    expect(el.textContent).toContain('Nothing matches “zebra”');
  });

  it('should put the typed search in the address once typing pauses', async () => {
    const { el, router, respond, flush } = await setup();
    await respond([]);
    jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick', 'setImmediate'] });
    const box = el.querySelector<HTMLInputElement>('#inbox-search');
    if (!box) throw new Error('no search box');
    box.value = 'ana';
    box.dispatchEvent(new Event('input'));
    jest.advanceTimersByTime(300);
    jest.useRealTimers();
    await flush();
    expect(router.url).toBe('/?q=ana');
  });

  it('should sort by the customer waiting longest when chosen', async () => {
    const { el, list, router, respond, flush } = await setup();
    await respond([]);
    const select = el.querySelector<HTMLSelectElement>('select');
    if (!select) throw new Error('no sort');
    select.value = 'waiting';
    select.dispatchEvent(new Event('change'));
    await flush();
    expect(router.url).toBe('/?sort=waiting');
    expect(list.last.args[0]).toMatchObject({ sort: 'waiting' });
  });

  it('should filter by the tag in the address, show rows with their tags, and change the tag from the filter', async () => {
    const { el, list, router, respond, flush } = await setup('/?tag=t1');
    expect(list.last.args[0]).toMatchObject({ tag: 't1' });
    await respond([conversation('a', 1, { tags: [VIP, REFUND] })]);
    expect([...el.querySelectorAll('a.row .tag')].map((t) => t.textContent)).toEqual(['VIP', 'Refund']);
    const filter = el.querySelector<HTMLSelectElement>('.tag-filter select') as HTMLSelectElement;
    expect(filter.value).toBe('t1');
    filter.value = 't2';
    filter.dispatchEvent(new Event('change'));
    await flush();
    expect(router.url).toBe('/?tag=t2');
    expect(list.last.args[0]).toMatchObject({ tag: 't2' });
  });

  it('should show the error with a Retry button that loads again', async () => {
    const { el, list, rows, respond, flush } = await setup();
    await list.fail(503);
    await flush();

    expect(el.querySelector('[role=alert]')?.textContent).toContain('Couldn’t load conversations');
    [...el.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Retry')?.click();
    await flush();

    expect(list.calls).toHaveLength(2);
    await respond([conversation('a', 1)]);
    expect(rows()).toHaveLength(1);
  });

  it('should add a conversation that arrives live at the top, highlighted', async () => {
    const { realtime, rows, respond, flush } = await setup();
    await respond([conversation('a', 5)]);

    realtime.emit('conversation.created', { conversation: conversation('new', 0, { customerName: 'New Person' }) });
    await flush();

    const [top, next] = rows();
    expect(top.querySelector('.name')?.textContent).toBe('New Person');
    expect(top.classList).toContain('fresh');
    expect(next.classList).not.toContain('fresh');
  });

  it('should move with j and k and open the selected conversation with Enter', async () => {
    const { router, rows, respond, key, el } = await setup('/?view=mine');
    await respond([conversation(uuid(1), 1), conversation(uuid(2), 2), conversation(uuid(3), 3)]);
    expect(rows()[0].classList).toContain('selected');

    await key('j');
    await key('j');
    await key('j');
    expect(rows()[2].classList).toContain('selected');
    await key('k');
    expect(rows()[1].classList).toContain('selected');
    expect(rows()[0].classList).not.toContain('selected');

    await key('Enter');
    expect(router.url).toBe(`/c/${uuid(2)}?view=mine`);
    expect(el.querySelector('.opened')).not.toBeNull();
    expect(rows()[1].classList).toContain('open');
    expect(rows()[1].getAttribute('aria-current')).toBe('page');
  });

  it('should not take letters typed in the search box as shortcuts', async () => {
    const { rows, respond, key, el } = await setup();
    await respond([conversation(uuid(1), 1), conversation(uuid(2), 2)]);
    const box = el.querySelector<HTMLInputElement>('#inbox-search');
    if (!box) throw new Error('no search box');
    await key('j', box);
    expect(rows()[0].classList).toContain('selected');
  });

  it('should open the shortcuts dialog with ? and close it with Escape', async () => {
    const { el, rows, respond, key } = await setup();
    await respond([conversation(uuid(1), 1), conversation(uuid(2), 2)]);
    expect(el.querySelector('[role=dialog]')).toBeNull();

    await key('?');
    const dialog = el.querySelector('[role=dialog]');
    expect(dialog?.querySelector('h2')?.textContent).toBe('Keyboard shortcuts');
    expect(dialog?.textContent).toContain('Next conversation in the list');

    // While the dialog is open, list shortcuts do nothing.
    await key('j');
    expect(rows()[0].classList).toContain('selected');

    await key('Escape');
    expect(el.querySelector('[role=dialog]')).toBeNull();
  });

  it('should show the connection state and the signed-in agent, and sign out', async () => {
    const { el, realtime, respond, flush, router } = await setup();
    await respond([]);
    realtime.status.set('reconnecting');
    await flush();
    expect(el.querySelector('tl-connection-indicator')?.textContent).toContain('Reconnecting');
    expect(el.querySelector('tl-app-header')?.textContent).toContain('Alex Agent');

    const navigate = jest.spyOn(router, 'navigateByUrl').mockResolvedValue(true);
    el.querySelector<HTMLButtonElement>('button.sign-out')?.click();
    expect(localStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();
    expect(navigate).toHaveBeenCalledWith('/login');
  });
});
