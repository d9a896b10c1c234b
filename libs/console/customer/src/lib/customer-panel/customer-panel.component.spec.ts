import { TestBed } from '@angular/core/testing';
import { CustomersApi, InsightsApi } from '@throughline/console/data-access';
import { conversation, customer, NOW, PendingCalls, settle } from '@throughline/console/data-access/testing';
import type { CustomerView, OrderView, PossibleMatchView } from '@throughline/domain';
import { of } from 'rxjs';
import { CustomerPanelComponent } from './customer-panel.component';

const ANA = customer('cust-1', {
  name: 'Ana Silva',
  identities: [
    { id: 'i1', kind: 'email', value: 'ana@example.com', verified: true },
    { id: 'i2', kind: 'phone', value: '+32470000000', verified: false },
  ],
});
const MATCH: PossibleMatchView = {
  id: 'pm1',
  candidate: customer('cust-2', { name: 'A. Silva' }),
  reason: 'Same email typed in the chat',
  createdAt: new Date(NOW).toISOString(),
};

async function setup() {
  const ordersOf = new PendingCalls<[string], OrderView[]>();
  const merge = new PendingCalls<[string, string], CustomerView>();
  const dismissMatch = new PendingCalls<[string, string], unknown>();
  const customersApi = { possibleMatches: jest.fn(() => of([MATCH])), merge: merge.fn, dismissMatch: dismissMatch.fn };
  TestBed.configureTestingModule({
    providers: [
      { provide: CustomersApi, useValue: customersApi },
      { provide: InsightsApi, useValue: { ordersOf: ordersOf.fn } },
    ],
  });
  const fixture = TestBed.createComponent(CustomerPanelComponent);
  fixture.componentRef.setInput('customer', ANA);
  fixture.componentRef.setInput('currentConversationId', 'c1');
  fixture.componentRef.setInput('now', NOW);
  fixture.componentRef.setInput('conversations', [
    conversation('c1', 5, { customerId: ANA.id, subject: 'Broken lamp' }),
    conversation('c0', 9000, { customerId: ANA.id, subject: null, preview: 'Where is my order?', status: 'resolved', channel: 'phone' }),
  ]);
  const flush = async () => {
    await settle();
    await fixture.whenStable();
  };
  await flush();
  return { fixture, el: fixture.nativeElement as HTMLElement, merge, dismissMatch, customersApi, ordersOf, flush };
}

describe('CustomerPanelComponent', () => {
  it('should list the identities with their verified marks', async () => {
    const { el } = await setup();
    const rows = [...el.querySelectorAll('.identities li')];
    expect(rows.map((r) => [r.querySelector('.kind')?.textContent, r.querySelector('.value')?.textContent])).toEqual([
      ['Email', 'ana@example.com'],
      ['Phone', '+32470000000'],
    ]);
    expect(rows[0].querySelector('.verified')).not.toBeNull();
    expect(rows[1].querySelector('.verified')).toBeNull();
    expect(rows[1].querySelector('.unverified')?.textContent).toBe('unverified');
  });

  it('should merge a possible match through the API and then stop offering it', async () => {
    const { el, merge, flush, customersApi } = await setup();
    expect(customersApi.possibleMatches).toHaveBeenCalledWith('cust-1');
    expect(el.querySelector('.match-name')?.textContent).toBe('A. Silva');
    expect(el.querySelector('.matches')?.textContent).toContain('Same email typed in the chat');
    expect(el.querySelector('.match-ids')?.textContent).toContain('Email: cust-2@example.com');

    el.querySelector<HTMLButtonElement>('button.merge')?.click();
    await flush();
    expect(merge.last.args).toEqual(['cust-1', 'cust-2']);
    expect(el.querySelector('button.merge')?.textContent?.trim()).toBe('Merging…');
    expect(el.querySelector<HTMLButtonElement>('button.merge')?.disabled).toBe(true);

    await merge.respond(ANA);
    await flush();
    expect(el.querySelector('.matches')).toBeNull();
  });

  it('should keep the match and say why when the merge fails', async () => {
    const { el, merge, flush } = await setup();
    el.querySelector<HTMLButtonElement>('button.merge')?.click();
    await flush();
    await merge.fail(409);
    await flush();
    expect(el.querySelector('.match-name')).not.toBeNull();
    expect(el.querySelector('[role=alert]')?.textContent).toBe('Could not merge these customers.');
  });

  it('should list the customer’s conversations and open another one', async () => {
    const { el, fixture } = await setup();
    const opened: string[] = [];
    fixture.componentInstance.openConversation.subscribe((id) => opened.push(id));
    const items = [...el.querySelectorAll<HTMLLIElement>('.history li')];
    expect(items.map((i) => i.querySelector('.ref')?.textContent)).toEqual(['#00C1', '#00C0']);
    expect(items[0].classList).toContain('current');
    expect(items[0].querySelector('button')?.disabled).toBe(true);
    expect(items[1].querySelector('.preview')?.textContent).toBe('Where is my order?');
    expect(items[1].querySelector('.status')?.textContent).toBe('resolved');

    items[1].querySelector('button')?.click();
    expect(opened).toEqual(['c0']);
  });

  it('should stop offering a match the agent says is another person', async () => {
    const { el, dismissMatch, flush } = await setup();
    el.querySelector<HTMLButtonElement>('button.not-same')?.click();
    await flush();
    expect(dismissMatch.last.args).toEqual(['cust-1', 'pm1']);
    await dismissMatch.respond({});
    await flush();
    expect(el.querySelector('.matches')).toBeNull();
  });

  it('should keep a match and say why when it cannot be dismissed', async () => {
    const { el, dismissMatch, flush } = await setup();
    el.querySelector<HTMLButtonElement>('button.not-same')?.click();
    await flush();
    await dismissMatch.fail(403);
    await flush();
    expect(el.querySelector('.match-name')?.textContent).toBe('A. Silva');
    expect(el.querySelector('[role=alert]')?.textContent).toBe('Could not dismiss this match.');
  });

  describe('purchases', () => {
    const ORDERS: OrderView[] = [
      {
        id: 'o2',
        externalId: 'WEB-1002',
        orderedAt: new Date(NOW - 3 * 86_400_000).toISOString(),
        lines: [
          { sku: 'LAMP', name: 'Desk lamp', quantity: 2 },
          { sku: 'BULB-E27', name: null, quantity: 1 },
        ],
      },
      { id: 'o1', externalId: 'WEB-1001', orderedAt: new Date(NOW - 90 * 86_400_000).toISOString(), lines: [{ sku: 'CHAIR', name: 'Chair', quantity: 1 }] },
    ];

    it('should list the customer’s orders once loaded, with quantities and names (or SKUs)', async () => {
      const { el, ordersOf, flush } = await setup();
      expect(ordersOf.last.args).toEqual(['cust-1']);
      expect(el.querySelector('.orders')).toBeNull();

      await ordersOf.respond(ORDERS);
      await flush();
      const rows = [...el.querySelectorAll('.orders li')];
      expect(rows.map((r) => r.querySelector('.ref')?.textContent)).toEqual(['WEB-1002', 'WEB-1001']);
      expect([...rows[0].querySelectorAll('.items span')].map((s) => s.textContent)).toEqual(['2 × Desk lamp', 'BULB-E27']);
      expect([...rows[1].querySelectorAll('.items span')].map((s) => s.textContent)).toEqual(['Chair']);
    });

    it('should say when the customer bought nothing', async () => {
      const { el, ordersOf, flush } = await setup();
      await ordersOf.respond([]);
      await flush();
      expect(el.querySelector('.orders')?.textContent?.trim()).toBe('No purchases on record.');
    });

    it('should leave the purchases out, and the rest of the panel working, when they cannot be loaded', async () => {
      const { el, ordersOf, flush } = await setup();
      await ordersOf.fail(503);
      await flush();
      expect(el.querySelector('#orders-title')).toBeNull();
      expect(el.querySelector('[role=alert]')).toBeNull();
      expect(el.querySelector('.match-name')?.textContent).toBe('A. Silva');
    });

    it('should load the purchases of another customer and drop a late answer for the previous one', async () => {
      const { fixture, el, ordersOf, flush } = await setup();
      fixture.componentRef.setInput('customer', customer('cust-3', { name: 'Bea' }));
      await flush();
      expect(ordersOf.calls.map((c) => c.args)).toEqual([['cust-1'], ['cust-3']]);

      await ordersOf.respond(ORDERS, 0);
      await flush();
      expect(el.querySelector('.orders')).toBeNull();
      await ordersOf.respond([], 1);
      await flush();
      expect(el.querySelector('.orders')?.textContent?.trim()).toBe('No purchases on record.');
    });
  });
});
