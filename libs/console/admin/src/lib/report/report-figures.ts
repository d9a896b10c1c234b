import type { InsightsReportView } from '@throughline/domain';

export interface ReportRate {
  label: string;
  /** "42 %" or "–". */
  value: string;
  /** How it is counted, or why there is no figure yet. */
  note: string;
}

export function percent(rate: number | null): string {
  return rate === null ? '–' : `${Math.round(rate * 1000) / 10} %`;
}

/** The three rates of the report, each with what it counts or, when null, why there is nothing to count. */
export function reportRates(r: InsightsReportView): ReportRate[] {
  return [
    {
      label: 'Suggestion rate',
      value: percent(r.suggestionRate),
      note:
        r.suggestionRate === null
          ? 'No conversation had insights computed in this window.'
          : `${r.conversationsWithSuggestions} of ${r.conversations} conversations were offered a product.`,
    },
    {
      label: 'Acceptance rate',
      value: percent(r.acceptanceRate),
      note: r.acceptanceRate === null ? 'No suggestion was shown in this window.' : `${r.accepted} of ${r.shown} suggestions shown were accepted by an agent.`,
    },
    {
      label: 'Conversion rate',
      value: percent(r.conversionRate),
      note:
        r.conversionRate === null
          ? 'No suggestion was shown in this window, so none could lead to an order.'
          : `${r.converted} of ${r.shown} suggestions shown were followed by an order of that product within 30 days.`,
    },
  ];
}
