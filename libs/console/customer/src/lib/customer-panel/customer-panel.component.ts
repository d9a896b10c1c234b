import { ChangeDetectionStrategy, Component, effect, inject, input, output, signal } from '@angular/core';
import { CustomersApi, describeHttpError, InsightsApi } from '@throughline/console/data-access';
import { ChannelBadgeComponent, RelativeTimeComponent } from '@throughline/console/ui';
import type { ConversationView, CustomerView, IdentityView, OrderView, PossibleMatchView } from '@throughline/domain';
import { firstValueFrom } from 'rxjs';

const IDENTITY_LABELS: Record<string, string> = {
  email: 'Email',
  phone: 'Phone',
  x: 'X',
  mastodon: 'Mastodon',
  facebook: 'Facebook',
  instagram: 'Instagram',
  chat: 'Chat visitor',
  external: 'External id',
};

/**
 * The customer beside the conversation: who they are on each channel, other records that may be
 * the same person (merged with one click), and their other conversations.
 */
@Component({
  selector: 'tl-customer-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ChannelBadgeComponent, RelativeTimeComponent],
  templateUrl: './customer-panel.component.html',
  styleUrl: './customer-panel.component.css',
})
export class CustomerPanelComponent {
  private readonly customersApi = inject(CustomersApi);
  private readonly insightsApi = inject(InsightsApi);

  readonly customer = input.required<CustomerView>();
  readonly currentConversationId = input.required<string>();
  readonly now = input.required<number>();
  /** The customer's conversations, newest first; null while loading. */
  readonly conversations = input.required<ConversationView[] | null>();
  readonly openConversation = output<string>();

  protected readonly matches = signal<PossibleMatchView[]>([]);
  /** Purchase history, newest first; null while loading or when it could not be loaded. */
  protected readonly orders = signal<OrderView[] | null>(null);
  protected readonly merging = signal<string | null>(null);
  protected readonly mergeError = signal<string | null>(null);

  constructor() {
    effect(() => {
      const customer = this.customer();
      void this.loadMatches(customer.id);
      void this.loadOrders(customer.id);
    });
  }

  protected identityLabel(identity: IdentityView): string {
    return IDENTITY_LABELS[identity.kind] ?? identity.kind;
  }

  protected async merge(match: PossibleMatchView): Promise<void> {
    this.merging.set(match.candidate.id);
    this.mergeError.set(null);
    try {
      await firstValueFrom(this.customersApi.merge(this.customer().id, match.candidate.id));
      // The merge is pushed live (customer.merged); the conversation reloads the whole story.
      this.matches.update((list) => list.filter((m) => m.id !== match.id));
    } catch (error) {
      this.mergeError.set(describeHttpError(error, 'Could not merge these customers.'));
    } finally {
      this.merging.set(null);
    }
  }

  protected async dismiss(match: PossibleMatchView): Promise<void> {
    this.mergeError.set(null);
    try {
      await firstValueFrom(this.customersApi.dismissMatch(this.customer().id, match.id));
      this.matches.update((list) => list.filter((m) => m.id !== match.id));
    } catch (error) {
      this.mergeError.set(describeHttpError(error, 'Could not dismiss this match.'));
    }
  }

  private async loadOrders(customerId: string): Promise<void> {
    this.orders.set(null);
    try {
      const orders = await firstValueFrom(this.insightsApi.ordersOf(customerId));
      if (customerId === this.customer().id) this.orders.set(orders);
    } catch {
      // The purchase history is context, not the conversation: the panel works without it.
    }
  }

  private async loadMatches(customerId: string): Promise<void> {
    try {
      const matches = await firstValueFrom(this.customersApi.possibleMatches(customerId));
      if (customerId === this.customer().id) this.matches.set(matches);
    } catch {
      // Possible matches are a hint; without them the panel still shows the customer.
      if (customerId === this.customer().id) this.matches.set([]);
    }
  }
}
