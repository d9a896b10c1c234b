import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A rotated connector secret: the old values stay sealed beside the new ones until the grace period
 * the admin chose ends, so senders still signing with the old secret are accepted until then.
 */
export class ConnectorSecretRotation1766620000000 implements MigrationInterface {
  name = 'ConnectorSecretRotation1766620000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE connectors ADD COLUMN previous_secrets_sealed text`);
    await q.query(`ALTER TABLE connectors ADD COLUMN previous_secrets_expire_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE connectors DROP COLUMN previous_secrets_expire_at`);
    await q.query(`ALTER TABLE connectors DROP COLUMN previous_secrets_sealed`);
  }
}
