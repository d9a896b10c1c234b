import type { ConversationStatus } from './channel';

export interface ThreadCandidate {
  id: string;
  status: ConversationStatus;
  /** When the conversation last had a message; needed for `openWithin`. */
  lastMessageAt?: Date;
}

export type ThreadDecision =
  | { action: 'append'; conversationId: string; reopen: boolean }
  | { action: 'create' }
  /** Recorded on the customer's timeline only: automatic mail that no conversation claims. */
  | { action: 'detach' };

export interface ThreadInput {
  threadKey?: string;
  byThreadKey: ThreadCandidate | null;
  /** Found through the message's own references: the ids it answers, or our conversation token. */
  byReference?: ThreadCandidate | null;
  /** The same customer's conversation with the same normalised subject, within the connector's window. */
  bySubject?: ThreadCandidate | null;
  /** The customer's latest conversation on the connector; only for channels that send no references. */
  openOnConnector: ThreadCandidate | null;
  /**
   * Join `openOnConnector` only while it is open or pending and had a message at most this long
   * before the incoming one (ThreadingHints.openConversationWithinHours); without it, any unresolved one.
   */
  openWithin?: { hours: number; occurredAt: Date };
  /** Auto-replies and bounces join a conversation they refer to, but never open or reopen one. */
  automated?: boolean;
}

/**
 * Which conversation an inbound message joins, strongest evidence first:
 * - the thread key (chat session, social thread): that conversation whatever its status — a reply
 *   to a resolved thread reopens it rather than splitting the story;
 * - the message's references (email In-Reply-To/References, our subject token);
 * - the same customer's conversation with the same subject within the window;
 * - without any threading hints, the customer's latest unresolved conversation on the connector;
 *   with a window (calls), only an open or pending one active within it;
 * - otherwise a new conversation — or, for automatic mail, none at all.
 */
export function decideThread(input: ThreadInput): ThreadDecision {
  const append = (candidate: ThreadCandidate): ThreadDecision => ({
    action: 'append',
    conversationId: candidate.id,
    reopen: !input.automated && candidate.status !== 'open',
  });
  if (input.threadKey && input.byThreadKey) return append(input.byThreadKey);
  if (input.byReference) return append(input.byReference);
  if (input.bySubject) return append(input.bySubject);
  if (!input.threadKey && input.openOnConnector && continuesOpen(input.openOnConnector, input.openWithin)) return append(input.openOnConnector);
  return input.automated ? { action: 'detach' } : { action: 'create' };
}

function continuesOpen(candidate: ThreadCandidate, window: ThreadInput['openWithin']): boolean {
  if (!window) return candidate.status !== 'resolved';
  if (candidate.status !== 'open' && candidate.status !== 'pending') return false;
  if (!candidate.lastMessageAt) return false;
  return candidate.lastMessageAt.getTime() >= window.occurredAt.getTime() - window.hours * 3600_000;
}
