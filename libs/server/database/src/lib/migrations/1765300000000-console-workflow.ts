import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The agent console: snoozing, per-agent read state, search and the "waiting" sort.
 *
 * `wait_rank` and `wait_key` are the "waiting" sort key, stored so one index serves it:
 * conversations awaiting our reply (the customer's last message is at least as new as anything
 * sent to them: `last_inbound_at >= last_message_at`, as agent replies move `last_message_at` and
 * notes and system lines do not) come first (rank 0), longest-waiting first by `last_inbound_at`;
 * the rest (rank 1) follow, quiet longest first by `last_message_at`.
 */
export class ConsoleWorkflow1765300000000 implements MigrationInterface {
  name = 'ConsoleWorkflow1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE conversations ADD COLUMN snoozed_until timestamptz`);
    // The wake-up sweep looks only at snoozed conversations, soonest first.
    await q.query(`CREATE INDEX conversations_snoozed ON conversations (snoozed_until) WHERE status = 'snoozed'`);
    await q.query(`
      ALTER TABLE conversations
        ADD COLUMN wait_rank smallint GENERATED ALWAYS AS (CASE WHEN last_inbound_at >= last_message_at THEN 0 ELSE 1 END) STORED,
        ADD COLUMN wait_key timestamptz GENERATED ALWAYS AS (CASE WHEN last_inbound_at >= last_message_at THEN last_inbound_at ELSE last_message_at END) STORED`);
    await q.query(`CREATE INDEX conversations_waiting ON conversations (status, wait_rank, wait_key, id)`);
    await q.query(`CREATE INDEX conversations_assignee_waiting ON conversations (assignee_id, status, wait_rank, wait_key, id)`);
    await q.query(`CREATE INDEX conversations_queue_waiting ON conversations (queue_id, status, wait_rank, wait_key, id)`);
    // The "recent" sort for mine, unassigned and queue views, with the id tie-break its cursor uses.
    await q.query(`CREATE INDEX conversations_assignee_recent ON conversations (assignee_id, status, last_message_at DESC, id DESC)`);
    await q.query(`CREATE INDEX conversations_queue_recent ON conversations (queue_id, status, last_message_at DESC, id DESC)`);
    await q.query(`DROP INDEX conversations_queue`);
    await q.query(`DROP INDEX conversations_assignee`);

    await q.query(`
      CREATE TABLE conversation_reads (
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        conversation_id uuid NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        read_at timestamptz NOT NULL,
        PRIMARY KEY (user_id, conversation_id)
      )`);

    // Substring search (ILIKE '%term%') by customer name, identity value and message text.
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`CREATE INDEX customers_name_trgm ON customers USING gin (name gin_trgm_ops)`);
    await q.query(`CREATE INDEX customer_identities_value_trgm ON customer_identities USING gin (value gin_trgm_ops)`);
    await q.query(`CREATE INDEX messages_text_trgm ON messages USING gin (text gin_trgm_ops)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX messages_text_trgm`);
    await q.query(`DROP INDEX customer_identities_value_trgm`);
    await q.query(`DROP INDEX customers_name_trgm`);
    await q.query(`DROP TABLE conversation_reads`);
    await q.query(`CREATE INDEX conversations_assignee ON conversations (assignee_id, status, last_message_at DESC)`);
    await q.query(`CREATE INDEX conversations_queue ON conversations (queue_id, status, last_message_at DESC)`);
    await q.query(`DROP INDEX conversations_queue_recent`);
    await q.query(`DROP INDEX conversations_assignee_recent`);
    await q.query(`DROP INDEX conversations_queue_waiting`);
    await q.query(`DROP INDEX conversations_assignee_waiting`);
    await q.query(`DROP INDEX conversations_waiting`);
    await q.query(`ALTER TABLE conversations DROP COLUMN wait_key, DROP COLUMN wait_rank`);
    await q.query(`DROP INDEX conversations_snoozed`);
    await q.query(`ALTER TABLE conversations DROP COLUMN snoozed_until`);
  }
}
