import type { ChannelKind, ConversationCountsView, ConversationSort, ConversationStatus, ConversationView } from '@throughline/domain';
import type { ConversationQuery } from '../conversations/conversations.api';

/**
 * A view of the inbox: one of the fixed views, a queue (`queue:<id>`, `queue:none`) or a channel
 * (`channel:<kind>`). Views other than the status ones show open conversations.
 */
export type InboxViewId = 'mine' | 'unassigned' | ConversationStatus | `queue:${string}` | `channel:${ChannelKind}`;

export interface InboxFilter {
  view: InboxViewId;
  sort: ConversationSort;
  /** Free-text search (customer, email, phone, handle, reference or text); '' for none. */
  q: string;
  /** Only conversations carrying this tag (its id); absent or '' for any. */
  tag?: string;
}

export const DEFAULT_INBOX_FILTER: InboxFilter = { view: 'open', sort: 'recent', q: '' };

const STATUS_VIEWS: readonly string[] = ['open', 'pending', 'snoozed', 'resolved'];

export function isInboxViewId(value: string): value is InboxViewId {
  return value === 'mine' || value === 'unassigned' || STATUS_VIEWS.includes(value) || /^queue:.+/.test(value) || /^channel:[a-z]+$/.test(value);
}

/** The list query of a view (without cursor and limit). */
export function queryOfFilter(filter: InboxFilter): ConversationQuery {
  const query: ConversationQuery = { sort: filter.sort, q: filter.q.trim() || undefined, tag: filter.tag || undefined };
  const view = filter.view;
  if (STATUS_VIEWS.includes(view)) return { ...query, status: view as ConversationStatus };
  query.status = 'open';
  if (view === 'mine') query.assigneeId = 'me';
  else if (view === 'unassigned') query.assigneeId = 'none';
  else if (view.startsWith('queue:')) query.queueId = view.slice('queue:'.length);
  else if (view.startsWith('channel:')) query.channel = view.slice('channel:'.length) as ChannelKind;
  return query;
}

/**
 * Whether a conversation pushed live belongs in the view. With a search, only the server knows
 * what matches, so nothing new is added live (rows already shown are still updated).
 */
export function belongsToView(filter: InboxFilter, conversation: ConversationView, userId: string | null): boolean {
  const query = queryOfFilter(filter);
  if (query.status && conversation.status !== query.status) return false;
  // Signed out (no id), nothing is mine: an unassigned conversation's null must not match.
  if (query.assigneeId === 'me' && (userId === null || conversation.assigneeId !== userId)) return false;
  if (query.assigneeId === 'none' && conversation.assigneeId !== null) return false;
  if (query.queueId === 'none' && conversation.queueId !== null) return false;
  if (query.queueId && query.queueId !== 'none' && conversation.queueId !== query.queueId) return false;
  if (query.channel && conversation.channel !== query.channel) return false;
  if (query.tag && !conversation.tags.some((t) => t.id === query.tag)) return false;
  return true;
}

/** The count shown beside a view; null when the counts do not cover it. */
export function countOfView(counts: ConversationCountsView | null, view: InboxViewId): number | null {
  if (!counts) return null;
  if (view === 'mine') return counts.mine;
  if (view === 'unassigned') return counts.unassigned;
  if (STATUS_VIEWS.includes(view)) return counts.status[view as ConversationStatus] ?? 0;
  if (view.startsWith('queue:')) return counts.queues[view.slice('queue:'.length)] ?? 0;
  if (view.startsWith('channel:')) return counts.channels[view.slice('channel:'.length) as ChannelKind] ?? 0;
  return null;
}

/** Unread for this agent: a customer wrote after the agent last read the conversation. */
export function isUnread(conversation: ConversationView): boolean {
  if (!conversation.lastInboundAt) return false;
  if (!conversation.readAt) return true;
  return Date.parse(conversation.lastInboundAt) > Date.parse(conversation.readAt);
}
