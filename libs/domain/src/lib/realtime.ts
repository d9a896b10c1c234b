import type { ConversationView, CustomerView, InsightsView, MessageView } from './api';
import type { AgentPresenceView } from './agent-presence';
import type { SlaBreach, SlaTargetKind } from './sla';
import type { SupervisorOverview } from './supervisor-overview';

/** Socket.IO rooms (docs/architecture.md, "The path of one message", step 6). */
export const rooms = {
  conversation: (id: string) => `conversation:${id}`,
  customer: (id: string) => `customer:${id}`,
  queue: (id: string | null) => `queue:${id ?? 'none'}`,
  agent: (id: string) => `agent:${id}`,
  /** A chat visitor's sockets on the `/chat` namespace; also the thread key of their conversation. */
  visitor: (visitorId: string) => `visitor:${visitorId}`,
  supervisors: 'supervisors',
} as const;

export const AGENTS_NAMESPACE = '/agents';

/** Every event the server pushes to agents, by Socket.IO event name. */
export interface RealtimeEvents {
  'message.created': { message: MessageView; conversation: ConversationView };
  'message.updated': { message: MessageView };
  /** A customer-timeline entry outside any conversation (e.g. an unmatched auto-reply). */
  'timeline.entry': { message: MessageView };
  'conversation.created': { conversation: ConversationView };
  'conversation.updated': { conversation: ConversationView };
  /**
   * Two conversations turned out to be one thread (a reply arrived before the message that joins
   * it to its root): `conversationId` is gone, its messages are in `intoConversationId`.
   */
  'conversation.merged': { conversationId: string; intoConversationId: string };
  'customer.merged': { customer: CustomerView; mergedCustomerId: string };
  /** The enrich job (or a request) computed a conversation's insights anew. */
  'insights.updated': { conversationId: string; insights: InsightsView };
  /** A merge undone: `restoredCustomer` has its identities and conversations back from `customer`. */
  'customer.unmerged': { customer: CustomerView; restoredCustomer: CustomerView };
  /** Another agent opened, is typing in, or left a conversation (collision detection). */
  presence: AgentPresence;
  /** To the reading agent's own room only, so their other tabs mark it read too. */
  'conversation.read': { conversationId: string; readAt: string };
  /** Someone is typing in a live chat: the visitor, or an agent (relayed to the visitor too). */
  'chat.typing': { conversationId: string; author: 'visitor' | 'agent'; name: string | null; at: string };
  /** The visitor has seen the chat up to `upTo` (a chat message id, see ChatMessage.id). */
  'chat.read': { conversationId: string; author: 'visitor' | 'agent'; upTo: string; at: string };
  /** A conversation's SLA target is near (a share of it left): to supervisors and the assignee. */
  'sla.warning': { conversation: ConversationView; kind: SlaTargetKind; dueAt: string };
  /** A conversation's SLA target was missed: to supervisors and the assignee. */
  'sla.breached': { conversation: ConversationView; breach: SlaBreach };
  /** An agent came online, went away or offline: to supervisors and to the agent's own consoles. */
  'agent.presence': AgentPresenceView;
  /** The wallboard, to supervisors: at most once a second while anything changes (OVERVIEW_PUSH_INTERVAL_MS). */
  'supervisor.overview': SupervisorOverview;
}

export const PRESENCE_STATES = ['viewing', 'typing', 'left'] as const;
export type PresenceState = (typeof PRESENCE_STATES)[number];

export interface AgentPresence {
  conversationId: string;
  user: { id: string; name: string };
  state: PresenceState;
  /** Server time; clients forget a presence not refreshed within PRESENCE_TTL_MS. */
  at: string;
}

/** Clients repeat their presence at least this often while it holds. */
export const PRESENCE_HEARTBEAT_MS = 15_000;
export const PRESENCE_TTL_MS = 40_000;

export type RealtimeEventName = keyof RealtimeEvents;

/** Client → server: join the rooms of what the agent is looking at. */
export interface RealtimeClientEvents {
  subscribe: { conversationId?: string; customerId?: string };
  unsubscribe: { conversationId?: string; customerId?: string };
  /** Relayed as `presence` to the other agents in the conversation's room. */
  presence: { conversationId: string; state: PresenceState };
  /** An agent typing a chat reply: relayed to the visitor as `typing`. */
  'chat.typing': { conversationId: string };
  /** An agent has read the visitor's chat messages up to `upTo`: relayed to the visitor as `read`. */
  'chat.read': { conversationId: string; upTo: string };
}
