/** "Customers who bought A also bought B": one item on each side, as for a product page or a basket. */
export interface AssociationRule {
  antecedent: string;
  consequent: string;
  /** Baskets holding both items. */
  count: number;
  /** Share of all baskets holding both: P(A and B). */
  support: number;
  /** Share of baskets with A that also hold B: P(B | A). */
  confidence: number;
  /** How much more often B comes with A than by chance: P(B | A) / P(B); above 1 is a real association. */
  lift: number;
}

export interface MiningOptions {
  /** Rules whose pair is rarer than this share of baskets are dropped. */
  minSupport: number;
  minConfidence: number;
}

export interface PopularItem {
  item: string;
  count: number;
  support: number;
}

/** Each basket counts an item once; items are compared exactly as given (no trimming). */
const distinct = (basket: readonly string[]) => [...new Set(basket)];

/**
 * Item-to-item association rules in both directions for every pair bought together, with support,
 * confidence and lift, strongest first (confidence, then lift, then names for a stable order).
 */
export function mineAssociations(baskets: ReadonlyArray<readonly string[]>, options: MiningOptions): AssociationRule[] {
  const itemCounts = new Map<string, number>();
  const pairCounts = new Map<string, Map<string, number>>();
  for (const basket of baskets) {
    const items = distinct(basket);
    for (const item of items) itemCounts.set(item, (itemCounts.get(item) ?? 0) + 1);
    for (const a of items) {
      const withA = pairCounts.get(a) ?? new Map<string, number>();
      for (const b of items) if (a !== b) withA.set(b, (withA.get(b) ?? 0) + 1);
      pairCounts.set(a, withA);
    }
  }
  const total = baskets.length;
  const rules: AssociationRule[] = [];
  for (const [antecedent, withAntecedent] of pairCounts) {
    const antecedentCount = itemCounts.get(antecedent) ?? 0;
    for (const [consequent, count] of withAntecedent) {
      const support = count / total;
      const confidence = count / antecedentCount;
      if (support < options.minSupport || confidence < options.minConfidence) continue;
      const lift = confidence / ((itemCounts.get(consequent) ?? 0) / total);
      rules.push({ antecedent, consequent, count, support, confidence, lift });
    }
  }
  return rules.sort(strongestFirst);
}

function strongestFirst(a: AssociationRule, b: AssociationRule): number {
  return b.confidence - a.confidence || b.lift - a.lift || a.antecedent.localeCompare(b.antecedent) || a.consequent.localeCompare(b.consequent);
}

/** Items by how many baskets hold them, most first (ties by name, for a stable order). */
export function popularItems(baskets: ReadonlyArray<readonly string[]>): PopularItem[] {
  const counts = new Map<string, number>();
  for (const basket of baskets) for (const item of distinct(basket)) counts.set(item, (counts.get(item) ?? 0) + 1);
  return [...counts]
    .map(([item, count]) => ({ item, count, support: count / baskets.length }))
    .sort((a, b) => b.count - a.count || a.item.localeCompare(b.item));
}

export interface AssociatedItem {
  item: string;
  /** The strongest rule from something the customer has to this item. */
  rule: AssociationRule;
}

/**
 * Items associated with what the customer has, best first: each candidate is scored by its strongest
 * rule (confidence, then lift). Items the customer has are never returned.
 */
export function associatedItems(owned: readonly string[], rules: readonly AssociationRule[]): AssociatedItem[] {
  const have = new Set(owned);
  const best = new Map<string, AssociationRule>();
  for (const rule of rules) {
    if (!have.has(rule.antecedent) || have.has(rule.consequent)) continue;
    const current = best.get(rule.consequent);
    if (!current || strongestFirst(rule, current) < 0) best.set(rule.consequent, rule);
  }
  return [...best.values()].sort(strongestFirst).map((rule) => ({ item: rule.consequent, rule }));
}
