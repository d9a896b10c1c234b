import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Live chat: widget connectors are found by their public key on every visitor connect, and
 * "possible matches" record that a customer may be the same person as another (an unverified
 * email typed into the chat form that belongs to someone else, or a message whose identities
 * belong to two customers) until an agent merges them or dismisses the suggestion.
 */
export class ChatChannel1765200000000 implements MigrationInterface {
  name = 'ChatChannel1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE UNIQUE INDEX connectors_widget_key ON connectors ((config->>'connectorKey')) WHERE provider = 'widget' AND deleted_at IS NULL`);
    await q.query(`
      CREATE TABLE customer_possible_matches (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        customer_id uuid NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        candidate_customer_id uuid NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        reason text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        dismissed_at timestamptz,
        CHECK (customer_id <> candidate_customer_id)
      )`);
    await q.query(`CREATE UNIQUE INDEX customer_possible_matches_pair ON customer_possible_matches (customer_id, candidate_customer_id)`);
    await q.query(`CREATE INDEX customer_possible_matches_candidate ON customer_possible_matches (candidate_customer_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE customer_possible_matches`);
    await q.query(`DROP INDEX connectors_widget_key`);
  }
}
