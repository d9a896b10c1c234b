import { GO_EMOTIONS, GoEmotionLabel } from '../../../libs/insights/src';

export interface GoEmotionsExample {
  text: string;
  labels: GoEmotionLabel[];
}

/**
 * Reads a GoEmotions TSV (text, comma-separated label ids, comment id; no header). About 2.5% of
 * texts are CSV-quoted upstream ("…" with "" for a quote); those are unquoted here, as pandas would.
 */
export function parseGoEmotionsTsv(tsv: string): GoEmotionsExample[] {
  return tsv
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line, index) => {
      const [rawText, ids] = line.split('\t');
      if (ids === undefined) throw new Error(`line ${index + 1}: expected 3 tab-separated columns`);
      const text = rawText.length >= 2 && rawText.startsWith('"') && rawText.endsWith('"') ? rawText.slice(1, -1).replace(/""/g, '"') : rawText;
      const labels = ids.split(',').map((id) => {
        const label = GO_EMOTIONS[Number(id)];
        if (label === undefined) throw new Error(`line ${index + 1}: unknown emotion id "${id}"`);
        return label;
      });
      return { text, labels };
    });
}
