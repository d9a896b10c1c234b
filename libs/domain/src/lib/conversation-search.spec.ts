import { formatConversationRef } from './conversation-ref';
import { containsPattern, parseConversationSearch } from './conversation-search';

describe('parseConversationSearch', () => {
  it('should read a reference with or without #, but not a plain word', () => {
    expect(parseConversationSearch('#4F2K').sequence).toBe(4 * 32 ** 3 + 15 * 32 ** 2 + 2 * 32 + 19);
    expect(parseConversationSearch(' 4f2k ').sequence).toBe(parseConversationSearch('#4F2K').sequence);
    expect(parseConversationSearch(formatConversationRef(7)).sequence).toBe(7);
    expect(parseConversationSearch('help').sequence).toBeNull();
    expect(parseConversationSearch('#!!').sequence).toBeNull();
  });

  it('should normalise an email and a phone number like stored identities', () => {
    expect(parseConversationSearch('Ana.Bell@Example.COM').exactIdentities).toEqual(['ana.bell@example.com']);
    expect(parseConversationSearch('0044 (20) 7946-0011').exactIdentities).toEqual(['+442079460011']);
    expect(parseConversationSearch('020 7946 0011', 'GB').exactIdentities).toEqual(['+442079460011']);
    expect(parseConversationSearch('020 7946 0011').exactIdentities).toEqual([]);
    expect(parseConversationSearch('parcel').exactIdentities).toEqual([]);
  });

  it('should match a handle without its @ and keep the typed text for names and messages', () => {
    expect(parseConversationSearch('  @Shopper_42 ')).toEqual({ text: '@Shopper_42', identityText: 'Shopper_42', exactIdentities: [], sequence: null });
  });
});

describe('containsPattern', () => {
  it('should match %, _ and \\ literally', () => {
    expect(containsPattern('50%_off\\')).toBe('%50\\%\\_off\\\\%');
  });
});
