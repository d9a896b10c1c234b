import { chooseAssignee, type RoutingMember, type RoutingSituation, routingLimit, timeAgo } from './routing';

const NOW = new Date(Date.UTC(2026, 11, 7, 12, 0, 0));
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const DAY = 24 * 3600_000;

const member = (userId: string, over: Partial<RoutingMember> = {}): RoutingMember => ({
  userId,
  name: userId.toUpperCase(),
  online: true,
  open: 0,
  capacity: null,
  lastAssignedAt: null,
  ...over,
});
const situation = (over: Partial<RoutingSituation>): RoutingSituation => ({
  mode: 'round_robin',
  sticky: false,
  capacityPerAgent: null,
  members: [member('a'), member('b'), member('c')],
  lastAssignedUserId: null,
  lastAnswerer: null,
  now: NOW,
  ...over,
});

describe('chooseAssignee', () => {
  it('round robin: takes the member after the cursor in id order, wrapping around', () => {
    expect(chooseAssignee(situation({}))).toEqual({ userId: 'a', rule: 'round_robin', reason: 'assigned to A by round robin' });
    expect(chooseAssignee(situation({ lastAssignedUserId: 'a' }))?.userId).toBe('b');
    expect(chooseAssignee(situation({ lastAssignedUserId: 'c' }))?.userId).toBe('a');
    // The member order given does not matter.
    expect(chooseAssignee(situation({ members: [member('c'), member('a'), member('b')], lastAssignedUserId: 'b' }))?.userId).toBe('c');
  });

  it('round robin: skips members offline or full, and continues after a cursor who left the queue', () => {
    const members = [member('a'), member('b', { online: false }), member('c', { open: 2, capacity: 2 }), member('d')];
    expect(chooseAssignee(situation({ members, lastAssignedUserId: 'a' }))?.userId).toBe('d');
    expect(chooseAssignee(situation({ members, lastAssignedUserId: 'bb' }))?.userId).toBe('d');
    expect(chooseAssignee(situation({ members, lastAssignedUserId: 'd' }))?.userId).toBe('a');
  });

  it('balanced: the least loaded; ties go to the one who waited longest since an assignment', () => {
    const members = [member('a', { open: 3 }), member('b', { open: 1, lastAssignedAt: ago(60_000) }), member('c', { open: 1, lastAssignedAt: ago(600_000) })];
    expect(chooseAssignee(situation({ mode: 'balanced', members }))).toEqual({ userId: 'c', rule: 'balanced', reason: 'assigned to C: least loaded (1 open)' });
    const neverAssigned = [...members, member('d', { open: 1 })];
    expect(chooseAssignee(situation({ mode: 'balanced', members: neverAssigned }))?.userId).toBe('d');
  });

  it('capacity: the member’s own limit wins over the queue’s; no limit at all means unlimited', () => {
    expect(routingLimit({ capacity: 5 }, 2)).toBe(5);
    expect(routingLimit({ capacity: null }, 2)).toBe(2);
    expect(routingLimit({ capacity: null }, null)).toBe(Infinity);
    const members = [member('a', { open: 2 }), member('b', { open: 2, capacity: 3 })];
    expect(chooseAssignee(situation({ capacityPerAgent: 2, members }))?.userId).toBe('b');
    expect(chooseAssignee(situation({ capacityPerAgent: 2, members: [member('a', { open: 2 }), member('b', { open: 3, capacity: 3 })] }))).toBeNull();
    expect(chooseAssignee(situation({ capacityPerAgent: null, members: [member('a', { open: 500 })] }))?.userId).toBe('a');
  });

  it('waits (null) when nobody is online', () => {
    expect(chooseAssignee(situation({ members: [member('a', { online: false })] }))).toBeNull();
    expect(chooseAssignee(situation({ members: [] }))).toBeNull();
  });

  it('sticky: the customer’s last answerer when they are online with room, saying when they answered', () => {
    const lastAnswerer = { userId: 'c', at: ago(8 * DAY) };
    expect(chooseAssignee(situation({ sticky: true, lastAnswerer }))).toEqual({
      userId: 'c',
      rule: 'sticky',
      reason: 'assigned to C: answered this customer last week',
    });
    expect(chooseAssignee(situation({ sticky: false, lastAnswerer }))?.rule).toBe('round_robin');
  });

  it('sticky: falls back to the queue’s rule when the last answerer is offline, full or not a member', () => {
    const members = [member('a'), member('b', { online: false }), member('c', { open: 1, capacity: 1 })];
    for (const userId of ['b', 'c', 'z']) {
      expect(chooseAssignee(situation({ mode: 'balanced', sticky: true, members, lastAnswerer: { userId, at: ago(DAY) } }))?.rule).toBe('balanced');
    }
  });
});

describe('timeAgo', () => {
  it('says roughly how long ago, as a person would', () => {
    expect(timeAgo(ago(30_000), NOW)).toBe('just now');
    expect(timeAgo(ago(45 * 60_000), NOW)).toBe('45 minutes ago');
    expect(timeAgo(ago(90 * 60_000), NOW)).toBe('an hour ago');
    expect(timeAgo(ago(5 * 3600_000), NOW)).toBe('5 hours ago');
    expect(timeAgo(ago(DAY + 1), NOW)).toBe('yesterday');
    expect(timeAgo(ago(3 * DAY), NOW)).toBe('3 days ago');
    expect(timeAgo(ago(10 * DAY), NOW)).toBe('last week');
    expect(timeAgo(ago(22 * DAY), NOW)).toBe('3 weeks ago');
    expect(timeAgo(ago(40 * DAY), NOW)).toBe('last month');
    expect(timeAgo(ago(100 * DAY), NOW)).toBe('3 months ago');
    expect(timeAgo(new Date(NOW.getTime() + 5000), NOW)).toBe('just now');
  });
});
