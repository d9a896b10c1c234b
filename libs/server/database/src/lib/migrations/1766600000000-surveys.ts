import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Customer surveys after a resolution: `surveys` (one per conversation, enforced here so
 * concurrent resolutions or duplicate jobs cannot send two) and the workspace's `survey_settings`.
 */
export class Surveys1766600000000 implements MigrationInterface {
  name = 'Surveys1766600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE surveys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        conversation_id uuid NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        customer_id uuid NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        assignee_id uuid REFERENCES users(id) ON DELETE SET NULL,
        queue_id uuid REFERENCES queues(id) ON DELETE SET NULL,
        channel text NOT NULL,
        connector_id uuid REFERENCES connectors(id) ON DELETE SET NULL,
        delivery text NOT NULL CHECK (delivery IN ('link', 'inline')),
        kinds text[] NOT NULL CHECK (cardinality(kinds) > 0 AND kinds <@ ARRAY['csat', 'ces', 'nps']),
        token_hash text NOT NULL UNIQUE,
        message_id uuid REFERENCES messages(id) ON DELETE SET NULL,
        resolved_at timestamptz NOT NULL,
        sent_at timestamptz NOT NULL,
        answered_at timestamptz,
        csat smallint CHECK (csat BETWEEN 1 AND 5),
        ces smallint CHECK (ces BETWEEN 1 AND 7),
        nps smallint CHECK (nps BETWEEN 0 AND 10),
        comment text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT surveys_one_per_conversation UNIQUE (conversation_id)
      )`);
    await q.query(`CREATE INDEX surveys_answered ON surveys (answered_at) WHERE answered_at IS NOT NULL`);
    await q.query(`CREATE INDEX surveys_customer_nps ON surveys (customer_id, sent_at) WHERE 'nps' = ANY(kinds)`);
    // The survey sweeper looks for recent resolutions without a survey.
    await q.query(`CREATE INDEX conversations_resolved_at ON conversations (resolved_at) WHERE status = 'resolved'`);
    await q.query(`
      CREATE TABLE survey_settings (
        id smallint PRIMARY KEY CHECK (id = 1),
        settings jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE survey_settings`);
    await q.query(`DROP INDEX conversations_resolved_at`);
    await q.query(`DROP TABLE surveys`);
  }
}
