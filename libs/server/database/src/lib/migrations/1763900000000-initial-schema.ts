import type { MigrationInterface, QueryRunner } from 'typeorm';

const inList = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');
const ROLES = ['agent', 'supervisor', 'admin'];
const CHANNELS = ['generic', 'email', 'phone', 'social', 'chat'];
const IDENTITY_KINDS = ['email', 'phone', 'x', 'mastodon', 'facebook', 'instagram', 'chat', 'external'];

/** Enumerations are CHECK constraints on text, so later issues extend them without type migrations. */
export class InitialSchema1763900000000 implements MigrationInterface {
  name = 'InitialSchema1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL UNIQUE,
        name text NOT NULL,
        password_hash text NOT NULL,
        role text NOT NULL CHECK (role IN (${inList(ROLES)})),
        disabled boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE queues (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE connectors (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN (${inList(CHANNELS)})),
        provider text NOT NULL,
        queue_id uuid REFERENCES queues(id) ON DELETE SET NULL,
        config jsonb NOT NULL DEFAULT '{}',
        secrets_sealed text,
        secret_names text[] NOT NULL DEFAULT '{}',
        enabled boolean NOT NULL DEFAULT true,
        health text NOT NULL DEFAULT 'unknown' CHECK (health IN ('unknown', 'ok', 'failing')),
        last_event_at timestamptz,
        last_error text,
        last_error_at timestamptz,
        deleted_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE raw_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        connector_id uuid NOT NULL REFERENCES connectors(id),
        external_id text NOT NULL,
        content_type text NOT NULL,
        payload bytea NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'queued', 'processed', 'failed')),
        error text,
        attempts int NOT NULL DEFAULT 0,
        received_at timestamptz NOT NULL DEFAULT now(),
        queued_at timestamptz,
        processed_at timestamptz,
        UNIQUE (connector_id, external_id)
      )`);
    // The sweeper only ever looks at events that are not finished yet.
    await q.query(`CREATE INDEX raw_events_unfinished ON raw_events (received_at) WHERE status IN ('pending', 'queued')`);
    await q.query(`CREATE INDEX raw_events_connector_status ON raw_events (connector_id, status, received_at DESC)`);
    await q.query(`
      CREATE TABLE customers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text,
        merged_into uuid REFERENCES customers(id),
        attributes jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX customers_name ON customers (lower(name)) WHERE merged_into IS NULL`);
    await q.query(`
      CREATE TABLE customer_identities (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        customer_id uuid NOT NULL REFERENCES customers(id),
        kind text NOT NULL CHECK (kind IN (${inList(IDENTITY_KINDS)})),
        value text NOT NULL,
        verified boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (kind, value)
      )`);
    await q.query(`CREATE INDEX customer_identities_customer ON customer_identities (customer_id)`);
    await q.query(`
      CREATE TABLE conversations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        customer_id uuid NOT NULL REFERENCES customers(id),
        connector_id uuid REFERENCES connectors(id),
        channel text NOT NULL CHECK (channel IN (${inList(CHANNELS)})),
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'pending', 'snoozed', 'resolved')),
        priority text NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
        queue_id uuid REFERENCES queues(id) ON DELETE SET NULL,
        assignee_id uuid REFERENCES users(id) ON DELETE SET NULL,
        subject text,
        thread_key text,
        preview text,
        last_message_at timestamptz NOT NULL,
        last_inbound_at timestamptz,
        first_response_at timestamptz,
        resolved_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX conversations_thread ON conversations (connector_id, thread_key) WHERE thread_key IS NOT NULL`);
    await q.query(`CREATE INDEX conversations_customer ON conversations (customer_id, connector_id, status)`);
    await q.query(`CREATE INDEX conversations_inbox ON conversations (status, last_message_at DESC, id DESC)`);
    await q.query(`CREATE INDEX conversations_queue ON conversations (queue_id, status, last_message_at DESC)`);
    await q.query(`CREATE INDEX conversations_assignee ON conversations (assignee_id, status, last_message_at DESC)`);
    await q.query(`
      CREATE TABLE messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        conversation_id uuid NOT NULL REFERENCES conversations(id),
        customer_id uuid NOT NULL REFERENCES customers(id),
        connector_id uuid REFERENCES connectors(id),
        raw_event_id uuid REFERENCES raw_events(id),
        channel text NOT NULL CHECK (channel IN (${inList(CHANNELS)})),
        direction text NOT NULL CHECK (direction IN ('inbound', 'outbound', 'note', 'system')),
        author_name text,
        author_user_id uuid REFERENCES users(id) ON DELETE SET NULL,
        subject text,
        text text NOT NULL,
        html text,
        stripped_text text,
        external_id text,
        delivery_status text CHECK (delivery_status IN ('pending', 'sent', 'failed', 'stored')),
        delivery_error text,
        metadata jsonb NOT NULL DEFAULT '{}',
        occurred_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX messages_external ON messages (connector_id, external_id) WHERE external_id IS NOT NULL`);
    await q.query(`CREATE INDEX messages_timeline ON messages (customer_id, occurred_at DESC, id DESC)`);
    await q.query(`CREATE INDEX messages_conversation ON messages (conversation_id, occurred_at, id)`);
    await q.query(`
      CREATE TABLE attachments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        message_id uuid NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
        filename text NOT NULL,
        content_type text NOT NULL,
        size int NOT NULL,
        content_id text,
        inline boolean NOT NULL DEFAULT false,
        content bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX attachments_message ON attachments (message_id)`);
    await q.query(`
      CREATE TABLE audit_log (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        actor_user_id uuid REFERENCES users(id) ON DELETE SET NULL,
        action text NOT NULL,
        entity_type text NOT NULL,
        entity_id text,
        details jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX audit_log_entity ON audit_log (entity_type, entity_id, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'audit_log',
      'attachments',
      'messages',
      'conversations',
      'customer_identities',
      'customers',
      'raw_events',
      'connectors',
      'queues',
      'users',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
