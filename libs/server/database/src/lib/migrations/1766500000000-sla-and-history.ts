import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `conversation_events`: the append-only history reports read (a reopen adds a row, it never
 * erases the resolution before it), backfilled from what the conversations and their messages
 * already say. Business hours, SLA policies, and each conversation's SLA clock.
 */
export class SlaAndHistory1766500000000 implements MigrationInterface {
  name = 'SlaAndHistory1766500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE conversation_events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        conversation_id uuid NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('created', 'inbound', 'reply', 'first_response', 'status', 'assignee', 'queue', 'priority')),
        actor_type text NOT NULL CHECK (actor_type IN ('user', 'customer', 'system')),
        actor_user_id uuid REFERENCES users(id) ON DELETE SET NULL,
        from_value text,
        to_value text,
        details jsonb NOT NULL DEFAULT '{}',
        occurred_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX conversation_events_conversation ON conversation_events (conversation_id, occurred_at, id)`);
    await q.query(`CREATE INDEX conversation_events_kind ON conversation_events (kind, occurred_at)`);
    await q.query(`
      CREATE FUNCTION conversation_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'conversation_events is append-only'; END $$`);
    await q.query(
      `CREATE TRIGGER conversation_events_append_only BEFORE UPDATE ON conversation_events FOR EACH ROW EXECUTE FUNCTION conversation_events_append_only()`,
    );

    await q.query(`
      CREATE TABLE business_hours (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        timezone text NOT NULL,
        weekly jsonb NOT NULL,
        holidays jsonb NOT NULL DEFAULT '[]',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE sla_policies (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        position integer NOT NULL,
        match_queue_id uuid REFERENCES queues(id) ON DELETE CASCADE,
        match_priority text,
        match_channel text,
        first_response_minutes double precision NOT NULL CHECK (first_response_minutes > 0),
        next_response_minutes double precision CHECK (next_response_minutes > 0),
        resolution_minutes double precision CHECK (resolution_minutes > 0),
        business_hours_id uuid REFERENCES business_hours(id) ON DELETE RESTRICT,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      ALTER TABLE conversations
        ADD COLUMN sla_policy_id uuid REFERENCES sla_policies(id) ON DELETE SET NULL,
        ADD COLUMN sla_policy_name text,
        ADD COLUMN sla_waiting_since timestamptz,
        ADD COLUMN sla_first_response_met_at timestamptz,
        ADD COLUMN first_response_due_at timestamptz,
        ADD COLUMN next_response_due_at timestamptz,
        ADD COLUMN resolution_due_at timestamptz,
        ADD COLUMN sla_status text NOT NULL DEFAULT 'ok' CHECK (sla_status IN ('ok', 'at_risk', 'breached')),
        ADD COLUMN sla_breaches jsonb NOT NULL DEFAULT '[]',
        ADD COLUMN sla_check_at timestamptz`);
    await q.query(`CREATE INDEX conversations_sla_check ON conversations (sla_check_at) WHERE sla_check_at IS NOT NULL`);
    await q.query(`CREATE INDEX conversations_sla_status ON conversations (sla_status) WHERE sla_status <> 'ok'`);

    await this.backfill(q);
  }

  /** The history as far as it can be told: creation, every message, the system lines, and the times kept on the conversation. */
  private async backfill(q: QueryRunner): Promise<void> {
    await q.query(`
      INSERT INTO conversation_events (conversation_id, kind, actor_type, to_value, occurred_at, details)
      SELECT c.id, 'created', 'customer', 'open', c.created_at, '{"backfilled": true}' FROM conversations c`);
    await q.query(`
      INSERT INTO conversation_events (conversation_id, kind, actor_type, actor_user_id, occurred_at, details)
      SELECT m.conversation_id,
             CASE m.direction WHEN 'inbound' THEN 'inbound' ELSE 'reply' END,
             CASE WHEN m.direction = 'inbound' THEN 'customer' WHEN m.author_user_id IS NOT NULL THEN 'user' ELSE 'system' END,
             m.author_user_id, m.occurred_at, jsonb_build_object('messageId', m.id, 'channel', m.channel, 'backfilled', true)
        FROM messages m
       WHERE m.conversation_id IS NOT NULL AND m.direction IN ('inbound', 'outbound')`);
    await q.query(`
      INSERT INTO conversation_events (conversation_id, kind, actor_type, actor_user_id, occurred_at, details)
      SELECT c.id, 'first_response', CASE WHEN first.author_user_id IS NULL THEN 'system' ELSE 'user' END, first.author_user_id, c.first_response_at,
             '{"backfilled": true}'
        FROM conversations c
        LEFT JOIN LATERAL (
          SELECT m.author_user_id FROM messages m
           WHERE m.conversation_id = c.id AND m.direction = 'outbound' ORDER BY m.occurred_at LIMIT 1) first ON true
       WHERE c.first_response_at IS NOT NULL`);
    // System lines: metadata.event says what changed (conversations service, snooze waker, timeline writer).
    await q.query(`
      INSERT INTO conversation_events (conversation_id, kind, actor_type, actor_user_id, from_value, to_value, occurred_at, details)
      SELECT m.conversation_id, e.kind,
             CASE WHEN m.author_user_id IS NOT NULL THEN 'user' WHEN e.kind = 'status' AND m.metadata->>'event' = 'reopened' THEN 'customer' ELSE 'system' END,
             m.author_user_id, e.from_value, e.to_value, m.occurred_at,
             jsonb_build_object('reason', m.metadata->>'event', 'backfilled', true)
        FROM messages m
        CROSS JOIN LATERAL (
          SELECT CASE m.metadata->>'event'
                   WHEN 'assigned' THEN 'assignee' WHEN 'queue' THEN 'queue' WHEN 'priority' THEN 'priority' ELSE 'status' END AS kind,
                 CASE m.metadata->>'event'
                   WHEN 'reopened' THEN m.metadata->>'previousStatus' WHEN 'snooze-ended' THEN 'snoozed' ELSE m.metadata->>'from' END AS from_value,
                 CASE m.metadata->>'event'
                   WHEN 'reopened' THEN 'open' WHEN 'snooze-ended' THEN 'open' WHEN 'snoozed' THEN 'snoozed' ELSE m.metadata->>'to' END AS to_value
        ) e
       WHERE m.direction = 'system' AND m.conversation_id IS NOT NULL
         AND m.metadata->>'event' IN ('status', 'snoozed', 'snooze-ended', 'reopened', 'assigned', 'queue', 'priority')`);
    // A resolution no system line tells of (e.g. set by a seed): the time kept on the conversation.
    await q.query(`
      INSERT INTO conversation_events (conversation_id, kind, actor_type, to_value, occurred_at, details)
      SELECT c.id, 'status', 'system', 'resolved', c.resolved_at, '{"backfilled": true}'
        FROM conversations c
       WHERE c.resolved_at IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM conversation_events e WHERE e.conversation_id = c.id AND e.kind = 'status' AND e.to_value = 'resolved')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX conversations_sla_status`);
    await q.query(`DROP INDEX conversations_sla_check`);
    await q.query(`
      ALTER TABLE conversations
        DROP COLUMN sla_policy_id, DROP COLUMN sla_policy_name, DROP COLUMN sla_waiting_since, DROP COLUMN sla_first_response_met_at,
        DROP COLUMN first_response_due_at, DROP COLUMN next_response_due_at, DROP COLUMN resolution_due_at,
        DROP COLUMN sla_status, DROP COLUMN sla_breaches, DROP COLUMN sla_check_at`);
    await q.query(`DROP TABLE sla_policies`);
    await q.query(`DROP TABLE business_hours`);
    await q.query(`DROP TABLE conversation_events`);
    await q.query(`DROP FUNCTION conversation_events_append_only()`);
  }
}
