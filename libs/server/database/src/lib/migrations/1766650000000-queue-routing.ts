import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Routing per queue: how new and reopened unassigned conversations are handed out (`manual` keeps
 * today's behaviour), whether a returning customer goes back to the agent who last answered them,
 * the queue's limit of open conversations per member (users.capacity overrides it), and the
 * round robin's cursor: the member it gave the last conversation to. `hand_back_offline`: an agent
 * who goes offline gives their open conversations in the queue back to routing.
 */
export class QueueRouting1766650000000 implements MigrationInterface {
  name = 'QueueRouting1766650000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE queues
        ADD COLUMN routing text NOT NULL DEFAULT 'manual' CHECK (routing IN ('manual', 'round_robin', 'balanced')),
        ADD COLUMN sticky boolean NOT NULL DEFAULT false,
        ADD COLUMN capacity_per_agent integer CHECK (capacity_per_agent >= 1),
        ADD COLUMN last_assigned_user_id uuid REFERENCES users(id) ON DELETE SET NULL,
        ADD COLUMN hand_back_offline boolean NOT NULL DEFAULT false`);
    // Routing counts each member's open conversations.
    await q.query(`CREATE INDEX conversations_open_by_assignee ON conversations (assignee_id) WHERE status = 'open'`);
    // ...and finds the customer's last answerer.
    await q.query(
      `CREATE INDEX messages_answers_by_customer ON messages (customer_id, occurred_at DESC) WHERE direction = 'outbound' AND author_user_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX messages_answers_by_customer`);
    await q.query(`DROP INDEX conversations_open_by_assignee`);
    await q.query(
      `ALTER TABLE queues DROP COLUMN hand_back_offline, DROP COLUMN last_assigned_user_id, DROP COLUMN capacity_per_agent, DROP COLUMN sticky, DROP COLUMN routing`,
    );
  }
}
