import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type { ConversationView, Page } from '@throughline/domain';
import { firstValueFrom } from 'rxjs';
import { AuthStore } from '../auth/auth.store';
import { ConversationsApi } from '../conversations/conversations.api';
import { describeHttpError } from '../http/http-error.util';
import { RealtimeService } from '../realtime/realtime.service';
import { comparatorOf, mergeFirstPage, removeConversation, upsertConversations } from './conversation-list.util';
import { belongsToView, DEFAULT_INBOX_FILTER, type InboxFilter, queryOfFilter } from './inbox-filter';

export const INBOX_PAGE_SIZE = 25;
/** How long a row that just arrived (or just got a new message) stays highlighted. */
export const INBOX_FRESH_MS = 4_000;

function sameFilter(a: InboxFilter, b: InboxFilter): boolean {
  return a.view === b.view && a.sort === b.sort && a.q.trim() === b.q.trim() && (a.tag ?? '') === (b.tag ?? '');
}

/**
 * The conversations of one inbox view (see `InboxFilter`), kept current by the agents socket.
 *
 * Provide it in the component that shows the list and call `start()`: it loads the first page,
 * applies `conversation.created`, `conversation.updated` and `message.created` live (upsert by
 * id, re-sort, drop what left the view), and after every reconnect refetches the first page and
 * merges it in without duplicates. `setFilter()` switches view, sort or search.
 */
@Injectable()
export class InboxStore {
  private readonly api = inject(ConversationsApi);
  private readonly realtime = inject(RealtimeService);
  private readonly auth = inject(AuthStore);
  private readonly destroyRef = inject(DestroyRef);

  private readonly filterSignal = signal<InboxFilter>(DEFAULT_INBOX_FILTER);
  private readonly itemsSignal = signal<ConversationView[]>([]);
  private readonly nextCursor = signal<string | null>(null);
  private readonly loadingSignal = signal(false);
  private readonly loadedSignal = signal(false);
  private readonly errorSignal = signal<string | null>(null);
  private readonly loadingMoreSignal = signal(false);
  private readonly loadMoreErrorSignal = signal<string | null>(null);
  private readonly freshSignal = signal<ReadonlySet<string>>(new Set());

  readonly filter = this.filterSignal.asReadonly();
  readonly items = this.itemsSignal.asReadonly();
  /** True while the first page is loading (not during a silent re-sync). */
  readonly loading = this.loadingSignal.asReadonly();
  /** Why the first page could not be loaded; null when it could. */
  readonly error = this.errorSignal.asReadonly();
  readonly loadingMore = this.loadingMoreSignal.asReadonly();
  readonly loadMoreError = this.loadMoreErrorSignal.asReadonly();
  readonly hasMore = computed(() => this.nextCursor() !== null);
  readonly isEmpty = computed(() => this.loadedSignal() && !this.loadingSignal() && this.itemsSignal().length === 0);
  /** Ids of rows that arrived or changed live a moment ago. */
  readonly freshIds = this.freshSignal.asReadonly();
  readonly connection = this.realtime.status;

  private started = false;
  private destroyed = false;
  private firstPageInFlight = false;
  private syncWanted = false;
  private pagesLoaded = 0;
  /** Bumped by every filter change, so answers for an earlier filter are dropped. */
  private generation = 0;
  /** One set per fetch in flight, collecting the ids live events touched meanwhile. */
  private readonly trackers = new Set<Set<string>>();
  private readonly freshTimers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor() {
    this.destroyRef.onDestroy(() => {
      this.destroyed = true;
      for (const timer of this.freshTimers.values()) clearTimeout(timer);
      this.freshTimers.clear();
    });
  }

  /** Loads the first page of `filter` and starts following live events. Safe to call twice. */
  start(filter: InboxFilter = this.filterSignal()): void {
    if (this.started) return;
    this.started = true;
    this.filterSignal.set(filter);
    this.realtime
      .on('conversation.created')
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe(({ conversation }) => this.applyLive(conversation, true));
    this.realtime
      .on('conversation.updated')
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe(({ conversation }) => this.applyLive(conversation, false));
    this.realtime
      .on('message.created')
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe(({ message, conversation }) => this.applyLive(conversation, message.direction === 'inbound'));
    // A merge can rename or move many conversations at once; the server's list is the truth.
    this.realtime
      .on('customer.merged')
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe(() => this.requestSync());
    // Read in another tab of this agent.
    this.realtime
      .on('conversation.read')
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe(({ conversationId, readAt }) => this.markReadLocally(conversationId, readAt));
    this.realtime
      .on('customer.unmerged')
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe(() => this.requestSync());
    this.realtime.connected$.pipe(takeUntilDestroyed(this.destroyRef)).subscribe(() => this.requestSync());
    this.realtime.connect();
    void this.load();
  }

  /** Shows another view, sort or search: the list starts over from its first page. */
  setFilter(filter: InboxFilter): void {
    if (sameFilter(filter, this.filterSignal())) return;
    this.filterSignal.set(filter);
    if (!this.started) return;
    this.generation += 1;
    this.itemsSignal.set([]);
    this.nextCursor.set(null);
    this.loadedSignal.set(false);
    this.loadMoreErrorSignal.set(null);
    this.pagesLoaded = 0;
    this.firstPageInFlight = false;
    void this.load();
  }

  /** Records locally that the agent has read the conversation (the server is told by the caller). */
  markReadLocally(id: string, at = new Date().toISOString()): void {
    const items = this.itemsSignal();
    if (!items.some((c) => c.id === id)) return;
    this.itemsSignal.set(items.map((c) => (c.id === id ? { ...c, readAt: at } : c)));
  }

  /** (Re)loads the first page, showing the loading state; used first and by "Retry". */
  async load(): Promise<void> {
    const generation = this.generation;
    this.loadingSignal.set(true);
    this.errorSignal.set(null);
    const ok = await this.fetchFirstPage();
    if (this.destroyed || generation !== this.generation) return;
    this.loadingSignal.set(false);
    if (ok === true) {
      this.loadedSignal.set(true);
    } else {
      this.errorSignal.set(ok);
    }
    this.flushSync();
  }

  /** Appends the next page, if there is one. */
  async loadMore(): Promise<void> {
    const cursor = this.nextCursor();
    if (!cursor || this.loadingMoreSignal()) return;
    const generation = this.generation;
    this.loadingMoreSignal.set(true);
    this.loadMoreErrorSignal.set(null);
    const touched = this.track();
    try {
      const page = await this.fetchPage(cursor);
      if (this.destroyed || generation !== this.generation) return;
      const incoming = page.items.filter((c) => !touched.has(c.id));
      this.itemsSignal.set(upsertConversations(this.itemsSignal(), incoming, this.compare()));
      this.nextCursor.set(page.nextCursor);
      this.pagesLoaded += 1;
    } catch (error) {
      if (!this.destroyed && generation === this.generation) {
        this.loadMoreErrorSignal.set(describeHttpError(error, 'Could not load more conversations.'));
      }
    } finally {
      this.trackers.delete(touched);
      if (!this.destroyed) this.loadingMoreSignal.set(false);
    }
  }

  private compare() {
    return comparatorOf(this.filterSignal().sort);
  }

  /** Applies one conversation pushed by the server. */
  private applyLive(conversation: ConversationView, highlight: boolean): void {
    for (const touched of this.trackers) touched.add(conversation.id);
    const items = this.itemsSignal();
    const existing = items.find((c) => c.id === conversation.id);
    const filter = this.filterSignal();
    if (!belongsToView(filter, conversation, this.auth.user()?.id ?? null)) {
      if (existing) this.itemsSignal.set(removeConversation(items, conversation.id));
      this.unmarkFresh(conversation.id);
      return;
    }
    // Only the server knows what a search matches: rows already shown update, none are added.
    if (!existing && filter.q.trim()) return;
    const last = items[items.length - 1];
    if (!existing && this.hasMore() && last && this.compare()(conversation, last) > 0) {
      // Sorts after everything loaded while more pages remain: "Load more" will bring it in order.
      return;
    }
    this.itemsSignal.set(upsertConversations(items, [conversation], this.compare()));
    if (!existing || highlight) this.markFresh(conversation.id);
  }

  /** Called on every (re)connect: refetch the first page once nothing else is fetching it. */
  private requestSync(): void {
    this.syncWanted = true;
    if (!this.loadedSignal() && !this.firstPageInFlight && this.errorSignal()) {
      // The first load failed; the connection is back, so try it again.
      void this.load();
      return;
    }
    this.flushSync();
  }

  private flushSync(): void {
    if (!this.syncWanted || this.firstPageInFlight || !this.loadedSignal() || this.destroyed) return;
    this.syncWanted = false;
    void this.fetchFirstPage();
  }

  /** Fetches the first page and merges it in; resolves true, or the error to show. */
  private async fetchFirstPage(): Promise<true | string> {
    const generation = this.generation;
    this.firstPageInFlight = true;
    this.syncWanted = false;
    const touched = this.track();
    try {
      const page = await this.fetchPage(null);
      if (this.destroyed || generation !== this.generation) return true;
      const current = this.itemsSignal();
      const merged = mergeFirstPage({
        current,
        fetched: page.items,
        fetchedIsComplete: page.nextCursor === null,
        changedDuringFetch: touched,
        compare: this.compare(),
      });
      this.itemsSignal.set(merged);
      if (this.loadedSignal()) {
        // A re-sync: what arrived (or got a message) while we were offline is as new as a live arrival.
        const shown = new Map(current.map((c) => [c.id, c.lastMessageAt] as const));
        for (const c of merged) if (shown.get(c.id) !== c.lastMessageAt) this.markFresh(c.id);
      }
      if (this.pagesLoaded <= 1) {
        this.nextCursor.set(page.nextCursor);
        this.pagesLoaded = 1;
      }
      return true;
    } catch (error) {
      return describeHttpError(error, 'Could not load conversations.');
    } finally {
      this.trackers.delete(touched);
      if (generation === this.generation) {
        this.firstPageInFlight = false;
        if (this.loadedSignal()) this.flushSync();
      }
    }
  }

  private fetchPage(cursor: string | null): Promise<Page<ConversationView>> {
    return firstValueFrom(this.api.list({ ...queryOfFilter(this.filterSignal()), cursor, limit: INBOX_PAGE_SIZE }));
  }

  private track(): Set<string> {
    const touched = new Set<string>();
    this.trackers.add(touched);
    return touched;
  }

  private markFresh(id: string): void {
    const previous = this.freshTimers.get(id);
    if (previous) clearTimeout(previous);
    this.freshSignal.update((ids) => new Set(ids).add(id));
    this.freshTimers.set(
      id,
      setTimeout(() => this.unmarkFresh(id), INBOX_FRESH_MS),
    );
  }

  private unmarkFresh(id: string): void {
    const timer = this.freshTimers.get(id);
    if (timer) clearTimeout(timer);
    this.freshTimers.delete(id);
    if (!this.freshSignal().has(id)) return;
    this.freshSignal.update((ids) => {
      const next = new Set(ids);
      next.delete(id);
      return next;
    });
  }
}
