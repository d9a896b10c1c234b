import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { type AgentPresence, PRESENCE_HEARTBEAT_MS, PRESENCE_TTL_MS, type PresenceState } from '@throughline/domain';
import { RealtimeService } from '../realtime/realtime.service';

/** After this long without a keystroke the agent is "viewing" again rather than "typing". */
export const TYPING_IDLE_MS = 5_000;

export interface OtherAgent {
  id: string;
  name: string;
  state: Exclude<PresenceState, 'left'>;
}

/**
 * Collision detection for one conversation: tells the other agents in it that this agent is
 * viewing or typing, and lists the agents who are. Presence is repeated every heartbeat and
 * forgotten when it is not, so a closed laptop does not leave a ghost behind.
 */
@Injectable()
export class PresenceStore {
  private readonly realtime = inject(RealtimeService);
  private readonly seen = signal<ReadonlyMap<string, { agent: OtherAgent; expiresAt: number }>>(new Map());
  private conversationId: string | null = null;
  private state: Exclude<PresenceState, 'left'> = 'viewing';
  private heartbeat: ReturnType<typeof setInterval> | null = null;
  private typingTimer: ReturnType<typeof setTimeout> | null = null;

  /** Other agents in this conversation, typing ones first. */
  readonly others = computed(() =>
    [...this.seen().values()].map((s) => s.agent).sort((a, b) => (a.state === b.state ? a.name.localeCompare(b.name) : a.state === 'typing' ? -1 : 1)),
  );

  constructor() {
    const destroyRef = inject(DestroyRef);
    this.realtime
      .on('presence')
      .pipe(takeUntilDestroyed(destroyRef))
      .subscribe((presence) => this.receive(presence));
    // A peer that just arrived announces itself; answer so it sees us without waiting a heartbeat.
    this.realtime.connected$.pipe(takeUntilDestroyed(destroyRef)).subscribe(() => this.announce());
    destroyRef.onDestroy(() => this.leave());
  }

  /** Starts announcing this agent in `conversationId` (leaving the previous one). */
  enter(conversationId: string): void {
    if (this.conversationId === conversationId) return;
    this.leave();
    this.conversationId = conversationId;
    this.state = 'viewing';
    this.announce();
    this.heartbeat = setInterval(() => {
      this.announce();
      this.prune();
    }, PRESENCE_HEARTBEAT_MS);
  }

  /** Call on every keystroke in the composer. */
  typing(): void {
    if (!this.conversationId) return;
    if (this.typingTimer) clearTimeout(this.typingTimer);
    this.typingTimer = setTimeout(() => {
      this.typingTimer = null;
      this.state = 'viewing';
      this.announce();
    }, TYPING_IDLE_MS);
    if (this.state === 'typing') return;
    this.state = 'typing';
    this.announce();
  }

  leave(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    if (this.typingTimer) clearTimeout(this.typingTimer);
    this.heartbeat = this.typingTimer = null;
    if (this.conversationId) this.realtime.send('presence', { conversationId: this.conversationId, state: 'left' });
    this.conversationId = null;
    this.seen.set(new Map());
  }

  private announce(): void {
    if (this.conversationId) this.realtime.send('presence', { conversationId: this.conversationId, state: this.state });
  }

  private receive(presence: AgentPresence): void {
    if (presence.conversationId !== this.conversationId) return;
    const next = new Map(this.seen());
    const isNew = !next.has(presence.user.id);
    if (presence.state === 'left') {
      next.delete(presence.user.id);
    } else {
      next.set(presence.user.id, {
        agent: { id: presence.user.id, name: presence.user.name, state: presence.state },
        expiresAt: Date.now() + PRESENCE_TTL_MS,
      });
      if (isNew) this.announce();
    }
    this.seen.set(next);
  }

  private prune(): void {
    const now = Date.now();
    const next = new Map([...this.seen()].filter(([, s]) => s.expiresAt > now));
    if (next.size !== this.seen().size) this.seen.set(next);
  }
}
