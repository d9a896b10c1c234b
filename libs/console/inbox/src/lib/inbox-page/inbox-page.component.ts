import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { AuthStore, InboxStore } from '@throughline/console/data-access';
import { AppHeaderComponent, ChannelBadgeComponent, initialsOf, RelativeTimeComponent } from '@throughline/console/ui';
import type { ConversationView, Priority } from '@throughline/domain';

/** How often relative times ("5 min ago") are refreshed. */
const CLOCK_TICK_MS = 30_000;

const PRIORITY_LABELS: Partial<Record<Priority, string>> = {
  urgent: 'Urgent',
  high: 'High',
  low: 'Low',
};

/** The inbox: open conversations, newest activity first, live. */
@Component({
  selector: 'tl-inbox-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AppHeaderComponent, ChannelBadgeComponent, RelativeTimeComponent],
  providers: [InboxStore],
  templateUrl: './inbox-page.component.html',
  styleUrl: './inbox-page.component.css',
})
export class InboxPageComponent {
  protected readonly store = inject(InboxStore);
  protected readonly auth = inject(AuthStore);
  protected readonly now = signal(Date.now());
  protected readonly skeletonRows = [0, 1, 2, 3, 4];

  constructor() {
    this.store.start();
    const clock = setInterval(() => this.now.set(Date.now()), CLOCK_TICK_MS);
    inject(DestroyRef).onDestroy(() => clearInterval(clock));
  }

  protected customerName(conversation: ConversationView): string {
    return conversation.customerName?.trim() || 'Unknown customer';
  }

  protected initials(conversation: ConversationView): string {
    return conversation.customerName?.trim() ? initialsOf(conversation.customerName) : '?';
  }

  protected priorityLabel(priority: Priority): string | null {
    return PRIORITY_LABELS[priority] ?? null;
  }

  protected signOut(): void {
    this.auth.logout();
  }
}
