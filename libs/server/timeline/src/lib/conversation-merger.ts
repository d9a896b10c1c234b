import type { EntityManager } from 'typeorm';
import { formatConversationRef } from '@throughline/domain';
import { ConversationEntity, MessageEntity } from '@throughline/server/database';
import { moveConversationTags } from './tags.repository';

/**
 * Rewrites a conversation's messages for its owner: `customer_id` is the conversation's owner (the
 * timeline's index), `metadata.senderCustomerId` names a sender who is someone else. Customer-side
 * entries (those that came in as raw events) keep their sender through any move.
 */
export async function rehomeMessages(manager: EntityManager, fromConversationIds: string[], intoConversationId: string, ownerId: string): Promise<void> {
  await manager.query(
    `UPDATE messages m SET conversation_id = $1, customer_id = $2,
            metadata = CASE
              WHEN m.raw_event_id IS NULL THEN m.metadata
              WHEN COALESCE(m.metadata ->> 'senderCustomerId', m.customer_id::text) = $4 THEN m.metadata - 'senderCustomerId'
              ELSE m.metadata || jsonb_build_object('senderCustomerId', COALESCE(m.metadata ->> 'senderCustomerId', m.customer_id::text))
            END
      WHERE m.conversation_id = ANY($3::uuid[])`,
    // The owner twice: as the uuid column's value and as the text compared with metadata.
    [intoConversationId, ownerId, fromConversationIds, ownerId],
  );
}

/**
 * Folds `absorbed` into `survivor` inside the caller's transaction (both rows locked by the
 * caller): messages, participants, read states, suggestions, prompt uses and tags move; insights are
 * recomputed by the enrich job; a quiet system line records it; the absorbed rows are deleted.
 */
export async function absorbConversations(
  manager: EntityManager,
  survivor: ConversationEntity,
  absorbed: ConversationEntity[],
  at: Date,
): Promise<MessageEntity[]> {
  if (!absorbed.length) return [];
  const ids = absorbed.map((c) => c.id);
  await rehomeMessages(manager, ids, survivor.id, survivor.customerId);
  await manager.query(
    `INSERT INTO conversation_participants (conversation_id, customer_id, role, first_at)
     SELECT $1, customer_id, 'participant', min(first_at) FROM conversation_participants WHERE conversation_id = ANY($2::uuid[]) GROUP BY customer_id
     ON CONFLICT (conversation_id, customer_id) DO UPDATE SET first_at = LEAST(conversation_participants.first_at, EXCLUDED.first_at)`,
    [survivor.id, ids],
  );
  // An agent who read either part keeps the earlier read: what they did not see stays unread.
  await manager.query(
    `INSERT INTO conversation_reads (user_id, conversation_id, read_at)
     SELECT user_id, $1, min(read_at) FROM conversation_reads WHERE conversation_id = ANY($2::uuid[]) GROUP BY user_id
     ON CONFLICT (user_id, conversation_id) DO UPDATE SET read_at = LEAST(conversation_reads.read_at, EXCLUDED.read_at)`,
    [survivor.id, ids],
  );
  await manager.query(
    `UPDATE suggestions SET conversation_id = $1 WHERE id IN (
       SELECT DISTINCT ON (sku) id FROM suggestions
        WHERE conversation_id = ANY($2::uuid[]) AND sku NOT IN (SELECT sku FROM suggestions WHERE conversation_id = $1)
        ORDER BY sku, created_at)`,
    [survivor.id, ids],
  );
  await manager.query('UPDATE prompt_uses SET conversation_id = $1 WHERE conversation_id = ANY($2::uuid[])', [survivor.id, ids]);
  await moveConversationTags(manager, ids, survivor.id);
  await manager.query('DELETE FROM conversations WHERE id = ANY($1::uuid[])', [ids]);

  for (const other of absorbed) {
    if (other.lastMessageAt > survivor.lastMessageAt) {
      survivor.lastMessageAt = other.lastMessageAt;
      survivor.preview = other.preview;
    }
    if (other.lastInboundAt && (!survivor.lastInboundAt || other.lastInboundAt > survivor.lastInboundAt)) survivor.lastInboundAt = other.lastInboundAt;
    if (other.firstResponseAt && (!survivor.firstResponseAt || other.firstResponseAt < survivor.firstResponseAt))
      survivor.firstResponseAt = other.firstResponseAt;
    survivor.assigneeId ??= other.assigneeId;
    survivor.subject ??= other.subject;
    survivor.subjectKey ??= other.subjectKey;
  }
  const messages = manager.getRepository(MessageEntity);
  return messages.save(
    absorbed.map((other) =>
      messages.create({
        conversationId: survivor.id,
        customerId: survivor.customerId,
        connectorId: survivor.connectorId,
        channel: survivor.channel,
        direction: 'system',
        text: `Joined with #${formatConversationRef(other.number)}: its messages belong to this thread`,
        metadata: { event: 'conversation-merged', absorbedConversationId: other.id },
        occurredAt: at,
      }),
    ),
  );
}

/** Records the sender as having taken part; the owner's row says so. */
export async function recordParticipant(manager: EntityManager, conversation: ConversationEntity, customerId: string, at: Date): Promise<void> {
  await manager.query(
    `INSERT INTO conversation_participants (conversation_id, customer_id, role, first_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (conversation_id, customer_id) DO UPDATE SET role = EXCLUDED.role, first_at = LEAST(conversation_participants.first_at, EXCLUDED.first_at)`,
    [conversation.id, customerId, conversation.customerId === customerId ? 'owner' : 'participant', at],
  );
}

/** The thread's root arrived: its author owns the conversation, the previous owner stays as a participant. */
export async function changeOwner(manager: EntityManager, conversation: ConversationEntity, ownerId: string): Promise<void> {
  conversation.customerId = ownerId;
  await manager.query('UPDATE conversations SET customer_id = $2 WHERE id = $1', [conversation.id, ownerId]);
  await rehomeMessages(manager, [conversation.id], conversation.id, ownerId);
  await manager.query(`UPDATE conversation_participants SET role = 'participant' WHERE conversation_id = $1 AND role = 'owner' AND customer_id <> $2`, [
    conversation.id,
    ownerId,
  ]);
}
