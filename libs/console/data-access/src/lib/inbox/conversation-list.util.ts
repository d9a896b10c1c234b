import type { ConversationView } from '@throughline/domain';

/** Newest `lastMessageAt` first; ties broken by id so the order is stable. */
export function compareByLastMessageDesc(a: ConversationView, b: ConversationView): number {
  const byTime = Date.parse(b.lastMessageAt) - Date.parse(a.lastMessageAt);
  if (byTime !== 0 && !Number.isNaN(byTime)) return byTime;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function sortConversations(items: readonly ConversationView[]): ConversationView[] {
  return [...items].sort(compareByLastMessageDesc);
}

/** Replaces (by id) or adds each incoming conversation, then re-sorts. */
export function upsertConversations(
  items: readonly ConversationView[],
  incoming: readonly ConversationView[],
): ConversationView[] {
  const byId = new Map(items.map((item) => [item.id, item] as const));
  for (const conversation of incoming) byId.set(conversation.id, conversation);
  return sortConversations([...byId.values()]);
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
}

/**
 * Merges a freshly fetched first page into the list after a reconnect, without duplicates:
 * - a fetched conversation replaces the local copy, unless a live event changed (or removed) it
 *   while the fetch was in flight;
 * - a local conversation missing from the fetched page, though new enough to be on it, was
 *   resolved (or moved) while we were offline, so it is dropped;
 * - older local conversations (beyond the first page) are kept.
 */
export function mergeFirstPage({ current, fetched, fetchedIsComplete, changedDuringFetch }: FirstPageMerge): ConversationView[] {
  const fetchedIds = new Set(fetched.map((c) => c.id));
  const oldestFetched = fetched.reduce<number>(
    (min, c) => Math.min(min, Date.parse(c.lastMessageAt)),
    Number.POSITIVE_INFINITY,
  );
  const kept = current.filter((local) => {
    if (fetchedIds.has(local.id) || changedDuringFetch.has(local.id)) return true;
    if (fetchedIsComplete) return false;
    return Date.parse(local.lastMessageAt) < oldestFetched;
  });
  const keptById = new Map(kept.map((c) => [c.id, c] as const));
  for (const conversation of fetched) {
    // Present or removed, what a live event did during the fetch is newer than the page.
    if (!changedDuringFetch.has(conversation.id)) keptById.set(conversation.id, conversation);
  }
  return sortConversations([...keptById.values()]);
}
