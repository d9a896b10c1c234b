import type { ConversationStatus } from './channel';

export interface ThreadCandidate {
  id: string;
  status: ConversationStatus;
}

export type ThreadDecision =
  | { action: 'append'; conversationId: string; reopen: boolean }
  | { action: 'create' };

/**
 * Which conversation an inbound message joins.
 * - With a thread key, the conversation already carrying that key wins whatever its status
 *   (a reply to a resolved thread reopens it rather than splitting the story).
 * - Without one, the customer's latest unresolved conversation on the same connector.
 * - Otherwise a new conversation.
 */
export function decideThread(input: {
  threadKey?: string;
  byThreadKey: ThreadCandidate | null;
  openOnConnector: ThreadCandidate | null;
}): ThreadDecision {
  if (input.threadKey) {
    return input.byThreadKey
      ? { action: 'append', conversationId: input.byThreadKey.id, reopen: input.byThreadKey.status !== 'open' }
      : { action: 'create' };
  }
  if (input.openOnConnector && input.openOnConnector.status !== 'resolved') {
    return { action: 'append', conversationId: input.openOnConnector.id, reopen: input.openOnConnector.status !== 'open' };
  }
  return { action: 'create' };
}
