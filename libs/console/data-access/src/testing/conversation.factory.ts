import type { ConversationView, CustomerView, MessageView } from '@throughline/domain';

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
    snoozedUntil: null,
    tags: [],
    sla: null,
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

export function customer(id: string, overrides: Partial<CustomerView> = {}): CustomerView {
  return {
    id,
    name: `Customer ${id}`,
    identities: [{ id: `ident-${id}`, kind: 'email', value: `${id}@example.com`, verified: true }],
    mergedInto: null,
    createdAt: new Date(NOW - 30 * 86_400_000).toISOString(),
    ...overrides,
  };
}

/** A timeline entry of `customerId` (in `conversationId`, or none) `minutesAgo` before NOW. */
export function entry(id: string, minutesAgo: number, overrides: Partial<MessageView> = {}): MessageView {
  const at = new Date(NOW - minutesAgo * 60_000).toISOString();
  return {
    id,
    conversationId: null,
    customerId: 'cust-1',
    channel: 'email',
    direction: 'inbound',
    authorName: null,
    authorUserId: null,
    subject: null,
    text: `Text ${id}`,
    strippedText: null,
    html: null,
    attachments: [],
    deliveryStatus: null,
    deliveryError: null,
    metadata: {},
    occurredAt: at,
    createdAt: at,
    ...overrides,
  };
}
