import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { AuthStore, ConversationsApi, MyPresenceStore, RealtimeService, SupervisorApi } from '@throughline/console/data-access';
import { conversation, FakeRealtime, settle } from '@throughline/console/data-access/testing';
import { type SupervisorOverview, type ConversationView } from '@throughline/domain';
import { of, Subject, throwError } from 'rxjs';
import { WallboardPageComponent } from './wallboard-page.component';

function overview(open: number, overrides: Partial<SupervisorOverview> = {}): SupervisorOverview {
  return {
    queues: [
      {
        id: 'q1',
        name: 'Billing',
        open,
        unassigned: 1,
        waiting: 2,
        oldestWaitingSeconds: 185,
        medianWaitSeconds: 60,
        atRisk: 1,
        breached: 0,
        lastHour: [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, open],
      },
    ],
    agents: [{ id: 'u-ada', name: 'Ada', presence: 'online', open: 2, capacity: 4, firstResponseMedianSeconds: 42 }],
    channels: [{ channel: 'email', lastHour: 5 }],
    pipeline: { ingestLagSeconds: 0, waiting: 0, failed: 0 },
    generatedAt: '2026-12-08T01:00:00.000Z',
    ...overrides,
  };
}

function setup(firstOverview: () => ReturnType<SupervisorApi['overview']>, atRisk: ConversationView[] = []) {
  const realtime = new FakeRealtime('connected');
  const supervisorApi = { overview: jest.fn(firstOverview), setPresence: jest.fn(() => of({ userId: 'u-ada', status: 'away', since: '' })) };
  const conversations = {
    list: jest.fn((query: { sla: string }) => of({ items: query.sla === 'at_risk' ? atRisk : [], nextCursor: null })),
    update: jest.fn((id: string, changes: Partial<ConversationView>) =>
      of({ ...atRisk.find((c) => c.id === id), ...changes, updatedAt: new Date().toISOString() }),
    ),
    post: jest.fn(() => of({})),
  };
  TestBed.configureTestingModule({
    providers: [
      provideRouter([]),
      { provide: RealtimeService, useValue: realtime },
      { provide: SupervisorApi, useValue: supervisorApi },
      { provide: ConversationsApi, useValue: conversations },
      { provide: AuthStore, useValue: { user: signal({ id: 'u-sup', email: 's@example.com', name: 'Sam', role: 'supervisor' }), logout: jest.fn() } },
      { provide: MyPresenceStore, useValue: { status: signal('online'), choose: jest.fn() } },
    ],
  });
  const fixture = TestBed.createComponent(WallboardPageComponent);
  const el = fixture.nativeElement as HTMLElement;
  const render = async () => {
    await settle();
    await fixture.whenStable();
  };
  return { fixture, el, realtime, supervisorApi, conversations, render };
}

describe('WallboardPageComponent', () => {
  // jsdom draws nothing; the sparkline then stays a labelled, empty canvas.
  beforeEach(() => jest.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null));
  afterEach(() => jest.restoreAllMocks());

  it('should say it is loading until the first overview arrives', async () => {
    const pending = new Subject<SupervisorOverview>();
    const { el, render } = setup(() => pending);
    await render();
    expect(el.querySelector('.loading')?.textContent).toContain('Loading the wallboard');
    pending.next(overview(3));
    pending.complete();
    await render();
    expect(el.querySelector('.loading')).toBeNull();
    expect(el.querySelector('[data-queue="Billing"] [data-figure="open"]')?.textContent).toBe('3');
  });

  it('should show the pushed overview without asking the server again', async () => {
    const { el, realtime, supervisorApi, render } = setup(() => of(overview(3)));
    await render();
    const calls = supervisorApi.overview.mock.calls.length;
    realtime.emit('supervisor.overview', overview(7));
    await render();
    expect(el.querySelector('[data-queue="Billing"] [data-figure="open"]')?.textContent).toBe('7');
    expect(el.querySelector('[data-agent="Ada"]')?.textContent).toContain('2 / 4');
    expect(supervisorApi.overview.mock.calls.length).toBe(calls);
  });

  it('should say so when the wallboard cannot be loaded', async () => {
    const { el, render } = setup(() => throwError(() => new Error('down')));
    await render();
    expect(el.querySelector('[role="alert"]')?.textContent).toContain('could not be loaded');
  });

  it('should reassign an at-risk conversation, and drop it from the list once it is resolved', async () => {
    const risky = conversation('c1', 5, { sla: { status: 'at_risk' } as ConversationView['sla'] });
    const { el, conversations, realtime, render } = setup(() => of(overview(3)), [risky]);
    await render();
    const select = el.querySelector<HTMLSelectElement>('select[aria-label^="Assignee"]');
    if (!select) throw new Error('no assignee menu');
    select.value = 'u-ada';
    select.dispatchEvent(new Event('change'));
    await render();
    expect(conversations.update).toHaveBeenCalledWith('c1', { assigneeId: 'u-ada' });

    realtime.emit('conversation.updated', { conversation: { ...risky, status: 'resolved', updatedAt: new Date(Date.now() + 60_000).toISOString() } });
    await render();
    expect(el.querySelector('[data-testid="attention-empty"]')).not.toBeNull();
  });

  it('should set an online agent away', async () => {
    const { el, supervisorApi, render } = setup(() => of(overview(3)));
    await render();
    const button = [...el.querySelectorAll<HTMLButtonElement>('[data-agent="Ada"] button')].find((b) => b.textContent?.includes('Set away'));
    expect(button).toBeDefined();
    button?.click();
    await render();
    expect(supervisorApi.setPresence).toHaveBeenCalledWith('u-ada', 'away');
  });
});
