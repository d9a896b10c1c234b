import { TestBed } from '@angular/core/testing';
import type { ConversationView } from '@throughline/domain';
import { of } from 'rxjs';
import { conversation } from '../../testing/conversation.factory';
import { FakeRealtime } from '../../testing/fake-realtime';
import { ConversationsApi } from '../conversations/conversations.api';
import { RealtimeService } from '../realtime/realtime.service';
import { SupervisorApi } from './supervisor.api';
import { byUrgency, WallboardStore } from './wallboard.store';

const sla = (status: 'ok' | 'at_risk' | 'breached') => ({ status }) as ConversationView['sla'];

describe('byUrgency', () => {
  it('should put breached first, then the customer waiting longest', () => {
    const atRiskOld = conversation('a', 50, { sla: sla('at_risk') });
    const breachedNew = conversation('b', 5, { sla: sla('breached') });
    const atRiskNew = conversation('c', 10, { sla: sla('at_risk') });
    expect([atRiskNew, atRiskOld, breachedNew].sort(byUrgency).map((c) => c.id)).toEqual(['b', 'a', 'c']);
  });
});

describe('WallboardStore', () => {
  function setup(atRisk: ConversationView[]) {
    const realtime = new FakeRealtime('connected');
    TestBed.configureTestingModule({
      providers: [
        WallboardStore,
        { provide: RealtimeService, useValue: realtime },
        {
          provide: SupervisorApi,
          useValue: { overview: () => of({ queues: [], agents: [], channels: [], pipeline: { ingestLagSeconds: 0, waiting: 0, failed: 0 }, generatedAt: '' }) },
        },
        { provide: ConversationsApi, useValue: { list: (q: { sla: string }) => of({ items: q.sla === 'at_risk' ? atRisk : [], nextCursor: null }) } },
      ],
    });
    return { store: TestBed.inject(WallboardStore), realtime };
  }

  it('should keep the attention list in step with live events, ignoring states older than the one held', async () => {
    const held = conversation('a', 5, { sla: sla('at_risk'), updatedAt: '2026-12-08T01:00:00.000Z' });
    const { store, realtime } = setup([held]);
    await store.load();
    expect(store.attention().map((c) => c.id)).toEqual(['a']);

    realtime.emit('sla.breached', { conversation: conversation('b', 1, { sla: sla('breached') }), breach: { kind: 'first_response', dueAt: '', at: '' } });
    expect(store.attention().map((c) => c.id)).toEqual(['b', 'a']);

    realtime.emit('conversation.updated', { conversation: { ...held, sla: sla('ok'), updatedAt: '2026-12-08T00:59:00.000Z' } });
    expect(store.attention().map((c) => c.id)).toEqual(['b', 'a']);

    realtime.emit('conversation.updated', { conversation: { ...held, sla: sla('ok'), updatedAt: '2026-12-08T01:01:00.000Z' } });
    expect(store.attention().map((c) => c.id)).toEqual(['b']);

    realtime.emit('conversation.updated', { conversation: conversation('c', 1, { sla: sla('ok') }) });
    expect(store.attention().map((c) => c.id)).toEqual(['b']);
  });

  it('should take the overview from the push without loading it again', () => {
    const { store, realtime } = setup([]);
    const pushed = { queues: [], agents: [], channels: [], pipeline: { ingestLagSeconds: 3, waiting: 1, failed: 0 }, generatedAt: 'now' };
    realtime.emit('supervisor.overview', pushed);
    expect(store.overview()).toBe(pushed);
    expect(store.loading()).toBe(false);
  });
});
