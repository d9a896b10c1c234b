import { agentStatus, offlineAt, type AgentPresenceFacts } from './agent-presence';

const NOW = Date.UTC(2026, 11, 7, 12, 0, 0);
const facts = (over: Partial<AgentPresenceFacts>): AgentPresenceFacts => ({
  openSockets: 0,
  chosen: 'online',
  lastSeenAt: null,
  now: NOW,
  offlineGraceMs: 30_000,
  ...over,
});

describe('agentStatus', () => {
  it('is online with an open socket, away when the agent chose away', () => {
    expect(agentStatus(facts({ openSockets: 1 }))).toBe('online');
    expect(agentStatus(facts({ openSockets: 2, chosen: 'away' }))).toBe('away');
  });

  it('is offline for an agent who never connected, whatever they chose', () => {
    expect(agentStatus(facts({ chosen: 'online' }))).toBe('offline');
    expect(agentStatus(facts({ chosen: 'away' }))).toBe('offline');
  });

  it('keeps the status through the grace period after the last socket closed, then is offline', () => {
    expect(agentStatus(facts({ lastSeenAt: NOW - 29_999 }))).toBe('online');
    expect(agentStatus(facts({ lastSeenAt: NOW - 29_999, chosen: 'away' }))).toBe('away');
    expect(agentStatus(facts({ lastSeenAt: NOW - 30_000 }))).toBe('offline');
  });
});

describe('offlineAt', () => {
  it('is the end of the grace period while it runs', () => {
    expect(offlineAt(facts({ lastSeenAt: NOW - 10_000 }))).toBe(NOW + 20_000);
  });

  it('is null while connected, after the grace, or for an agent never seen', () => {
    expect(offlineAt(facts({ openSockets: 1, lastSeenAt: NOW - 1000 }))).toBeNull();
    expect(offlineAt(facts({ lastSeenAt: NOW - 30_000 }))).toBeNull();
    expect(offlineAt(facts({}))).toBeNull();
  });
});
