import type { MessageView } from '@throughline/domain';

/** Oldest first; ties by id so the order is stable. */
export function compareEntries(a: MessageView, b: MessageView): number {
  const byTime = Date.parse(a.occurredAt) - Date.parse(b.occurredAt);
  if (byTime !== 0 && !Number.isNaN(byTime)) return byTime;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Adds or replaces entries by id and keeps the timeline oldest first, without duplicates. */
export function upsertEntries(entries: readonly MessageView[], incoming: readonly MessageView[]): MessageView[] {
  if (!incoming.length) return entries as MessageView[];
  const byId = new Map(entries.map((entry) => [entry.id, entry] as const));
  for (const entry of incoming) byId.set(entry.id, entry);
  return [...byId.values()].sort(compareEntries);
}

/** Calendar day of an entry in the agent's time zone, for day separators. */
export function dayKey(at: string): string {
  const date = new Date(at);
  return `${date.getFullYear()}-${date.getMonth() + 1}-${date.getDate()}`;
}

/** The message a reply answers by default: the last inbound one of this conversation. */
export function lastInboundOf(entries: readonly MessageView[], conversationId: string): MessageView | null {
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i];
    if (entry.conversationId === conversationId && entry.direction === 'inbound') return entry;
  }
  return null;
}
