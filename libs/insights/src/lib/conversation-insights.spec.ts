import { conversationInsights, ConversationInsightsInput } from './conversation-insights';
import { CATALOG } from './crosssell/testing-catalog';
import { HistoryMessage } from './history/analyze-history';

const NOW = new Date('2026-11-19T12:00:00Z');
const message = (conversationId: string, channel: string, direction: HistoryMessage['direction'], iso: string, text: string): HistoryMessage => ({
  conversationId,
  channel,
  direction,
  at: new Date(iso),
  text,
});
const input = (contacts: HistoryMessage[], overrides: Partial<ConversationInsightsInput> = {}): ConversationInsightsInput => ({
  now: NOW,
  conversationId: 'current',
  contacts,
  conversations: [
    {
      id: 'current',
      status: 'open',
      createdAt: new Date('2026-11-19T09:00:00Z'),
    },
  ],
  crossSell: {
    products: CATALOG,
    associations: [],
    owned: ['HD-BASIC'],
    declinedRecently: [],
  },
  ...overrides,
});

describe('conversationInsights', () => {
  it('an angry third contact in a week: acknowledgement of the repetition, no upsell, cross-sell held back', () => {
    const insights = conversationInsights(
      input([
        message('e1', 'email', 'inbound', '2026-11-16T09:12:00Z', 'My exports fail.'),
        message('t1', 'x', 'inbound', '2026-11-17T11:30:00Z', '@acme exports still failing, no reply to my email'),
        message('current', 'phone', 'inbound', '2026-11-19T10:00:00Z', "This is the THIRD time I'm writing, still broken!!"),
      ]),
    );
    expect(insights.sentiment.label).toBe('negative');
    expect(insights.emotions[0]).toEqual(
      expect.objectContaining({
        label: 'annoyance',
        evidence: expect.arrayContaining(['THIRD time', 'still broken']),
      }),
    );
    expect(insights.prompts[0]).toEqual(
      expect.objectContaining({
        id: 'acknowledge-repeat-contact',
        text: expect.stringContaining('third time'),
        why: 'third contact in 7 days: email, X, phone',
      }),
    );
    expect(insights.guidance.map((line) => line.text)).toContain('No upsell now: resolve the problem first.');
    expect(insights.history.map((signal) => signal.kind)).toEqual(expect.arrayContaining(['repeat-contact', 'channel-switch']));
    expect(insights.suggestions).toEqual([]);
    expect(insights.suppressed).toEqual({
      reason: 'resolve first: the customer is frustrated',
    });
  });

  it('"thanks, that fixed it!" after a bad start: the mood turns, no de-escalation, suggestions return', () => {
    const insights = conversationInsights(
      input([
        message('current', 'chat', 'inbound', '2026-11-19T10:00:00Z', 'This is unacceptable, the export is broken again!!'),
        message('current', 'chat', 'outbound', '2026-11-19T10:05:00Z', 'Sorry! Try the new export button.'),
        message('current', 'chat', 'inbound', '2026-11-19T10:10:00Z', 'thanks, that fixed it!'),
      ]),
    );
    expect(insights.moodTurned).toBe(true);
    expect(insights.emotions.map((emotion) => emotion.label)).toEqual(['gratitude']);
    expect(insights.prompts.map((prompt) => prompt.id)).toEqual(['thank-you-warm']);
    expect(insights.guidance).toEqual([]);
    expect(insights.suppressed).toBeUndefined();
    expect(insights.suggestions.map((suggestion) => suggestion.sku)).toEqual(['HD-PRO']);
  });

  it('"how do I speed up our workflow?": calm, and a catalog match that names the words', () => {
    const insights = conversationInsights(input([message('current', 'email', 'inbound', '2026-11-19T11:00:00Z', 'how do I speed up our workflow?')]));
    expect(insights.sentiment.label).toBe('neutral');
    expect(insights.suppressed).toBeUndefined();
    expect(insights.suggestions[0]).toEqual(
      expect.objectContaining({
        sku: 'WF-AUTO',
        reasons: [expect.stringContaining('you asked about "speed", "workflow" → Workflow Automation')],
      }),
    );
    expect(insights.suggestions.map((suggestion) => suggestion.sku)).not.toContain('HD-BASIC');
  });

  it('holds cross-sell back without a catalog too, and says why', () => {
    const insights = conversationInsights(
      input([message('current', 'email', 'inbound', '2026-11-19T11:00:00Z', 'I am furious, this is a scam')], { crossSell: undefined }),
    );
    expect(insights.suppressed?.reason).toMatch(/^resolve first: /);
    expect(insights.suggestions).toEqual([]);
  });
});
