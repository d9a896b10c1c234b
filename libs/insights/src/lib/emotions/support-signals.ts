import { SupportEmotion } from './labels';

/** A cue that customers use in support but Reddit comments rarely do, with how hard it pushes. */
export interface SupportSignal {
  rule: string;
  label: SupportEmotion;
  /** 0..1, combined with the model's probability and other cues as a noisy OR. */
  strength: number;
  /** The text that fired the rule. */
  evidence: string;
}

interface SignalRule {
  rule: string;
  pattern: RegExp;
  /** Strength per label for one match, given how many times the rule matched in the text. */
  strengths: (match: RegExpMatchArray, matchCount: number) => Partial<Record<SupportEmotion, number>>;
}

// Capitalised words that are acronyms or the dataset's masks, not shouting.
const NOT_SHOUTING = 'NAME|RELIGION|API|FAQ|PDF|SMS|USB|VPN|CEO|ETA|USA|GDPR|PIN|SKU|URL|VAT|IOS|CSV|SSO|SLA|ASAP|OK|LOL';
// "I am furious", "we're really worried", "I feel so let down": the customer naming the feeling.
const SELF = "(?:i(?:'m| am)|i feel|i'm feeling|i am feeling|we(?:'re| are)|we feel)";
const INTENSIFIER = '(?:(?:so|really|very|extremely|absolutely|totally|quite|getting|becoming|beyond) )*';
const FEELINGS: ReadonlyArray<[string, Partial<Record<SupportEmotion, number>>]> = [
  ['furious|livid|outraged|fuming|angry|pissed(?: off)?|enraged', { anger: 0.55, annoyance: 0.2 }],
  ['frustrated|annoyed|irritated|fed up|sick of (?:this|it|waiting)|tired of (?:this|it|waiting)', { annoyance: 0.55 }],
  ['disappointed|let down|disheartened', { disappointment: 0.55 }],
  ['confused|puzzled', { confusion: 0.5 }],
  ['worried|anxious|nervous|stressed|concerned|panicking', { nervousness: 0.5 }],
  ['scared|afraid|frightened', { fear: 0.5 }],
];

const STILL_BROKEN_TAIL =
  "not|no|broken|waiting|nothing|doesn't|does not|isn't|is not|haven't|hasn't|can't|cannot|won't|down|failing|wrong|the same|happening|missing";

/**
 * Strengths were set by hand for support messages: a strong cue (0.4 or more) names an emotion on
 * its own ("third time", "nobody answered", "asap", "I am furious"); weak cues (ALL CAPS, "!!", a bare "again")
 * only add to an emotion the model already reports, or to each other.
 */
const RULES: readonly SignalRule[] = [
  {
    rule: 'all-caps',
    pattern: new RegExp(`\\b(?!(?:${NOT_SHOUTING})\\b)[A-Z]{3,}\\b`, 'g'),
    strengths: (_, count) => (count >= 3 ? { anger: 0.3, annoyance: 0.3 } : { anger: 0.1, annoyance: 0.1 }),
  },
  {
    rule: 'repeated-exclamation',
    pattern: /!{2,}/g,
    strengths: () => ({ anger: 0.1, annoyance: 0.15 }),
  },
  {
    rule: 'repeated-question',
    pattern: /\?{2,}|\?!|!\?/g,
    strengths: () => ({ confusion: 0.15, annoyance: 0.1 }),
  },
  {
    rule: 'nth-time',
    pattern: /\b(?:(?:second|third|fourth|fifth|sixth|umpteenth|nth|\d+(?:st|nd|rd|th)) time|how many times)\b/gi,
    strengths: () => ({ annoyance: 0.5, anger: 0.2 }),
  },
  {
    rule: 'still',
    pattern: new RegExp(`\\bstill\\b(?: (?:${STILL_BROKEN_TAIL})\\b)?`, 'gi'),
    strengths: (match) => (match[0].includes(' ') ? { annoyance: 0.45 } : { annoyance: 0.1 }),
  },
  {
    rule: 'again',
    pattern: /\b(?:thanks? (?:you )?)?(?:(?:yet|once|all over) )?again\b/gi,
    strengths: (match) => {
      const phrase = match[0].toLowerCase();
      if (phrase.startsWith('thank')) return {};
      return phrase === 'again' ? { annoyance: 0.1 } : { annoyance: 0.4 };
    },
  },
  {
    rule: 'no-answer',
    pattern:
      /\b(?:(?:nobody|no one|no-one|noone)(?: has| had| ever)? (?:answered|replied|responded|got back|called back|helped|bothered)|no (?:answer|reply|response)|(?:haven't|have not|never|didn't|did not) (?:heard|hear) back|ignor(?:ed|ing) (?:me|us|my)|still waiting)\b/gi,
    strengths: () => ({ annoyance: 0.45, anger: 0.2 }),
  },
  ...FEELINGS.map(
    ([words, strengths]): SignalRule => ({
      rule: 'self-report',
      pattern: new RegExp(`\\b${SELF} ${INTENSIFIER}(?:${words})\\b`, 'gi'),
      strengths: () => strengths,
    }),
  ),
  {
    rule: 'urgency',
    pattern: /\b(?:asap|urgent(?:ly)?|emergency|immediately|right (?:now|away)|as soon as possible|deadline|time[- ]sensitive|today|tonight|by tomorrow)\b/gi,
    // "today" or "right now" alone is often just a time ("I ordered today"): a weak cue.
    strengths: (match) => (/^(?:today|tonight|right now)$/i.test(match[0]) ? { nervousness: 0.1 } : { nervousness: 0.45 }),
  },
];

/** A label the support cues alone are this sure of is reported even when the model is not. */
export const SIGNAL_REPORT_STRENGTH = 0.4;

/** At most one signal per rule and label (the strongest match), so ten capitalised words are not ten cues. */
export function detectSupportSignals(text: string): SupportSignal[] {
  const strongest = new Map<string, SupportSignal>();
  for (const { rule, pattern, strengths } of RULES) {
    const matches = [...text.matchAll(pattern)];
    for (const match of matches) {
      for (const [label, strength] of Object.entries(strengths(match, matches.length)) as Array<[SupportEmotion, number]>) {
        const key = `${rule}:${label}`;
        const current = strongest.get(key);
        if (!current || strength > current.strength) strongest.set(key, { rule, label, strength, evidence: match[0] });
      }
    }
  }
  return [...strongest.values()];
}

/** Noisy OR: the chance that at least one of independent pieces of evidence is right. */
export function noisyOr(probabilities: readonly number[]): number {
  return 1 - probabilities.reduce((unlikely, p) => unlikely * (1 - p), 1);
}
