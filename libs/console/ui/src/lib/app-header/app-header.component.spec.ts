import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { UserView } from '@throughline/domain';
import { AppHeaderComponent, initialsOf } from './app-header.component';

describe('AppHeaderComponent', () => {
  beforeEach(() => TestBed.configureTestingModule({ providers: [provideRouter([])] }));

  async function render(user: UserView, connection: string | null = 'connected') {
    const fixture = TestBed.createComponent(AppHeaderComponent);
    fixture.componentRef.setInput('user', user);
    fixture.componentRef.setInput('connection', connection);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  it('should offer Inbox, Admin and Reports to admins and supervisors only', async () => {
    for (const role of ['admin', 'supervisor'] as const) {
      const el = await render({ id: 'u1', email: 'x@example.com', name: 'Ada Admin', role });
      const links = [...el.querySelectorAll<HTMLAnchorElement>('nav[aria-label="Console sections"] a')];
      expect(links.map((a) => [a.textContent?.trim(), a.getAttribute('href')])).toEqual([
        ['Inbox', '/'],
        ['Admin', '/admin'],
        ['Wallboard', '/supervisor'],
        ['Reports', '/reports'],
      ]);
    }
    const agentView = await render({ id: 'u2', email: 'a@example.com', name: 'Alex Agent', role: 'agent' });
    expect(agentView.querySelector('nav')).toBeNull();
  });

  it('should leave the connection state out where nothing is live', async () => {
    const el = await render({ id: 'u1', email: 'x@example.com', name: 'Ada Admin', role: 'admin' }, null);
    expect(el.querySelector('tl-connection-indicator')).toBeNull();
  });

  it('should show the signed-in user and emit signOut when Sign out is clicked', async () => {
    const fixture = TestBed.createComponent(AppHeaderComponent);
    fixture.componentRef.setInput('user', { id: 'u1', email: 'agent@example.com', name: 'Alex Agent', role: 'agent' });
    fixture.componentRef.setInput('connection', 'reconnecting');
    const signOut = jest.fn();
    fixture.componentInstance.signOut.subscribe(signOut);
    await fixture.whenStable();

    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('.name')?.textContent).toBe('Alex Agent');
    expect(el.querySelector('.role')?.textContent).toBe('Agent');
    expect(el.querySelector('tl-connection-indicator')?.textContent).toContain('Reconnecting');

    el.querySelector<HTMLButtonElement>('button.sign-out')?.click();
    expect(signOut).toHaveBeenCalledTimes(1);
  });

  it('should make initials from the first and last name', () => {
    expect(initialsOf('Alex Agent')).toBe('AA');
    expect(initialsOf(' ana maria  lopez ')).toBe('AL');
    expect(initialsOf('cher')).toBe('C');
    expect(initialsOf('')).toBe('?');
    expect(initialsOf('Robin Live 1795474611055')).toBe('RL');
    expect(initialsOf('Émile Zola')).toBe('ÉZ');
  });

  it('should toggle the agent between online and away, and hide the toggle while presence is unknown', async () => {
    const fixture = TestBed.createComponent(AppHeaderComponent);
    fixture.componentRef.setInput('user', { id: 'u1', email: 'agent@example.com', name: 'Alex Agent', role: 'agent' });
    const chosen: string[] = [];
    fixture.componentInstance.presenceChange.subscribe((status) => chosen.push(status));
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('button.presence')).toBeNull();

    fixture.componentRef.setInput('presence', 'online');
    await fixture.whenStable();
    expect(el.querySelector('button.presence')?.textContent?.trim()).toBe('online');
    el.querySelector<HTMLButtonElement>('button.presence')?.click();

    for (const status of ['away', 'offline'] as const) {
      fixture.componentRef.setInput('presence', status);
      await fixture.whenStable();
      el.querySelector<HTMLButtonElement>('button.presence')?.click();
    }
    expect(chosen).toEqual(['away', 'online', 'online']);
  });
});
