import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reports: the conversations created in a date range, and `conversation_metrics`, what each
 * conversation's history comes to (computed by the pure functions of libs/domain, refreshed from
 * the events recorded since the last refresh), so a report aggregates numbers in SQL instead of
 * replaying every history.
 */
export class ReportMetrics1766610000000 implements MigrationInterface {
  name = 'ReportMetrics1766610000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX conversations_created ON conversations (created_at)`);
    await q.query(`CREATE INDEX conversation_events_recorded ON conversation_events (recorded_at)`);
    await q.query(`
      CREATE TABLE conversation_metrics (
        conversation_id uuid PRIMARY KEY REFERENCES conversations(id) ON DELETE CASCADE,
        first_response_seconds double precision,
        resolution_seconds double precision,
        next_response_seconds double precision[] NOT NULL DEFAULT '{}',
        resolved boolean NOT NULL,
        reopened boolean NOT NULL,
        contact_messages integer,
        contact_channels integer,
        computed_at timestamptz NOT NULL DEFAULT now()
      )`);
    // One row: how far the metrics are refreshed, and under which SLA clocks they were measured.
    await q.query(`
      CREATE TABLE conversation_metrics_state (
        id integer PRIMARY KEY CHECK (id = 1),
        refreshed_through timestamptz,
        clocks text NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE conversation_metrics_state`);
    await q.query(`DROP TABLE conversation_metrics`);
    await q.query(`DROP INDEX conversation_events_recorded`);
    await q.query(`DROP INDEX conversations_created`);
  }
}
