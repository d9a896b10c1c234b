import { TextFeelings } from '../emotions/analyze-text';
import { crossSellTiming } from './timing';

const calm: TextFeelings = {
  sentiment: { score: 0.1, label: 'positive' },
  emotions: [{ label: 'curiosity', score: 0.7, evidence: ['how do'] }],
};
const noHistory = { unresolvedComplaints: [], openPromises: [] };

describe('crossSellTiming', () => {
  it('allows cross-sell for a calm customer with nothing open', () => {
    expect(crossSellTiming({ mood: calm, history: noHistory })).toEqual({
      suppressed: false,
    });
    expect(crossSellTiming({ mood: calm })).toEqual({ suppressed: false });
  });

  it.each([
    ['angry', 'anger', 'resolve first: the customer is angry'],
    ['frustrated', 'annoyance', 'resolve first: the customer is frustrated'],
  ] as const)('holds it back while the customer is %s', (_, label, reason) => {
    expect(
      crossSellTiming({
        mood: { ...calm, emotions: [{ label, score: 0.5, evidence: [] }] },
      }),
    ).toEqual({ suppressed: true, reason });
  });

  it('holds it back for a clearly negative mood without an emotion label', () => {
    expect(
      crossSellTiming({
        mood: { sentiment: { score: -0.7, label: 'negative' }, emotions: [] },
      }),
    ).toEqual({
      suppressed: true,
      reason: 'resolve first: the customer is upset',
    });
  });

  it('holds it back while a complaint is unresolved or a promise is open', () => {
    const complaint = {
      conversationId: 'c',
      subject: 'Refund missing',
      status: 'open',
      sentiment: -0.6,
      reason: '',
    };
    expect(
      crossSellTiming({
        mood: calm,
        history: { ...noHistory, unresolvedComplaints: [complaint] },
      }),
    ).toEqual({
      suppressed: true,
      reason: 'resolve first: unresolved complaint "Refund missing"',
    });
    const promise = {
      kind: 'callback' as const,
      madeAt: new Date(),
      text: '',
      ageHours: 3,
      reason: '',
    };
    expect(
      crossSellTiming({
        mood: calm,
        history: { ...noHistory, openPromises: [promise] },
      }),
    ).toEqual({
      suppressed: true,
      reason: 'resolve first: we still owe them a callback',
    });
  });
});
