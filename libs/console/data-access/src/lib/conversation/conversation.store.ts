import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type { ChannelKind, ConversationView, CustomerView, MessageView, Page, ReplyChannelView } from '@throughline/domain';
import { filter, firstValueFrom } from 'rxjs';
import { type ConversationChanges, ConversationsApi } from '../conversations/conversations.api';
import { CustomersApi } from '../customers/customers.api';
import { describeHttpError } from '../http/http-error.util';
import { RealtimeService } from '../realtime/realtime.service';
import { upsertConversations } from '../inbox/conversation-list.util';
import { upsertEntries } from './timeline.util';

export const TIMELINE_PAGE_SIZE = 40;
/** How many of the customer's conversations the panel lists. */
export const CUSTOMER_CONVERSATIONS_LIMIT = 50;
/** After a reconnect, how many newest pages are read back at most to close the gap. */
const RESYNC_MAX_PAGES = 5;

/** A reply or note the agent sent that the server has not confirmed yet (or refused). */
export interface OutgoingDraft {
  clientId: string;
  text: string;
  note: boolean;
  channel: ChannelKind | undefined;
  state: 'sending' | 'failed';
  error: string | null;
}

let draftSequence = 0;

/**
 * One open conversation: the conversation, its customer, and the customer's whole timeline across
 * every conversation and channel (oldest first, older pages on demand), kept live through the
 * conversation's and customer's rooms and re-synced after every reconnect.
 */
@Injectable()
export class ConversationStore {
  private readonly conversationsApi = inject(ConversationsApi);
  private readonly customersApi = inject(CustomersApi);
  private readonly realtime = inject(RealtimeService);
  private readonly destroyRef = inject(DestroyRef);

  private readonly conversationSignal = signal<ConversationView | null>(null);
  private readonly customerSignal = signal<CustomerView | null>(null);
  private readonly entriesSignal = signal<MessageView[]>([]);
  private readonly olderCursor = signal<string | null>(null);
  private readonly loadingSignal = signal(false);
  private readonly errorSignal = signal<string | null>(null);
  private readonly loadingOlderSignal = signal(false);
  private readonly olderErrorSignal = signal<string | null>(null);
  private readonly draftsSignal = signal<OutgoingDraft[]>([]);
  private readonly replyChannelsSignal = signal<ReplyChannelView[]>([]);
  private readonly updateErrorSignal = signal<string | null>(null);
  private readonly customerConversationsSignal = signal<ConversationView[] | null>(null);
  /** When a chat visitor last typed in this conversation (ms since epoch); 0 for never. */
  readonly visitorTypingAt = signal(0);

  readonly conversation = this.conversationSignal.asReadonly();
  readonly customer = this.customerSignal.asReadonly();
  /** The customer's timeline, oldest first; entries of other conversations included. */
  readonly entries = this.entriesSignal.asReadonly();
  readonly loading = this.loadingSignal.asReadonly();
  readonly error = this.errorSignal.asReadonly();
  readonly hasOlder = computed(() => this.olderCursor() !== null);
  readonly loadingOlder = this.loadingOlderSignal.asReadonly();
  readonly olderError = this.olderErrorSignal.asReadonly();
  readonly drafts = this.draftsSignal.asReadonly();
  readonly replyChannels = this.replyChannelsSignal.asReadonly();
  /** Every conversation of the customer, newest activity first; null until loaded. */
  readonly customerConversations = this.customerConversationsSignal.asReadonly();
  /** Why the last header change (status, assignee, …) failed. */
  readonly updateError = this.updateErrorSignal.asReadonly();

  private conversationId: string | null = null;
  private unwatch: (() => void) | null = null;
  private generation = 0;

  constructor() {
    const mine = (customerId: string) => customerId === this.customerSignal()?.id;
    this.realtime
      .on('message.created')
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe(({ message, conversation }) => {
        if (conversation.id === this.conversationId) this.setConversation(conversation);
        else if (mine(conversation.customerId)) this.upsertCustomerConversation(conversation);
        if (mine(message.customerId)) this.entriesSignal.update((entries) => upsertEntries(entries, [message]));
      });
    this.realtime
      .on('message.updated')
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe(({ message }) => {
        if (mine(message.customerId)) this.entriesSignal.update((entries) => upsertEntries(entries, [message]));
      });
    this.realtime
      .on('timeline.entry')
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe(({ message }) => {
        if (mine(message.customerId)) this.entriesSignal.update((entries) => upsertEntries(entries, [message]));
      });
    this.realtime
      .on('conversation.updated')
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe(({ conversation }) => {
        if (conversation.id === this.conversationId) this.setConversation(conversation);
        else if (mine(conversation.customerId)) this.upsertCustomerConversation(conversation);
      });
    this.realtime
      .on('conversation.created')
      .pipe(
        filter(({ conversation }) => mine(conversation.customerId)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe(({ conversation }) => this.upsertCustomerConversation(conversation));
    this.realtime
      .on('customer.merged')
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe(({ customer, mergedCustomerId }) => {
        // Either side of a merge: the timeline gains (or moves) a whole history; reload it.
        const id = this.conversationId;
        if (id && (mine(customer.id) || mine(mergedCustomerId))) void this.open(id);
      });
    this.realtime
      .on('customer.unmerged')
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe(({ customer, restoredCustomer }) => {
        const id = this.conversationId;
        if (id && (mine(customer.id) || mine(restoredCustomer.id))) void this.open(id);
      });
    this.realtime
      .on('chat.typing')
      .pipe(
        filter((event) => event.author === 'visitor' && event.conversationId === this.conversationId),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe(() => this.visitorTypingAt.set(Date.now()));
    this.realtime.connected$.pipe(takeUntilDestroyed(this.destroyRef)).subscribe(() => void this.resync());
    this.destroyRef.onDestroy(() => this.unwatch?.());
  }

  /** Shows another conversation (or the same one again, reloaded). */
  async open(conversationId: string): Promise<void> {
    const generation = ++this.generation;
    this.conversationId = conversationId;
    this.loadingSignal.set(true);
    this.errorSignal.set(null);
    this.updateErrorSignal.set(null);
    if (this.conversationSignal()?.id !== conversationId) {
      this.conversationSignal.set(null);
      this.customerSignal.set(null);
      this.entriesSignal.set([]);
      this.draftsSignal.set([]);
      this.replyChannelsSignal.set([]);
      this.customerConversationsSignal.set(null);
    }
    try {
      const conversation = await firstValueFrom(this.conversationsApi.get(conversationId));
      if (generation !== this.generation) return;
      const [customer, page, others] = await Promise.all([
        firstValueFrom(this.customersApi.get(conversation.customerId)),
        firstValueFrom(this.customersApi.timeline(conversation.customerId, null, TIMELINE_PAGE_SIZE)),
        firstValueFrom(this.conversationsApi.list({ customerId: conversation.customerId, limit: CUSTOMER_CONVERSATIONS_LIMIT })),
      ]);
      if (generation !== this.generation) return;
      this.conversationSignal.set(conversation);
      this.customerSignal.set(customer);
      this.entriesSignal.set(upsertEntries([], page.items));
      this.customerConversationsSignal.set(upsertConversations(others.items, [conversation]));
      this.olderCursor.set(page.nextCursor);
      this.unwatch?.();
      this.unwatch = this.realtime.watch({ conversationId, customerId: customer.id });
      this.realtime.connect();
      void this.loadReplyChannels(conversationId, generation);
    } catch (error) {
      if (generation === this.generation) this.errorSignal.set(describeHttpError(error, 'Could not load this conversation.'));
    } finally {
      if (generation === this.generation) this.loadingSignal.set(false);
    }
  }

  async loadOlder(): Promise<void> {
    const cursor = this.olderCursor();
    const customer = this.customerSignal();
    if (!cursor || !customer || this.loadingOlderSignal()) return;
    const generation = this.generation;
    this.loadingOlderSignal.set(true);
    this.olderErrorSignal.set(null);
    try {
      const page = await firstValueFrom(this.customersApi.timeline(customer.id, cursor, TIMELINE_PAGE_SIZE));
      if (generation !== this.generation) return;
      this.entriesSignal.update((entries) => upsertEntries(entries, page.items));
      this.olderCursor.set(page.nextCursor);
    } catch (error) {
      if (generation === this.generation) this.olderErrorSignal.set(describeHttpError(error, 'Could not load older messages.'));
    } finally {
      this.loadingOlderSignal.set(false);
    }
  }

  /** Tells a chat visitor that the agent is typing (the server relays it to the widget). */
  agentTyping(): void {
    const conversation = this.conversationSignal();
    if (conversation?.channel === 'chat') this.realtime.send('chat.typing', { conversationId: conversation.id });
  }

  /** Sends a reply (or, with `note`, an internal note); the draft shows until the server has it. */
  async send(text: string, options: { note: boolean; channel?: ChannelKind }): Promise<boolean> {
    const draft: OutgoingDraft = {
      clientId: `draft-${++draftSequence}`,
      text,
      note: options.note,
      channel: options.channel,
      state: 'sending',
      error: null,
    };
    this.draftsSignal.update((drafts) => [...drafts, draft]);
    return this.deliverDraft(draft);
  }

  /** Sends a draft the server refused again. */
  retryDraft(clientId: string): Promise<boolean> {
    const draft = this.draftsSignal().find((d) => d.clientId === clientId);
    if (!draft) return Promise.resolve(false);
    return this.deliverDraft(draft);
  }

  discardDraft(clientId: string): void {
    this.draftsSignal.update((drafts) => drafts.filter((d) => d.clientId !== clientId));
  }

  /**
   * Asks the server to send a reply whose delivery failed once more; for one whose outcome is
   * unknown, the agent's "Send again" is the explicit confirmation the server asks for.
   */
  async retryDelivery(message: MessageView): Promise<void> {
    if (!message.conversationId) return;
    try {
      const updated = await firstValueFrom(this.conversationsApi.retry(message.conversationId, message.id, message.deliveryStatus === 'unknown'));
      // The live update of the new attempt may have come first; only a still-failed (or unknown) entry is stale.
      const stale = (e: MessageView) => e.deliveryStatus === 'failed' || e.deliveryStatus === 'unknown';
      this.entriesSignal.update((entries) => (entries.some((e) => e.id === updated.id && !stale(e)) ? entries : upsertEntries(entries, [updated])));
    } catch (error) {
      this.updateErrorSignal.set(describeHttpError(error, 'Could not retry this reply.'));
    }
  }

  /** Changes status, assignee, queue, priority or snooze from the header. */
  async update(changes: ConversationChanges): Promise<boolean> {
    const id = this.conversationId;
    if (!id) return false;
    this.updateErrorSignal.set(null);
    try {
      this.setConversation(await firstValueFrom(this.conversationsApi.update(id, changes)));
      return true;
    } catch (error) {
      this.updateErrorSignal.set(describeHttpError(error, 'Could not change the conversation.'));
      return false;
    }
  }

  /** Sets the conversation's tags from the header's tag picker. */
  async setTags(tagIds: string[]): Promise<boolean> {
    const id = this.conversationId;
    if (!id) return false;
    this.updateErrorSignal.set(null);
    try {
      this.setConversation(await firstValueFrom(this.conversationsApi.setTags(id, tagIds)));
      return true;
    } catch (error) {
      this.updateErrorSignal.set(describeHttpError(error, 'Could not change the tags.'));
      return false;
    }
  }

  /** After a reconnect: the conversation again, and the newest entries until they meet what we hold. */
  private async resync(): Promise<void> {
    const id = this.conversationId;
    const customer = this.customerSignal();
    if (!id || !customer) return;
    const generation = this.generation;
    try {
      this.setConversation(await firstValueFrom(this.conversationsApi.get(id)));
      const known = new Set(this.entriesSignal().map((e) => e.id));
      let before: string | null = null;
      for (let pages = 0; pages < RESYNC_MAX_PAGES; pages++) {
        const page: Page<MessageView> = await firstValueFrom(this.customersApi.timeline(customer.id, before, TIMELINE_PAGE_SIZE));
        if (generation !== this.generation) return;
        this.entriesSignal.update((entries) => upsertEntries(entries, page.items));
        if (!page.nextCursor || page.items.some((item) => known.has(item.id))) break;
        before = page.nextCursor;
      }
    } catch {
      // The connection indicator already says we are offline; the next reconnect tries again.
    }
  }

  private async deliverDraft(draft: OutgoingDraft): Promise<boolean> {
    const id = this.conversationId;
    if (!id) return false;
    this.patchDraft(draft.clientId, { state: 'sending', error: null });
    try {
      const message = await firstValueFrom(this.conversationsApi.post(id, { text: draft.text, note: draft.note || undefined, channel: draft.channel }));
      // The socket can bring the entry (even already delivered) before this answer: that copy is newer.
      this.entriesSignal.update((entries) => (entries.some((e) => e.id === message.id) ? entries : upsertEntries(entries, [message])));
      this.discardDraft(draft.clientId);
      return true;
    } catch (error) {
      this.patchDraft(draft.clientId, { state: 'failed', error: describeHttpError(error, 'Could not send.') });
      return false;
    }
  }

  private patchDraft(clientId: string, patch: Partial<OutgoingDraft>): void {
    this.draftsSignal.update((drafts) => drafts.map((d) => (d.clientId === clientId ? { ...d, ...patch } : d)));
  }

  private setConversation(conversation: ConversationView): void {
    this.upsertCustomerConversation(conversation);
    const current = this.conversationSignal();
    // Live events and answers can cross; never go back to an older state.
    if (current && current.id === conversation.id && Date.parse(current.updatedAt) > Date.parse(conversation.updatedAt)) return;
    // Live events carry neither the agent's read state nor the participants: keep what get() gave.
    const participants = current?.id === conversation.id && !conversation.participants ? current.participants : undefined;
    this.conversationSignal.set({
      ...conversation,
      ...(current?.readAt !== undefined && conversation.readAt === undefined ? { readAt: current.readAt } : {}),
      ...(participants ? { participants } : {}),
    });
  }

  private upsertCustomerConversation(conversation: ConversationView): void {
    this.customerConversationsSignal.update((list) => (list ? upsertConversations(list, [conversation]) : list));
  }

  private async loadReplyChannels(conversationId: string, generation: number): Promise<void> {
    try {
      const channels = await firstValueFrom(this.conversationsApi.replyChannels(conversationId));
      if (generation === this.generation) this.replyChannelsSignal.set(channels);
    } catch {
      // Without the list the composer replies on the conversation's own channel.
    }
  }
}
