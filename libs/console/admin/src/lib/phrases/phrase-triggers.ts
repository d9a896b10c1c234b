import type { EmpathyPhraseTrigger } from '@throughline/domain';

/**
 * Triggers as one line of text for the phrase form: `anger ≥ 0.4, annoyance, history: repeat-contact`.
 * An emotion is its GoEmotions name (optionally `≥ minScore`), a history signal is `history: <kind>`.
 */
export function formatTriggers(triggers: readonly EmpathyPhraseTrigger[]): string {
  return triggers.map((t) => ('history' in t ? `history: ${t.history}` : t.minScore === undefined ? t.emotion : `${t.emotion} ≥ ${t.minScore}`)).join(', ');
}

/** Reads what `formatTriggers` writes (`>=` works as well as `≥`); throws an Error naming the part it cannot read. */
export function parseTriggers(text: string): EmpathyPhraseTrigger[] {
  return text
    .split(/[,\n]/)
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map((part) => {
      const history = /^history\s*:\s*([\w-]+)$/i.exec(part);
      if (history) return { history: history[1] };
      const emotion = /^([a-z_]+)(?:\s*(?:≥|>=)\s*(\d*\.?\d+))?$/i.exec(part);
      if (!emotion) throw new Error(`“${part}” is not a trigger: write an emotion (anger ≥ 0.4) or history: <signal>`);
      const name = emotion[1].toLowerCase();
      return emotion[2] === undefined ? { emotion: name } : { emotion: name, minScore: Number(emotion[2]) };
    });
}
