import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type { ChosenAgentStatus, ConversationView, Priority, SupervisorOverview } from '@throughline/domain';
import { firstValueFrom, merge, map } from 'rxjs';
import { ConversationsApi } from '../conversations/conversations.api';
import { describeHttpError } from '../http/http-error.util';
import { RealtimeService } from '../realtime/realtime.service';
import { SupervisorApi } from './supervisor.api';

/** How many conversations in SLA trouble the wallboard lists (the worst first). */
export const ATTENTION_LIMIT = 50;

/** Breached before at risk, then the customer waiting longest first. */
export function byUrgency(a: ConversationView, b: ConversationView): number {
  const rank = (c: ConversationView) => (c.sla?.status === 'breached' ? 0 : 1);
  return rank(a) - rank(b) || (a.lastInboundAt ?? a.createdAt).localeCompare(b.lastInboundAt ?? b.createdAt) || a.id.localeCompare(b.id);
}

function needsAttention(c: ConversationView): boolean {
  return c.status !== 'resolved' && (c.sla?.status === 'at_risk' || c.sla?.status === 'breached');
}

/**
 * The wallboard screen's state: the overview as pushed (`supervisor.overview`, never polled), the
 * conversations in SLA trouble kept live from conversation events, and the supervisor's acts.
 * Everything is loaded again on each (re)connect, for what a dropped socket missed.
 */
@Injectable()
export class WallboardStore {
  private readonly api = inject(SupervisorApi);
  private readonly conversations = inject(ConversationsApi);
  private readonly realtime = inject(RealtimeService);
  private readonly overviewSignal = signal<SupervisorOverview | null>(null);
  private readonly attentionSignal = signal<ConversationView[]>([]);
  private readonly loadingSignal = signal(true);
  private readonly errorSignal = signal<string | null>(null);

  readonly overview = this.overviewSignal.asReadonly();
  readonly attention = this.attentionSignal.asReadonly();
  readonly loading = this.loadingSignal.asReadonly();
  readonly error = this.errorSignal.asReadonly();
  readonly connection = this.realtime.status;
  /** True when nothing has happened yet: no queue with work, no agent, no traffic. */
  readonly empty = computed(() => {
    const o = this.overviewSignal();
    return !!o && o.queues.every((q) => q.open === 0 && q.lastHour.every((n) => n === 0)) && o.channels.length === 0;
  });

  constructor() {
    const destroyRef = inject(DestroyRef);
    this.realtime
      .on('supervisor.overview')
      .pipe(takeUntilDestroyed(destroyRef))
      .subscribe((overview) => {
        this.overviewSignal.set(overview);
        this.errorSignal.set(null);
        this.loadingSignal.set(false);
      });
    merge(this.realtime.on('conversation.created'), this.realtime.on('conversation.updated'), this.realtime.on('sla.warning'), this.realtime.on('sla.breached'))
      .pipe(
        map((event) => event.conversation),
        takeUntilDestroyed(destroyRef),
      )
      .subscribe((conversation) => this.track(conversation));
    this.realtime.connected$.pipe(takeUntilDestroyed(destroyRef)).subscribe(() => void this.load());
    this.realtime.connect();
  }

  async load(): Promise<void> {
    try {
      const [overview, atRisk, breached] = await Promise.all([
        firstValueFrom(this.api.overview()),
        firstValueFrom(this.conversations.list({ sla: 'at_risk', sort: 'waiting', limit: ATTENTION_LIMIT })),
        firstValueFrom(this.conversations.list({ sla: 'breached', sort: 'waiting', limit: ATTENTION_LIMIT })),
      ]);
      this.overviewSignal.set(overview);
      this.attentionSignal.set([...breached.items, ...atRisk.items].sort(byUrgency).slice(0, ATTENTION_LIMIT));
      this.errorSignal.set(null);
    } catch (err) {
      this.errorSignal.set(describeHttpError(err, 'The wallboard could not be loaded.'));
    } finally {
      this.loadingSignal.set(false);
    }
  }

  reassign(conversationId: string, assigneeId: string | null): Promise<void> {
    return this.change(conversationId, { assigneeId });
  }

  setPriority(conversationId: string, priority: Priority): Promise<void> {
    return this.change(conversationId, { priority });
  }

  /** An internal note on the conversation, for its agent to read. */
  async postNote(conversationId: string, text: string): Promise<void> {
    await firstValueFrom(this.conversations.post(conversationId, { text, note: true }));
  }

  async setAgentPresence(userId: string, status: ChosenAgentStatus): Promise<void> {
    await firstValueFrom(this.api.setPresence(userId, status));
  }

  private async change(conversationId: string, changes: { assigneeId?: string | null; priority?: Priority }): Promise<void> {
    this.track(await firstValueFrom(this.conversations.update(conversationId, changes)));
  }

  /** Keeps the list in step with a conversation's latest state (older states than the one held are ignored). */
  private track(conversation: ConversationView): void {
    const list = this.attentionSignal();
    const held = list.find((c) => c.id === conversation.id);
    if (held && held.updatedAt > conversation.updatedAt) return;
    const others = list.filter((c) => c.id !== conversation.id);
    const next = needsAttention(conversation) ? [...others, conversation].sort(byUrgency).slice(0, ATTENTION_LIMIT) : others;
    if (held || needsAttention(conversation)) this.attentionSignal.set(next);
  }
}
