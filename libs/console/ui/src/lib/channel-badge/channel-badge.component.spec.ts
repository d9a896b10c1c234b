import { TestBed } from '@angular/core/testing';
import { ChannelBadgeComponent } from './channel-badge.component';

describe('ChannelBadgeComponent', () => {
  it.each([
    ['email', 'Email'],
    ['chat', 'Chat'],
    ['phone', 'Phone'],
    ['social', 'Social'],
    ['generic', 'Generic'],
  ])('should name the %s channel and mark it for its colour', async (channel, label) => {
    const fixture = TestBed.createComponent(ChannelBadgeComponent);
    fixture.componentRef.setInput('channel', channel);
    await fixture.whenStable();
    const host = fixture.nativeElement as HTMLElement;
    expect(host.textContent?.trim()).toBe(label);
    expect(host.getAttribute('data-channel')).toBe(channel);
  });
});
