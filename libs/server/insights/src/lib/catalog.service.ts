import { BadRequestException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { type ImportResultView, normalizeIdentity, type OrderView, type ProductView } from '@throughline/domain';
import {
  consistentOrders,
  conversionWithin,
  type OrderLine,
  parseOrdersCsv,
  parseProductsCsv,
  type Validated,
  validateOrderLines,
  validateProducts,
} from '@throughline/insights';
import { JobProducer } from '@throughline/server/queue';

/** Largest CSV body the import endpoints read (JSON bodies have the API's 1 MB limit). */
export const CATALOG_IMPORT_MAX_BYTES = 10 * 1024 * 1024;

/** Association rules are mined again every night at 03:00 (server time) once there are orders. */
const NIGHTLY_ASSOCIATIONS = '0 3 * * *';

/** A suggestion converts when the customer orders that product within this many days of seeing it. */
export const CONVERSION_DAYS = 30;

const PRODUCT_COLUMNS = `sku, name, description, tags, price::float8 AS price, upgrade_of AS "upgradeOf"`;

/** An import body: CSV text (Content-Type text/csv) or a JSON array of rows. */
function rowsOrCsv(body: unknown): { csv: string } | { records: unknown[] } {
  if (typeof body === 'string') return { csv: body };
  if (Array.isArray(body)) return { records: body };
  throw new BadRequestException('send CSV with a header row (Content-Type: text/csv) or a JSON array of rows');
}

const unique = <T>(values: T[]) => [...new Set(values)];

/** Products and orders: CSV/JSON import with line-level errors, catalog search, purchase history. */
@Injectable()
export class CatalogService {
  private readonly logger = new Logger(CatalogService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jobs: JobProducer,
  ) {}

  /** Upserts by SKU: a row identical to the stored product is skipped, so a re-import adds nothing. */
  async importProducts(body: unknown): Promise<ImportResultView> {
    const input = rowsOrCsv(body);
    const { rows, errors } = 'csv' in input ? parseProductsCsv(input.csv) : validateProducts(input.records);
    if (!rows.length) return { imported: 0, skipped: 0, errors };
    const changed = (await this.db.query(
      `INSERT INTO products (sku, name, description, tags, price, upgrade_of)
       SELECT r.sku, r.name, r.description, ARRAY(SELECT jsonb_array_elements_text(r.tags)), r.price, r."upgradeOf"
       FROM jsonb_to_recordset($1::jsonb) AS r(sku text, name text, description text, tags jsonb, price numeric, "upgradeOf" text)
       ON CONFLICT (sku) DO UPDATE SET name = EXCLUDED.name, description = EXCLUDED.description, tags = EXCLUDED.tags,
         price = EXCLUDED.price, upgrade_of = EXCLUDED.upgrade_of, updated_at = now()
       WHERE (products.name, products.description, products.tags, products.price, products.upgrade_of)
         IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.description, EXCLUDED.tags, EXCLUDED.price, EXCLUDED.upgrade_of)
       RETURNING sku`,
      [JSON.stringify(rows)],
    )) as unknown[];
    return { imported: changed.length, skipped: rows.length - changed.length, errors };
  }

  /**
   * Adds orders and their lines; a line already stored is skipped. Customers are found by email (and
   * created when unknown, so the history is there when they first write). New lines may convert
   * earlier suggestions and trigger a new mining of association rules.
   */
  async importOrders(body: unknown): Promise<ImportResultView> {
    const input = rowsOrCsv(body);
    const parse = (check?: (line: OrderLine) => string | undefined): Validated<OrderLine> =>
      'csv' in input ? parseOrdersCsv(input.csv, check) : validateOrderLines(input.records, check);
    const known = (await this.db.query(`SELECT external_id, customer_email, ordered_at FROM orders WHERE external_id = ANY($1)`, [
      unique(parse().rows.map((line) => line.orderId)),
    ])) as Array<{ external_id: string; customer_email: string; ordered_at: Date }>;
    const { rows, errors } = parse(
      consistentOrders(new Map(known.map((order) => [order.external_id, { customerEmail: order.customer_email, orderedAt: order.ordered_at }]))),
    );
    if (!rows.length) return { imported: 0, skipped: 0, errors };

    const added = await this.db.transaction(async (manager) => {
      const customerOf = await this.customersByEmail(manager, unique(rows.map((line) => line.customerEmail)));
      const orders = unique(rows.map((line) => line.orderId)).map((orderId) => {
        const line = rows.find((row) => row.orderId === orderId) as OrderLine;
        return { externalId: orderId, customerId: customerOf.get(line.customerEmail), customerEmail: line.customerEmail, orderedAt: line.orderedAt };
      });
      await manager.query(
        `INSERT INTO orders (external_id, customer_id, customer_email, ordered_at)
         SELECT r."externalId", r."customerId", r."customerEmail", r."orderedAt"
         FROM jsonb_to_recordset($1::jsonb) AS r("externalId" text, "customerId" uuid, "customerEmail" text, "orderedAt" timestamptz)
         ON CONFLICT (external_id) DO NOTHING`,
        [JSON.stringify(orders)],
      );
      return (await manager.query(
        `INSERT INTO order_lines (order_id, sku, quantity)
         SELECT o.id, r.sku, r.quantity
         FROM jsonb_to_recordset($1::jsonb) AS r("orderId" text, sku text, quantity int)
         JOIN orders o ON o.external_id = r."orderId"
         ON CONFLICT (order_id, sku) DO NOTHING
         RETURNING (SELECT customer_id FROM orders WHERE id = order_id) AS customer_id, sku`,
        [JSON.stringify(rows)],
      )) as Array<{ customer_id: string; sku: string }>;
    });
    if (added.length) {
      await this.markConversions(unique(added.map((line) => line.customer_id)), unique(added.map((line) => line.sku)));
      await this.jobs.tryEnqueueAssociations();
      // Idempotent: the first import that adds purchases starts the nightly mining; later ones keep it.
      await this.jobs
        .scheduleAssociations(NIGHTLY_ASSOCIATIONS)
        .catch((err: Error) => this.logger.warn(`nightly association mining not scheduled: ${err.message}`));
    }
    return { imported: added.length, skipped: rows.length - added.length, errors };
  }

  /** Ranked PostgreSQL full-text match over name and tags (weight A) and description (B); all products without `q`. */
  async listProducts(q: string | undefined, limit = 100): Promise<ProductView[]> {
    const term = q?.trim();
    if (!term) return this.db.query(`SELECT ${PRODUCT_COLUMNS} FROM products ORDER BY name, sku LIMIT $1`, [limit]);
    return this.db.query(
      `SELECT ${PRODUCT_COLUMNS} FROM products, websearch_to_tsquery('english', $1) AS query
       WHERE search @@ query ORDER BY ts_rank_cd(search, query) DESC, sku LIMIT $2`,
      [term, limit],
    );
  }

  /** Newest first, with product names, including orders of customers merged into this one. */
  async ordersOf(customerId: string): Promise<OrderView[]> {
    const [customer] = (await this.db.query(`SELECT id FROM customers WHERE id = $1`, [customerId])) as unknown[];
    if (!customer) throw new NotFoundException(`customer ${customerId} not found`);
    const rows = (await this.db.query(
      `SELECT o.id, o.external_id, o.ordered_at,
         jsonb_agg(jsonb_build_object('sku', l.sku, 'name', p.name, 'quantity', l.quantity) ORDER BY l.sku) AS lines
       FROM orders o JOIN order_lines l ON l.order_id = o.id LEFT JOIN products p ON p.sku = l.sku
       WHERE o.customer_id = $1 OR o.customer_id IN (SELECT id FROM customers WHERE merged_into = $1)
       GROUP BY o.id ORDER BY o.ordered_at DESC LIMIT 200`,
      [customerId],
    )) as Array<{ id: string; external_id: string; ordered_at: Date; lines: OrderView['lines'] }>;
    return rows.map((row) => ({ id: row.id, externalId: row.external_id, orderedAt: row.ordered_at.toISOString(), lines: row.lines }));
  }

  /** Marks each not yet converted suggestion of these customers and SKUs that an order followed within 30 days. */
  private async markConversions(customerIds: string[], skus: string[]): Promise<void> {
    const suggestions = (await this.db.query(
      `SELECT id, customer_id, sku, created_at FROM suggestions WHERE converted_order_id IS NULL AND customer_id = ANY($1) AND sku = ANY($2)`,
      [customerIds, skus],
    )) as Array<{ id: string; customer_id: string; sku: string; created_at: Date }>;
    if (!suggestions.length) return;
    const orders = (await this.db.query(
      `SELECT o.id, o.customer_id, l.sku, o.ordered_at FROM orders o JOIN order_lines l ON l.order_id = o.id
       WHERE o.customer_id = ANY($1) AND l.sku = ANY($2)`,
      [customerIds, skus],
    )) as Array<{ id: string; customer_id: string; sku: string; ordered_at: Date }>;
    for (const suggestion of suggestions) {
      const order = conversionWithin(
        { sku: suggestion.sku, shownAt: suggestion.created_at },
        orders.filter((o) => o.customer_id === suggestion.customer_id).map((o) => ({ id: o.id, sku: o.sku, orderedAt: o.ordered_at })),
        CONVERSION_DAYS,
      );
      if (order) {
        await this.db.query(`UPDATE suggestions SET converted_order_id = $2, updated_at = now() WHERE id = $1 AND converted_order_id IS NULL`, [
          suggestion.id,
          order.id,
        ]);
      }
    }
  }

  /** Customer ids by (normalised) email; an unknown email becomes a new customer with that verified identity. */
  private async customersByEmail(manager: EntityManager, emails: string[]): Promise<Map<string, string>> {
    const byEmail = new Map<string, string>();
    for (const email of emails) {
      const value = normalizeIdentity('email', email).value;
      // A concurrent ingest may add the same identity: insert-if-absent, then read whoever owns it.
      const [existing] = (await manager.query(`SELECT customer_id FROM customer_identities WHERE kind = 'email' AND value = $1`, [value])) as Array<{
        customer_id: string;
      }>;
      if (existing) {
        byEmail.set(email, existing.customer_id);
        continue;
      }
      const [created] = (await manager.query(`INSERT INTO customers DEFAULT VALUES RETURNING id`)) as Array<{ id: string }>;
      const [identity] = (await manager.query(
        `INSERT INTO customer_identities (customer_id, kind, value, verified) VALUES ($1, 'email', $2, true)
         ON CONFLICT (kind, value) DO UPDATE SET kind = EXCLUDED.kind RETURNING customer_id`,
        [created.id, value],
      )) as Array<{ customer_id: string }>;
      if (identity.customer_id !== created.id) await manager.query(`DELETE FROM customers WHERE id = $1`, [created.id]);
      byEmail.set(email, identity.customer_id);
    }
    return byEmail;
  }
}
