/**
 * Per-emotion precision, recall and F1 on the GoEmotions dev split: the lexicon-only baseline, the
 * shipped model alone, and `analyzeText` (model + support signals, what the product shows).
 *
 *   npx ts-node --transpile-only -P tools/insights/tsconfig.json tools/insights/eval-emotions.ts [--dev path] [--model path]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { analyzeText, GO_EMOTIONS, GoEmotionLabel, lexiconHits, loadEmotionModel, scoreEmotionLabels, SUPPORT_EMOTIONS } from '../../libs/insights/src';
import { readDataFile, repoPath } from './lib/files';
import { parseGoEmotionsTsv } from './lib/goemotions';
import { countOutcomes, fixed, macroAverage, markdownTable, Scores, scoresOf } from './lib/metrics';

const { values: flags } = parseArgs({
  options: {
    dev: { type: 'string', default: '../shared/datasets/goemotions/dev.tsv' },
    model: {
      type: 'string',
      default: 'libs/insights/src/lib/emotions/model/goemotions-model.json',
    },
  },
});

const devFile = readDataFile(repoPath(flags.dev));
const rows = parseGoEmotionsTsv(devFile.text);
const model = loadEmotionModel(JSON.parse(readFileSync(repoPath(flags.model), 'utf8')));

const predictions = rows.map((row) => ({
  actual: new Set<GoEmotionLabel>(row.labels),
  lexicon: new Set<GoEmotionLabel>(lexiconHits(row.text).keys()),
  model: new Set<GoEmotionLabel>(
    scoreEmotionLabels(model, row.text)
      .filter((score) => score.probability >= score.threshold)
      .map((score) => score.label),
  ),
  analyzeText: new Set<GoEmotionLabel>(analyzeText(row.text, model).emotions.map((emotion) => emotion.label)),
}));

type System = 'lexicon' | 'model' | 'analyzeText';
const scoreOf = (system: System, label: GoEmotionLabel): Scores =>
  scoresOf(
    countOutcomes(
      predictions.map((p) => p.actual.has(label)),
      predictions.map((p) => p[system].has(label)),
    ),
  );
const systems: System[] = ['lexicon', 'model', 'analyzeText'];
const cells = (scores: Scores) => [fixed(scores.precision), fixed(scores.recall), fixed(scores.f1)];

const perLabel = SUPPORT_EMOTIONS.map((label) => ({
  label,
  scores: systems.map((system) => scoreOf(system, label)),
}));
const supportMacro = systems.map((_, i) => macroAverage(perLabel.map((row) => row.scores[i])));
const allLabelsModelMacro = macroAverage(GO_EMOTIONS.map((label) => scoreOf('model', label)));

console.log(`GoEmotions dev: ${rows.length} rows (${devFile.file}, sha256 ${devFile.sha256.slice(0, 12)}…)\n`);
console.log(
  markdownTable(
    ['emotion', 'dev rows', 'lexicon P', 'R', 'F1', 'model P', 'R', 'F1', 'model + signals P', 'R', 'F1'],
    [
      ...perLabel.map(({ label, scores }) => [label, String(scores[0].support), ...scores.flatMap(cells)]),
      ['**macro, support labels**', '', ...supportMacro.flatMap(cells)],
    ],
  ),
);
console.log(
  `\nModel alone, macro over all 28 GoEmotions labels: P ${fixed(allLabelsModelMacro.precision)}, R ${fixed(allLabelsModelMacro.recall)}, F1 ${fixed(allLabelsModelMacro.f1)}`,
);
