import { TextFeelings } from '../emotions/analyze-text';
import { HOSTILE_EMOTIONS } from '../emotions/labels';
import { HistoryInsights } from '../history/analyze-history';

export type CrossSellTiming = { suppressed: false } | { suppressed: true; reason: string };

export interface TimingInput {
  /** The conversation's mood (`aggregateConversation`): once it has turned, past anger no longer counts. */
  mood: Pick<TextFeelings, 'sentiment' | 'emotions'>;
  history?: Pick<HistoryInsights, 'unresolvedComplaints' | 'openPromises'>;
}

/** Below this VADER score the customer is upset even if no emotion label fired. */
const UPSET_SENTIMENT = -0.5;

const FEELING_WORDS: Readonly<Record<string, string>> = {
  anger: 'angry',
  annoyance: 'frustrated',
};

/**
 * Whether cross-sell may be shown now. Not while the customer is angry, frustrated or clearly upset,
 * nor while an earlier complaint is unresolved or a promise to them is open: the panel says "resolve first".
 */
export function crossSellTiming({ mood, history }: TimingInput): CrossSellTiming {
  const hostile = mood.emotions.find((emotion) => HOSTILE_EMOTIONS.includes(emotion.label));
  if (hostile)
    return {
      suppressed: true,
      reason: `resolve first: the customer is ${FEELING_WORDS[hostile.label]}`,
    };
  if (mood.sentiment.score <= UPSET_SENTIMENT) return { suppressed: true, reason: 'resolve first: the customer is upset' };
  const complaint = history?.unresolvedComplaints[0];
  if (complaint)
    return {
      suppressed: true,
      reason: `resolve first: unresolved complaint "${complaint.subject ?? '(no subject)'}"`,
    };
  const promise = history?.openPromises[0];
  if (promise)
    return {
      suppressed: true,
      reason: `resolve first: we still owe them a ${promise.kind}`,
    };
  return { suppressed: false };
}
