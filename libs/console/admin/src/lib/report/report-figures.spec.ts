import type { InsightsReportView } from '@throughline/domain';
import { percent, reportRates } from './report-figures';

const report = (overrides: Partial<InsightsReportView> = {}): InsightsReportView => ({
  days: 30,
  since: '2026-10-25T12:00:00.000Z',
  conversations: 8,
  conversationsWithSuggestions: 2,
  shown: 4,
  accepted: 1,
  dismissed: 1,
  converted: 1,
  suggestionRate: 0.25,
  acceptanceRate: 0.25,
  conversionRate: 0.25,
  promptUses: 3,
  ...overrides,
});

describe('report figures', () => {
  it('should show rates as percentages with one decimal at most', () => {
    expect(percent(0.25)).toBe('25 %');
    expect(percent(1 / 3)).toBe('33.3 %');
    expect(percent(0)).toBe('0 %');
    expect(percent(null)).toBe('–');
  });

  it('should say what each rate counts', () => {
    expect(reportRates(report()).map((r) => [r.label, r.value, r.note])).toEqual([
      ['Suggestion rate', '25 %', '2 of 8 conversations were offered a product.'],
      ['Acceptance rate', '25 %', '1 of 4 suggestions shown were accepted by an agent.'],
      ['Conversion rate', '25 %', '1 of 4 suggestions shown were followed by an order of that product within 30 days.'],
    ]);
  });

  it('should say why a rate has no figure', () => {
    const empty = report({
      conversations: 0,
      conversationsWithSuggestions: 0,
      shown: 0,
      accepted: 0,
      converted: 0,
      suggestionRate: null,
      acceptanceRate: null,
      conversionRate: null,
    });
    expect(reportRates(empty).map((r) => [r.value, r.note])).toEqual([
      ['–', 'No conversation had insights computed in this window.'],
      ['–', 'No suggestion was shown in this window.'],
      ['–', 'No suggestion was shown in this window, so none could lead to an order.'],
    ]);
  });
});
