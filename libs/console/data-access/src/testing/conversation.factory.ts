import type { ConversationView, MessageView } from '@throughline/domain';

/** Test data only: a base time all factories count back from. */
export const NOW = Date.parse('2026-11-24T12:00:00Z');

/** `now` lets a spec that renders relative times count back from the real clock instead. */
export function conversation(id: string, minutesAgo: number, overrides: Partial<ConversationView> = {}, now = NOW): ConversationView {
  const at = new Date(now - minutesAgo * 60_000).toISOString();
  return {
    id,
    ref: id.toUpperCase().padStart(4, '0'),
    customerId: `cust-${id}`,
    customerName: `Customer ${id}`,
    connectorId: null,
    channel: 'email',
    status: 'open',
    priority: 'normal',
    queueId: null,
    assigneeId: null,
    subject: `Subject ${id}`,
    preview: `Preview ${id}`,
    lastMessageAt: at,
    lastInboundAt: at,
    firstResponseAt: null,
    resolvedAt: null,
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}

export function message(conv: ConversationView, overrides: Partial<MessageView> = {}): MessageView {
  return {
    id: `msg-${conv.id}-${conv.lastMessageAt}`,
    conversationId: conv.id,
    customerId: conv.customerId,
    channel: conv.channel,
    direction: 'inbound',
    authorName: conv.customerName,
    authorUserId: null,
    subject: conv.subject,
    text: conv.preview ?? '',
    strippedText: null,
    html: null,
    attachments: [],
    deliveryStatus: null,
    deliveryError: null,
    metadata: {},
    occurredAt: conv.lastMessageAt,
    createdAt: conv.lastMessageAt,
    ...overrides,
  };
}
