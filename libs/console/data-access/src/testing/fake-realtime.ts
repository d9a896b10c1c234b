import { signal, type WritableSignal } from '@angular/core';
import type { RealtimeEventName, RealtimeEvents } from '@throughline/domain';
import { type Observable, Subject } from 'rxjs';
import type { ConnectionStatus } from '../lib/realtime/realtime.service';

/** Stands in for RealtimeService in specs: tests push server events, statuses and (re)connects by hand. */
export class FakeRealtime {
  readonly status: WritableSignal<ConnectionStatus>;
  readonly connects = new Subject<void>();
  readonly connected$ = this.connects.asObservable();
  readonly connect = jest.fn();
  /** Rooms currently watched; `watch()` returns the function that leaves them. */
  readonly watched = new Set<object>();
  readonly watch = jest.fn((subscription: object) => {
    this.watched.add(subscription);
    return () => this.watched.delete(subscription);
  });
  readonly send = jest.fn();
  private readonly streams = new Map<string, Subject<unknown>>();

  constructor(initialStatus: ConnectionStatus = 'offline') {
    this.status = signal(initialStatus);
  }

  on<K extends RealtimeEventName>(name: K): Observable<RealtimeEvents[K]> {
    return this.stream(name) as Subject<RealtimeEvents[K]>;
  }

  emit<K extends RealtimeEventName>(name: K, payload: RealtimeEvents[K]): void {
    this.stream(name).next(payload);
  }

  private stream(name: string): Subject<unknown> {
    let s = this.streams.get(name);
    if (!s) this.streams.set(name, (s = new Subject()));
    return s;
  }
}
