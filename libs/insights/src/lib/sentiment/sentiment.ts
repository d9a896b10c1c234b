export type SentimentLabel = 'negative' | 'neutral' | 'positive';

export interface Sentiment {
  /** VADER's compound score, -1 (most negative) .. 1 (most positive). */
  score: number;
  label: SentimentLabel;
}

interface VaderScores {
  neg: number;
  neu: number;
  pos: number;
  compound: number;
}

// vader-sentiment ships no type declarations; this is the one call we use from it.
const vader: {
  SentimentIntensityAnalyzer: { polarity_scores(text: string): VaderScores };
} = require('vader-sentiment');

/** VADER's own cut-offs: compound ≥ 0.05 is positive, ≤ -0.05 negative, in between neutral. */
export function sentimentLabel(score: number): SentimentLabel {
  if (score >= 0.05) return 'positive';
  if (score <= -0.05) return 'negative';
  return 'neutral';
}

export function analyzeSentiment(text: string): Sentiment {
  const score = round2(vader.SentimentIntensityAnalyzer.polarity_scores(text).compound);
  return { score, label: sentimentLabel(score) };
}

export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
