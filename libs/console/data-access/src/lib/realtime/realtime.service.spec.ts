import { provideHttpClient } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import type { ConversationView } from '@throughline/domain';
import { AuthStore } from '../auth/auth.store';
import { RealtimeService, SOCKET_FACTORY } from './realtime.service';

type Listener = (...args: unknown[]) => void;

/** Just enough of a socket.io-client Socket to drive the service. */
class FakeSocket {
  connected = false;
  active = true;
  readonly listeners = new Map<string, Listener[]>();
  readonly managerListeners = new Map<string, Listener[]>();
  readonly connect = jest.fn(() => this);
  readonly disconnect = jest.fn(() => this);
  readonly io = {
    on: (event: string, fn: Listener) => this.add(this.managerListeners, event, fn),
    removeAllListeners: () => this.managerListeners.clear(),
  };

  constructor(
    readonly uri: string,
    readonly options: { path?: string; auth?: (cb: (data: object) => void) => void },
  ) {}

  on(event: string, fn: Listener) {
    this.add(this.listeners, event, fn);
    return this;
  }
  removeAllListeners() {
    this.listeners.clear();
    return this;
  }
  fire(event: string, ...args: unknown[]) {
    for (const fn of this.listeners.get(event) ?? []) fn(...args);
  }
  fireManager(event: string, ...args: unknown[]) {
    for (const fn of this.managerListeners.get(event) ?? []) fn(...args);
  }
  private add(map: Map<string, Listener[]>, event: string, fn: Listener) {
    map.set(event, [...(map.get(event) ?? []), fn]);
  }
}

/** connect() loads socket.io-client asynchronously; let that finish. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

function setup() {
  const sockets: FakeSocket[] = [];
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(),
      provideRouter([]),
      {
        provide: SOCKET_FACTORY,
        useValue: () =>
          Promise.resolve((uri: string, options: FakeSocket['options']) => {
            const socket = new FakeSocket(uri, options);
            sockets.push(socket);
            return socket;
          }),
      },
    ],
  });
  jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
  TestBed.inject(AuthStore).adopt({ accessToken: 'token-123', user: { id: 'u1', email: 'a@example.com', name: 'A', role: 'agent' } });
  return { service: TestBed.inject(RealtimeService), sockets };
}

describe('RealtimeService', () => {
  afterEach(() => {
    localStorage.clear();
    jest.useRealTimers();
  });

  it('should open one socket on the agents namespace with the token in the handshake', async () => {
    const { service, sockets } = setup();
    service.connect();
    service.connect();
    await settle();

    expect(sockets).toHaveLength(1);
    expect(sockets[0].uri).toBe('/agents');
    expect(sockets[0].options.path).toBe('/socket.io');
    const auth = jest.fn();
    sockets[0].options.auth?.(auth);
    expect(auth).toHaveBeenCalledWith({ token: 'token-123' });
    expect(service.status()).toBe('connecting');
  });

  it('should report connected and emit connected$ on every (re)connect', async () => {
    const { service, sockets } = setup();
    const connects = jest.fn();
    service.connected$.subscribe(connects);
    service.connect();
    await settle();

    sockets[0].fire('connect');
    expect(service.status()).toBe('connected');
    sockets[0].fire('disconnect', 'transport close');
    expect(service.status()).toBe('reconnecting');
    sockets[0].fire('connect');

    expect(connects).toHaveBeenCalledTimes(2);
    expect(service.status()).toBe('connected');
  });

  it('should relay typed server events to subscribers of that event only', async () => {
    const { service, sockets } = setup();
    const created = jest.fn();
    const updated = jest.fn();
    service.on('conversation.created').subscribe(created);
    service.on('conversation.updated').subscribe(updated);
    service.connect();
    await settle();

    const payload = { conversation: { id: 'c1' } as ConversationView };
    sockets[0].fire('conversation.created', payload);

    expect(created).toHaveBeenCalledWith(payload);
    expect(updated).not.toHaveBeenCalled();
  });

  it('should try again by itself when the server closes the connection', async () => {
    jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick', 'setImmediate'] });
    const { service, sockets } = setup();
    service.connect();
    await settle();
    sockets[0].fire('connect');
    sockets[0].fire('disconnect', 'io server disconnect');

    expect(service.status()).toBe('reconnecting');
    jest.advanceTimersByTime(1_000);
    expect(sockets[0].connect).toHaveBeenCalledTimes(1);
  });

  it('should try again with backoff when the server refuses the handshake', async () => {
    jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick', 'setImmediate'] });
    const { service, sockets } = setup();
    service.connect();
    await settle();
    sockets[0].active = false;
    sockets[0].fire('connect_error', new Error('unauthorized'));
    jest.advanceTimersByTime(1_000);
    expect(sockets[0].connect).toHaveBeenCalledTimes(1);

    sockets[0].fire('connect_error', new Error('unauthorized'));
    jest.advanceTimersByTime(1_000);
    expect(sockets[0].connect).toHaveBeenCalledTimes(1);
    jest.advanceTimersByTime(1_000);
    expect(sockets[0].connect).toHaveBeenCalledTimes(2);
  });

  it('should close the socket when the agent signs out', async () => {
    const { service, sockets } = setup();
    service.connect();
    await settle();
    sockets[0].fire('connect');

    TestBed.inject(AuthStore).logout();
    TestBed.tick();

    expect(sockets[0].disconnect).toHaveBeenCalled();
    expect(service.status()).toBe('offline');
  });

  it('should not open a socket when disconnected while socket.io-client was still loading', async () => {
    const { service, sockets } = setup();
    service.connect();
    service.disconnect();
    await settle();
    expect(sockets).toHaveLength(0);
    expect(service.status()).toBe('offline');
  });

  it('should not connect without a session', async () => {
    const { service, sockets } = setup();
    localStorage.clear();
    TestBed.inject(AuthStore).logout();
    service.connect();
    expect(sockets).toHaveLength(0);
  });
});
