import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An email answer is matched to what it answers by Message-ID on any connector (Message-IDs are
 * unique worldwide): the per-connector unique index cannot serve that lookup.
 */
export class EmailReferences1765400000000 implements MigrationInterface {
  name = 'EmailReferences1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX messages_external_id ON messages (external_id) WHERE external_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX messages_external_id`);
  }
}
