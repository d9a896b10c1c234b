import { Product } from './catalog';

/** Long enough for one sentence of a reply, short enough not to read like an advert. */
const MAX_SUMMARY = 160;

/**
 * The short line an agent inserts when accepting a suggestion: the product and the first sentence
 * of its description (cut at a word), so the reply stays the agent's own and the pitch stays soft.
 */
export function pitchFor(product: Pick<Product, 'name' | 'description'>): string {
  const summary = firstSentence(product.description);
  return summary ? `${product.name} might help here: ${summary}` : `${product.name} might help here.`;
}

function firstSentence(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (!flat) return '';
  const sentence = flat.match(/^.*?[.!?](?=\s|$)/)?.[0] ?? `${flat}.`;
  if (sentence.length <= MAX_SUMMARY) return sentence;
  const cut = sentence.slice(0, MAX_SUMMARY);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > 0 ? cut.slice(0, lastSpace) : cut).replace(/[,;:]$/, '')}…`;
}
