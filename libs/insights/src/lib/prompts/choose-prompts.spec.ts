import { TextFeelings } from '../emotions/analyze-text';
import { HistorySignal } from '../history/analyze-history';
import { choosePrompts } from './choose-prompts';
import { DEFAULT_EMPATHY_PHRASES, EmpathyPhrase } from './empathy-phrases';

const angry: TextFeelings = {
  sentiment: { score: -0.6, label: 'negative' },
  emotions: [
    {
      label: 'annoyance',
      score: 0.82,
      evidence: ['third time', 'still broken', '!!'],
    },
  ],
};
const grateful: TextFeelings = {
  sentiment: { score: 0.49, label: 'positive' },
  emotions: [{ label: 'gratitude', score: 0.99, evidence: ['thanks'] }],
};
const confused: TextFeelings = {
  sentiment: { score: 0, label: 'neutral' },
  emotions: [{ label: 'confusion', score: 0.7, evidence: ["don't understand"] }],
};
const repeat: HistorySignal = {
  kind: 'repeat-contact',
  reason: 'third contact in 7 days: email, X, phone',
  facts: {
    contactOrdinal: 'third',
    contactCount: '3',
    contactChannels: 'email, X, phone',
  },
};
const deescalating = new Set(DEFAULT_EMPATHY_PHRASES.filter((phrase) => phrase.deescalates).map((phrase) => phrase.id));
const ids = (prompts: Array<{ id: string }>) => prompts.map((prompt) => prompt.id);

describe('choosePrompts', () => {
  it('gives an angry repeat customer an acknowledgement naming the repetition, and "no upsell now"', () => {
    const { prompts, guidance } = choosePrompts({
      feelings: angry,
      history: [repeat],
    });
    expect(prompts[0]).toEqual({
      id: 'acknowledge-repeat-contact',
      text: "This is the third time you've had to get in touch about this, and I'm sorry. I have the full history here, so you won't need to repeat anything.",
      why: 'third contact in 7 days: email, X, phone',
    });
    expect(prompts).toContainEqual(
      expect.objectContaining({
        id: 'acknowledge-frustration',
        why: 'annoyance 0.82 — "third time", "still broken", "!!"',
      }),
    );
    expect(ids(guidance)).toEqual(expect.arrayContaining(['guidance-apologise-once', 'guidance-own-the-fix', 'guidance-no-upsell']));
    expect(guidance.find((line) => line.id === 'guidance-no-upsell')?.text).toBe('No upsell now: resolve the problem first.');
  });

  it('names every reason a phrase applies, emotions and history together', () => {
    const { guidance } = choosePrompts({ feelings: angry, history: [repeat] });
    expect(guidance.find((line) => line.id === 'guidance-apologise-once')?.why).toBe(
      'annoyance 0.82 — "third time", "still broken", "!!"; third contact in 7 days: email, X, phone',
    );
  });

  it('gives a grateful customer no de-escalation, even with a repeat-contact history, but a warm thank-you', () => {
    const { prompts, guidance } = choosePrompts({
      feelings: grateful,
      history: [repeat],
    });
    expect([...ids(prompts), ...ids(guidance)].filter((id) => deescalating.has(id))).toEqual([]);
    expect(ids(prompts)).toEqual(['thank-you-warm']);
  });

  it('gives a confused customer clarification, not apologies', () => {
    const { prompts, guidance } = choosePrompts({ feelings: confused });
    expect(ids(prompts)).toEqual(['clarify-step-by-step']);
    expect(ids(guidance)).toEqual(['guidance-short-steps']);
  });

  it('ranks by relevance and keeps to the limits', () => {
    const { prompts } = choosePrompts({
      feelings: {
        ...angry,
        emotions: [...angry.emotions, { label: 'disappointment', score: 0.3, evidence: [] }],
      },
      history: [
        repeat,
        {
          kind: 'long-wait',
          reason: 'waiting 26 h since the email of Mon 09:12',
          facts: { waitedFor: '26 hours' },
        },
      ],
      maxPrompts: 2,
    });
    expect(ids(prompts)).toEqual(['acknowledge-repeat-contact', 'apologise-for-wait']);
  });

  it('skips a phrase whose placeholder the history cannot fill', () => {
    const phrases: EmpathyPhrase[] = [
      {
        id: 'needs-wait',
        kind: 'phrase',
        text: 'Sorry for the {waitedFor} wait.',
        tone: 'apologise',
        triggers: [{ emotion: 'annoyance' }],
        deescalates: true,
      },
    ];
    expect(choosePrompts({ feelings: angry, phrases }).prompts).toEqual([]);
  });

  it('respects an emotion trigger’s minimum score', () => {
    const phrases: EmpathyPhrase[] = [
      {
        id: 'very-annoyed',
        kind: 'phrase',
        text: 'I hear you.',
        tone: 'acknowledge',
        triggers: [{ emotion: 'annoyance', minScore: 0.9 }],
        deescalates: true,
      },
    ];
    expect(choosePrompts({ feelings: angry, phrases }).prompts).toEqual([]);
  });

  it('offers nothing to a calm message without history', () => {
    expect(
      choosePrompts({
        feelings: { sentiment: { score: 0, label: 'neutral' }, emotions: [] },
      }),
    ).toEqual({ prompts: [], guidance: [] });
  });
});
