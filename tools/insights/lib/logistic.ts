import { sigmoid } from '../../../libs/insights/src';
import { seededRandom, shuffled } from './random';

/** A training row: present vocabulary indexes (all with the same value) and which labels are on. */
export interface SparseExample {
  indexes: number[];
  value: number;
  targets: boolean[];
}

export interface LogisticOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
}

export interface OneVsRestWeights {
  /** weights[label][vocabularyIndex] */
  weights: Float64Array[];
  biases: Float64Array;
}

/**
 * One-vs-rest logistic regression by AdaGrad SGD with (lazy) L2: one pass updates all labels of a
 * row, so 28 binary classifiers cost about one. Rows are visited in a seeded order every epoch.
 */
export function trainOneVsRest(examples: readonly SparseExample[], vocabularySize: number, labelCount: number, options: LogisticOptions): OneVsRestWeights {
  const weights = Array.from({ length: labelCount }, () => new Float64Array(vocabularySize));
  const squaredGradients = Array.from({ length: labelCount }, () => new Float64Array(vocabularySize).fill(1e-8));
  const biases = new Float64Array(labelCount);
  const biasSquaredGradients = new Float64Array(labelCount).fill(1e-8);
  const random = seededRandom(options.seed);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (const example of shuffled(examples, random)) {
      for (let label = 0; label < labelCount; label++) {
        const w = weights[label];
        const g2 = squaredGradients[label];
        let logit = biases[label];
        for (const index of example.indexes) logit += w[index] * example.value;
        const error = sigmoid(logit) - (example.targets[label] ? 1 : 0);
        for (const index of example.indexes) {
          const gradient = error * example.value + options.l2 * w[index];
          g2[index] += gradient * gradient;
          w[index] -= (options.learningRate * gradient) / Math.sqrt(g2[index]);
        }
        biasSquaredGradients[label] += error * error;
        biases[label] -= (options.learningRate * error) / Math.sqrt(biasSquaredGradients[label]);
      }
    }
  }
  return { weights, biases };
}

/**
 * Platt scaling: fits p = sigmoid(a * logit + b) to held-out rows with Platt's smoothed targets, so a
 * label with few positives is not pushed to 0/1. Newton steps with backtracking keep it from diverging
 * (Lin, Lin & Weng 2007, "A note on Platt's probabilistic outputs for support vector machines").
 */
export function fitPlatt(logits: readonly number[], targets: readonly boolean[]): { a: number; b: number } {
  const positives = targets.filter(Boolean).length;
  const high = (positives + 1) / (positives + 2);
  const low = 1 / (targets.length - positives + 2);
  const smoothed = targets.map((target) => (target ? high : low));
  const loss = (a: number, b: number) =>
    logits.reduce((sum, logit, i) => {
      const z = a * logit + b;
      // log(1 + e^z) - t*z, written to stay finite for large |z|
      return sum + Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) - smoothed[i] * z;
    }, 0);
  let a = 1;
  let b = 0;
  let current = loss(a, b);
  for (let iteration = 0; iteration < 100; iteration++) {
    let ga = 0,
      gb = 0,
      haa = 1e-12,
      hab = 0,
      hbb = 1e-12;
    logits.forEach((logit, i) => {
      const p = sigmoid(a * logit + b);
      const error = p - smoothed[i];
      const curvature = p * (1 - p);
      ga += error * logit;
      gb += error;
      haa += curvature * logit * logit;
      hab += curvature * logit;
      hbb += curvature;
    });
    if (Math.abs(ga) < 1e-6 && Math.abs(gb) < 1e-6) break;
    const determinant = haa * hbb - hab * hab;
    const stepA = -(hbb * ga - hab * gb) / determinant;
    const stepB = -(haa * gb - hab * ga) / determinant;
    const decrease = ga * stepA + gb * stepB;
    let size = 1;
    while (size >= 1e-10 && loss(a + size * stepA, b + size * stepB) >= current + 1e-4 * size * decrease) size /= 2;
    if (size < 1e-10) break;
    a += size * stepA;
    b += size * stepB;
    current = loss(a, b);
  }
  return { a, b };
}
