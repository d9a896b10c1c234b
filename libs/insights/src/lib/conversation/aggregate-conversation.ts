import { EmotionReading, TextFeelings } from '../emotions/analyze-text';
import { NEGATIVE_EMOTIONS, POSITIVE_EMOTIONS } from '../emotions/labels';
import { round2, Sentiment, sentimentLabel } from '../sentiment/sentiment';

export interface TimedFeelings {
  at: Date;
  feelings: TextFeelings;
}

export interface ConversationMood extends TextFeelings {
  /** The latest inbound message is positive after negative ones: the past mood no longer applies. */
  turned: boolean;
  messageCount: number;
}

export interface AggregateOptions {
  /** Each message this many messages older counts half as much. */
  halfLifeMessages: number;
  /** Emotions that have faded below this are no longer part of the mood. */
  minEmotionScore: number;
}

export const DEFAULT_AGGREGATE_OPTIONS: AggregateOptions = {
  halfLifeMessages: 1,
  minEmotionScore: 0.3,
};

/**
 * The mood of a conversation from its inbound messages' feelings. Recent messages weigh more
 * (exponential decay by message count); when the latest message is positive after negative ones the
 * mood has turned, and it is the latest message's mood alone.
 */
export function aggregateConversation(messages: readonly TimedFeelings[], options: Partial<AggregateOptions> = {}): ConversationMood {
  const { halfLifeMessages, minEmotionScore } = {
    ...DEFAULT_AGGREGATE_OPTIONS,
    ...options,
  };
  const ordered = [...messages].sort((a, b) => a.at.getTime() - b.at.getTime());
  const latest = ordered[ordered.length - 1];
  if (!latest)
    return {
      sentiment: { score: 0, label: 'neutral' },
      emotions: [],
      turned: false,
      messageCount: 0,
    };

  const turned = isContent(latest.feelings) && ordered.slice(0, -1).some((message) => isUpset(message.feelings));
  if (turned) return { ...latest.feelings, turned, messageCount: ordered.length };

  const weights = ordered.map((_, index) => 0.5 ** ((ordered.length - 1 - index) / halfLifeMessages));
  const totalWeight = weights.reduce((sum, weight) => sum + weight, 0);
  const score = round2(ordered.reduce((sum, message, index) => sum + weights[index] * message.feelings.sentiment.score, 0) / totalWeight);
  const sentiment: Sentiment = { score, label: sentimentLabel(score) };

  // Per emotion, the message where it is strongest after decay, with that message's evidence.
  const strongest = new Map<string, EmotionReading>();
  ordered.forEach((message, index) => {
    for (const emotion of message.feelings.emotions) {
      const decayed = round2(emotion.score * weights[index]);
      if (decayed >= minEmotionScore && decayed > (strongest.get(emotion.label)?.score ?? 0)) {
        strongest.set(emotion.label, { ...emotion, score: decayed });
      }
    }
  });
  const emotions = [...strongest.values()].sort((a, b) => b.score - a.score);
  return { sentiment, emotions, turned, messageCount: ordered.length };
}

type Feelings = Pick<TextFeelings, 'sentiment' | 'emotions'>;
const hasAny = (feelings: Feelings, labels: readonly string[]) => feelings.emotions.some((emotion) => labels.includes(emotion.label));

/** Content: nothing negative, and either a positive sentiment or a positive emotion. */
export function isContent(feelings: Feelings): boolean {
  return !isUpset(feelings) && (feelings.sentiment.label === 'positive' || hasAny(feelings, POSITIVE_EMOTIONS));
}

/** A negative sentiment or any negative emotion. */
export function isUpset(feelings: Feelings): boolean {
  return feelings.sentiment.label === 'negative' || hasAny(feelings, NEGATIVE_EMOTIONS);
}
