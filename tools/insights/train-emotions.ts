/**
 * Trains the GoEmotions classifier shipped in libs/insights and writes it as one JSON file.
 *
 *   npx ts-node --transpile-only -P tools/insights/tsconfig.json tools/insights/train-emotions.ts [--train path] [--out path]
 *
 * Steps: seeded split of train into fit (90%) and tune (10%); vocabulary of unigrams and bigrams seen
 * in enough fit rows; one-vs-rest logistic regression on fit; per label keep the strongest weights and
 * quantise them to int8; on tune, fit Platt calibration and pick the F1-best threshold. Dev is never read.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  EMOTION_FEATURES_VERSION,
  EMOTION_MODEL_FORMAT,
  EmotionModelJson,
  GO_EMOTIONS,
  emotionFeatures,
  emotionLogits,
  loadEmotionModel,
  sigmoid,
} from '../../libs/insights/src';
import { readDataFile, repoPath } from './lib/files';
import { parseGoEmotionsTsv, GoEmotionsExample } from './lib/goemotions';
import { fitPlatt, OneVsRestWeights, SparseExample, trainOneVsRest } from './lib/logistic';
import { countOutcomes, scoresOf } from './lib/metrics';
import { seededRandom, shuffled } from './lib/random';

const { values: flags } = parseArgs({
  options: {
    train: {
      type: 'string',
      default: '../shared/datasets/goemotions/train.tsv',
    },
    out: {
      type: 'string',
      default: 'libs/insights/src/lib/emotions/model/goemotions-model.json',
    },
    seed: { type: 'string', default: '20260101' },
    epochs: { type: 'string', default: '8' },
    'learning-rate': { type: 'string', default: '0.5' },
    l2: { type: 'string', default: '0.003' },
    'tune-fraction': { type: 'string', default: '0.1' },
    'min-unigram-rows': { type: 'string', default: '2' },
    'min-bigram-rows': { type: 'string', default: '4' },
    'max-weights-per-label': { type: 'string', default: '600' },
  },
});

const hyperparameters = {
  seed: Number(flags.seed),
  epochs: Number(flags.epochs),
  learningRate: Number(flags['learning-rate']),
  l2: Number(flags.l2),
  tuneFraction: Number(flags['tune-fraction']),
  minUnigramRows: Number(flags['min-unigram-rows']),
  minBigramRows: Number(flags['min-bigram-rows']),
  maxWeightsPerLabel: Number(flags['max-weights-per-label']),
  quantisation: 'int8 per label (q * scale)',
  thresholdGrid: '0.01..0.95 step 0.01',
};

const trainFile = readDataFile(repoPath(flags.train));
const rows = parseGoEmotionsTsv(trainFile.text);
const order = shuffled(
  rows.map((_, index) => index),
  seededRandom(hyperparameters.seed),
);
const tuneCount = Math.round(rows.length * hyperparameters.tuneFraction);
const tuneRows = order.slice(0, tuneCount).map((index) => rows[index]);
const fitRows = order.slice(tuneCount).map((index) => rows[index]);

const vocabulary = buildVocabulary(fitRows);
const vocabularyIndex = new Map(vocabulary.map((feature, index) => [feature, index]));
const examples: SparseExample[] = fitRows.map((row) => {
  const features = emotionFeatures(row.text);
  return {
    indexes: features.flatMap((feature) => vocabularyIndex.get(feature.name) ?? []),
    value: features.length ? 1 / Math.sqrt(features.length) : 0,
    targets: GO_EMOTIONS.map((label) => row.labels.includes(label)),
  };
});

const started = Date.now();
const trained = trainOneVsRest(examples, vocabulary.length, GO_EMOTIONS.length, hyperparameters);
console.log(
  `trained ${GO_EMOTIONS.length} labels on ${fitRows.length} rows, ${vocabulary.length} features, in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);

const uncalibrated = compactModel(trained, vocabulary);
const uncalibratedModel = loadEmotionModel(uncalibrated);
const tuneLogits = tuneRows.map((row) => emotionLogits(uncalibratedModel, row.text));
const tuneMetrics: Record<
  string,
  {
    threshold: number;
    precision: number;
    recall: number;
    f1: number;
    support: number;
  }
> = {};
uncalibrated.labels.forEach((label, labelIndex) => {
  const targets = tuneRows.map((row) => row.labels.includes(label.name));
  const logits = tuneLogits.map((perLabel) => perLabel[labelIndex]);
  label.calibration = fitPlatt(logits, targets);
  const probabilities = logits.map((logit) => sigmoid(label.calibration.a * logit + label.calibration.b));
  const best = bestThreshold(probabilities, targets);
  label.threshold = best.threshold;
  tuneMetrics[label.name] = { threshold: best.threshold, ...best.scores };
});

const model: EmotionModelJson = {
  ...uncalibrated,
  training: {
    trainedAt: new Date().toISOString(),
    data: [{ file: trainFile.file, sha256: trainFile.sha256, rows: rows.length }],
    split: {
      fitRows: fitRows.length,
      tuneRows: tuneRows.length,
      by: 'seeded shuffle of train rows',
    },
    algorithm: 'one-vs-rest logistic regression, AdaGrad SGD, L2; Platt calibration and F1 thresholds on the tune rows',
    hyperparameters,
    tuneMetrics,
  },
};
loadEmotionModel(model);
const outPath = repoPath(flags.out);
writeFileSync(outPath, formatModel(model));
const macroF1 = Object.values(tuneMetrics).reduce((sum, m) => sum + m.f1, 0) / GO_EMOTIONS.length;
console.log(`wrote ${outPath}: ${model.vocabulary.length} features kept; macro F1 on tune rows ${macroF1.toFixed(3)}`);

/** Unigrams seen in at least minUnigramRows fit rows and bigrams in at least minBigramRows. */
function buildVocabulary(examplesToCount: readonly GoEmotionsExample[]): string[] {
  const rowCounts = new Map<string, number>();
  for (const row of examplesToCount) {
    for (const feature of emotionFeatures(row.text)) rowCounts.set(feature.name, (rowCounts.get(feature.name) ?? 0) + 1);
  }
  return [...rowCounts]
    .filter(([feature, count]) => count >= (feature.includes(' ') ? hyperparameters.minBigramRows : hyperparameters.minUnigramRows))
    .map(([feature]) => feature)
    .sort();
}

/** Keeps each label's strongest weights, quantises them to int8 and drops features no label uses. */
function compactModel({ weights, biases }: OneVsRestWeights, features: readonly string[]): EmotionModelJson {
  const kept = GO_EMOTIONS.map((_, label) =>
    [...weights[label].keys()]
      .filter((index) => weights[label][index] !== 0)
      .sort((a, b) => Math.abs(weights[label][b]) - Math.abs(weights[label][a]) || a - b)
      .slice(0, hyperparameters.maxWeightsPerLabel),
  );
  const used = [...new Set(kept.flat())].sort((a, b) => a - b);
  const newIndex = new Map(used.map((oldIndex, index) => [oldIndex, index]));
  return {
    format: EMOTION_MODEL_FORMAT,
    features: EMOTION_FEATURES_VERSION,
    training: {},
    vocabulary: used.map((index) => features[index]),
    labels: GO_EMOTIONS.map((name, label) => {
      const largest = Math.max(...kept[label].map((index) => Math.abs(weights[label][index])));
      const scale = largest / 127;
      return {
        name,
        bias: round(biases[label]),
        scale: round(scale),
        weights: kept[label]
          .map((index) => [newIndex.get(index) ?? -1, Math.round(weights[label][index] / scale)] as const)
          .filter(([, quantised]) => quantised !== 0)
          .sort(([a], [b]) => a - b)
          .flat(),
        calibration: { a: 1, b: 0 },
        threshold: 0.5,
      };
    }),
  };
}

function bestThreshold(probabilities: readonly number[], targets: readonly boolean[]) {
  let best = {
    threshold: 0.5,
    scores: scoresOf(
      countOutcomes(
        targets,
        probabilities.map((p) => p >= 0.5),
      ),
    ),
  };
  for (let step = 1; step <= 95; step++) {
    const threshold = step / 100;
    const scores = scoresOf(
      countOutcomes(
        targets,
        probabilities.map((p) => p >= threshold),
      ),
    );
    if (scores.f1 > best.scores.f1) best = { threshold, scores };
  }
  return { threshold: best.threshold, scores: roundScores(best.scores) };
}

function roundScores(scores: ReturnType<typeof scoresOf>) {
  return {
    precision: round(scores.precision, 3),
    recall: round(scores.recall, 3),
    f1: round(scores.f1, 3),
    support: scores.support,
  };
}

function round(value: number, digits = 6): number {
  return Number(value.toPrecision(digits));
}

/** Readable where it helps (provenance, one label per line), compact where the bytes are. */
function formatModel({ training, vocabulary: words, labels, ...header }: EmotionModelJson): string {
  const head = Object.entries(header).map(([key, value]) => `  ${JSON.stringify(key)}: ${JSON.stringify(value)}`);
  return [
    '{',
    `${head.join(',\n')},`,
    `  "training": ${JSON.stringify(training, null, 2).replace(/\n/g, '\n  ')},`,
    `  "vocabulary": ${JSON.stringify(words)},`,
    '  "labels": [',
    labels.map((label) => `    ${JSON.stringify(label)}`).join(',\n'),
    '  ]',
    '}',
    '',
  ].join('\n');
}
