import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { of, throwError } from 'rxjs';
import { FakeRealtime } from '../../testing/fake-realtime';
import { settle } from '../../testing/pending-calls';
import { AuthStore } from '../auth/auth.store';
import { RealtimeService } from '../realtime/realtime.service';
import { SupervisorApi } from '../supervisor/supervisor.api';
import { MyPresenceStore } from './my-presence.store';

function setup(chooseResult = () => of({ userId: 'me', status: 'away' as const, since: '' })) {
  const realtime = new FakeRealtime('connected');
  const api = { myPresence: jest.fn(() => of({ userId: 'me', status: 'online' as const, since: '' })), chooseMyPresence: jest.fn(chooseResult) };
  TestBed.configureTestingModule({
    providers: [
      { provide: RealtimeService, useValue: realtime },
      { provide: SupervisorApi, useValue: api },
      { provide: AuthStore, useValue: { user: signal({ id: 'me', email: 'me@example.com', name: 'Me', role: 'agent' }) } },
    ],
  });
  return { store: TestBed.inject(MyPresenceStore), realtime, api };
}

describe('MyPresenceStore', () => {
  it('should read the status on each connect and follow agent.presence events about this user only', async () => {
    const { store, realtime } = setup();
    expect(store.status()).toBeNull();
    realtime.connects.next();
    await settle();
    expect(store.status()).toBe('online');

    realtime.emit('agent.presence', { userId: 'someone-else', status: 'away', since: '' });
    expect(store.status()).toBe('online');
    realtime.emit('agent.presence', { userId: 'me', status: 'away', since: '' });
    expect(store.status()).toBe('away');
  });

  it('should show what the server answered when choosing, and what it holds when the choice fails', async () => {
    const ok = setup();
    await ok.store.choose('away');
    expect(ok.api.chooseMyPresence).toHaveBeenCalledWith('away');
    expect(ok.store.status()).toBe('away');

    TestBed.resetTestingModule();
    const failing = setup(() => throwError(() => new Error('offline')));
    await failing.store.choose('away');
    expect(failing.store.status()).toBe('online');
    expect(failing.store.saving()).toBe(false);
  });
});
