/** One word-like token: `norm` is what the model sees, `surface` what the customer wrote. */
export interface Token {
  norm: string;
  surface: string;
  /** Offsets in the (apostrophe-normalised) text, so a phrase can be quoted with its punctuation. */
  start: number;
  end: number;
}

/** A model feature (a token or two adjacent tokens joined by a space) and the text that produced it. */
export interface Feature {
  name: string;
  surface: string;
}

// Words (with inner apostrophes), emoji, and ! and ? (a question or a shout says something about the mood).
// GoEmotions' [NAME] / [RELIGION] masks lose their brackets and read as the words "name" / "religion".
const TOKEN_PATTERN = /\p{Extended_Pictographic}|[\p{L}\p{N}]+(?:'[\p{L}]+)*|[!?]/gu;
// "soooo" and "sooo" should be the same word; two letters keep "too" and "good" intact.
const ELONGATION = /(.)\1{2,}/gu;

export function normalizeApostrophes(text: string): string {
  return text.replace(/[’‘`]/g, "'");
}

/** Tokens of `normalizeApostrophes(text)`; offsets refer to that string. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of normalizeApostrophes(text).matchAll(TOKEN_PATTERN)) {
    const surface = match[0];
    const start = match.index ?? 0;
    tokens.push({
      surface,
      norm: surface.toLowerCase().replace(ELONGATION, '$1$1'),
      start,
      end: start + surface.length,
    });
  }
  return tokens;
}

/** The customer's own words from the first to the last token, punctuation included. */
export function quote(text: string, tokens: readonly Token[]): string {
  return normalizeApostrophes(text).slice(tokens[0].start, tokens[tokens.length - 1].end);
}

/** Unigrams and bigrams, each once, in order of first appearance. Shared by training and scoring. */
export function emotionFeatures(text: string): Feature[] {
  const tokens = tokenize(text);
  const features = new Map<string, string>();
  tokens.forEach((token, index) => {
    if (!features.has(token.norm)) features.set(token.norm, token.surface);
    const next = tokens[index + 1];
    if (next) {
      const bigram = `${token.norm} ${next.norm}`;
      if (!features.has(bigram)) features.set(bigram, quote(text, [token, next]));
    }
  });
  return [...features].map(([name, surface]) => ({ name, surface }));
}
