import { decideOwner, planConversationMerge, type LinkedConversation } from './thread-merge';

const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 9, minute));

describe('planConversationMerge', () => {
  it('should merge nothing when the message links no conversation', () => {
    expect(planConversationMerge([])).toBeNull();
  });

  it('should keep a single linked conversation without absorbing anything', () => {
    expect(planConversationMerge([{ id: 'a', side: 'child', firstMessageAt: at(5) }])).toEqual({ survivorId: 'a', absorbedIds: [] });
  });

  it('should keep the parent side and absorb the replies that opened their own conversation', () => {
    const linked: LinkedConversation[] = [
      { id: 'replies', side: 'child', firstMessageAt: at(1) },
      { id: 'root', side: 'parent', firstMessageAt: at(9) },
    ];
    expect(planConversationMerge(linked)).toEqual({ survivorId: 'root', absorbedIds: ['replies'] });
  });

  it('should keep the oldest of conversations on the same side, and the smaller id on a tie', () => {
    expect(
      planConversationMerge([
        { id: 'b', side: 'child', firstMessageAt: at(3) },
        { id: 'c', side: 'child', firstMessageAt: at(2) },
        { id: 'a', side: 'child', firstMessageAt: at(3) },
      ]),
    ).toEqual({ survivorId: 'c', absorbedIds: ['a', 'b'] });
  });

  it('should choose the same survivor whatever order the links come in', () => {
    const linked: LinkedConversation[] = [
      { id: 'x', side: 'child', firstMessageAt: at(1) },
      { id: 'y', side: 'parent', firstMessageAt: at(4) },
      { id: 'z', side: 'parent', firstMessageAt: at(2) },
    ];
    for (const order of [linked, [...linked].reverse(), [linked[1], linked[0], linked[2]]]) {
      expect(planConversationMerge(order)).toEqual({ survivorId: 'z', absorbedIds: ['y', 'x'] });
    }
  });

  it('should count a conversation holding both a parent and a reply once, as the parent side', () => {
    expect(
      planConversationMerge([
        { id: 'a', side: 'child', firstMessageAt: at(1) },
        { id: 'b', side: 'child', firstMessageAt: at(0) },
        { id: 'a', side: 'parent', firstMessageAt: at(1) },
      ]),
    ).toEqual({ survivorId: 'a', absorbedIds: ['b'] });
  });

  it('should never absorb a conversation found by its thread key', () => {
    expect(
      planConversationMerge([
        { id: 'mail', side: 'parent', firstMessageAt: at(1) },
        { id: 'chat', side: 'child', firstMessageAt: at(2), pinned: true },
      ]),
    ).toEqual({ survivorId: 'mail', absorbedIds: [] });
  });
});

describe('decideOwner', () => {
  const base = { currentOwnerId: 'replier', senderId: 'author', occurredAt: at(0), earliestStartAt: null };

  it('should hand the conversation to the author of a root that arrives after its replies', () => {
    expect(decideOwner({ ...base, answersStored: false, answeredByStored: true })).toBe('author');
  });

  it('should keep the owner when the message answers a stored one', () => {
    expect(decideOwner({ ...base, answersStored: true, answeredByStored: true })).toBe('replier');
    expect(decideOwner({ ...base, answersStored: true, answeredByStored: false })).toBe('replier');
  });

  it('should keep the owner when nothing stored answers the message (it joined by subject or window)', () => {
    expect(decideOwner({ ...base, answersStored: false, answeredByStored: false })).toBe('replier');
  });

  it('should keep the owner of a conversation that holds an older start of its own', () => {
    expect(decideOwner({ ...base, occurredAt: at(5), earliestStartAt: at(1), answersStored: false, answeredByStored: true })).toBe('replier');
    expect(decideOwner({ ...base, occurredAt: at(5), earliestStartAt: at(7), answersStored: false, answeredByStored: true })).toBe('author');
  });
});
