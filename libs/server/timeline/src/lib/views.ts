import { formatConversationRef, type AttachmentView, type ConversationView, type CustomerView, type MessageView, type TagView } from '@throughline/domain';
import type { AttachmentEntity, ConversationEntity, CustomerEntity, CustomerIdentityEntity, MessageEntity } from '@throughline/server/database';

/** Attachment metadata as listed with messages; the bytes are served by the download route only. */
export type AttachmentSummary = Pick<AttachmentEntity, 'id' | 'messageId' | 'filename' | 'contentType' | 'size' | 'inline' | 'contentId'>;

export function toAttachmentView(a: AttachmentSummary): AttachmentView {
  return {
    id: a.id,
    filename: a.filename,
    contentType: a.contentType,
    size: a.size,
    inline: a.inline,
    contentId: a.contentId,
    url: `/api/attachments/${a.id}`,
  };
}

export function toMessageView(m: MessageEntity, attachments: AttachmentSummary[] = []): MessageView {
  return {
    id: m.id,
    conversationId: m.conversationId,
    customerId: m.customerId,
    channel: m.channel,
    direction: m.direction,
    authorName: m.authorName,
    authorUserId: m.authorUserId,
    subject: m.subject,
    text: m.text,
    strippedText: m.strippedText,
    html: m.html,
    attachments: attachments.map(toAttachmentView),
    deliveryStatus: m.deliveryStatus,
    deliveryError: m.deliveryError,
    metadata: m.metadata,
    occurredAt: m.occurredAt.toISOString(),
    createdAt: m.createdAt.toISOString(),
  };
}

/** `readAt`: the requesting agent's read state, given by list and get only (live events go to everyone). */
export function toConversationView(c: ConversationEntity, customerName: string | null, tags: TagView[], readAt?: Date | null): ConversationView {
  return {
    id: c.id,
    ref: formatConversationRef(c.number),
    customerId: c.customerId,
    customerName,
    connectorId: c.connectorId,
    channel: c.channel,
    status: c.status,
    priority: c.priority,
    queueId: c.queueId,
    assigneeId: c.assigneeId,
    subject: c.subject,
    preview: c.preview,
    lastMessageAt: c.lastMessageAt.toISOString(),
    lastInboundAt: c.lastInboundAt?.toISOString() ?? null,
    firstResponseAt: c.firstResponseAt?.toISOString() ?? null,
    resolvedAt: c.resolvedAt?.toISOString() ?? null,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    snoozedUntil: c.snoozedUntil?.toISOString() ?? null,
    ...(readAt === undefined ? {} : { readAt: readAt?.toISOString() ?? null }),
    tags,
    sla: c.slaPolicyId
      ? {
          policyId: c.slaPolicyId,
          name: c.slaPolicyName ?? '',
          firstResponseDueAt: c.firstResponseDueAt?.toISOString() ?? null,
          nextResponseDueAt: c.nextResponseDueAt?.toISOString() ?? null,
          resolutionDueAt: c.resolutionDueAt?.toISOString() ?? null,
          status: c.slaStatus,
          breaches: c.slaBreaches,
        }
      : null,
  };
}

export function toCustomerView(c: CustomerEntity, identities: CustomerIdentityEntity[]): CustomerView {
  return {
    id: c.id,
    name: c.name,
    mergedInto: c.mergedInto,
    createdAt: c.createdAt.toISOString(),
    identities: identities.map((i) => ({ id: i.id, kind: i.kind, value: i.value, verified: i.verified })),
  };
}

/** One line of the message for lists: whitespace collapsed, at most 200 characters. */
export function previewOf(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}
