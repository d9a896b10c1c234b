import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Insights: the catalog and purchase history (cross-sell), association rules mined from it, the
 * admin-editable empathy phrase library, what the enrich job computed per conversation, the
 * suggestions shown with their outcome, and which prompts agents inserted.
 */
export class Insights1765000000000 implements MigrationInterface {
  name = 'Insights1765000000000';

  async up(q: QueryRunner): Promise<void> {
    // array_to_string is only STABLE because it serves any array type; for text[] it is immutable,
    // which a generated column needs. Name and tags weigh more than the description, as in matchCatalog.
    await q.query(`
      CREATE FUNCTION product_search_vector(name text, tags text[], description text) RETURNS tsvector
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT setweight(to_tsvector('english', name), 'A')
            || setweight(to_tsvector('english', array_to_string(tags, ' ')), 'A')
            || setweight(to_tsvector('english', description), 'B')
      $$`);
    await q.query(`
      CREATE TABLE products (
        sku text PRIMARY KEY,
        name text NOT NULL,
        description text NOT NULL DEFAULT '',
        tags text[] NOT NULL DEFAULT '{}',
        price numeric(12, 2) NOT NULL CHECK (price >= 0),
        upgrade_of text CHECK (upgrade_of <> sku),
        search tsvector GENERATED ALWAYS AS (product_search_vector(name, tags, description)) STORED,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX products_search ON products USING gin (search)`);
    await q.query(`CREATE INDEX products_upgrade_of ON products (upgrade_of) WHERE upgrade_of IS NOT NULL`);
    await q.query(`
      CREATE TABLE orders (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        external_id text NOT NULL UNIQUE,
        customer_id uuid NOT NULL REFERENCES customers(id),
        customer_email text NOT NULL,
        ordered_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX orders_customer ON orders (customer_id, ordered_at DESC)`);
    // No foreign key to products: an order may name a SKU the catalog does not list (yet).
    await q.query(`
      CREATE TABLE order_lines (
        order_id uuid NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
        sku text NOT NULL,
        quantity int NOT NULL CHECK (quantity > 0),
        PRIMARY KEY (order_id, sku)
      )`);
    await q.query(`CREATE INDEX order_lines_sku ON order_lines (sku)`);
    await q.query(`
      CREATE TABLE product_associations (
        antecedent text NOT NULL,
        consequent text NOT NULL,
        count int NOT NULL,
        support double precision NOT NULL,
        confidence double precision NOT NULL,
        lift double precision NOT NULL,
        computed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (antecedent, consequent)
      )`);
    await q.query(`
      CREATE TABLE empathy_phrases (
        id text PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('phrase', 'guidance')),
        text text NOT NULL,
        tone text NOT NULL,
        triggers jsonb NOT NULL,
        deescalates boolean NOT NULL,
        enabled boolean NOT NULL DEFAULT true,
        position int NOT NULL,
        deleted_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE conversation_insights (
        conversation_id uuid PRIMARY KEY REFERENCES conversations(id) ON DELETE CASCADE,
        message_id uuid REFERENCES messages(id) ON DELETE SET NULL,
        payload jsonb NOT NULL,
        computed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE suggestions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        conversation_id uuid NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        customer_id uuid NOT NULL REFERENCES customers(id),
        sku text NOT NULL,
        score double precision NOT NULL,
        reasons text[] NOT NULL DEFAULT '{}',
        status text NOT NULL DEFAULT 'shown' CHECK (status IN ('shown', 'accepted', 'dismissed')),
        dismiss_reason text,
        decided_by uuid REFERENCES users(id) ON DELETE SET NULL,
        decided_at timestamptz,
        converted_order_id uuid REFERENCES orders(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (conversation_id, sku)
      )`);
    await q.query(`CREATE INDEX suggestions_customer_sku ON suggestions (customer_id, sku, created_at)`);
    await q.query(`CREATE INDEX suggestions_created ON suggestions (created_at)`);
    await q.query(`
      CREATE TABLE prompt_uses (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        conversation_id uuid NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        prompt_id text NOT NULL,
        user_id uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX prompt_uses_created ON prompt_uses (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE prompt_uses`);
    await q.query(`DROP TABLE suggestions`);
    await q.query(`DROP TABLE conversation_insights`);
    await q.query(`DROP TABLE empathy_phrases`);
    await q.query(`DROP TABLE product_associations`);
    await q.query(`DROP TABLE order_lines`);
    await q.query(`DROP TABLE orders`);
    await q.query(`DROP TABLE products`);
    await q.query(`DROP FUNCTION product_search_vector(text, text[], text)`);
  }
}
