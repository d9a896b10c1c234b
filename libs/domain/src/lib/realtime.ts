import type { ConversationView, CustomerView, MessageView } from './api';

/** Socket.IO rooms (DESIGN.md "The path of one message", step 5). */
export const rooms = {
  conversation: (id: string) => `conversation:${id}`,
  customer: (id: string) => `customer:${id}`,
  queue: (id: string | null) => `queue:${id ?? 'none'}`,
  agent: (id: string) => `agent:${id}`,
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
  'customer.merged': { customer: CustomerView; mergedCustomerId: string };
}

export type RealtimeEventName = keyof RealtimeEvents;

/** Client → server: join the rooms of what the agent is looking at. */
export interface RealtimeClientEvents {
  subscribe: { conversationId?: string; customerId?: string };
  unsubscribe: { conversationId?: string; customerId?: string };
}
