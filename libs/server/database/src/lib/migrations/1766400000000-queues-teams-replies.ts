import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Queues are archived rather than deleted once they hold conversations, and the database says so:
 * the conversations' and connectors' references to a queue now RESTRICT its deletion (they used to
 * clear it silently). Members of a queue are users named directly plus the members of its teams.
 * Canned responses are shared (no owner) or personal; a shortcut is unique within its scope.
 */
export class QueuesTeamsReplies1766400000000 implements MigrationInterface {
  name = 'QueuesTeamsReplies1766400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE queues ADD COLUMN archived_at timestamptz`);
    for (const table of ['conversations', 'connectors']) {
      await q.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_queue_id_fkey`);
      await q.query(`ALTER TABLE ${table} ADD CONSTRAINT ${table}_queue_id_fkey FOREIGN KEY (queue_id) REFERENCES queues(id) ON DELETE RESTRICT`);
    }
    await q.query(`
      CREATE TABLE teams (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE team_members (
        team_id uuid NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        PRIMARY KEY (team_id, user_id)
      )`);
    await q.query(`
      CREATE TABLE queue_members (
        queue_id uuid NOT NULL REFERENCES queues(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        PRIMARY KEY (queue_id, user_id)
      )`);
    await q.query(`
      CREATE TABLE queue_teams (
        queue_id uuid NOT NULL REFERENCES queues(id) ON DELETE CASCADE,
        team_id uuid NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
        PRIMARY KEY (queue_id, team_id)
      )`);
    await q.query(`
      CREATE TABLE canned_responses (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        owner_user_id uuid REFERENCES users(id) ON DELETE CASCADE,
        title text NOT NULL,
        shortcut text NOT NULL,
        text text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX canned_responses_shared_shortcut ON canned_responses (shortcut) WHERE owner_user_id IS NULL`);
    await q.query(`CREATE UNIQUE INDEX canned_responses_personal_shortcut ON canned_responses (owner_user_id, shortcut) WHERE owner_user_id IS NOT NULL`);
    // The audit screen pages newest first, optionally by actor.
    await q.query(`CREATE INDEX audit_log_newest ON audit_log (created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX audit_log_actor ON audit_log (actor_user_id, created_at DESC, id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX audit_log_actor`);
    await q.query(`DROP INDEX audit_log_newest`);
    for (const table of ['canned_responses', 'queue_teams', 'queue_members', 'team_members', 'teams']) await q.query(`DROP TABLE ${table}`);
    for (const table of ['conversations', 'connectors']) {
      await q.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_queue_id_fkey`);
      await q.query(`ALTER TABLE ${table} ADD CONSTRAINT ${table}_queue_id_fkey FOREIGN KEY (queue_id) REFERENCES queues(id) ON DELETE SET NULL`);
    }
    await q.query(`ALTER TABLE queues DROP COLUMN archived_at`);
  }
}
