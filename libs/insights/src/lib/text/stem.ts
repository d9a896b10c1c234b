/** Words too common to say anything about what a customer wants. */
const STOP_WORDS = new Set(
  (
    "a an and are as at be been but by can could do does did for from had has have how i i'm if in into is it its " +
    "it's me my no not of on or our ours please so than that the their them then there these they this to too up " +
    'us was we were what when where which who why will with would you your yours just any some get got want need ' +
    'hi hello thanks thank dear regards also'
  ).split(' '),
);

/**
 * A light English stemmer for catalog matching: plurals, -ing, -ed, -ly and -ation/-ate/-e, so that
 * "workflows", "automated" and "automation" meet "workflow" and "automate". Not Porter: it only has to
 * make the same word forms meet, on both the customer's side and the catalog's.
 */
export function stemLite(word: string): string {
  let stem = word.toLowerCase().replace(/'s$/, '');
  if (stem.length <= 3) return stem;
  if (stem.endsWith('ies')) stem = `${stem.slice(0, -3)}y`;
  else if (/(?:ss|sh|ch|x|z)es$/.test(stem)) stem = stem.slice(0, -2);
  else if (/[^su]s$/.test(stem) && !stem.endsWith('is')) stem = stem.slice(0, -1);
  if (stem.length > 5 && stem.endsWith('ing')) stem = undouble(stem.slice(0, -3));
  else if (stem.length > 4 && stem.endsWith('ed') && !stem.endsWith('eed')) stem = undouble(stem.slice(0, -2));
  else if (stem.length > 5 && stem.endsWith('ly')) stem = stem.slice(0, -2);
  if (stem.length > 6 && stem.endsWith('ation')) stem = stem.slice(0, -3);
  else if (stem.length > 5 && stem.endsWith('ate')) stem = stem.slice(0, -1);
  else if (stem.length > 4 && stem.endsWith('e') && !stem.endsWith('ee')) stem = stem.slice(0, -1);
  return stem;
}

/** "stopp" → "stop", but "fill" and "access" keep their double letters. */
function undouble(stem: string): string {
  return /([b-df-hj-kmnp-rtv-z])\1$/.test(stem) && !/(?:ll|ss|zz)$/.test(stem) ? stem.slice(0, -1) : stem;
}

export interface Term {
  stem: string;
  /** The word as written. */
  word: string;
}

/** Content words of a text with their stems; stop words and single characters are left out. */
export function contentTerms(text: string): Term[] {
  return (text.match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu) ?? [])
    .map((word) => word.replace(/’/g, "'"))
    .filter((word) => word.length > 1 && !STOP_WORDS.has(word.toLowerCase()))
    .map((word) => ({ word, stem: stemLite(word) }));
}
