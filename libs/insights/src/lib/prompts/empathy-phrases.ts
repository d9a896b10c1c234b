import { z } from 'zod';
import { SUPPORT_EMOTIONS } from '../emotions/labels';
import { HISTORY_FACTS, HISTORY_SIGNAL_KINDS } from '../history/analyze-history';

/** Why a trigger is refused, naming what was given (zod's own word for a failed union is "Invalid input"). */
function describeBadTrigger(input: unknown): string {
  const trigger = (input ?? {}) as Record<string, unknown>;
  if ('emotion' in trigger && !(SUPPORT_EMOTIONS as readonly unknown[]).includes(trigger['emotion'])) {
    return `unknown emotion ${JSON.stringify(trigger['emotion'])}; known: ${SUPPORT_EMOTIONS.join(', ')}`;
  }
  if ('history' in trigger && !(HISTORY_SIGNAL_KINDS as readonly unknown[]).includes(trigger['history'])) {
    return `unknown history signal ${JSON.stringify(trigger['history'])}; known: ${HISTORY_SIGNAL_KINDS.join(', ')}`;
  }
  return 'a trigger is { emotion, minScore? (0..1) } or { history }, nothing else';
}

const triggerSchema = z.union(
  [
    z
      .object({
        emotion: z.enum(SUPPORT_EMOTIONS),
        minScore: z.number().min(0).max(1).optional(),
      })
      .strict(),
    z.object({ history: z.enum(HISTORY_SIGNAL_KINDS) }).strict(),
  ],
  { error: (issue) => describeBadTrigger(issue.input) },
);

const PLACEHOLDER = /\{(\w+)\}/g;

export const empathyPhraseSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lowercase letters, digits and dashes'),
    /** A phrase the agent inserts with one click, or a one-line guidance for the agent. */
    kind: z.enum(['phrase', 'guidance']),
    /** May use {placeholders} from the history, e.g. {contactOrdinal}. */
    text: z.string().trim().min(1).max(400),
    tone: z.enum(['acknowledge', 'apologise', 'reassure', 'clarify', 'thank', 'guide']),
    /** Offered when any trigger matches. */
    triggers: z.array(triggerSchema).min(1),
    /** De-escalating phrases and guidance are never offered to a content customer. */
    deescalates: z.boolean(),
  })
  .strict()
  .superRefine((phrase, context) => {
    for (const [, name] of phrase.text.matchAll(PLACEHOLDER)) {
      if (!(HISTORY_FACTS as readonly string[]).includes(name)) {
        context.addIssue({
          code: 'custom',
          path: ['text'],
          message: `unknown placeholder {${name}}; known: ${HISTORY_FACTS.join(', ')}`,
        });
      }
    }
  });

export type EmpathyPhrase = z.infer<typeof empathyPhraseSchema>;
export type PhraseTrigger = EmpathyPhrase['triggers'][number];

export class InvalidPhraseLibraryError extends Error {
  constructor(details: string) {
    super(`Invalid phrase library: ${details}`);
    this.name = 'InvalidPhraseLibraryError';
  }
}

/** Validates an admin-edited phrase library (unique ids, known emotions, signals and placeholders). */
export function parsePhraseLibrary(input: unknown): EmpathyPhrase[] {
  const parsed = z
    .array(empathyPhraseSchema)
    .superRefine((phrases, context) => {
      const seen = new Set<string>();
      phrases.forEach((phrase, index) => {
        if (seen.has(phrase.id))
          context.addIssue({
            code: 'custom',
            path: [index, 'id'],
            message: `duplicate id "${phrase.id}"`,
          });
        seen.add(phrase.id);
      });
    })
    .safeParse(input);
  if (!parsed.success) {
    throw new InvalidPhraseLibraryError(parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; '));
  }
  return parsed.data;
}

/** The seed library; admins edit their copy. Order breaks ties between equally relevant entries. */
export const DEFAULT_EMPATHY_PHRASES: readonly EmpathyPhrase[] = parsePhraseLibrary([
  {
    id: 'acknowledge-repeat-contact',
    kind: 'phrase',
    text: "This is the {contactOrdinal} time you've had to get in touch about this, and I'm sorry. I have the full history here, so you won't need to repeat anything.",
    tone: 'acknowledge',
    triggers: [{ history: 'repeat-contact' }],
    deescalates: true,
  },
  {
    id: 'own-open-promise',
    kind: 'phrase',
    text: "I can see we promised you a {promiseKind} and haven't followed through yet. I'm sorry — I'm taking care of it right now.",
    tone: 'apologise',
    triggers: [{ history: 'open-promise' }],
    deescalates: true,
  },
  {
    id: 'acknowledge-frustration',
    kind: 'phrase',
    text: "I understand how frustrating this is, and I'm sorry. Let's get it fixed now.",
    tone: 'acknowledge',
    triggers: [{ emotion: 'anger' }, { emotion: 'annoyance' }],
    deescalates: true,
  },
  {
    id: 'acknowledge-channel-switch',
    kind: 'phrase',
    text: "Sorry we didn't answer your {switchedFrom} message. I have it here with everything else, so we can carry on right here.",
    tone: 'apologise',
    triggers: [{ history: 'channel-switch' }],
    deescalates: true,
  },
  {
    id: 'apologise-for-wait',
    kind: 'phrase',
    text: "I'm sorry you waited {waitedFor} for an answer — you should have heard from us much sooner.",
    tone: 'apologise',
    triggers: [{ history: 'long-wait' }],
    deescalates: true,
  },
  {
    id: 'acknowledge-disappointment',
    kind: 'phrase',
    text: "I'm sorry this let you down — that's not the experience we want you to have.",
    tone: 'acknowledge',
    triggers: [{ emotion: 'disappointment' }, { emotion: 'sadness' }],
    deescalates: true,
  },
  {
    id: 'reassure-urgency',
    kind: 'phrase',
    text: "I understand this is time-sensitive. I'm on it now and will update you by [time].",
    tone: 'reassure',
    triggers: [{ emotion: 'nervousness' }, { emotion: 'fear' }],
    deescalates: true,
  },
  {
    id: 'acknowledge-previous-trouble',
    kind: 'phrase',
    text: "I know you've had trouble with us before, so I want to make sure this one is done right.",
    tone: 'acknowledge',
    triggers: [{ history: 'previous-negative' }],
    deescalates: true,
  },
  {
    id: 'clarify-step-by-step',
    kind: 'phrase',
    text: 'Good question — let me walk you through it step by step.',
    tone: 'clarify',
    triggers: [{ emotion: 'confusion' }],
    deescalates: false,
  },
  {
    id: 'happy-to-help',
    kind: 'phrase',
    text: 'Happy to help with that!',
    tone: 'clarify',
    triggers: [{ emotion: 'curiosity' }],
    deescalates: false,
  },
  {
    id: 'thank-you-warm',
    kind: 'phrase',
    text: "You're welcome — I'm glad it's sorted! Is there anything else I can help with?",
    tone: 'thank',
    triggers: [{ emotion: 'gratitude' }, { emotion: 'joy' }, { emotion: 'relief' }],
    deescalates: false,
  },
  {
    id: 'guidance-apologise-once',
    kind: 'guidance',
    text: 'Apologise once, then move to the fix.',
    tone: 'guide',
    triggers: [
      { emotion: 'anger' },
      { emotion: 'annoyance' },
      { emotion: 'disappointment' },
      { history: 'repeat-contact' },
      { history: 'long-wait' },
      { history: 'open-promise' },
    ],
    deescalates: true,
  },
  {
    id: 'guidance-own-the-fix',
    kind: 'guidance',
    text: 'Own the fix: say what you will do, not what the customer should have done.',
    tone: 'guide',
    triggers: [{ emotion: 'anger' }, { emotion: 'annoyance' }, { emotion: 'disappointment' }, { history: 'repeat-contact' }, { history: 'open-promise' }],
    deescalates: true,
  },
  {
    id: 'guidance-give-a-time',
    kind: 'guidance',
    text: 'Give a time for the next update — and keep it.',
    tone: 'guide',
    triggers: [{ emotion: 'nervousness' }, { emotion: 'fear' }, { history: 'long-wait' }, { history: 'open-promise' }, { history: 'channel-switch' }],
    deescalates: true,
  },
  {
    id: 'guidance-no-upsell',
    kind: 'guidance',
    text: 'No upsell now: resolve the problem first.',
    tone: 'guide',
    triggers: [{ emotion: 'anger' }, { emotion: 'annoyance' }, { history: 'unresolved-complaint' }],
    deescalates: true,
  },
  {
    id: 'guidance-short-steps',
    kind: 'guidance',
    text: 'Answer in short numbered steps, without jargon.',
    tone: 'guide',
    triggers: [{ emotion: 'confusion' }],
    deescalates: false,
  },
]);
