/** Whether an agent can take work now: shown on the wallboard and read by routing. */
export const AGENT_STATUSES = ['online', 'away', 'offline'] as const;
export type AgentStatus = (typeof AGENT_STATUSES)[number];

/** What an agent may choose; `offline` only follows from closing the console. */
export const CHOSEN_AGENT_STATUSES = ['online', 'away'] as const;
export type ChosenAgentStatus = (typeof CHOSEN_AGENT_STATUSES)[number];

export interface AgentPresenceFacts {
  /** Console sockets of this agent open now, across every API process. */
  openSockets: number;
  chosen: ChosenAgentStatus;
  /** When the agent's last socket closed (or was last known alive); null if never connected. */
  lastSeenAt: number | null;
  now: number;
  /** How long an agent stays as they were after their last socket closes (a reload, a flaky network). */
  offlineGraceMs: number;
}

/**
 * Online while a console socket is open and they have not chosen away; as they were for a grace
 * period after the last socket closes, so a page reload is not a trip offline and back; then offline.
 */
export function agentStatus(facts: AgentPresenceFacts): AgentStatus {
  const connected = facts.openSockets > 0 || (facts.lastSeenAt !== null && facts.now - facts.lastSeenAt < facts.offlineGraceMs);
  if (!connected) return 'offline';
  return facts.chosen;
}

/** When a socket-less agent's grace ends (the moment to look again), or null when there is nothing to wait for. */
export function offlineAt(facts: AgentPresenceFacts): number | null {
  if (facts.openSockets > 0 || facts.lastSeenAt === null) return null;
  const at = facts.lastSeenAt + facts.offlineGraceMs;
  return at > facts.now ? at : null;
}

/** One agent's status as the wallboard and the agent's own console hear it. */
export interface AgentPresenceView {
  userId: string;
  status: AgentStatus;
  /** When it last changed. */
  since: string;
}
