import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  ElementRef,
  inject,
  Injector,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { DatePipe } from '@angular/common';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { Router } from '@angular/router';
import {
  AttachmentsService,
  AuthStore,
  ConsoleCommands,
  ConversationsApi,
  ConversationStore,
  type ConversationChanges,
  dayKey,
  InboxStore,
  lastInboundOf,
  PresenceStore,
  WorkspaceAdminApi,
} from '@throughline/console/data-access';
import { CustomerPanelComponent } from '@throughline/console/customer';
import type { CannedResponseContext, CannedResponseView, MessageView } from '@throughline/domain';
import { ComposerComponent, type ComposerSubmit } from '../composer/composer.component';
import { ConversationHeaderComponent } from '../conversation-header/conversation-header.component';
import { InsightsPanelComponent } from '../insights-panel/insights-panel.component';
import { type OtherConversationRef, TimelineEntryComponent } from '../timeline-entry/timeline-entry.component';

/** Within this many pixels of the bottom, new entries keep the timeline scrolled to the bottom. */
const STICK_TO_BOTTOM_PX = 120;
const CLOCK_TICK_MS = 30_000;
/** Agents' typing reaches a chat visitor at most this often. */
const CHAT_TYPING_EVERY_MS = 2_000;
const VISITOR_TYPING_SHOWN_MS = 6_000;

/** One conversation: the customer's whole timeline, the composer, and the customer beside it. */
@Component({
  selector: 'tl-conversation-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ConversationHeaderComponent, TimelineEntryComponent, ComposerComponent, CustomerPanelComponent, InsightsPanelComponent, DatePipe],
  providers: [ConversationStore, PresenceStore, AttachmentsService],
  templateUrl: './conversation-page.component.html',
  styleUrl: './conversation-page.component.css',
})
export class ConversationPageComponent {
  protected readonly store = inject(ConversationStore);
  protected readonly presence = inject(PresenceStore);
  private readonly api = inject(ConversationsApi);
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  private readonly injector = inject(Injector);
  private readonly inbox = inject(InboxStore, { optional: true });

  /** From the route (`c/:conversationId`). */
  readonly conversationId = input.required<string>();

  private readonly scroller = viewChild<ElementRef<HTMLElement>>('scroller');
  private readonly composer = viewChild(ComposerComponent);
  protected readonly now = signal(Date.now());
  /** Offered in the composer after `/`; loaded with the page, an empty list if that fails. */
  protected readonly cannedResponses = signal<CannedResponseView[]>([]);
  protected readonly cannedContext = computed<CannedResponseContext>(() => {
    const conversation = this.store.conversation();
    const user = this.auth.user();
    return {
      customer: conversation ? { name: conversation.customerName } : null,
      agent: user ? { name: user.name } : null,
      conversationRef: conversation?.ref ?? null,
    };
  });
  private stickToBottom = true;
  private lastChatTypingSent = 0;
  private lastReadMarked: string | null = null;

  /** Each entry with whether a day separator goes above it, and where it came from. */
  protected readonly rows = computed(() => {
    const conversation = this.store.conversation();
    const labels = new Map((this.store.customerConversations() ?? []).map((c) => [c.id, `#${c.ref}${c.subject ? ' · ' + c.subject : ''}`] as const));
    let previousDay = '';
    return this.store.entries().map((entry) => {
      const day = dayKey(entry.occurredAt);
      const newDay = day !== previousDay;
      previousDay = day;
      const other: OtherConversationRef | null =
        conversation && entry.conversationId && entry.conversationId !== conversation.id
          ? { id: entry.conversationId, label: labels.get(entry.conversationId) ?? 'another conversation' }
          : null;
      return { entry, newDay, other };
    });
  });

  constructor() {
    const destroyRef = inject(DestroyRef);
    inject(WorkspaceAdminApi)
      .cannedResponses()
      .pipe(takeUntilDestroyed(destroyRef))
      .subscribe({ next: (list) => this.cannedResponses.set(list), error: () => undefined });
    effect(() => {
      const id = this.conversationId();
      untracked(() => {
        this.stickToBottom = true;
        void this.store.open(id);
        this.presence.enter(id);
      });
    });
    // New entries: keep the view at the bottom if the agent was there; mark what they see as read.
    effect(() => {
      const entries = this.store.entries();
      untracked(() => {
        if (this.stickToBottom) afterNextRender(() => this.scrollToBottom(), { injector: this.injector });
        this.markRead(entries);
      });
    });
    inject(ConsoleCommands)
      .conversation$.pipe(takeUntilDestroyed(destroyRef))
      .subscribe((command) => {
        switch (command) {
          case 'reply':
            return this.composer()?.focus('reply');
          case 'note':
            return this.composer()?.focus('note');
          case 'resolve':
            return void this.change({ status: this.store.conversation()?.status === 'resolved' ? 'open' : 'resolved' });
          case 'assign-to-me': {
            const me = this.auth.user()?.id;
            return void (me && this.change({ assigneeId: me }));
          }
        }
      });
    // Relative times tick every 30 s; the visitor's typing indicator needs a finer clock to go away.
    const typingClock = setInterval(() => {
      if (this.store.visitorTypingAt() && Date.now() - this.store.visitorTypingAt() < VISITOR_TYPING_SHOWN_MS + 2_000) this.now.set(Date.now());
    }, 1_000);
    destroyRef.onDestroy(() => clearInterval(typingClock));
    const clock = setInterval(() => this.now.set(Date.now()), CLOCK_TICK_MS);
    destroyRef.onDestroy(() => clearInterval(clock));
  }

  protected onScroll(): void {
    const el = this.scroller()?.nativeElement;
    if (!el) return;
    this.stickToBottom = el.scrollHeight - el.scrollTop - el.clientHeight < STICK_TO_BOTTOM_PX;
    if (el.scrollTop < 80 && this.store.hasOlder() && !this.store.loadingOlder() && !this.store.olderError()) void this.loadOlder();
  }

  /** Loads older history and keeps what the agent was reading where it was. */
  protected async loadOlder(): Promise<void> {
    const el = this.scroller()?.nativeElement;
    const before = el ? el.scrollHeight - el.scrollTop : 0;
    await this.store.loadOlder();
    afterNextRender(
      () => {
        if (el) el.scrollTop = el.scrollHeight - before;
      },
      { injector: this.injector },
    );
  }

  protected async send(submit: ComposerSubmit): Promise<void> {
    this.stickToBottom = true;
    await this.store.send(submit.text, { note: submit.note, channel: submit.channel });
  }

  protected change(changes: ConversationChanges): Promise<boolean> {
    return this.store.update(changes);
  }

  /** Keystrokes in the composer: collision detection for agents, a typing indicator for chat visitors. */
  protected onTyping(): void {
    this.presence.typing();
    const now = Date.now();
    if (now - this.lastChatTypingSent > CHAT_TYPING_EVERY_MS) {
      this.lastChatTypingSent = now;
      this.store.agentTyping();
    }
  }

  /** A chat visitor typed within the last few seconds. */
  protected visitorTyping(): boolean {
    return this.now() - this.store.visitorTypingAt() < VISITOR_TYPING_SHOWN_MS;
  }

  protected insertIntoReply(text: string): void {
    this.composer()?.insert(text);
  }

  protected retry(message: MessageView): void {
    void this.store.retryDelivery(message);
  }

  protected open(conversationId: string): void {
    void this.router.navigate(['/c', conversationId], { queryParamsHandling: 'preserve' });
  }

  protected reload(): void {
    void this.store.open(this.conversationId());
  }

  private scrollToBottom(): void {
    const el = this.scroller()?.nativeElement;
    if (el) el.scrollTop = el.scrollHeight;
  }

  /** Tells the server (once per new inbound message) that this agent has seen the conversation. */
  private markRead(entries: readonly MessageView[]): void {
    const conversation = this.store.conversation();
    if (!conversation || document.visibilityState === 'hidden') return;
    const lastInbound = lastInboundOf(entries, conversation.id);
    const key = `${conversation.id}:${lastInbound?.id ?? 'none'}`;
    if (key === this.lastReadMarked) return;
    this.lastReadMarked = key;
    this.inbox?.markReadLocally(conversation.id);
    this.api.markRead(conversation.id).subscribe({ error: () => (this.lastReadMarked = null) });
  }
}
