import { DEFAULT_EMPATHY_PHRASES, InvalidPhraseLibraryError, parsePhraseLibrary } from './empathy-phrases';

const valid = {
  id: 'my-phrase',
  kind: 'phrase',
  text: 'Sorry for the {waitedFor} wait.',
  tone: 'apologise',
  triggers: [{ history: 'long-wait' }],
  deescalates: true,
};

describe('parsePhraseLibrary', () => {
  it('accepts the default library and a valid admin entry', () => {
    expect(DEFAULT_EMPATHY_PHRASES.length).toBeGreaterThan(10);
    expect(parsePhraseLibrary([valid])).toEqual([valid]);
  });

  it.each([
    ['an unknown placeholder', { ...valid, text: 'Sorry {customerName}' }, 'unknown placeholder {customerName}'],
    ['an unknown emotion', { ...valid, triggers: [{ emotion: 'rage' }] }, '0.triggers.0: unknown emotion "rage"; known: anger,'],
    ['an unknown history signal', { ...valid, triggers: [{ history: 'vip' }] }, '0.triggers.0: unknown history signal "vip"; known: repeat-contact,'],
    ['no triggers', { ...valid, triggers: [] }, '0.triggers'],
    ['a trigger of neither kind', { ...valid, triggers: [{ mood: 'sad' }] }, '0.triggers.0: a trigger is { emotion, minScore? (0..1) } or { history }'],
    ['an empty text', { ...valid, text: '  ' }, '0.text'],
    ['a bad id', { ...valid, id: 'My Phrase' }, '0.id'],
  ])('rejects %s', (_, entry, mentioned) => {
    expect(() => parsePhraseLibrary([entry])).toThrow(InvalidPhraseLibraryError);
    expect(() => parsePhraseLibrary([entry])).toThrow(mentioned);
  });

  it('rejects duplicate ids', () => {
    expect(() => parsePhraseLibrary([valid, valid])).toThrow('1.id: duplicate id "my-phrase"');
  });
});
