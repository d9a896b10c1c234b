import { matchCatalog } from './catalog-match';
import { CATALOG } from './testing-catalog';

describe('matchCatalog', () => {
  it('matches "how do I speed up our workflow?" to Workflow Automation, naming the words and fields', () => {
    const [best, ...rest] = matchCatalog('how do I speed up our workflow?', CATALOG);
    expect(best).toEqual(
      expect.objectContaining({
        sku: 'WF-AUTO',
        matchedWords: ['speed', 'workflow'],
        reason: 'you asked about "speed", "workflow" → Workflow Automation (name: Workflow; tags: speed, workflow; description: speed, workflow)',
      }),
    );
    expect(rest).toEqual([]);
  });

  it('meets word forms half way (automated ~ automation, reports ~ report)', () => {
    expect(matchCatalog('can this be automated?', CATALOG)[0].sku).toBe('WF-AUTO');
    expect(matchCatalog('I need a report on response time', CATALOG)[0].sku).toBe('AN-ADD');
  });

  it('ranks a rarer word above a common one', () => {
    const matches = matchCatalog('helpdesk with sso', CATALOG);
    expect(matches[0].sku).toBe('HD-ENT');
    expect(matches.map((m) => m.sku)).toEqual(expect.arrayContaining(['HD-BASIC', 'HD-PRO']));
  });

  it('ignores stop words and returns nothing when nothing matches', () => {
    expect(matchCatalog('hi, can you please help me with this?', CATALOG)).toEqual([]);
    expect(matchCatalog('anything', [])).toEqual([]);
  });
});
