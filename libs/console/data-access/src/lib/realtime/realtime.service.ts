import { DestroyRef, effect, inject, Injectable, InjectionToken, signal } from '@angular/core';
import { AGENTS_NAMESPACE, type RealtimeClientEvents, type RealtimeEventName, type RealtimeEvents } from '@throughline/domain';
import { filter, map, type Observable, Subject } from 'rxjs';
import type { ManagerOptions, Socket, SocketOptions } from 'socket.io-client';
import { AuthStore } from '../auth/auth.store';

/** `connecting`: first attempt; `reconnecting`: was (or tried to be) live and is trying again. */
export type ConnectionStatus = 'offline' | 'connecting' | 'connected' | 'reconnecting';

type ListenEvents = { [K in RealtimeEventName]: (payload: RealtimeEvents[K]) => void };
type EmitEvents = { [K in keyof RealtimeClientEvents]: (payload: RealtimeClientEvents[K]) => void };
export type AgentSocket = Socket<ListenEvents, EmitEvents>;

/** What an agent is looking at: the server sends that conversation's and customer's events too. */
export type RoomSubscription = RealtimeClientEvents['subscribe'];
export type SocketFactory = (uri: string, options: Partial<ManagerOptions & SocketOptions>) => AgentSocket;

/**
 * Loads the socket factory. socket.io-client is fetched on first `connect()` rather than shipped
 * in the initial bundle (the sign-in screen does not need it). Replaced in tests.
 */
export const SOCKET_FACTORY = new InjectionToken<() => Promise<SocketFactory>>('SOCKET_FACTORY', {
  providedIn: 'root',
  factory: () => () => import('socket.io-client').then((m) => m.io as SocketFactory),
});

/** Every server-pushed event the console listens to. */
export const REALTIME_EVENT_NAMES = [
  'message.created',
  'message.updated',
  'conversation.created',
  'conversation.updated',
  'customer.merged',
  'timeline.entry',
  'presence',
  'insights.updated',
  'customer.unmerged',
  'conversation.read',
  'chat.typing',
  'chat.read',
  'sla.warning',
  'sla.breached',
  'agent.presence',
  'supervisor.overview',
] as const satisfies readonly RealtimeEventName[];

type AnyRealtimeEvent = { [K in RealtimeEventName]: { name: K; payload: RealtimeEvents[K] } }[RealtimeEventName];

const RETRY_MIN_MS = 1_000;
const RETRY_MAX_MS = 30_000;

/**
 * The agent's Socket.IO connection (namespace `/agents`). It reconnects by itself, including
 * after the server refused or closed the connection, and emits `connected$` on every
 * (re)connect so that stores can re-sync what they may have missed while offline.
 */
@Injectable({ providedIn: 'root' })
export class RealtimeService {
  private readonly auth = inject(AuthStore);
  private readonly loadSocketFactory = inject(SOCKET_FACTORY);

  private socket: AgentSocket | null = null;
  /** Bumped by `disconnect()`, so a connect still loading its factory knows it is unwanted. */
  private generation = 0;
  private opening = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private retryDelay = RETRY_MIN_MS;
  private readonly events = new Subject<AnyRealtimeEvent>();
  private readonly connects = new Subject<void>();
  private readonly statusSignal = signal<ConnectionStatus>('offline');
  /** Rooms to (re)join on every connect: the server forgets them when a socket drops. */
  private readonly subscriptions = new Set<RoomSubscription>();
  /** The access token of the current connection (the server closes the socket when it expires). */
  private connectedWith: string | null = null;

  readonly status = this.statusSignal.asReadonly();
  /** Emits on every successful connect, the first one included. */
  readonly connected$: Observable<void> = this.connects.asObservable();

  constructor() {
    // Signing out closes the connection; nobody may listen without a session.
    effect(() => {
      const token = this.auth.token();
      if (!token) this.disconnect();
      // A renewed token: reconnect with it now rather than be cut off when the old one expires.
      else if (this.socket?.connected && token !== this.connectedWith) this.socket.disconnect().connect();
    });
    inject(DestroyRef).onDestroy(() => this.disconnect());
  }

  /** A typed stream of one server event. */
  on<K extends RealtimeEventName>(name: K): Observable<RealtimeEvents[K]> {
    return this.events.pipe(
      filter((event) => event.name === name),
      map((event) => event.payload as RealtimeEvents[K]),
    );
  }

  /**
   * Joins the rooms of a conversation and/or customer for as long as the returned function is not
   * called, across reconnects.
   */
  watch(subscription: RoomSubscription): () => void {
    this.subscriptions.add(subscription);
    if (this.socket?.connected) this.socket.emit('subscribe', subscription);
    return () => {
      if (!this.subscriptions.delete(subscription)) return;
      if (this.socket?.connected) this.socket.emit('unsubscribe', subscription);
    };
  }

  /** Sends a client event when connected; presence and typing are not worth queueing while offline. */
  send<K extends Exclude<keyof RealtimeClientEvents, 'subscribe' | 'unsubscribe'>>(name: K, payload: RealtimeClientEvents[K]): void {
    if (!this.socket?.connected) return;
    (this.socket as unknown as Socket).emit(name, payload);
  }

  /** Opens the connection if it is not open or opening already. */
  connect(): void {
    if (this.socket || this.opening || !this.auth.token()) return;
    this.opening = true;
    if (this.statusSignal() === 'offline') this.statusSignal.set('connecting');
    const generation = this.generation;
    this.loadSocketFactory().then(
      (create) => {
        this.opening = false;
        if (generation === this.generation && this.auth.token()) this.open(create);
      },
      () => {
        // The chunk could not be fetched (offline?): try again later.
        this.opening = false;
        if (generation !== this.generation) return;
        this.statusSignal.set('reconnecting');
        this.scheduleRetry(() => this.connect());
      },
    );
  }

  private open(create: SocketFactory): void {
    const socket = create(AGENTS_NAMESPACE, {
      path: '/socket.io',
      // A function, so every reconnect sends the current token rather than the first one.
      auth: (cb) => {
        this.connectedWith = this.auth.token();
        cb({ token: this.connectedWith });
      },
    });
    this.socket = socket;

    socket.on('connect', () => {
      this.retryDelay = RETRY_MIN_MS;
      for (const subscription of this.subscriptions) socket.emit('subscribe', subscription);
      this.statusSignal.set('connected');
      this.connects.next();
    });
    socket.on('disconnect', (reason) => {
      if (this.socket !== socket) return;
      this.statusSignal.set('reconnecting');
      // The client reconnects by itself except when the server closed the socket on purpose.
      if (reason === 'io server disconnect') this.scheduleRetry(() => this.reconnect(socket));
    });
    socket.on('connect_error', (error) => {
      if (this.socket !== socket) return;
      // Refused for its token (expired, revoked): renew it before the retry below (or sign out if the session ended).
      if (error.message.startsWith('unauthorized')) void this.auth.refresh();
      // `active` is false when the server refused the handshake (e.g. a middleware error):
      // socket.io then stops trying, so we try again ourselves, more and more slowly.
      if (!socket.active) {
        this.statusSignal.set('reconnecting');
        this.scheduleRetry(() => this.reconnect(socket));
      }
    });
    socket.io.on('reconnect_attempt', () => {
      if (this.socket === socket) this.statusSignal.set('reconnecting');
    });
    for (const name of REALTIME_EVENT_NAMES) {
      this.relay(socket, name);
    }
  }

  /** Closes the connection; `connect()` opens a new one. */
  disconnect(): void {
    this.generation += 1;
    this.opening = false;
    this.clearRetry();
    const socket = this.socket;
    this.socket = null;
    this.retryDelay = RETRY_MIN_MS;
    if (socket) {
      socket.removeAllListeners();
      socket.io.removeAllListeners();
      socket.disconnect();
    }
    this.statusSignal.set('offline');
  }

  private relay(socket: AgentSocket, name: RealtimeEventName): void {
    // The payload's type follows from `name` (see `on()`); socket.io's typings cannot say so here.
    (socket as unknown as Socket).on(name, (payload: unknown) => {
      this.events.next({ name, payload } as AnyRealtimeEvent);
    });
  }

  private reconnect(socket: AgentSocket): void {
    if (this.socket === socket && !socket.connected) socket.connect();
  }

  private scheduleRetry(retry: () => void): void {
    this.clearRetry();
    const delay = this.retryDelay;
    this.retryDelay = Math.min(this.retryDelay * 2, RETRY_MAX_MS);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      retry();
    }, delay);
  }

  private clearRetry(): void {
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }
}
