import { z } from 'zod';
import { emotionFeatures } from '../text/emotion-features';
import { GO_EMOTIONS, GoEmotionLabel } from './labels';

/** Bump when `emotionFeatures` or the scoring formula changes: older model files are then rejected. */
export const EMOTION_FEATURES_VERSION = 'unigram+bigram/inverse-sqrt/v1';
export const EMOTION_MODEL_FORMAT = 'throughline.emotions.ovr-logistic';

const labelSchema = z.object({
  name: z.enum(GO_EMOTIONS),
  bias: z.number(),
  /** Quantised weight q stands for q * scale. */
  scale: z.number().positive(),
  /** Flattened pairs [vocabularyIndex, quantisedWeight, …]: sparse and small on disk. */
  weights: z.array(z.number().int()).refine((pairs) => pairs.length % 2 === 0, 'must hold [index, weight] pairs'),
  /** Platt scaling of the raw logit, fitted on the tuning part of train: p = sigmoid(a * logit + b). */
  calibration: z.object({ a: z.number(), b: z.number() }),
  /** Calibrated probability at or above which the label is reported; tuned for F1 on the tuning part. */
  threshold: z.number().min(0).max(1),
});

const modelSchema = z
  .object({
    format: z.literal(EMOTION_MODEL_FORMAT),
    features: z.literal(EMOTION_FEATURES_VERSION),
    /** Provenance: training date, data hashes, hyperparameters, tuning metrics. Not used for scoring. */
    training: z.record(z.string(), z.unknown()),
    vocabulary: z.array(z.string().min(1)).min(1),
    labels: z.array(labelSchema).min(1),
  })
  .superRefine((model, context) => {
    const seen = new Set<string>();
    model.labels.forEach((label, labelIndex) => {
      if (seen.has(label.name)) {
        context.addIssue({
          code: 'custom',
          path: ['labels', labelIndex, 'name'],
          message: `duplicate label "${label.name}"`,
        });
      }
      seen.add(label.name);
      for (let i = 0; i < label.weights.length; i += 2) {
        const index = label.weights[i];
        if (index < 0 || index >= model.vocabulary.length) {
          context.addIssue({
            code: 'custom',
            path: ['labels', labelIndex, 'weights', i],
            message: `vocabulary index ${index} is out of range (vocabulary has ${model.vocabulary.length} entries)`,
          });
          return;
        }
      }
    });
  });

export type EmotionModelJson = z.input<typeof modelSchema>;

export class InvalidEmotionModelError extends Error {
  constructor(details: string) {
    super(`Invalid emotion model: ${details}`);
    this.name = 'InvalidEmotionModelError';
  }
}

interface LabelParameters {
  name: GoEmotionLabel;
  bias: number;
  calibration: { a: number; b: number };
  threshold: number;
}

/** A validated model, indexed for scoring: feature → the labels it pushes and by how much. */
export interface EmotionModel {
  readonly labels: readonly LabelParameters[];
  readonly weightsByFeature: ReadonlyMap<string, ReadonlyArray<readonly [labelIndex: number, weight: number]>>;
  readonly training: Readonly<Record<string, unknown>>;
}

export interface LabelScore {
  label: GoEmotionLabel;
  /** Calibrated probability, 0..1. */
  probability: number;
  threshold: number;
  /** What the customer wrote that raised this label most, strongest first. */
  evidence: string[];
}

const MAX_MODEL_EVIDENCE = 3;

/** Validates a parsed model file and indexes it. Throws `InvalidEmotionModelError` naming what is wrong. */
export function loadEmotionModel(json: unknown): EmotionModel {
  const parsed = modelSchema.safeParse(json);
  if (!parsed.success) {
    const details = parsed.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`)
      .join('; ');
    throw new InvalidEmotionModelError(details);
  }
  const { vocabulary, labels, training } = parsed.data;
  const weightsByFeature = new Map<string, Array<readonly [number, number]>>();
  labels.forEach((label, labelIndex) => {
    for (let i = 0; i < label.weights.length; i += 2) {
      const feature = vocabulary[label.weights[i]];
      const entry = weightsByFeature.get(feature) ?? [];
      entry.push([labelIndex, label.weights[i + 1] * label.scale]);
      weightsByFeature.set(feature, entry);
    }
  });
  return {
    labels: labels.map(({ name, bias, calibration, threshold }) => ({
      name,
      bias,
      calibration,
      threshold,
    })),
    weightsByFeature,
    training,
  };
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

interface WeightedFeature {
  surface: string;
  weight: number;
}

function evaluateLabels(model: EmotionModel, text: string): { logits: number[]; contributions: WeightedFeature[][] } {
  const features = emotionFeatures(text);
  // Each present feature counts 1/sqrt(n): long comments do not get extreme logits just for length.
  const featureValue = features.length ? 1 / Math.sqrt(features.length) : 0;
  const logits = model.labels.map((label) => label.bias);
  const contributions = model.labels.map((): WeightedFeature[] => []);
  for (const feature of features) {
    for (const [labelIndex, weight] of model.weightsByFeature.get(feature.name) ?? []) {
      logits[labelIndex] += weight * featureValue;
      if (weight > 0) contributions[labelIndex].push({ surface: feature.surface, weight });
    }
  }
  return { logits, contributions };
}

/** Uncalibrated logits per label, in `model.labels` order; the trainer fits the calibration on these. */
export function emotionLogits(model: EmotionModel, text: string): number[] {
  return evaluateLabels(model, text).logits;
}

/** Scores every label the model knows, whether or not it clears its threshold. */
export function scoreEmotionLabels(model: EmotionModel, text: string): LabelScore[] {
  const { logits, contributions } = evaluateLabels(model, text);
  return model.labels.map((label, labelIndex) => ({
    label: label.name,
    probability: sigmoid(label.calibration.a * logits[labelIndex] + label.calibration.b),
    threshold: label.threshold,
    evidence: contributions[labelIndex]
      .sort((a, b) => b.weight - a.weight)
      .slice(0, MAX_MODEL_EVIDENCE)
      .map((contribution) => contribution.surface),
  }));
}
