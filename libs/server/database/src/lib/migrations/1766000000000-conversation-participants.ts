import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who took part in a conversation: its owner (the customer who started the thread) and every
 * other customer who wrote into it (a colleague on CC, a third party on a list thread). A
 * customer's timeline is every conversation they took part in. Rows keep the customer who wrote;
 * a customer merge leaves them alone (readers follow `customers.merged_into`), so an unmerge has
 * nothing to restore here. Backfilled from owners and the senders recorded on messages.
 */
export class ConversationParticipants1766000000000 implements MigrationInterface {
  name = 'ConversationParticipants1766000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE conversation_participants (
        conversation_id uuid NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        customer_id uuid NOT NULL REFERENCES customers(id),
        role text NOT NULL CHECK (role IN ('owner', 'participant')),
        first_at timestamptz NOT NULL,
        PRIMARY KEY (conversation_id, customer_id)
      )`);
    await q.query(`CREATE INDEX conversation_participants_customer ON conversation_participants (customer_id, conversation_id)`);
    await q.query(`
      INSERT INTO conversation_participants (conversation_id, customer_id, role, first_at)
      SELECT id, customer_id, 'owner', created_at FROM conversations`);
    await q.query(`
      INSERT INTO conversation_participants (conversation_id, customer_id, role, first_at)
      SELECT m.conversation_id, (m.metadata ->> 'senderCustomerId')::uuid, 'participant', min(m.occurred_at)
        FROM messages m
        JOIN customers s ON s.id = (m.metadata ->> 'senderCustomerId')::uuid
       WHERE m.conversation_id IS NOT NULL AND m.metadata ? 'senderCustomerId'
       GROUP BY 1, 2
      ON CONFLICT (conversation_id, customer_id) DO NOTHING`);
    // The owner's first message, where they have one, is when they took part.
    await q.query(`
      UPDATE conversation_participants p SET first_at = first.at
        FROM (SELECT m.conversation_id, min(m.occurred_at) AS at FROM messages m
               WHERE m.conversation_id IS NOT NULL AND m.direction = 'inbound' AND NOT m.metadata ? 'senderCustomerId'
               GROUP BY 1) first
       WHERE p.conversation_id = first.conversation_id AND p.role = 'owner'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE conversation_participants`);
  }
}
