import { TestBed } from '@angular/core/testing';
import { TagsApi } from '@throughline/console/data-access';
import { PendingCalls } from '@throughline/console/data-access/testing';
import type { TagView } from '@throughline/domain';
import { TagsPageComponent } from './tags-page.component';

describe('TagsPageComponent', () => {
  async function setUp() {
    const list = new PendingCalls<[], TagView[]>();
    const create = new PendingCalls<[Omit<TagView, 'id'>], TagView>();
    const update = new PendingCalls<[string, Partial<TagView>], TagView>();
    TestBed.configureTestingModule({ providers: [{ provide: TagsApi, useValue: { list: list.fn, create: create.fn, update: update.fn } }] });
    const fixture = TestBed.createComponent(TagsPageComponent);
    await fixture.whenStable();
    return { list, create, update, fixture, el: fixture.nativeElement as HTMLElement };
  }

  const vip: TagView = { id: 't1', name: 'VIP', color: '#aa0000' };

  it('should show the empty state, then add a tag and list it', async () => {
    const { list, create, fixture, el } = await setUp();
    expect(el.querySelector('[aria-label="Loading tags"]')).not.toBeNull();
    await list.respond([]);
    await fixture.whenStable();
    expect(el.querySelector('.state .title')?.textContent).toBe('No tags yet');

    const name = el.querySelector<HTMLInputElement>('input[name="name"]') as HTMLInputElement;
    name.value = 'VIP';
    name.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    el.querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
    expect(create.last.args[0]).toEqual({ name: 'VIP', color: '#2f80ed' });
    await create.respond(vip);
    await fixture.whenStable();
    expect([...el.querySelectorAll('table .chip')].map((c) => c.textContent)).toEqual(['VIP']);
  });

  it("should send a rename and show the server's refusal", async () => {
    const { list, update, fixture, el } = await setUp();
    await list.respond([vip]);
    await fixture.whenStable();
    const name = el.querySelector<HTMLInputElement>('input[aria-label="Name of VIP"]') as HTMLInputElement;
    name.value = 'Gold';
    el.querySelector<HTMLButtonElement>('.row-actions button')?.click();
    expect(update.last.args).toEqual(['t1', { name: 'Gold' }]);
    await update.fail(409, undefined, { message: 'name: a tag with this name exists' });
    await fixture.whenStable();
    expect(el.querySelector('.alert')?.textContent).toContain('a tag with this name exists');
  });

  it('should offer a retry when the list does not load', async () => {
    const { list, fixture, el } = await setUp();
    await list.fail(500);
    await fixture.whenStable();
    expect(el.querySelector('[role="alert"] .title')?.textContent).toBe('Tags not loaded');
    el.querySelector<HTMLButtonElement>('[role="alert"] button')?.click();
    expect(list.calls).toHaveLength(2);
  });
});
