/** How a queue hands out its new and reopened unassigned conversations. */
export const ROUTING_MODES = ['manual', 'round_robin', 'balanced'] as const;
export type RoutingMode = (typeof ROUTING_MODES)[number];

/** One effective member of the queue, as routing sees them at the moment of choosing. */
export interface RoutingMember {
  userId: string;
  name: string;
  online: boolean;
  /** Open conversations assigned to them now, in any queue. */
  open: number;
  /** Their own limit (users.capacity); null follows the queue's capacityPerAgent. */
  capacity: number | null;
  /** When routing or anyone last assigned them a conversation; null if never. */
  lastAssignedAt: Date | null;
}

export interface RoutingSituation {
  mode: Exclude<RoutingMode, 'manual'>;
  sticky: boolean;
  /** The queue's limit for members without their own; null: unlimited. */
  capacityPerAgent: number | null;
  members: readonly RoutingMember[];
  /** The member the queue's round robin gave the last conversation to. */
  lastAssignedUserId: string | null;
  /** The agent who last answered this customer, on any channel, and when. */
  lastAnswerer: { userId: string; at: Date } | null;
  now: Date;
}

export interface RoutingChoice {
  userId: string;
  rule: 'sticky' | RoutingSituation['mode'];
  /** Why, for the conversation's system line: "assigned to Ada by round robin". */
  reason: string;
}

/** The most open conversations routing gives this member; Infinity when neither they nor the queue set one. */
export function routingLimit(member: Pick<RoutingMember, 'capacity'>, capacityPerAgent: number | null): number {
  return member.capacity ?? capacityPerAgent ?? Infinity;
}

/**
 * Who gets the next waiting conversation, or null when no online member has room (it waits).
 * Sticky first: the customer's last answerer when they are a candidate; otherwise the next
 * candidate after the cursor in the members' stable (id) order, or the least loaded one (ties: the
 * one who waited longest since their last assignment, never-assigned first).
 */
export function chooseAssignee(situation: RoutingSituation): RoutingChoice | null {
  const candidates = [...situation.members]
    .filter((m) => m.online && m.open < routingLimit(m, situation.capacityPerAgent))
    .sort((a, b) => compareIds(a.userId, b.userId));
  if (!candidates.length) return null;

  const answerer = situation.sticky && situation.lastAnswerer;
  const returning = answerer && candidates.find((m) => m.userId === answerer.userId);
  if (answerer && returning) {
    return { userId: returning.userId, rule: 'sticky', reason: `assigned to ${returning.name}: answered this customer ${timeAgo(answerer.at, situation.now)}` };
  }

  if (situation.mode === 'round_robin') {
    const cursor = situation.lastAssignedUserId;
    const next = (cursor && candidates.find((m) => compareIds(m.userId, cursor) > 0)) || candidates[0];
    return { userId: next.userId, rule: 'round_robin', reason: `assigned to ${next.name} by round robin` };
  }

  const [least] = candidates.sort((a, b) => a.open - b.open || assignedTime(a) - assignedTime(b) || compareIds(a.userId, b.userId));
  return { userId: least.userId, rule: 'balanced', reason: `assigned to ${least.name}: least loaded (${least.open} open)` };
}

const assignedTime = (m: RoutingMember) => m.lastAssignedAt?.getTime() ?? -Infinity;
const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "just now", "3 hours ago", "yesterday", "4 days ago", "last week", "3 weeks ago", "2 months ago": for system lines. */
export function timeAgo(at: Date, now: Date): string {
  const ms = Math.max(0, now.getTime() - at.getTime());
  if (ms < HOUR) return ms < 2 * MINUTE ? 'just now' : `${Math.floor(ms / MINUTE)} minutes ago`;
  if (ms < DAY) return ms < 2 * HOUR ? 'an hour ago' : `${Math.floor(ms / HOUR)} hours ago`;
  const days = Math.floor(ms / DAY);
  if (days < 2) return 'yesterday';
  if (days < 7) return `${days} days ago`;
  if (days < 14) return 'last week';
  if (days < 31) return `${Math.floor(days / 7)} weeks ago`;
  if (days < 61) return 'last month';
  return `${Math.floor(days / 30)} months ago`;
}
