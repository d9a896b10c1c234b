import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A reply to a provider without an idempotency key (X, Meta) is marked `sending`, with the time,
 * before the call; a retry that finds it so does not post again but marks it `unknown` for an
 * agent to check ("check before retry").
 */
export class DeliveryAttempts1766300000000 implements MigrationInterface {
  name = 'DeliveryAttempts1766300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE messages DROP CONSTRAINT messages_delivery_status_check`);
    await q.query(
      `ALTER TABLE messages ADD CONSTRAINT messages_delivery_status_check CHECK (delivery_status IN ('pending', 'sending', 'sent', 'failed', 'unknown', 'stored'))`,
    );
    await q.query(`ALTER TABLE messages ADD COLUMN delivery_attempted_at timestamptz`);
    // The sweeper and the admins' list of stuck replies look for replies still on their way.
    await q.query(`CREATE INDEX messages_delivery_open ON messages (created_at) WHERE delivery_status IN ('pending', 'sending', 'failed', 'unknown')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX messages_delivery_open`);
    await q.query(`ALTER TABLE messages DROP COLUMN delivery_attempted_at`);
    await q.query(`UPDATE messages SET delivery_status = 'failed' WHERE delivery_status IN ('sending', 'unknown')`);
    await q.query(`ALTER TABLE messages DROP CONSTRAINT messages_delivery_status_check`);
    await q.query(`ALTER TABLE messages ADD CONSTRAINT messages_delivery_status_check CHECK (delivery_status IN ('pending', 'sent', 'failed', 'stored'))`);
  }
}
