import { detectPromises, keepsPromise, MadePromise, PromiseMessage } from './promises';

describe('detectPromises', () => {
  it.each([
    ["I'll call you back tomorrow morning.", 'callback', "I'll call you back"],
    ['We will give you a call this afternoon', 'callback', 'We will give you a call'],
    ['Your refund will be processed within 5 days.', 'refund', 'refund will be processed'],
    ['The refund has been issued to your card.', 'refund', 'refund has been issued'],
    ["I've issued a full refund.", 'refund', "I've issued a full refund"],
    ['I’ll get back to you by Friday', 'follow-up', "I'll get back to you"],
    ['We will keep you posted', 'follow-up', 'We will keep you posted'],
  ])('finds a promise in "%s"', (text, kind, phrase) => {
    expect(detectPromises(text)).toEqual([{ kind, phrase }]);
  });

  it.each([
    ['Could you call us back on 0800 123?'],
    ['Refunds are not possible after 30 days.'],
    ['Let me know if you need anything else.'],
    ['You called us yesterday.'],
  ])('finds no promise in "%s"', (text) => {
    expect(detectPromises(text)).toEqual([]);
  });

  it('finds each kind once when a message makes several promises', () => {
    expect(detectPromises("Your refund will be processed today and I'll call you back to confirm.").map((p) => p.kind)).toEqual(['callback', 'refund']);
  });
});

describe('keepsPromise', () => {
  const madeAt = new Date('2026-11-16T10:00:00Z');
  const later = (overrides: Partial<PromiseMessage>): PromiseMessage => ({
    conversationId: 'c1',
    channel: 'email',
    direction: 'outbound',
    at: new Date('2026-11-17T10:00:00Z'),
    text: 'Hello again',
    ...overrides,
  });
  const promise = (kind: MadePromise['kind']): MadePromise => ({
    kind,
    madeAt,
    text: '…',
    conversationId: 'c1',
  });

  it('keeps a callback only by a call we made afterwards', () => {
    expect(keepsPromise(promise('callback'), later({ channel: 'phone' }))).toBe(true);
    expect(keepsPromise(promise('callback'), later({ channel: 'email' }))).toBe(false);
    expect(keepsPromise(promise('callback'), later({ channel: 'phone', direction: 'inbound' }))).toBe(false);
    expect(keepsPromise(promise('callback'), later({ channel: 'phone', at: new Date('2026-11-15T10:00:00Z') }))).toBe(false);
  });

  it('keeps a refund only when we say the money arrived', () => {
    expect(keepsPromise(promise('refund'), later({ text: 'Good news: your refund has been completed.' }))).toBe(true);
    expect(keepsPromise(promise('refund'), later({ text: 'The refund has been issued again.' }))).toBe(false);
  });

  it('keeps a follow-up by any later answer in the same conversation', () => {
    expect(keepsPromise(promise('follow-up'), later({}))).toBe(true);
    expect(keepsPromise(promise('follow-up'), later({ conversationId: 'c2' }))).toBe(false);
    expect(keepsPromise(promise('follow-up'), later({ direction: 'note' }))).toBe(false);
  });
});
