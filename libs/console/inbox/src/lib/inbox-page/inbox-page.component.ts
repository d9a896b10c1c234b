import {
  afterEveryRender,
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  ElementRef,
  inject,
  Injector,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, NavigationEnd, Router, RouterLink, RouterOutlet } from '@angular/router';
import {
  AuthStore,
  ConsoleCommands,
  countOfView,
  CountsStore,
  DEFAULT_INBOX_FILTER,
  InboxStore,
  type InboxViewId,
  isInboxViewId,
  isUnread,
  MyPresenceStore,
  TagsStore,
  TeamStore,
} from '@throughline/console/data-access';
import { AppHeaderComponent, CHANNEL_LABELS, ChannelBadgeComponent, initialsOf, RelativeTimeComponent } from '@throughline/console/ui';
import { CHANNEL_KINDS, type ConversationSort, type ConversationView, type Priority } from '@throughline/domain';
import { debounceTime, filter, map, Subject } from 'rxjs';
import { SHORTCUTS, shortcutOf } from '../shortcuts/shortcuts';

/** How often relative times ("5 min ago") are refreshed. */
const CLOCK_TICK_MS = 30_000;
const SEARCH_DEBOUNCE_MS = 300;

const PRIORITY_LABELS: Partial<Record<Priority, string>> = { urgent: 'Urgent', high: 'High', low: 'Low' };

const FIXED_VIEWS: ReadonlyArray<{ id: InboxViewId; label: string }> = [
  { id: 'mine', label: 'Mine' },
  { id: 'unassigned', label: 'Unassigned' },
  { id: 'open', label: 'All open' },
];
const STATUS_VIEWS: ReadonlyArray<{ id: InboxViewId; label: string }> = [
  { id: 'pending', label: 'Pending' },
  { id: 'snoozed', label: 'Snoozed' },
  { id: 'resolved', label: 'Resolved' },
];

/**
 * The agent's workspace: views with live counts, the conversation list of the chosen view
 * (search, sort, infinite scroll, unread marks) and the open conversation beside it, all
 * reachable from the keyboard.
 */
@Component({
  selector: 'tl-inbox-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AppHeaderComponent, ChannelBadgeComponent, RelativeTimeComponent, RouterLink, RouterOutlet],
  providers: [InboxStore, CountsStore],
  templateUrl: './inbox-page.component.html',
  styleUrl: './inbox-page.component.css',
  host: { '(document:keydown)': 'onKeydown($event)' },
})
export class InboxPageComponent {
  protected readonly store = inject(InboxStore);
  protected readonly counts = inject(CountsStore);
  protected readonly auth = inject(AuthStore);
  protected readonly team = inject(TeamStore);
  protected readonly tags = inject(TagsStore);
  protected readonly myPresence = inject(MyPresenceStore);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly commands = inject(ConsoleCommands);
  private readonly injector = inject(Injector);

  protected readonly now = signal(Date.now());
  protected readonly skeletonRows = [0, 1, 2, 3, 4, 5];
  protected readonly viewGroups = [
    { title: '', views: FIXED_VIEWS },
    { title: 'Status', views: STATUS_VIEWS },
  ];
  protected readonly shortcuts = SHORTCUTS;
  protected readonly helpOpen = signal(false);
  protected readonly selectedIndex = signal(0);
  protected readonly searchText = signal('');
  private readonly searchInput = viewChild<ElementRef<HTMLInputElement>>('searchBox');
  private readonly listElement = viewChild<ElementRef<HTMLElement>>('list');
  private readonly searches = new Subject<string>();

  /** The id in `/c/:id`, or null. */
  protected readonly openId = toSignal(
    this.router.events.pipe(
      filter((e) => e instanceof NavigationEnd),
      map(() => this.currentConversationId()),
    ),
    { initialValue: this.currentConversationId() },
  );

  protected readonly channelViews = computed(() =>
    CHANNEL_KINDS.filter((kind) => (this.counts.counts()?.channels[kind] ?? 0) > 0 || this.store.filter().view === `channel:${kind}`).map((kind) => ({
      id: `channel:${kind}` as InboxViewId,
      label: CHANNEL_LABELS[kind],
      kind,
    })),
  );

  protected readonly viewLabel = computed(() => {
    const view = this.store.filter().view;
    const fixed = [...FIXED_VIEWS, ...STATUS_VIEWS].find((v) => v.id === view);
    if (fixed) return fixed.label;
    if (view.startsWith('queue:')) return this.team.queueName(view.slice(6)) ?? (view === 'queue:none' ? 'No queue' : 'Queue');
    if (view.startsWith('channel:')) return CHANNEL_LABELS[view.slice(8) as keyof typeof CHANNEL_LABELS] ?? 'Channel';
    return 'Conversations';
  });

  constructor() {
    const destroyRef = inject(DestroyRef);
    void this.team.load();
    void this.tags.load();
    this.route.queryParamMap.pipe(takeUntilDestroyed(destroyRef)).subscribe((params) => {
      const view = params.get('view') ?? '';
      const filterValue = {
        view: isInboxViewId(view) ? view : DEFAULT_INBOX_FILTER.view,
        sort: (params.get('sort') === 'waiting' ? 'waiting' : 'recent') as ConversationSort,
        q: params.get('q') ?? '',
        tag: params.get('tag') ?? '',
      };
      this.searchText.set(filterValue.q);
      this.store.setFilter(filterValue);
      this.store.start(filterValue);
      this.selectedIndex.set(0);
    });
    this.counts.start();
    this.searches
      .pipe(debounceTime(SEARCH_DEBOUNCE_MS), takeUntilDestroyed(destroyRef))
      .subscribe((q) => void this.router.navigate([], { relativeTo: this.route, queryParams: { q: q.trim() || null }, queryParamsHandling: 'merge' }));
    const clock = setInterval(() => this.now.set(Date.now()), CLOCK_TICK_MS);
    destroyRef.onDestroy(() => clearInterval(clock));
    this.observeListEnd(destroyRef);
  }

  protected count(view: InboxViewId): number | null {
    return countOfView(this.counts.counts(), view);
  }

  protected queueView(queueId: string): InboxViewId {
    return `queue:${queueId}`;
  }

  protected queryFor(view: InboxViewId): Record<string, string | null> {
    return { view, q: null };
  }

  protected setSort(sort: string): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: { sort: sort === 'waiting' ? 'waiting' : null }, queryParamsHandling: 'merge' });
  }

  protected setTag(tagId: string): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: { tag: tagId || null }, queryParamsHandling: 'merge' });
  }

  protected search(text: string): void {
    this.searchText.set(text);
    this.searches.next(text);
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

  protected unread(conversation: ConversationView): boolean {
    return conversation.id !== this.openId() && isUnread(conversation);
  }

  protected assigneeInitials(conversation: ConversationView): string | null {
    const name = this.team.userName(conversation.assigneeId);
    return name ? initialsOf(name) : null;
  }

  protected signOut(): void {
    this.auth.logout();
  }

  protected onKeydown(event: KeyboardEvent): void {
    const action = shortcutOf(event);
    if (!action) return;
    if (this.helpOpen() && action !== 'close' && action !== 'help') return;
    switch (action) {
      case 'next':
      case 'previous':
        this.move(action === 'next' ? 1 : -1);
        break;
      case 'open':
        this.openSelected();
        break;
      case 'search':
        this.searchInput()?.nativeElement.focus();
        break;
      case 'help':
        this.helpOpen.set(!this.helpOpen());
        break;
      case 'close':
        if (this.helpOpen()) this.helpOpen.set(false);
        else (event.target as HTMLElement | null)?.blur?.();
        return;
      default:
        if (!this.openId()) return;
        this.commands.run(action);
    }
    event.preventDefault();
  }

  private move(delta: number): void {
    const items = this.store.items();
    if (!items.length) return;
    const next = Math.min(items.length - 1, Math.max(0, this.selectedIndex() + delta));
    this.selectedIndex.set(next);
    if (next >= items.length - 3 && this.store.hasMore()) void this.store.loadMore();
    afterNextRender(() => this.listElement()?.nativeElement.querySelector('.row.selected')?.scrollIntoView({ block: 'nearest' }), {
      injector: this.injector,
    });
  }

  private openSelected(): void {
    const conversation = this.store.items()[this.selectedIndex()];
    if (conversation) void this.router.navigate(['/c', conversation.id], { queryParamsHandling: 'preserve' });
  }

  private currentConversationId(): string | null {
    return /\/c\/([0-9a-f-]{36})/i.exec(this.router.url)?.[1] ?? null;
  }

  /** Infinite scroll: the next page loads when the end of the list comes into view. */
  private observeListEnd(destroyRef: DestroyRef): void {
    if (typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting) && this.store.hasMore() && !this.store.loadMoreError()) void this.store.loadMore();
    });
    let observed: Element | null = null;
    const watcher = afterEveryRender(
      {
        read: () => {
          const sentinel = this.listElement()?.nativeElement.querySelector('.list-end') ?? null;
          if (sentinel === observed) return;
          if (observed) observer.unobserve(observed);
          if (sentinel) observer.observe(sentinel);
          observed = sentinel;
        },
      },
      { injector: this.injector },
    );
    destroyRef.onDestroy(() => {
      watcher.destroy();
      observer.disconnect();
    });
  }
}
