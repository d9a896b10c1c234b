import { analyzeSentiment, round2, Sentiment } from '../sentiment/sentiment';
import { defaultEmotionModel } from './default-model';
import { EmotionModel, scoreEmotionLabels } from './emotion-model';
import { SUPPORT_EMOTIONS, SupportEmotion } from './labels';
import { lexiconHits } from './lexicon';
import { detectSupportSignals, noisyOr, SIGNAL_REPORT_STRENGTH } from './support-signals';

export interface EmotionReading {
  label: SupportEmotion;
  /** Calibrated probability, raised by support signals; 0..1. */
  score: number;
  /** The words and cues that pushed the score up: support signals, lexicon hits, strongest model features. */
  evidence: string[];
}

export interface TextFeelings {
  sentiment: Sentiment;
  /** Only emotions that clear their tuned threshold, strongest first. */
  emotions: EmotionReading[];
}

const MAX_EVIDENCE = 5;

/**
 * What one message says about how the customer feels: VADER sentiment, and the support emotions the
 * GoEmotions model finds, combined (noisy OR) with the support cues a Reddit-trained model misses.
 * An emotion is reported when the model clears its tuned threshold or the cues alone are strong.
 */
export function analyzeText(text: string, model: EmotionModel = defaultEmotionModel()): TextFeelings {
  const modelScores = new Map(scoreEmotionLabels(model, text).map((score) => [score.label, score]));
  const signals = detectSupportSignals(text);
  const lexicon = lexiconHits(text);
  const emotions: EmotionReading[] = [];
  for (const label of SUPPORT_EMOTIONS) {
    const scored = modelScores.get(label);
    if (!scored) continue;
    const labelSignals = signals.filter((signal) => signal.label === label);
    const signalStrength = noisyOr(labelSignals.map((signal) => signal.strength));
    if (scored.probability < scored.threshold && signalStrength < SIGNAL_REPORT_STRENGTH) continue;
    const score = noisyOr([scored.probability, signalStrength]);
    const evidence = [...labelSignals.map((signal) => signal.evidence), ...(lexicon.get(label) ?? []), ...scored.evidence];
    emotions.push({
      label,
      score: round2(score),
      evidence: uniqueIgnoringCase(evidence).slice(0, MAX_EVIDENCE),
    });
  }
  emotions.sort((a, b) => b.score - a.score);
  return { sentiment: analyzeSentiment(text), emotions };
}

function uniqueIgnoringCase(phrases: readonly string[]): string[] {
  const seen = new Set<string>();
  return phrases.filter((phrase) => {
    const key = phrase.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
