/** GoEmotions' 27 emotions plus neutral, in the order of the dataset's `emotions.txt` (ids are indexes). */
export const GO_EMOTIONS = [
  'admiration',
  'amusement',
  'anger',
  'annoyance',
  'approval',
  'caring',
  'confusion',
  'curiosity',
  'desire',
  'disappointment',
  'disapproval',
  'disgust',
  'embarrassment',
  'excitement',
  'fear',
  'gratitude',
  'grief',
  'joy',
  'love',
  'nervousness',
  'optimism',
  'pride',
  'realization',
  'relief',
  'remorse',
  'sadness',
  'surprise',
  'neutral',
] as const;
export type GoEmotionLabel = (typeof GO_EMOTIONS)[number];

/**
 * The emotions an agent needs to see, grouped the way the issue names them. Only these are reported
 * by `analyzeText`; the model scores all 28 so that the other labels can still explain a score.
 */
export const SUPPORT_EMOTION_GROUPS = {
  anger: ['anger'],
  frustration: ['annoyance'],
  disappointment: ['disappointment', 'sadness'],
  confusion: ['confusion', 'curiosity'],
  anxiety: ['nervousness', 'fear'],
  gratitude: ['gratitude', 'joy', 'relief'],
} as const satisfies Record<string, readonly GoEmotionLabel[]>;
export type SupportEmotionGroup = keyof typeof SUPPORT_EMOTION_GROUPS;

export const SUPPORT_EMOTIONS = Object.values(SUPPORT_EMOTION_GROUPS).flat() as SupportEmotion[];
export type SupportEmotion = (typeof SUPPORT_EMOTION_GROUPS)[SupportEmotionGroup][number];

/** Emotions that mean "fix the problem first": they de-escalate and hold back cross-sell. */
export const HOSTILE_EMOTIONS: readonly SupportEmotion[] = ['anger', 'annoyance'];
/** Emotions that count as a bad moment when deciding whether the mood has turned. */
export const NEGATIVE_EMOTIONS: readonly SupportEmotion[] = ['anger', 'annoyance', 'disappointment', 'sadness', 'nervousness', 'fear'];
/** Emotions that show the customer is content. */
export const POSITIVE_EMOTIONS: readonly SupportEmotion[] = ['gratitude', 'joy', 'relief'];

export function isGoEmotionLabel(value: string): value is GoEmotionLabel {
  return (GO_EMOTIONS as readonly string[]).includes(value);
}

export function isSupportEmotion(value: string): value is SupportEmotion {
  return (SUPPORT_EMOTIONS as readonly string[]).includes(value);
}
