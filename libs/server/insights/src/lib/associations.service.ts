import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { mineAssociations } from '@throughline/insights';

/** One customer's purchase is an anecdote: a pair counts once at least this many customers bought both. */
const MIN_PAIR_CUSTOMERS = 2;
/** "Also bought" below this share of the antecedent's buyers is noise, not a reason to show an agent. */
const MIN_CONFIDENCE = 0.1;

/** "Customers who bought A also bought B": mined from every customer's purchases, replaced in one transaction. */
@Injectable()
export class AssociationsService {
  private readonly logger = new Logger(AssociationsService.name);

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Returns how many rules were stored. */
  async recompute(): Promise<number> {
    // A basket is everything one customer (with those merged into them) has bought.
    const baskets = (
      (await this.db.query(
        `SELECT array_agg(DISTINCT l.sku) AS skus
         FROM orders o JOIN order_lines l ON l.order_id = o.id JOIN customers c ON c.id = o.customer_id
         GROUP BY coalesce(c.merged_into, c.id)`,
      )) as Array<{ skus: string[] }>
    ).map((row) => row.skus);
    const rules = baskets.length ? mineAssociations(baskets, { minSupport: MIN_PAIR_CUSTOMERS / baskets.length, minConfidence: MIN_CONFIDENCE }) : [];
    await this.db.transaction(async (manager) => {
      await manager.query(`DELETE FROM product_associations`);
      if (!rules.length) return;
      await manager.query(
        `INSERT INTO product_associations (antecedent, consequent, count, support, confidence, lift, computed_at)
         SELECT r.antecedent, r.consequent, r.count, r.support, r.confidence, r.lift, now()
         FROM jsonb_to_recordset($1::jsonb) AS r(antecedent text, consequent text, count int, support float8, confidence float8, lift float8)`,
        [JSON.stringify(rules)],
      );
    });
    this.logger.log(`mined ${rules.length} association rules from ${baskets.length} customers' purchases`);
    return rules.length;
  }
}
