/** A stored conversation the incoming message is linked to by its reply chain. */
export interface LinkedConversation {
  id: string;
  /**
   * `parent`: it holds a message the incoming one answers (the root side of the thread);
   * `child`: it holds a stored message that answers the incoming one (a reply that arrived first).
   */
  side: 'parent' | 'child';
  /** Its earliest message: of two sides alike, the older thread survives. */
  firstMessageAt: Date;
  /** Found by a thread key (a chat session): never absorbed, since that key must keep finding it. */
  pinned?: boolean;
}

export interface ConversationMergePlan {
  survivorId: string;
  /** Conversations whose messages move into the survivor and which then disappear. */
  absorbedIds: string[];
}

/**
 * When one message links stored conversations (its parent in one, a reply that arrived before it
 * in another), they are one thread and become one conversation. The root side survives — a
 * parent's conversation over a child's — then the one with the oldest message, then the smaller
 * id, so every worker makes the same choice whatever order it saw the messages in.
 */
export function planConversationMerge(linked: LinkedConversation[]): ConversationMergePlan | null {
  const distinct = new Map<string, LinkedConversation>();
  for (const c of linked) {
    const seen = distinct.get(c.id);
    // A conversation holding both a parent and a child counts as the parent side.
    if (!seen || (seen.side === 'child' && c.side === 'parent')) distinct.set(c.id, { ...c, pinned: c.pinned || seen?.pinned });
  }
  const [survivor, ...rest] = [...distinct.values()].sort(
    (a, b) =>
      Number(b.side === 'parent') - Number(a.side === 'parent') ||
      a.firstMessageAt.getTime() - b.firstMessageAt.getTime() ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  if (!survivor) return null;
  return { survivorId: survivor.id, absorbedIds: rest.filter((c) => !c.pinned).map((c) => c.id) };
}

export interface OwnerInput {
  /** Who owns the conversation the message lands in (after any merge). */
  currentOwnerId: string;
  /** The sender of the incoming message. */
  senderId: string;
  occurredAt: Date;
  /** It answers a message we have stored: it is not where the thread starts. */
  answersStored: boolean;
  /** Stored messages answer it: it is the start of what we hold of this thread. */
  answeredByStored: boolean;
  /**
   * The earliest message in the conversation that answers nothing (a thread started there, e.g.
   * mail joined by subject); null when every message there is a reply.
   */
  earliestStartAt: Date | null;
}

/**
 * A conversation belongs to the customer who started the thread: the author of its root, the
 * earliest message with no stored parent. A root that arrives after its replies takes the
 * conversation over, unless the conversation holds an older start of its own.
 */
export function decideOwner(input: OwnerInput): string {
  if (input.answersStored || !input.answeredByStored) return input.currentOwnerId;
  if (input.earliestStartAt && input.earliestStartAt.getTime() < input.occurredAt.getTime()) return input.currentOwnerId;
  return input.senderId;
}
