import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Reports pick the conversations created in a date range. */
export class ReportIndexes1766610000000 implements MigrationInterface {
  name = 'ReportIndexes1766610000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX conversations_created ON conversations (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX conversations_created`);
  }
}
