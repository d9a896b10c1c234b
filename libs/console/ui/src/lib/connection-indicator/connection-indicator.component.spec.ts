import { TestBed } from '@angular/core/testing';
import { ConnectionIndicatorComponent } from './connection-indicator.component';

describe('ConnectionIndicatorComponent', () => {
  it.each([
    ['connected', 'Live'],
    ['reconnecting', 'Reconnecting…'],
    ['connecting', 'Connecting…'],
    ['offline', 'Offline'],
  ])('should say %s as "%s"', async (state, text) => {
    const fixture = TestBed.createComponent(ConnectionIndicatorComponent);
    fixture.componentRef.setInput('state', state);
    await fixture.whenStable();
    const host = fixture.nativeElement as HTMLElement;
    expect(host.textContent?.trim()).toBe(text);
    expect(host.getAttribute('data-state')).toBe(state);
    expect(host.getAttribute('role')).toBe('status');
  });
});
