import { TestBed } from '@angular/core/testing';
import { type ConversationChanges, ConversationsApi, TagsApi } from '@throughline/console/data-access';
import { conversation } from '@throughline/console/data-access/testing';
import type { ConversationView } from '@throughline/domain';
import { of } from 'rxjs';
import { ConversationHeaderComponent, snoozeUntil } from './conversation-header.component';

describe('snoozeUntil', () => {
  const now = new Date(2026, 10, 24, 15, 30);

  it('should add hours', () => {
    expect(snoozeUntil('1', now).getTime()).toBe(now.getTime() + 3_600_000);
    expect(snoozeUntil('168', now).getTime()).toBe(now.getTime() + 168 * 3_600_000);
  });

  it('should give 9:00 the next morning for tomorrow', () => {
    expect(snoozeUntil('tomorrow', now)).toEqual(new Date(2026, 10, 25, 9, 0, 0, 0));
    expect(snoozeUntil('tomorrow', new Date(2026, 11, 31, 23, 0))).toEqual(new Date(2027, 0, 1, 9, 0, 0, 0));
  });
});

describe('ConversationHeaderComponent', () => {
  const vip = { id: 't1', name: 'VIP', color: '#aa0000' };
  const refund = { id: 't2', name: 'Refund', color: '#2f80ed' };

  async function setup(c: ConversationView = conversation('c1', 5, { customerName: 'Ana Silva', assigneeId: 'u2', queueId: 'billing' })) {
    TestBed.configureTestingModule({
      providers: [
        {
          provide: ConversationsApi,
          useValue: {
            users: () =>
              of([
                { id: 'u1', email: 'a@x', name: 'Alex', role: 'agent' },
                { id: 'u2', email: 's@x', name: 'Sam', role: 'agent' },
              ]),
            queues: () => of([{ id: 'billing', name: 'Billing' }]),
          },
        },
        { provide: TagsApi, useValue: { list: () => of([vip, refund]) } },
      ],
    });
    const fixture = TestBed.createComponent(ConversationHeaderComponent);
    fixture.componentRef.setInput('conversation', c);
    await fixture.whenStable();
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const changes: ConversationChanges[] = [];
    fixture.componentInstance.changed.subscribe((change) => changes.push(change));
    const select = (label: string) =>
      [...el.querySelectorAll('label')].find((l) => l.querySelector('span')?.textContent === label)?.querySelector('select') as HTMLSelectElement;
    const choose = (label: string, value: string) => {
      const s = select(label);
      s.value = value;
      s.dispatchEvent(new Event('change'));
    };
    return { fixture, el, changes, select, choose };
  }

  it('should name the other customers who wrote into the conversation, and nobody when it is only the owner', async () => {
    const participants: ConversationView['participants'] = [
      { customerId: 'k1', name: 'Ana Silva', role: 'owner' },
      { customerId: 'k2', name: 'Bo Chen', role: 'participant' },
      { customerId: 'k3', name: null, role: 'participant' },
    ];
    const { el, fixture } = await setup(conversation('c1', 5, { customerName: 'Ana Silva', participants }));
    expect(el.querySelector('.participants')?.textContent?.trim()).toBe('With Bo Chen, unknown customer');
    fixture.componentRef.setInput('conversation', conversation('c1', 6, { customerName: 'Ana Silva', participants: participants.slice(0, 1) }));
    await fixture.whenStable();
    expect(el.querySelector('.participants')).toBeNull();
  });

  it('should show the conversation with its current assignee, queue and priority selected', async () => {
    const { el, select } = await setup(conversation('c1', 5, { customerName: 'Ana Silva', assigneeId: 'u2', queueId: 'billing', priority: 'high' }));
    expect(el.querySelector('h1')?.textContent).toBe('Ana Silva');
    expect(el.querySelector('.status')?.textContent).toBe('open');
    expect(select('Assignee').value).toBe('u2');
    expect(select('Queue').value).toBe('billing');
    expect(select('Status').value).toBe('open');
    expect(select('Priority').value).toBe('high');
  });

  it('should emit each change', async () => {
    const { changes, choose } = await setup();
    choose('Status', 'pending');
    choose('Assignee', '');
    choose('Assignee', 'u1');
    choose('Queue', '');
    choose('Priority', 'urgent');
    expect(changes).toEqual([{ status: 'pending' }, { assigneeId: null }, { assigneeId: 'u1' }, { queueId: null }, { priority: 'urgent' }]);
  });

  it('should snooze until the chosen time and reset the picker', async () => {
    const { changes, choose, select } = await setup();
    const before = Date.now();
    choose('Snooze', '4');
    const after = Date.now();

    expect(changes).toEqual([{ status: 'snoozed', snoozedUntil: expect.any(String) }]);
    const until = Date.parse(changes[0].snoozedUntil ?? '');
    expect(until).toBeGreaterThanOrEqual(before + 4 * 3_600_000);
    expect(until).toBeLessThanOrEqual(after + 4 * 3_600_000);
    expect(select('Snooze').value).toBe('');
  });

  it('should resolve an open conversation and reopen a resolved one', async () => {
    const open = await setup();
    open.el.querySelector<HTMLButtonElement>('button.resolve')?.click();
    expect(open.changes).toEqual([{ status: 'resolved' }]);

    TestBed.resetTestingModule();
    const resolved = await setup(conversation('c1', 5, { status: 'resolved' }));
    expect(resolved.el.querySelector('button.resolve')?.textContent).toContain('Reopen');
    resolved.el.querySelector<HTMLButtonElement>('button.resolve')?.click();
    expect(resolved.changes).toEqual([{ status: 'open' }]);
  });

  it('should show who else is here and the last error', async () => {
    const { fixture, el } = await setup();
    fixture.componentRef.setInput('others', [
      { id: 'u3', name: 'Kim', state: 'typing' },
      { id: 'u4', name: 'Lee', state: 'viewing' },
    ]);
    fixture.componentRef.setInput('error', 'Could not change the conversation.');
    await fixture.whenStable();
    expect([...el.querySelectorAll('.agent')].map((a) => a.textContent)).toEqual(['Kim is typing a reply…', 'Lee is viewing']);
    expect(el.querySelector('[role=alert]')?.textContent).toBe('Could not change the conversation.');
  });

  it('should show its tags, offer the others, and emit the tag list after adding or removing one', async () => {
    const { el, fixture } = await setup(conversation('c1', 5, { tags: [vip] }));
    const emitted: string[][] = [];
    fixture.componentInstance.tagsChanged.subscribe((ids) => emitted.push(ids));
    expect([...el.querySelectorAll('.tag')].map((t) => t.textContent?.replace('×', '').trim())).toEqual(['VIP']);
    const picker = el.querySelector<HTMLSelectElement>('select[aria-label="Add a tag"]') as HTMLSelectElement;
    expect([...picker.options].map((o) => o.textContent)).toEqual(['+ Tag', 'Refund']);
    picker.value = 't2';
    picker.dispatchEvent(new Event('change'));
    expect(picker.value).toBe('');
    el.querySelector<HTMLButtonElement>('button[aria-label="Remove tag VIP"]')?.click();
    expect(emitted).toEqual([['t1', 't2'], []]);
  });
});
