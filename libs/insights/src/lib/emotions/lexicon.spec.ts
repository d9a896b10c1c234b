import { lexiconHits } from './lexicon';

describe('lexiconHits', () => {
  it('finds words and multi-word phrases per emotion, quoting the customer', () => {
    const hits = lexiconHits("I'm FURIOUS and, frankly, fed up. I don't understand why nobody replied.");
    expect(hits.get('anger')).toEqual(['FURIOUS', 'fed up']);
    expect(hits.get('confusion')).toEqual(["don't understand"]);
  });

  it('matches whole words only', () => {
    expect(lexiconHits('the hatestream of thanksgiving').size).toBe(0);
  });

  it('understands curly apostrophes', () => {
    expect(lexiconHits('I don’t understand').get('confusion')).toEqual(["don't understand"]);
  });
});
