import type { MigrationInterface, QueryRunner } from 'typeorm';

const KINDS_BEFORE = `'created', 'inbound', 'reply', 'first_response', 'status', 'assignee', 'queue', 'priority'`;

/**
 * Tags admins define and agents put on conversations. Deleting a tag takes it off every
 * conversation; conversation history keeps the tag's id in its `tag` events.
 */
export class Tags1766670000000 implements MigrationInterface {
  name = 'Tags1766670000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE tags (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        color text NOT NULL CHECK (color ~ '^#[0-9a-f]{6}$'),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX tags_name_ci ON tags (lower(name))`);
    await q.query(`
      CREATE TABLE conversation_tags (
        conversation_id uuid NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        tag_id uuid NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
        added_by uuid REFERENCES users(id) ON DELETE SET NULL,
        added_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (conversation_id, tag_id)
      )`);
    // The inbox filter goes from a tag to its conversations.
    await q.query(`CREATE INDEX conversation_tags_tag ON conversation_tags (tag_id)`);
    await q.query(`ALTER TABLE conversation_events DROP CONSTRAINT conversation_events_kind_check`);
    await q.query(`ALTER TABLE conversation_events ADD CONSTRAINT conversation_events_kind_check CHECK (kind IN (${KINDS_BEFORE}, 'tag'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    // History is append-only: its `tag` rows stay, so the old check is not applied to them.
    await q.query(`ALTER TABLE conversation_events DROP CONSTRAINT conversation_events_kind_check`);
    await q.query(`ALTER TABLE conversation_events ADD CONSTRAINT conversation_events_kind_check CHECK (kind IN (${KINDS_BEFORE})) NOT VALID`);
    await q.query(`DROP TABLE conversation_tags`);
    await q.query(`DROP TABLE tags`);
  }
}
