import type { ChatMessage } from '@throughline/domain';
import type { MessageEntity } from '@throughline/server/database';

/**
 * A stored message as the visitor sees it, or null for what a visitor never sees (internal notes,
 * system lines). A visitor's own message keeps the id its ack carried (the external id).
 */
export function toChatMessage(message: MessageEntity): ChatMessage | null {
  const createdAt = message.occurredAt.toISOString();
  if (message.direction === 'inbound') {
    const clientId = (message.metadata['chat'] as { clientId?: string } | undefined)?.clientId;
    return {
      id: message.externalId ?? message.id,
      text: message.text,
      author: 'visitor',
      authorName: message.authorName,
      createdAt,
      ...(clientId ? { clientId } : {}),
    };
  }
  if (message.direction === 'outbound') {
    const inlineSurvey = (message.metadata['survey'] as { delivery?: string } | undefined)?.delivery === 'inline';
    return {
      id: message.id,
      text: message.text,
      author: 'agent',
      authorName: message.authorName,
      createdAt,
      ...(inlineSurvey ? { survey: { min: 1, max: 5 } } : {}),
    };
  }
  return null;
}
