import { associatedItems, mineAssociations, popularItems } from './associations';

// Five baskets: A in 4, B in 3, C in 3; each pair together in 2.
const BASKETS = [
  ['A', 'B'],
  ['A', 'B', 'C'],
  ['A', 'C'],
  ['B', 'C'],
  ['A', 'A'],
];

describe('mineAssociations', () => {
  it('computes support, confidence and lift as by hand', () => {
    const rules = mineAssociations(BASKETS, {
      minSupport: 0,
      minConfidence: 0,
    });
    const rule = (antecedent: string, consequent: string) => rules.find((r) => r.antecedent === antecedent && r.consequent === consequent);
    // A→B: both in 2 of 5 baskets; B in 2 of the 4 baskets with A; P(B) = 3/5
    expect(rule('A', 'B')).toEqual({
      antecedent: 'A',
      consequent: 'B',
      count: 2,
      support: 2 / 5,
      confidence: 2 / 4,
      lift: 2 / 4 / (3 / 5),
    });
    // B→A: 2 of the 3 baskets with B hold A; P(A) = 4/5
    expect(rule('B', 'A')).toEqual({
      antecedent: 'B',
      consequent: 'A',
      count: 2,
      support: 2 / 5,
      confidence: 2 / 3,
      lift: 2 / 3 / (4 / 5),
    });
    // B→C: 2 of 3; P(C) = 3/5 → lift 10/9
    expect(rule('B', 'C')?.lift).toBeCloseTo(10 / 9, 12);
    expect(rules).toHaveLength(6);
  });

  it('orders rules strongest first and applies the thresholds', () => {
    const rules = mineAssociations(BASKETS, {
      minSupport: 0,
      minConfidence: 0.6,
    });
    expect(rules.map((r) => `${r.antecedent}→${r.consequent}`)).toEqual(['B→C', 'C→B', 'B→A', 'C→A']);
    expect(mineAssociations(BASKETS, { minSupport: 0.5, minConfidence: 0 })).toEqual([]);
  });

  it('keeps item labels exactly, trailing spaces included', () => {
    const rules = mineAssociations(
      [
        ['cream cheese ', 'milk'],
        ['cream cheese', 'milk'],
      ],
      { minSupport: 0, minConfidence: 0 },
    );
    expect(
      rules
        .filter((r) => r.consequent === 'milk')
        .map((r) => r.antecedent)
        .sort(),
    ).toEqual(['cream cheese', 'cream cheese ']);
  });
});

describe('popularItems', () => {
  it('counts baskets per item, most popular first, ties by name', () => {
    expect(popularItems(BASKETS)).toEqual([
      { item: 'A', count: 4, support: 4 / 5 },
      { item: 'B', count: 3, support: 3 / 5 },
      { item: 'C', count: 3, support: 3 / 5 },
    ]);
  });
});

describe('associatedItems', () => {
  it('scores each candidate by its strongest rule from what the customer has, never an owned item', () => {
    const rules = mineAssociations(BASKETS, {
      minSupport: 0,
      minConfidence: 0,
    });
    const items = associatedItems(['A', 'B'], rules);
    expect(items.map((entry) => [entry.item, entry.rule.antecedent, entry.rule.confidence])).toEqual([['C', 'B', 2 / 3]]);
    expect(associatedItems(['A'], rules).map((entry) => entry.item)).toEqual(['B', 'C']);
  });
});
