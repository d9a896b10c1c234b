import { conversionWithin, rates } from './feedback';

describe('conversionWithin', () => {
  const shown = { sku: 'HD-PRO', shownAt: new Date('2026-11-01T10:00:00Z') };
  const order = (sku: string, iso: string) => ({
    sku,
    orderedAt: new Date(iso),
  });

  it('counts the first order of the suggested product within 30 days', () => {
    const orders = [order('SMS', '2026-11-02T00:00:00Z'), order('HD-PRO', '2026-11-20T00:00:00Z'), order('HD-PRO', '2026-11-05T00:00:00Z')];
    expect(conversionWithin(shown, orders)).toEqual(order('HD-PRO', '2026-11-05T00:00:00Z'));
  });

  it('does not count orders before it was shown or after the window', () => {
    expect(conversionWithin(shown, [order('HD-PRO', '2026-10-31T00:00:00Z'), order('HD-PRO', '2026-12-01T10:00:01Z')])).toBeNull();
    expect(conversionWithin(shown, [order('HD-PRO', '2026-12-01T10:00:00Z')])).not.toBeNull();
    expect(conversionWithin(shown, [order('HD-PRO', '2026-11-09T00:00:00Z')], 7)).toBeNull();
  });
});

describe('rates', () => {
  it('reports suggestion, acceptance and conversion rates', () => {
    expect(
      rates({
        conversations: 200,
        conversationsWithSuggestions: 50,
        shown: 80,
        accepted: 20,
        converted: 8,
      }),
    ).toEqual({
      suggestionRate: 0.25,
      acceptanceRate: 0.25,
      conversionRate: 0.1,
    });
  });

  it('reports "no data" as null rather than 0', () => {
    expect(
      rates({
        conversations: 0,
        conversationsWithSuggestions: 0,
        shown: 0,
        accepted: 0,
        converted: 0,
      }),
    ).toEqual({
      suggestionRate: null,
      acceptanceRate: null,
      conversionRate: null,
    });
  });
});
