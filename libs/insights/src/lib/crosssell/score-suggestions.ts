import { round2 } from '../sentiment/sentiment';
import { AssociationRule, associatedItems } from './associations';
import { Product } from './catalog';
import { matchCatalog } from './catalog-match';
import { CrossSellTiming } from './timing';

export interface SignalWeights {
  /** What the customer's recent messages ask for, matched against the catalog. */
  text: number;
  /** What customers who bought the same things bought next (the rule's confidence). */
  association: number;
  /** The customer owns the product this one upgrades. */
  upgrade: number;
}

/**
 * Asking for something is the most direct evidence of need; an upgrade of what they already use comes
 * next; "others also bought" is population-level, so it weighs least. A product with all three scores 1.
 */
export const DEFAULT_SIGNAL_WEIGHTS: SignalWeights = {
  text: 0.45,
  upgrade: 0.3,
  association: 0.25,
};

/** A catalog match with this BM25 score counts as half a text signal (score / (score + this)). */
const TEXT_HALF_SCORE = 2;
/** Weaker suggestions are not worth an agent's attention. */
const MIN_SCORE = 0.05;

export interface ScoreSuggestionsInput {
  /** The customer's recent inbound messages. */
  customerText: readonly string[];
  /** SKUs the customer has bought. */
  owned: readonly string[];
  /** SKUs the customer (or the agent for them) declined recently. */
  declinedRecently: readonly string[];
  products: readonly Product[];
  associations: readonly AssociationRule[];
  timing: CrossSellTiming;
  limit?: number;
  weights?: Partial<SignalWeights>;
}

export interface Suggestion {
  sku: string;
  name: string;
  /** Weighted sum of the signals, 0..1. */
  score: number;
  /** One line per signal that contributed. */
  reasons: string[];
}

export interface ScoredSuggestions {
  suggestions: Suggestion[];
  suppressed?: { reason: string };
}

/**
 * Cross-sell suggestions with a reason for each signal. Never a product the customer owns, declined
 * recently, or already has a better version of; nothing at all while the timing is wrong.
 */
export function scoreSuggestions(input: ScoreSuggestionsInput): ScoredSuggestions {
  if (input.timing.suppressed) return { suggestions: [], suppressed: { reason: input.timing.reason } };
  const weights = { ...DEFAULT_SIGNAL_WEIGHTS, ...input.weights };
  const bySku = new Map(input.products.map((product) => [product.sku, product]));
  const nameOf = (sku: string) => bySku.get(sku)?.name ?? sku;
  const excluded = new Set([...input.owned, ...input.declinedRecently, ...supersededBy(input.owned, bySku)]);

  const textMatches = new Map(matchCatalog(input.customerText.join('\n'), input.products).map((match) => [match.sku, match]));
  const associated = new Map(associatedItems(input.owned, input.associations).map((entry) => [entry.item, entry.rule]));

  const suggestions: Suggestion[] = [];
  for (const product of input.products) {
    if (excluded.has(product.sku)) continue;
    let score = 0;
    const reasons: string[] = [];
    const match = textMatches.get(product.sku);
    if (match) {
      score += weights.text * (match.score / (match.score + TEXT_HALF_SCORE));
      reasons.push(match.reason);
    }
    if (product.upgradeOf && input.owned.includes(product.upgradeOf)) {
      score += weights.upgrade;
      reasons.push(`upgrade path: owns ${nameOf(product.upgradeOf)} → ${product.name}`);
    }
    const rule = associated.get(product.sku);
    if (rule) {
      score += weights.association * rule.confidence;
      reasons.push(
        `customers who bought ${nameOf(rule.antecedent)} also bought ${product.name} (${Math.round(rule.confidence * 100)}% of them, lift ${rule.lift.toFixed(1)})`,
      );
    }
    if (score >= MIN_SCORE)
      suggestions.push({
        sku: product.sku,
        name: product.name,
        score: round2(score),
        reasons,
      });
  }
  return {
    suggestions: suggestions.sort((a, b) => b.score - a.score || a.sku.localeCompare(b.sku)).slice(0, input.limit ?? 3),
  };
}

/** Products an owned product upgrades, directly or down a chain (owns Pro → not Basic). */
function supersededBy(owned: readonly string[], bySku: ReadonlyMap<string, Product>): string[] {
  const superseded: string[] = [];
  for (const sku of owned) {
    let lower = bySku.get(sku)?.upgradeOf;
    while (lower && !superseded.includes(lower)) {
      superseded.push(lower);
      lower = bySku.get(lower)?.upgradeOf;
    }
  }
  return superseded;
}
