import { conversationRefToSequence, formatConversationRef } from './conversation-ref';

describe('conversation refs', () => {
  it('should round-trip numbers through the short reference', () => {
    for (const n of [0, 1, 31, 32, 1023, 1024, 123456, 2 ** 40]) {
      expect(conversationRefToSequence(formatConversationRef(n))).toBe(n);
    }
  });

  it('should pad to four characters and avoid ambiguous letters', () => {
    expect(formatConversationRef(1)).toBe('0001');
    expect(formatConversationRef(32 ** 4 - 1)).toBe('ZZZZ');
    expect(formatConversationRef(123456789)).not.toMatch(/[ILOU]/);
  });

  it('should read common misreadings and refuse what is not a reference', () => {
    expect(conversationRefToSequence('oool')).toBe(1);
    expect(conversationRefToSequence('4f2k')).toBe(conversationRefToSequence('4F2K'));
    expect(conversationRefToSequence('12')).toBeNull();
    expect(conversationRefToSequence('AB-C')).toBeNull();
    expect(conversationRefToSequence('UUUU')).toBeNull();
  });
});
