export interface Counts {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

export interface Scores {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export function countOutcomes(actual: readonly boolean[], predicted: readonly boolean[]): Counts {
  const counts = { truePositives: 0, falsePositives: 0, falseNegatives: 0 };
  actual.forEach((isPositive, i) => {
    if (predicted[i] && isPositive) counts.truePositives++;
    else if (predicted[i]) counts.falsePositives++;
    else if (isPositive) counts.falseNegatives++;
  });
  return counts;
}

export function scoresOf({ truePositives, falsePositives, falseNegatives }: Counts): Scores {
  const precision = truePositives + falsePositives ? truePositives / (truePositives + falsePositives) : 0;
  const recall = truePositives + falseNegatives ? truePositives / (truePositives + falseNegatives) : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, support: truePositives + falseNegatives };
}

export function macroAverage(scores: readonly Scores[]): Scores {
  const mean = (pick: (s: Scores) => number) => scores.reduce((sum, s) => sum + pick(s), 0) / scores.length;
  return {
    precision: mean((s) => s.precision),
    recall: mean((s) => s.recall),
    f1: mean((s) => s.f1),
    support: scores.reduce((sum, s) => sum + s.support, 0),
  };
}

export function markdownTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map((_, i) => (i === 0 ? '---' : '---:'))), ...rows.map(line)].join('\n');
}

export const fixed = (value: number, digits = 2) => value.toFixed(digits);
