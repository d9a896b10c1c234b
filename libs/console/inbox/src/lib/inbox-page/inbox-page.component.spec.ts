import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, type TestRequest } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { RealtimeService, SESSION_STORAGE_KEY } from '@throughline/console/data-access';
import { FakeRealtime, conversation as sharedConversation } from '@throughline/console/data-access/testing';
import type { ConversationView } from '@throughline/domain';
import { InboxPageComponent } from './inbox-page.component';

/** Relative times render from the real clock here, so count back from it. */
function conversation(id: string, minutesAgo: number, overrides: Partial<ConversationView> = {}): ConversationView {
  return sharedConversation(id, minutesAgo, { subject: null, preview: null, ...overrides }, Date.now());
}

async function settle(fixture: ComponentFixture<unknown>): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
  await fixture.whenStable();
}

async function setup() {
  localStorage.setItem(
    SESSION_STORAGE_KEY,
    JSON.stringify({ accessToken: 't', user: { id: 'u1', email: 'agent@example.com', name: 'Alex Agent', role: 'agent' } }),
  );
  const realtime = new FakeRealtime('connecting');
  TestBed.configureTestingModule({
    imports: [InboxPageComponent],
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      provideRouter([]),
      { provide: RealtimeService, useValue: realtime },
    ],
  });
  const fixture = TestBed.createComponent(InboxPageComponent);
  await fixture.whenStable();
  const http = TestBed.inject(HttpTestingController);
  const el = fixture.nativeElement as HTMLElement;
  const pending = (): TestRequest => http.expectOne((r) => r.url === '/api/conversations');
  const rows = () => [...el.querySelectorAll<HTMLElement>('li.row:not(.skeleton)')];
  return { fixture, http, el, realtime, pending, rows };
}

describe('InboxPageComponent', () => {
  afterEach(() => localStorage.clear());

  it('should show a loading state, then one row per open conversation', async () => {
    const { fixture, el, pending, rows } = await setup();
    expect(el.querySelectorAll('li.skeleton').length).toBeGreaterThan(0);
    expect(el.textContent).toContain('Loading conversations');

    pending().flush({
      items: [
        conversation('a', 5, { customerName: 'Ana Silva', channel: 'chat', subject: 'Broken order', preview: 'It arrived cracked' }),
        conversation('b', 90, { customerName: null, channel: 'phone', preview: 'Missed call', priority: 'urgent' }),
      ],
      nextCursor: null,
    });
    await settle(fixture);

    expect(el.querySelectorAll('li.skeleton')).toHaveLength(0);
    const [first, second] = rows();
    expect(first.querySelector('.name')?.textContent).toBe('Ana Silva');
    expect(first.querySelector('tl-channel-badge')?.textContent?.trim()).toBe('Chat');
    expect(first.querySelector('.subject')?.textContent).toBe('Broken order');
    expect(first.querySelector('.preview')?.textContent).toBe('It arrived cracked');
    expect(first.querySelector('time')?.textContent).toBe('5 min ago');
    expect(second.querySelector('.name')?.textContent).toBe('Unknown customer');
    expect(second.querySelector('tl-channel-badge')?.textContent?.trim()).toBe('Phone');
    expect(second.querySelector('.priority')?.textContent).toBe('Urgent');
  });

  it('should say the inbox is empty and will fill live', async () => {
    const { fixture, el, pending } = await setup();
    pending().flush({ items: [], nextCursor: null });
    await settle(fixture);
    expect(el.textContent).toContain('No open conversations — new messages appear here live');
  });

  it('should show the error with a Retry button that loads again', async () => {
    const { fixture, el, pending, http, rows } = await setup();
    pending().flush({ statusCode: 503, error: 'Service Unavailable', message: 'db down' }, { status: 503, statusText: 'x' });
    await settle(fixture);

    const alert = el.querySelector('[role=alert]');
    expect(alert?.textContent).toContain('Couldn’t load conversations');
    const retry = [...el.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Retry');
    expect(retry).toBeDefined();
    retry?.click();
    await settle(fixture);

    pending().flush({ items: [conversation('a', 1)], nextCursor: null });
    await settle(fixture);
    expect(rows()).toHaveLength(1);
    http.verify();
  });

  it('should add a conversation that arrives live at the top, highlighted', async () => {
    const { fixture, pending, realtime, rows } = await setup();
    pending().flush({ items: [conversation('a', 5)], nextCursor: null });
    await settle(fixture);

    realtime.emit('conversation.created', { conversation: conversation('new', 0, { customerName: 'New Person' }) });
    await settle(fixture);

    const [top, next] = rows();
    expect(top.querySelector('.name')?.textContent).toBe('New Person');
    expect(top.classList).toContain('fresh');
    expect(next.classList).not.toContain('fresh');
  });

  it('should show the connection state and the signed-in agent', async () => {
    const { fixture, el, realtime, pending } = await setup();
    pending().flush({ items: [], nextCursor: null });
    realtime.status.set('reconnecting');
    await settle(fixture);
    expect(el.querySelector('tl-connection-indicator')?.textContent).toContain('Reconnecting');
    expect(el.querySelector('tl-app-header')?.textContent).toContain('Alex Agent');

    realtime.status.set('connected');
    await settle(fixture);
    expect(el.querySelector('tl-connection-indicator')?.textContent).toContain('Live');
  });

  it('should sign out from the header', async () => {
    const { fixture, el, pending } = await setup();
    pending().flush({ items: [], nextCursor: null });
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    await settle(fixture);

    el.querySelector<HTMLButtonElement>('button.sign-out')?.click();
    expect(localStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();
    expect(navigate).toHaveBeenCalledWith('/login');
  });
});
