import { EmotionReading, TextFeelings } from '../emotions/analyze-text';
import { isContent } from '../conversation/aggregate-conversation';
import { HistoryFact, HistorySignal } from '../history/analyze-history';
import { DEFAULT_EMPATHY_PHRASES, EmpathyPhrase, PhraseTrigger } from './empathy-phrases';

export interface ChosenPrompt {
  id: string;
  /** Ready to insert: placeholders filled from the history. */
  text: string;
  /** The emotion evidence and history behind it, e.g. 'anger 0.82 — "third time", "still broken"; third contact in 7 days: …'. */
  why: string;
}

export interface ChoosePromptsInput {
  /** The conversation's mood (or one message's feelings). */
  feelings: Pick<TextFeelings, 'sentiment' | 'emotions'>;
  /** `analyzeHistory(...).signals`; omit when there is no history. */
  history?: readonly HistorySignal[];
  phrases?: readonly EmpathyPhrase[];
  maxPrompts?: number;
  maxGuidance?: number;
}

export interface ChosenPrompts {
  prompts: ChosenPrompt[];
  guidance: ChosenPrompt[];
}

const MAX_QUOTED_EVIDENCE = 3;
// A history signal is certain; weighing it as 1 ranks it with a very confident emotion.
const HISTORY_RELEVANCE = 1;

/**
 * Picks the phrases and guidance that fit the customer's emotions and history, most relevant first
 * (relevance = sum of the matched emotions' scores, plus 1 per matched history signal). A content
 * customer is never offered a de-escalating entry.
 */
export function choosePrompts(input: ChoosePromptsInput): ChosenPrompts {
  const { feelings, history = [], phrases = DEFAULT_EMPATHY_PHRASES, maxPrompts = 3, maxGuidance = 4 } = input;
  const content = isContent(feelings);
  const facts: Partial<Record<HistoryFact, string>> = Object.assign({}, ...history.map((signal) => signal.facts));
  const candidates = phrases
    .filter((phrase) => !(content && phrase.deescalates))
    .flatMap((phrase, order) => {
      const matches = phrase.triggers.flatMap((trigger) => matchTrigger(trigger, feelings.emotions, history));
      const text = fillPlaceholders(phrase.text, facts);
      if (!matches.length || text === undefined) return [];
      const relevance = matches.reduce((sum, match) => sum + match.relevance, 0);
      return [
        {
          phrase,
          order,
          relevance,
          prompt: {
            id: phrase.id,
            text,
            why: matches.map((match) => match.why).join('; '),
          },
        },
      ];
    })
    .sort((a, b) => b.relevance - a.relevance || a.order - b.order);
  const pick = (kind: EmpathyPhrase['kind'], limit: number) =>
    candidates
      .filter((candidate) => candidate.phrase.kind === kind)
      .slice(0, limit)
      .map((candidate) => candidate.prompt);
  return {
    prompts: pick('phrase', maxPrompts),
    guidance: pick('guidance', maxGuidance),
  };
}

function matchTrigger(trigger: PhraseTrigger, emotions: readonly EmotionReading[], history: readonly HistorySignal[]) {
  if ('history' in trigger) {
    return history.filter((signal) => signal.kind === trigger.history).map((signal) => ({ relevance: HISTORY_RELEVANCE, why: signal.reason }));
  }
  return emotions
    .filter((emotion) => emotion.label === trigger.emotion && emotion.score >= (trigger.minScore ?? 0))
    .map((emotion) => ({
      relevance: emotion.score,
      why: describeEmotion(emotion),
    }));
}

export function describeEmotion(emotion: EmotionReading): string {
  const quoted = emotion.evidence.slice(0, MAX_QUOTED_EVIDENCE).map((words) => `"${words}"`);
  return `${emotion.label} ${emotion.score.toFixed(2)}${quoted.length ? ` — ${quoted.join(', ')}` : ''}`;
}

/** Undefined when the text needs a fact the history does not have: better no prompt than a broken one. */
function fillPlaceholders(text: string, facts: Partial<Record<HistoryFact, string>>): string | undefined {
  let missing = false;
  const filled = text.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = facts[name as HistoryFact];
    if (value === undefined) missing = true;
    return value ?? '';
  });
  return missing ? undefined : filled;
}
