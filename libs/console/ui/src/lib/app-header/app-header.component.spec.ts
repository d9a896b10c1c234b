import { TestBed } from '@angular/core/testing';
import { AppHeaderComponent, initialsOf } from './app-header.component';

describe('AppHeaderComponent', () => {
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
});
