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

/** The emotions an agent needs to see; `analyzeText` reports only these (the model scores all 28). */
export const SUPPORT_EMOTIONS = [
  'anger',
  'annoyance',
  'disappointment',
  'sadness',
  'confusion',
  'curiosity',
  'nervousness',
  'fear',
  'gratitude',
  'joy',
  'relief',
] as const satisfies readonly GoEmotionLabel[];
export type SupportEmotion = (typeof SUPPORT_EMOTIONS)[number];

/** The support emotions grouped the way support teams name them. */
export const SUPPORT_EMOTION_GROUPS = {
  anger: ['anger'],
  frustration: ['annoyance'],
  disappointment: ['disappointment', 'sadness'],
  confusion: ['confusion', 'curiosity'],
  anxiety: ['nervousness', 'fear'],
  gratitude: ['gratitude', 'joy', 'relief'],
} as const satisfies Record<string, readonly SupportEmotion[]>;
export type SupportEmotionGroup = keyof typeof SUPPORT_EMOTION_GROUPS;

/** Emotions that mean "fix the problem first": they de-escalate and hold back cross-sell. */
export const HOSTILE_EMOTIONS: readonly SupportEmotion[] = ['anger', 'annoyance'];
/** Emotions that count as a bad moment when deciding whether the mood has turned. */
export const NEGATIVE_EMOTIONS: readonly SupportEmotion[] = ['anger', 'annoyance', 'disappointment', 'sadness', 'nervousness', 'fear'];
/** Emotions that show the customer is content. */
export const POSITIVE_EMOTIONS: readonly SupportEmotion[] = ['gratitude', 'joy', 'relief'];
