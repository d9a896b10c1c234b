import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { type ConversationChanges, type OtherAgent, TagsStore, TeamStore } from '@throughline/console/data-access';
import { ChannelBadgeComponent } from '@throughline/console/ui';
import { type ConversationView, PRIORITIES } from '@throughline/domain';

/** Snooze choices: hours from now, or `tomorrow` (9:00 the next morning). */
const SNOOZE_OPTIONS = [
  { value: '1', label: '1 hour' },
  { value: '4', label: '4 hours' },
  { value: 'tomorrow', label: 'Tomorrow 9:00' },
  { value: '168', label: 'Next week' },
] as const;

export function snoozeUntil(choice: string, now = new Date()): Date {
  if (choice === 'tomorrow') {
    const next = new Date(now);
    next.setDate(next.getDate() + 1);
    next.setHours(9, 0, 0, 0);
    return next;
  }
  return new Date(now.getTime() + Number(choice) * 3_600_000);
}

/** The conversation's title, who else is here, and its status, assignee, queue, priority and snooze. */
@Component({
  selector: 'tl-conversation-header',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ChannelBadgeComponent],
  template: `
    @let c = conversation();
    <header class="header">
      <div class="title">
        <h1 id="conversation-title">{{ c.customerName || 'Unknown customer' }}</h1>
        <span class="ref">#{{ c.ref }}</span>
        <tl-channel-badge [channel]="c.channel" />
        <span class="status" [attr.data-status]="c.status">{{ c.status }}</span>
        <button type="button" class="resolve" (click)="setStatus(c.status === 'resolved' ? 'open' : 'resolved')">
          {{ c.status === 'resolved' ? 'Reopen' : 'Resolve' }} <kbd>e</kbd>
        </button>
      </div>
      @if (c.subject) {
        <p class="subject">{{ c.subject }}</p>
      }
      <div class="tags" aria-label="Tags">
        @for (tag of c.tags; track tag.id) {
          <span class="tag" [style.--tag-color]="tag.color">
            {{ tag.name }}
            <button type="button" [attr.aria-label]="'Remove tag ' + tag.name" (click)="removeTag(tag.id)">×</button>
          </span>
        }
        @if (addable().length) {
          <select class="add-tag" aria-label="Add a tag" [value]="''" (change)="addTag($any($event.target))">
            <option value="">+ Tag</option>
            @for (tag of addable(); track tag.id) {
              <option [value]="tag.id">{{ tag.name }}</option>
            }
          </select>
        }
      </div>
      @if (participants().length) {
        <p class="participants">With {{ participants() }}</p>
      }
      @if (others().length) {
        <p class="presence" role="status">
          @for (agent of others(); track agent.id) {
            <span class="agent" [attr.data-state]="agent.state">{{ agent.name }} {{ agent.state === 'typing' ? 'is typing a reply…' : 'is viewing' }}</span>
          }
        </p>
      }
      <div class="controls">
        <label>
          <span>Status</span>
          <select [value]="c.status === 'snoozed' ? 'open' : c.status" (change)="setStatus($any($event.target).value)">
            <option value="open">Open</option>
            <option value="pending">Pending</option>
            <option value="resolved">Resolved</option>
          </select>
        </label>
        <label>
          <span>Assignee</span>
          <select [value]="c.assigneeId ?? ''" (change)="changed.emit({ assigneeId: $any($event.target).value || null })">
            <option value="">Unassigned</option>
            @for (user of team.users(); track user.id) {
              <!-- [selected] too: the team loads after the select's [value] was set, and a value without its option is lost. -->
              <option [value]="user.id" [selected]="user.id === c.assigneeId">{{ user.name }}</option>
            }
          </select>
        </label>
        <label>
          <span>Queue</span>
          <select [value]="c.queueId ?? ''" (change)="changed.emit({ queueId: $any($event.target).value || null })">
            <option value="">No queue</option>
            @for (queue of team.queues(); track queue.id) {
              <option [value]="queue.id" [selected]="queue.id === c.queueId">{{ queue.name }}</option>
            }
          </select>
        </label>
        <label>
          <span>Priority</span>
          <select [value]="c.priority" (change)="changed.emit({ priority: $any($event.target).value })">
            @for (p of priorities; track p) {
              <option [value]="p" [selected]="p === c.priority">{{ p }}</option>
            }
          </select>
        </label>
        <label>
          <span>Snooze</span>
          <select [value]="''" (change)="snooze($any($event.target))">
            <option value="">{{ c.status === 'snoozed' && c.snoozedUntil ? 'Until ' + until(c.snoozedUntil) : 'Snooze…' }}</option>
            @for (option of snoozeOptions; track option.value) {
              <option [value]="option.value">{{ option.label }}</option>
            }
          </select>
        </label>
      </div>
      @if (error(); as message) {
        <p class="error" role="alert">{{ message }}</p>
      }
    </header>
  `,
  styles: `
    :host {
      display: block;
    }
    .header {
      padding: 0.75rem 1.25rem 0.6rem;
      border-bottom: 1px solid var(--tl-border);
      background: var(--tl-surface);
    }
    .title {
      display: flex;
      align-items: center;
      gap: 0.5rem;
      flex-wrap: wrap;
    }
    h1 {
      margin: 0;
      font-size: 1.05rem;
      font-weight: 650;
    }
    .participants {
      margin: 0;
      font-size: 0.8rem;
      color: var(--tl-text-muted);
    }
    .ref {
      font-size: 0.8rem;
      color: var(--tl-text-muted);
      font-variant-numeric: tabular-nums;
    }
    .status {
      padding: 0 0.45rem;
      border-radius: 999px;
      font-size: 0.72rem;
      font-weight: 600;
      background: #dcfce7;
      color: #166534;
      text-transform: capitalize;
    }
    .status[data-status='pending'] {
      background: #fef3c7;
      color: #92400e;
    }
    .status[data-status='snoozed'] {
      background: #e0e7ff;
      color: #3730a3;
    }
    .status[data-status='resolved'] {
      background: var(--tl-surface-muted);
      color: var(--tl-text-muted);
    }
    .subject {
      margin: 0.15rem 0 0;
      font-size: 0.85rem;
      color: var(--tl-text-muted);
    }
    .presence {
      display: flex;
      gap: 0.5rem;
      margin: 0.35rem 0 0;
      font-size: 0.78rem;
    }
    .agent {
      padding: 0.05rem 0.5rem;
      border-radius: 999px;
      background: #ede9fe;
      color: #5b21b6;
    }
    .agent[data-state='typing'] {
      background: #fee2e2;
      color: #991b1b;
      font-weight: 600;
    }
    .controls {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: end;
      margin-top: 0.55rem;
    }
    label {
      display: flex;
      flex-direction: column;
      gap: 0.1rem;
      font-size: 0.68rem;
      color: var(--tl-text-muted);
      text-transform: uppercase;
      letter-spacing: 0.03em;
    }
    select {
      min-width: 6.5rem;
      padding: 0.2rem 0.3rem;
      border: 1px solid var(--tl-border);
      border-radius: 0.35rem;
      background: var(--tl-surface);
      font: inherit;
      font-size: 0.8rem;
      color: var(--tl-text);
      text-transform: none;
      letter-spacing: 0;
    }
    .resolve {
      margin-left: auto;
      padding: 0.3rem 0.8rem;
      border: 1px solid var(--tl-border-strong);
      border-radius: 0.4rem;
      background: var(--tl-surface);
      font: inherit;
      font-size: 0.82rem;
      font-weight: 600;
      cursor: pointer;
    }
    .resolve:hover {
      background: var(--tl-surface-hover);
    }
    kbd {
      font: inherit;
      font-size: 0.68rem;
      padding: 0 0.25rem;
      border: 1px solid var(--tl-border);
      border-radius: 0.25rem;
      color: var(--tl-text-muted);
    }
    .tags {
      display: flex;
      flex-wrap: wrap;
      gap: 0.3rem;
      align-items: center;
      margin-top: 0.35rem;
    }
    .tag {
      display: inline-flex;
      align-items: center;
      gap: 0.15rem;
      padding: 0 0.2rem 0 0.5rem;
      border-radius: 999px;
      font-size: 0.72rem;
      font-weight: 600;
      color: #fff;
      background: var(--tag-color);
    }
    .tag button {
      border: 0;
      background: none;
      color: inherit;
      font: inherit;
      cursor: pointer;
      padding: 0 0.25rem;
    }
    .add-tag {
      min-width: 0;
      font-size: 0.72rem;
      padding: 0 0.2rem;
    }
    .error {
      margin: 0.4rem 0 0;
      color: var(--tl-danger);
      font-size: 0.8rem;
    }
  `,
})
export class ConversationHeaderComponent {
  protected readonly team = inject(TeamStore);
  readonly conversation = input.required<ConversationView>();
  readonly others = input<OtherAgent[]>([]);
  /** The other customers who wrote into this conversation, by name. */
  readonly participants = computed(() =>
    (this.conversation().participants ?? [])
      .filter((p) => p.role === 'participant')
      .map((p) => p.name || 'unknown customer')
      .join(', '),
  );
  readonly error = input<string | null>(null);
  /** Not `change`: the selects' native change events bubble to the host and would be taken for it. */
  readonly changed = output<ConversationChanges>();
  /** The tag ids the conversation should carry after the agent added or removed one. */
  readonly tagsChanged = output<string[]>();
  protected readonly tagsStore = inject(TagsStore);
  /** The workspace's tags this conversation does not carry yet. */
  protected readonly addable = computed(() => {
    const carried = new Set(this.conversation().tags.map((t) => t.id));
    return this.tagsStore.tags().filter((t) => !carried.has(t.id));
  });
  protected readonly priorities = PRIORITIES;
  protected readonly snoozeOptions = SNOOZE_OPTIONS;

  constructor() {
    void this.team.load();
    void this.tagsStore.load();
  }

  protected addTag(select: HTMLSelectElement): void {
    const tagId = select.value;
    select.value = '';
    if (tagId) this.tagsChanged.emit([...this.conversation().tags.map((t) => t.id), tagId]);
  }

  protected removeTag(tagId: string): void {
    this.tagsChanged.emit(
      this.conversation()
        .tags.filter((t) => t.id !== tagId)
        .map((t) => t.id),
    );
  }

  protected setStatus(status: 'open' | 'pending' | 'resolved'): void {
    this.changed.emit({ status });
  }

  protected snooze(select: HTMLSelectElement): void {
    const choice = select.value;
    select.value = '';
    if (choice) this.changed.emit({ status: 'snoozed', snoozedUntil: snoozeUntil(choice).toISOString() });
  }

  protected until(at: string): string {
    return new Date(at).toLocaleString([], { weekday: 'short', hour: '2-digit', minute: '2-digit' });
  }
}
