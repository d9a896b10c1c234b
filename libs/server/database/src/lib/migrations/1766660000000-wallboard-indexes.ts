import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The wallboard reads the last hour and today once a second: new conversations by creation time
 * (indexed already by ReportMetrics1766610000000), first answers by when they happened, inbound
 * messages by arrival. Each gets a narrow index so that read stays small however long the history grows.
 */
export class WallboardIndexes1766660000000 implements MigrationInterface {
  name = 'WallboardIndexes1766660000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX conversations_first_response ON conversations (first_response_at) WHERE first_response_at IS NOT NULL`);
    await q.query(`CREATE INDEX messages_inbound_created ON messages (created_at) WHERE direction = 'inbound'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX messages_inbound_created`);
    await q.query(`DROP INDEX conversations_first_response`);
  }
}
