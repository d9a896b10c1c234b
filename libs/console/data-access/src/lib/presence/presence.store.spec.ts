import { TestBed } from '@angular/core/testing';
import { type AgentPresence, PRESENCE_HEARTBEAT_MS, PRESENCE_TTL_MS } from '@throughline/domain';
import { FakeRealtime } from '../../testing/fake-realtime';
import { RealtimeService } from '../realtime/realtime.service';
import { PresenceStore, TYPING_IDLE_MS } from './presence.store';

function presence(userId: string, state: AgentPresence['state'], conversationId = 'c1'): AgentPresence {
  return { conversationId, user: { id: userId, name: `Agent ${userId}` }, state, at: new Date().toISOString() };
}

function setup() {
  jest.useFakeTimers();
  const realtime = new FakeRealtime('connected');
  TestBed.configureTestingModule({ providers: [PresenceStore, { provide: RealtimeService, useValue: realtime }] });
  const store = TestBed.inject(PresenceStore);
  const sent = () => realtime.send.mock.calls.map(([name, payload]) => `${name}:${payload.conversationId}:${payload.state}`);
  return { store, realtime, sent };
}

describe('PresenceStore', () => {
  afterEach(() => jest.useRealTimers());

  it('should announce viewing on enter, and again every heartbeat', () => {
    const { store, sent } = setup();
    store.enter('c1');
    store.enter('c1');
    expect(sent()).toEqual(['presence:c1:viewing']);

    jest.advanceTimersByTime(PRESENCE_HEARTBEAT_MS);
    expect(sent()).toEqual(['presence:c1:viewing', 'presence:c1:viewing']);
  });

  it('should announce typing once, then viewing again after TYPING_IDLE_MS without a keystroke', () => {
    const { store, sent, realtime } = setup();
    store.enter('c1');
    realtime.send.mockClear();

    store.typing();
    jest.advanceTimersByTime(TYPING_IDLE_MS - 1);
    store.typing();
    expect(sent()).toEqual(['presence:c1:typing']);

    jest.advanceTimersByTime(TYPING_IDLE_MS - 1);
    expect(sent()).toEqual(['presence:c1:typing']);
    jest.advanceTimersByTime(1);
    expect(sent()).toEqual(['presence:c1:typing', 'presence:c1:viewing']);
  });

  it('should announce nothing while in no conversation', () => {
    const { store, realtime } = setup();
    store.typing();
    realtime.connects.next();
    expect(realtime.send).not.toHaveBeenCalled();
  });

  it('should list the other agents here, typing ones first, and answer a newcomer', () => {
    const { store, realtime, sent } = setup();
    store.enter('c1');
    realtime.send.mockClear();

    realtime.emit('presence', presence('u2', 'viewing'));
    realtime.emit('presence', presence('u3', 'typing'));
    realtime.emit('presence', presence('u4', 'viewing', 'c-elsewhere'));

    expect(store.others()).toEqual([
      { id: 'u3', name: 'Agent u3', state: 'typing' },
      { id: 'u2', name: 'Agent u2', state: 'viewing' },
    ]);
    // Each newcomer hears from us at once rather than at the next heartbeat.
    expect(sent()).toEqual(['presence:c1:viewing', 'presence:c1:viewing']);

    realtime.emit('presence', presence('u2', 'viewing'));
    expect(sent()).toHaveLength(2);
  });

  it('should forget an agent whose presence is not repeated within PRESENCE_TTL_MS', () => {
    const { store, realtime } = setup();
    store.enter('c1');
    realtime.emit('presence', presence('u2', 'viewing'));
    realtime.emit('presence', presence('u3', 'viewing'));

    // u3 keeps sending heartbeats; u2 went quiet (closed laptop).
    for (let elapsed = 0; elapsed < PRESENCE_TTL_MS + PRESENCE_HEARTBEAT_MS; elapsed += PRESENCE_HEARTBEAT_MS) {
      jest.advanceTimersByTime(PRESENCE_HEARTBEAT_MS);
      realtime.emit('presence', presence('u3', 'viewing'));
    }

    expect(store.others().map((a) => a.id)).toEqual(['u3']);
  });

  it('should remove an agent who left', () => {
    const { store, realtime } = setup();
    store.enter('c1');
    realtime.emit('presence', presence('u2', 'typing'));
    realtime.emit('presence', presence('u2', 'left'));
    expect(store.others()).toEqual([]);
  });

  it('should send left on leave, and leave the previous conversation when entering another', () => {
    const { store, realtime, sent } = setup();
    store.enter('c1');
    realtime.emit('presence', presence('u2', 'viewing'));
    realtime.send.mockClear();

    store.enter('c2');
    expect(sent()).toEqual(['presence:c1:left', 'presence:c2:viewing']);
    expect(store.others()).toEqual([]);

    store.leave();
    expect(sent()).toEqual(['presence:c1:left', 'presence:c2:viewing', 'presence:c2:left']);
    jest.advanceTimersByTime(PRESENCE_HEARTBEAT_MS * 2);
    expect(sent()).toHaveLength(3);
  });

  it('should announce itself again after a reconnect, and leave when destroyed', () => {
    const { store, realtime, sent } = setup();
    store.enter('c1');
    realtime.connects.next();
    expect(sent()).toEqual(['presence:c1:viewing', 'presence:c1:viewing']);

    TestBed.resetTestingModule();
    expect(sent()).toEqual(['presence:c1:viewing', 'presence:c1:viewing', 'presence:c1:left']);
  });
});
