import { mineAssociations } from './associations';
import { scoreSuggestions, ScoreSuggestionsInput } from './score-suggestions';
import { CATALOG } from './testing-catalog';

const base: ScoreSuggestionsInput = {
  customerText: [],
  owned: [],
  declinedRecently: [],
  products: CATALOG,
  associations: [],
  timing: { suppressed: false },
};
const skus = (input: Partial<ScoreSuggestionsInput>) => scoreSuggestions({ ...base, ...input }).suggestions.map((s) => s.sku);

describe('scoreSuggestions', () => {
  it('suggests what the customer asks for, with the matched words as the reason', () => {
    const { suggestions, suppressed } = scoreSuggestions({
      ...base,
      customerText: ['how do I speed up our workflow?'],
    });
    expect(suppressed).toBeUndefined();
    expect(suggestions[0]).toEqual(
      expect.objectContaining({
        sku: 'WF-AUTO',
        name: 'Workflow Automation',
        reasons: [expect.stringContaining('you asked about "speed", "workflow"')],
      }),
    );
  });

  it('suggests the upgrade of an owned product, with its reason', () => {
    const { suggestions } = scoreSuggestions({ ...base, owned: ['HD-BASIC'] });
    expect(suggestions).toEqual([
      {
        sku: 'HD-PRO',
        name: 'Helpdesk Pro',
        score: 0.3,
        reasons: ['upgrade path: owns Helpdesk Basic → Helpdesk Pro'],
      },
    ]);
  });

  it('adds what customers who bought the same bought next, with confidence and lift', () => {
    const associations = mineAssociations([['HD-BASIC', 'SMS'], ['HD-BASIC', 'SMS'], ['HD-BASIC'], ['AN-ADD']], { minSupport: 0, minConfidence: 0 });
    const { suggestions } = scoreSuggestions({
      ...base,
      owned: ['HD-BASIC'],
      associations,
    });
    expect(suggestions.find((s) => s.sku === 'SMS')).toEqual({
      sku: 'SMS',
      name: 'SMS Channel',
      score: 0.17, // 0.25 * 2/3
      reasons: ['customers who bought Helpdesk Basic also bought SMS Channel (67% of them, lift 1.3)'],
    });
  });

  it('combines signals into one score and orders by it', () => {
    const associations = mineAssociations(
      [
        ['HD-BASIC', 'WF-AUTO'],
        ['HD-BASIC', 'WF-AUTO'],
      ],
      { minSupport: 0, minConfidence: 0 },
    );
    const { suggestions } = scoreSuggestions({
      ...base,
      owned: ['HD-BASIC'],
      associations,
      customerText: ['can we automate this workflow?'],
    });
    expect(suggestions[0].sku).toBe('WF-AUTO');
    expect(suggestions[0].reasons).toHaveLength(2);
    expect(suggestions[0].score).toBeGreaterThan(0.5);
  });

  it('never suggests an owned product, nor a lower tier of one', () => {
    expect(skus({ owned: ['WF-AUTO'], customerText: ['speed up our workflow'] })).not.toContain('WF-AUTO');
    expect(skus({ owned: ['HD-ENT'], customerText: ['helpdesk plan'] })).toEqual([]);
  });

  it('never suggests a product declined recently', () => {
    expect(
      skus({
        declinedRecently: ['WF-AUTO'],
        customerText: ['speed up our workflow'],
      }),
    ).toEqual([]);
    expect(skus({ owned: ['HD-BASIC'], declinedRecently: ['HD-PRO'] })).toEqual([]);
  });

  it('suggests nothing while suppressed, and says why', () => {
    expect(
      scoreSuggestions({
        ...base,
        customerText: ['speed up our workflow'],
        timing: {
          suppressed: true,
          reason: 'resolve first: the customer is angry',
        },
      }),
    ).toEqual({
      suggestions: [],
      suppressed: { reason: 'resolve first: the customer is angry' },
    });
  });

  it('keeps to the limit', () => {
    expect(skus({ customerText: ['helpdesk plan'], limit: 2 })).toHaveLength(2);
  });
});
