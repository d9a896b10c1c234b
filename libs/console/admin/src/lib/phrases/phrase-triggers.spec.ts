import { formatTriggers, parseTriggers } from './phrase-triggers';

describe('phrase triggers as text', () => {
  it('should read emotions, minimum scores and history signals', () => {
    expect(parseTriggers('anger >= 0.4, Annoyance,\nhistory: repeat-contact')).toEqual([
      { emotion: 'anger', minScore: 0.4 },
      { emotion: 'annoyance' },
      { history: 'repeat-contact' },
    ]);
    expect(parseTriggers('fear ≥ .5')).toEqual([{ emotion: 'fear', minScore: 0.5 }]);
    expect(parseTriggers(' , ')).toEqual([]);
  });

  it('should write what it reads back', () => {
    const triggers = [{ emotion: 'anger', minScore: 0.4 }, { emotion: 'sadness' }, { history: 'long-wait' }];
    expect(formatTriggers(triggers)).toBe('anger ≥ 0.4, sadness, history: long-wait');
    expect(parseTriggers(formatTriggers(triggers))).toEqual(triggers);
  });

  it('should name the part it cannot read', () => {
    expect(() => parseTriggers('anger, very angry!')).toThrow('“very angry!” is not a trigger');
    expect(() => parseTriggers('history repeat-contact')).toThrow('“history repeat-contact”');
  });
});
