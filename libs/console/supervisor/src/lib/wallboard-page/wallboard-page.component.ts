import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { AuthStore, describeHttpError, MyPresenceStore, WallboardStore } from '@throughline/console/data-access';
import { AppHeaderComponent, CHANNEL_LABELS, ChannelBadgeComponent } from '@throughline/console/ui';
import { type AgentOverview, type ConversationView, type Priority, PRIORITIES } from '@throughline/domain';
import { SparklineComponent } from '../sparkline/sparkline.component';
import { formatDuration } from './duration';

/**
 * `/supervisor`: every queue, agent, channel and the pipeline at a glance, pushed live; and the
 * conversations in SLA trouble, to reassign, reprioritise or annotate from the same screen.
 */
@Component({
  selector: 'tl-wallboard-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AppHeaderComponent, ChannelBadgeComponent, RouterLink, SparklineComponent],
  providers: [WallboardStore],
  templateUrl: './wallboard-page.component.html',
  styleUrl: './wallboard-page.component.css',
})
export class WallboardPageComponent {
  protected readonly store = inject(WallboardStore);
  protected readonly auth = inject(AuthStore);
  protected readonly myPresence = inject(MyPresenceStore);
  protected readonly priorities = PRIORITIES;
  protected readonly duration = formatDuration;
  protected readonly sum = (total: number, n: number) => total + n;
  protected readonly channelLabels = CHANNEL_LABELS;

  /** The conversation whose note form is open. */
  protected readonly noteFor = signal<string | null>(null);
  protected readonly noteText = signal('');
  /** The last act that failed, said above the list. */
  protected readonly actError = signal<string | null>(null);
  /** Acts under way, by conversation or agent id (their controls are disabled meanwhile). */
  protected readonly busy = signal<ReadonlySet<string>>(new Set());

  protected readonly agents = computed(() => this.store.overview()?.agents ?? []);
  protected readonly agentName = (id: string | null) => (id ? (this.agents().find((a) => a.id === id)?.name ?? 'Someone') : 'Unassigned');

  constructor() {
    void this.store.load();
  }

  protected load(agent: AgentOverview): number | null {
    return agent.capacity ? Math.min(100, Math.round((agent.open / agent.capacity) * 100)) : null;
  }

  protected reassign(conversation: ConversationView, assigneeId: string): Promise<void> {
    return this.act(conversation.id, () => this.store.reassign(conversation.id, assigneeId || null), 'The conversation could not be reassigned.');
  }

  protected setPriority(conversation: ConversationView, priority: string): Promise<void> {
    return this.act(conversation.id, () => this.store.setPriority(conversation.id, priority as Priority), 'The priority could not be changed.');
  }

  protected openNote(conversationId: string): void {
    this.noteFor.set(this.noteFor() === conversationId ? null : conversationId);
    this.noteText.set('');
  }

  protected async postNote(conversationId: string): Promise<void> {
    const text = this.noteText().trim();
    if (!text) return;
    await this.act(
      conversationId,
      async () => {
        await this.store.postNote(conversationId, text);
        this.noteFor.set(null);
      },
      'The note could not be posted.',
    );
  }

  protected togglePresence(agent: AgentOverview): Promise<void> {
    const status = agent.presence === 'away' ? 'online' : 'away';
    return this.act(agent.id, () => this.store.setAgentPresence(agent.id, status), `${agent.name} could not be set ${status}.`);
  }

  protected isBusy(id: string): boolean {
    return this.busy().has(id);
  }

  private async act(id: string, work: () => Promise<void>, failure: string): Promise<void> {
    this.busy.set(new Set([...this.busy(), id]));
    this.actError.set(null);
    try {
      await work();
    } catch (err) {
      this.actError.set(describeHttpError(err, failure));
    } finally {
      const next = new Set(this.busy());
      next.delete(id);
      this.busy.set(next);
    }
  }
}
