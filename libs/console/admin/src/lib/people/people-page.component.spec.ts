import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { AuthStore, PeopleApi } from '@throughline/console/data-access';
import type { PersonView } from '@throughline/domain';
import { of } from 'rxjs';
import { PeoplePageComponent } from './people-page.component';

const person = (id: string, overrides: Partial<PersonView> = {}): PersonView => ({
  id,
  email: `${id}@example.com`,
  name: `Person ${id}`,
  role: 'agent',
  status: 'active',
  capacity: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  ...overrides,
});

async function setup(people: PersonView[]) {
  const api = {
    list: jest.fn(() => of(people)),
    invite: jest.fn(() => of({ user: person('new', { status: 'invited' }), inviteUrl: 'http://localhost/invite/abc', emailed: false })),
    update: jest.fn((id: string, changes: Partial<PersonView>) => of({ ...person(id), ...changes, status: changes.disabled ? 'disabled' : 'active' })),
    resetLink: jest.fn(() => of({ resetUrl: 'http://localhost/reset/xyz', emailed: true })),
  };
  TestBed.configureTestingModule({
    providers: [provideRouter([]), { provide: PeopleApi, useValue: api }, { provide: AuthStore, useValue: { user: () => ({ id: 'me' }) } }],
  });
  const fixture = TestBed.createComponent(PeoplePageComponent);
  await fixture.whenStable();
  const el = fixture.nativeElement as HTMLElement;
  const button = (label: string, row = 0) =>
    [...el.querySelectorAll('table[aria-label="People"] tbody tr')[row].querySelectorAll('button')].find(
      (b) => b.textContent?.trim() === label,
    ) as HTMLButtonElement;
  return { el, api, button, render: () => fixture.whenStable() };
}

describe('PeoplePageComponent', () => {
  it('should list people with role, status and capacity, and never offer to disable oneself', async () => {
    const { el, button } = await setup([person('me', { role: 'admin' }), person('gone', { status: 'disabled', capacity: 3 })]);
    const rows = el.querySelectorAll('table[aria-label="People"] tbody tr');
    expect(rows[0].textContent).toContain('(you)');
    expect(button('Disable', 0)).toBeUndefined();
    expect(rows[1].textContent).toContain('Disabled');
    expect((rows[1].querySelector('input') as HTMLInputElement).value).toBe('3');
    expect(button('Enable', 1)).toBeDefined();
  });

  it('should spell out what disabling does before doing it', async () => {
    const { el, api, button, render } = await setup([person('me'), person('sam')]);
    button('Disable', 1).click();
    await render();
    expect(el.textContent).toContain('They are signed out everywhere at once');
    expect(api.update).not.toHaveBeenCalled();
    ([...el.querySelectorAll('button')].find((b) => b.textContent?.includes('Disable Person sam')) as HTMLButtonElement).click();
    await render();
    expect(api.update).toHaveBeenCalledWith('sam', { disabled: true });
    expect(el.querySelectorAll('table[aria-label="People"] tbody tr')[1].textContent).toContain('Disabled');
  });

  it('should show a reset link once, with whether it was emailed', async () => {
    const { el, button, render } = await setup([person('me'), person('sam')]);
    button('Reset link', 1).click();
    await render();
    const shown = el.querySelector('[aria-label="Link to share"]') as HTMLElement;
    expect(shown.textContent).toContain('It was emailed to them');
    expect((shown.querySelector('input') as HTMLInputElement).value).toBe('http://localhost/reset/xyz');
  });
});
