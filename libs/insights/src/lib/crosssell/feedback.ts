export interface ShownSuggestion {
  sku: string;
  shownAt: Date;
}

export interface OrderOf {
  sku: string;
  orderedAt: Date;
}

const DAY_MS = 86_400_000;

/** The first order of the suggested product within `days` after it was shown (a conversion), or null. */
export function conversionWithin<T extends OrderOf>(suggestion: ShownSuggestion, orders: readonly T[], days = 30): T | null {
  const from = suggestion.shownAt.getTime();
  const until = from + days * DAY_MS;
  return (
    orders
      .filter((order) => order.sku === suggestion.sku && order.orderedAt.getTime() > from && order.orderedAt.getTime() <= until)
      .sort((a, b) => a.orderedAt.getTime() - b.orderedAt.getTime())[0] ?? null
  );
}

export interface SuggestionCounts {
  /** Conversations that were enriched (could have shown suggestions). */
  conversations: number;
  /** Of those, conversations where at least one suggestion was shown. */
  conversationsWithSuggestions: number;
  shown: number;
  accepted: number;
  converted: number;
}

export interface SuggestionRates {
  /** Share of conversations that showed a suggestion. */
  suggestionRate: number | null;
  /** Share of shown suggestions the agent accepted. */
  acceptanceRate: number | null;
  /** Share of shown suggestions followed by an order within 30 days. */
  conversionRate: number | null;
}

/** Rates are null, not 0, when nothing was counted yet: "no data" is not "never works". */
export function rates(counts: SuggestionCounts): SuggestionRates {
  const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);
  return {
    suggestionRate: share(counts.conversationsWithSuggestions, counts.conversations),
    acceptanceRate: share(counts.accepted, counts.shown),
    conversionRate: share(counts.converted, counts.shown),
  };
}
