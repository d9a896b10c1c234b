import type { ConversationSort, ConversationView } from '@throughline/domain';

export type ConversationComparator = (a: ConversationView, b: ConversationView) => number;

function byId(a: ConversationView, b: ConversationView): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Newest `lastMessageAt` first; ties broken by id so the order is stable. */
export function compareByLastMessageDesc(a: ConversationView, b: ConversationView): number {
  const byTime = Date.parse(b.lastMessageAt) - Date.parse(a.lastMessageAt);
  if (byTime !== 0 && !Number.isNaN(byTime)) return byTime;
  return byId(a, b);
}

/** The customer waiting longest first: oldest last inbound message first, those with none last. */
export function compareByWaitingLongest(a: ConversationView, b: ConversationView): number {
  const at = a.lastInboundAt ? Date.parse(a.lastInboundAt) : Number.POSITIVE_INFINITY;
  const bt = b.lastInboundAt ? Date.parse(b.lastInboundAt) : Number.POSITIVE_INFINITY;
  if (at !== bt) return at < bt ? -1 : 1;
  return byId(a, b);
}

export function comparatorOf(sort: ConversationSort): ConversationComparator {
  return sort === 'waiting' ? compareByWaitingLongest : compareByLastMessageDesc;
}

/**
 * Replaces (by id) or adds each incoming conversation, then re-sorts. Live events carry no
 * per-agent read state, so a replaced row keeps the `readAt` it had.
 */
export function upsertConversations(
  items: readonly ConversationView[],
  incoming: readonly ConversationView[],
  compare: ConversationComparator = compareByLastMessageDesc,
): ConversationView[] {
  const byIdMap = new Map(items.map((item) => [item.id, item] as const));
  for (const conversation of incoming) {
    const previous = byIdMap.get(conversation.id);
    byIdMap.set(conversation.id, conversation.readAt === undefined && previous ? { ...conversation, readAt: previous.readAt } : conversation);
  }
  return [...byIdMap.values()].sort(compare);
}

export function removeConversation(items: readonly ConversationView[], id: string): ConversationView[] {
  return items.filter((item) => item.id !== id);
}

export interface FirstPageMerge {
  /** The list as it was before the refetch. */
  current: readonly ConversationView[];
  /** The first page just fetched from the server. */
  fetched: readonly ConversationView[];
  /** True when the fetched page is the whole list (its `nextCursor` was null). */
  fetchedIsComplete: boolean;
  /** Conversations that live events changed while the fetch was in flight: their local copy wins. */
  changedDuringFetch: ReadonlySet<string>;
  compare?: ConversationComparator;
}

/**
 * Merges a freshly fetched first page into the list after a reconnect, without duplicates:
 * - a fetched conversation replaces the local copy, unless a live event changed (or removed) it
 *   while the fetch was in flight;
 * - a local conversation missing from the fetched page, though it sorts within the page, left the
 *   view (resolved, reassigned, …) while we were offline, so it is dropped;
 * - local conversations sorting after the page are kept.
 */
export function mergeFirstPage({
  current,
  fetched,
  fetchedIsComplete,
  changedDuringFetch,
  compare = compareByLastMessageDesc,
}: FirstPageMerge): ConversationView[] {
  const fetchedIds = new Set(fetched.map((c) => c.id));
  const sortedFetched = [...fetched].sort(compare);
  const lastFetched = sortedFetched[sortedFetched.length - 1];
  const kept = current.filter((local) => {
    if (fetchedIds.has(local.id) || changedDuringFetch.has(local.id)) return true;
    if (fetchedIsComplete) return false;
    return !lastFetched || compare(local, lastFetched) > 0;
  });
  const keptById = new Map(kept.map((c) => [c.id, c] as const));
  for (const conversation of fetched) {
    // Present or removed, what a live event did during the fetch is newer than the page.
    if (!changedDuringFetch.has(conversation.id)) keptById.set(conversation.id, conversation);
  }
  return [...keptById.values()].sort(compare);
}
