import { TextFeelings } from '../emotions/analyze-text';
import { aggregateConversation, isContent, isUpset } from './aggregate-conversation';

const angry: TextFeelings = {
  sentiment: { score: -0.8, label: 'negative' },
  emotions: [{ label: 'anger', score: 0.8, evidence: ['unacceptable'] }],
};
const neutral: TextFeelings = {
  sentiment: { score: 0, label: 'neutral' },
  emotions: [],
};
const grateful: TextFeelings = {
  sentiment: { score: 0.6, label: 'positive' },
  emotions: [{ label: 'gratitude', score: 0.95, evidence: ['thanks'] }],
};
const at = (minute: number) => new Date(Date.UTC(2026, 10, 19, 10, minute));

describe('aggregateConversation', () => {
  it('has a neutral mood without messages', () => {
    expect(aggregateConversation([])).toEqual({
      sentiment: { score: 0, label: 'neutral' },
      emotions: [],
      turned: false,
      messageCount: 0,
    });
  });

  it('weighs recent messages more: each older message counts half', () => {
    const mood = aggregateConversation([
      { at: at(1), feelings: angry },
      { at: at(2), feelings: neutral },
    ]);
    // sentiment (0.5 * -0.8 + 1 * 0) / 1.5; anger 0.8 decays to 0.4
    expect(mood.sentiment).toEqual({ score: -0.27, label: 'negative' });
    expect(mood.emotions).toEqual([{ label: 'anger', score: 0.4, evidence: ['unacceptable'] }]);
    expect(mood.turned).toBe(false);
  });

  it('lets an emotion fade out after enough newer messages', () => {
    const mood = aggregateConversation([
      { at: at(1), feelings: angry },
      { at: at(2), feelings: neutral },
      { at: at(3), feelings: neutral },
    ]);
    expect(mood.emotions).toEqual([]);
  });

  it('orders messages by time, not by array position', () => {
    const mood = aggregateConversation([
      { at: at(2), feelings: neutral },
      { at: at(1), feelings: angry },
    ]);
    expect(mood.emotions[0].score).toBe(0.4);
  });

  it('turns when the latest message is positive after negative ones: the latest mood alone counts', () => {
    const mood = aggregateConversation([
      { at: at(1), feelings: angry },
      { at: at(2), feelings: angry },
      { at: at(3), feelings: grateful },
    ]);
    expect(mood).toEqual({ ...grateful, turned: true, messageCount: 3 });
  });

  it('does not call a conversation that was never negative "turned"', () => {
    expect(
      aggregateConversation([
        { at: at(1), feelings: neutral },
        { at: at(2), feelings: grateful },
      ]).turned,
    ).toBe(false);
  });
});

describe('isContent and isUpset', () => {
  it('tells content, upset and neither apart', () => {
    expect([isContent(grateful), isUpset(grateful)]).toEqual([true, false]);
    expect([isContent(angry), isUpset(angry)]).toEqual([false, true]);
    expect([isContent(neutral), isUpset(neutral)]).toEqual([false, false]);
    const thanksButWorried: TextFeelings = {
      ...grateful,
      emotions: [...grateful.emotions, { label: 'nervousness', score: 0.5, evidence: [] }],
    };
    expect(isContent(thanksButWorried)).toBe(false);
  });
});
