import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { AuthStore, ConversationsApi, CustomersApi, InsightsApi, RealtimeService, TagsApi } from '@throughline/console/data-access';
import { conversation, customer, entry, FakeRealtime, settle } from '@throughline/console/data-access/testing';
import type { MessageView } from '@throughline/domain';
import { NEVER, of } from 'rxjs';
import { ConversationPageComponent } from './conversation-page.component';

const CUSTOMER = customer('cust-1', { name: 'Ana Silva' });
const CURRENT = conversation('c1', 5, { customerId: CUSTOMER.id, customerName: 'Ana Silva', subject: 'Broken lamp' });
const EARLIER = conversation('c0', 9000, { customerId: CUSTOMER.id, subject: 'Old order', status: 'resolved' });

async function setup(timeline: MessageView[]) {
  const realtime = new FakeRealtime('connected');
  const conversationsApi = {
    get: jest.fn(() => of(CURRENT)),
    list: jest.fn(() => of({ items: [EARLIER], nextCursor: null })),
    replyChannels: jest.fn(() => of([])),
    markRead: jest.fn(() => of(undefined)),
    post: jest.fn((_id: string, body: { text: string }) =>
      of(entry('sent', 0, { conversationId: 'c1', direction: 'outbound', text: body.text, deliveryStatus: 'pending' })),
    ),
    update: jest.fn((_id: string, changes: object) =>
      of({ ...CURRENT, ...changes, updatedAt: new Date(Date.parse(CURRENT.updatedAt) + 60_000).toISOString() }),
    ),
    users: jest.fn(() => of([])),
    queues: jest.fn(() => of([])),
  };
  TestBed.configureTestingModule({
    providers: [
      provideRouter([]),
      { provide: RealtimeService, useValue: realtime },
      { provide: ConversationsApi, useValue: conversationsApi },
      {
        provide: CustomersApi,
        useValue: { get: () => of(CUSTOMER), timeline: () => of({ items: timeline, nextCursor: null }), possibleMatches: () => of([]) },
      },
      { provide: InsightsApi, useValue: { forConversation: () => NEVER, ordersOf: () => of([]) } },
      { provide: TagsApi, useValue: { list: () => of([]) } },
    ],
  });
  TestBed.inject(AuthStore).adopt({ accessToken: 't', user: { id: 'u1', email: 'a@x', name: 'Alex', role: 'agent' } });
  const fixture = TestBed.createComponent(ConversationPageComponent);
  fixture.componentRef.setInput('conversationId', 'c1');
  const flush = async () => {
    await settle();
    await fixture.whenStable();
  };
  await flush();
  await flush();
  return { fixture, el: fixture.nativeElement as HTMLElement, realtime, conversationsApi, flush };
}

describe('ConversationPageComponent', () => {
  beforeAll(() => (Element.prototype.scrollIntoView = jest.fn()));
  afterEach(() => localStorage.clear());

  it('should render the customer’s whole timeline and mark entries of other conversations', async () => {
    const { el, conversationsApi } = await setup([
      entry('now-2', 1, { conversationId: 'c1', text: 'Any news?' }),
      entry('now-1', 5, { conversationId: 'c1', text: 'My lamp arrived broken' }),
      entry('before', 9000, { conversationId: 'c0', text: 'Where is my order?' }),
    ]);

    expect(el.querySelector('h1')?.textContent).toBe('Ana Silva');
    const entries = [...el.querySelectorAll<HTMLElement>('tl-timeline-entry')];
    expect(entries.map((e) => e.getAttribute('data-entry-id'))).toEqual(['before', 'now-1', 'now-2']);
    expect(entries.map((e) => e.classList.contains('other'))).toEqual([true, false, false]);
    expect(entries[0].querySelector('.origin')?.textContent).toContain('#00C0 · Old order');
    expect(el.querySelector('.start')?.textContent).toContain('The beginning of this customer’s history');
    expect(el.querySelector('tl-customer-panel h2')?.textContent).toBe('Ana Silva');
    expect(conversationsApi.markRead).toHaveBeenCalledWith('c1');
  });

  it('should open the earlier conversation from its entry', async () => {
    const { el } = await setup([entry('before', 9000, { conversationId: 'c0' })]);
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    el.querySelector<HTMLButtonElement>('.origin')?.click();
    expect(navigate).toHaveBeenCalledWith(['/c', 'c0'], { queryParamsHandling: 'preserve' });
  });

  it('should add live entries of the customer and send replies from the composer', async () => {
    const { el, realtime, flush, conversationsApi } = await setup([entry('m1', 5, { conversationId: 'c1' })]);
    realtime.emit('message.created', { message: entry('m2', 1, { conversationId: 'c1', text: 'Hello?' }), conversation: CURRENT });
    await flush();
    expect(el.querySelectorAll('tl-timeline-entry')).toHaveLength(2);

    const box = el.querySelector('textarea') as HTMLTextAreaElement;
    box.value = 'On its way';
    box.dispatchEvent(new Event('input'));
    box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true }));
    await flush();

    expect(conversationsApi.post).toHaveBeenCalledWith('c1', { text: 'On its way', note: undefined, channel: undefined });
    expect([...el.querySelectorAll('tl-timeline-entry')].map((e) => e.getAttribute('data-entry-id'))).toEqual(['m1', 'm2', 'sent']);
    expect(el.querySelector('.draft')).toBeNull();
  });

  it('should apply a header change once, with the changes only', async () => {
    const { el, flush, conversationsApi } = await setup([]);
    const status = el.querySelector('tl-conversation-header select') as HTMLSelectElement;
    status.value = 'pending';
    status.dispatchEvent(new Event('change', { bubbles: true }));
    await flush();

    expect(conversationsApi.update).toHaveBeenCalledTimes(1);
    expect(conversationsApi.update).toHaveBeenCalledWith('c1', { status: 'pending' });
    expect(el.querySelector('tl-conversation-header .status')?.textContent).toBe('pending');
  });
});
