import { contentTerms, Term } from '../text/stem';
import { Product } from './catalog';

export interface CatalogMatch {
  sku: string;
  name: string;
  /** BM25 score: 0 means no match; it grows with rarer and more matched words. */
  score: number;
  /** The customer's words that matched, as they wrote them. */
  matchedWords: string[];
  /** e.g. 'you asked about "speed", "workflow" → Workflow Automation (name: Workflow; tags: speed)'. */
  reason: string;
}

type Field = 'name' | 'tags' | 'description';
// A word in the name or tags says more about a product than one in its description (BM25F-style weights).
const FIELD_WEIGHTS: Readonly<Record<Field, number>> = {
  name: 3,
  tags: 3,
  description: 1,
};
const K1 = 1.2;
const B = 0.75;

interface IndexedProduct {
  product: Product;
  terms: Map<Field, Term[]>;
  weightedFrequency: Map<string, number>;
  length: number;
}

/**
 * Ranks the catalog against what the customer wrote with BM25 over name, tags and description, and
 * says which words matched where. Products that match nothing are left out.
 */
export function matchCatalog(text: string, products: readonly Product[]): CatalogMatch[] {
  const indexed = products.map(indexProduct);
  const averageLength = indexed.reduce((sum, product) => sum + product.length, 0) / Math.max(indexed.length, 1);
  const queryTerms = new Map<string, string>();
  for (const term of contentTerms(text)) if (!queryTerms.has(term.stem)) queryTerms.set(term.stem, term.word);

  const matches: CatalogMatch[] = [];
  for (const entry of indexed) {
    let score = 0;
    const matchedWords: string[] = [];
    for (const [stem, word] of queryTerms) {
      const frequency = entry.weightedFrequency.get(stem) ?? 0;
      if (!frequency) continue;
      const documentFrequency = indexed.filter((other) => other.weightedFrequency.has(stem)).length;
      const idf = Math.log(1 + (indexed.length - documentFrequency + 0.5) / (documentFrequency + 0.5));
      score += (idf * frequency * (K1 + 1)) / (frequency + K1 * (1 - B + (B * entry.length) / averageLength));
      matchedWords.push(word);
    }
    if (!matchedWords.length) continue;
    matches.push({
      sku: entry.product.sku,
      name: entry.product.name,
      score,
      matchedWords,
      reason: describeMatch(entry, queryTerms, matchedWords),
    });
  }
  return matches.sort((a, b) => b.score - a.score || a.sku.localeCompare(b.sku));
}

function indexProduct(product: Product): IndexedProduct {
  const terms = new Map<Field, Term[]>([
    ['name', contentTerms(product.name)],
    ['tags', product.tags.flatMap(contentTerms)],
    ['description', contentTerms(product.description)],
  ]);
  const weightedFrequency = new Map<string, number>();
  let length = 0;
  for (const [field, fieldTerms] of terms) {
    for (const term of fieldTerms) {
      weightedFrequency.set(term.stem, (weightedFrequency.get(term.stem) ?? 0) + FIELD_WEIGHTS[field]);
      length += FIELD_WEIGHTS[field];
    }
  }
  return { product, terms, weightedFrequency, length };
}

function describeMatch(entry: IndexedProduct, queryTerms: ReadonlyMap<string, string>, matchedWords: readonly string[]): string {
  const where = [...entry.terms]
    .map(([field, fieldTerms]) => {
      const words = [...new Set(fieldTerms.filter((term) => queryTerms.has(term.stem)).map((term) => term.word))];
      return words.length ? `${field}: ${words.join(', ')}` : '';
    })
    .filter(Boolean);
  return `you asked about ${matchedWords.map((word) => `"${word}"`).join(', ')} → ${entry.product.name} (${where.join('; ')})`;
}
