import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ConversationEntity, MessageEntity } from '@throughline/server/database';
import { ConversationHistory, type HistoryEntry } from './conversation-history.service';
import { SlaClock } from './sla-clock.service';

/**
 * The one call every writer of a conversation makes, in its transaction, after changing it:
 * records the history and moves the SLA clock. Returns other conversations of the customer the
 * change touched (an answer meets their first response too), to publish after commit.
 */
@Injectable()
export class ConversationActivity {
  constructor(
    private readonly history: ConversationHistory,
    private readonly clock: SlaClock,
  ) {}

  async record(manager: EntityManager, conversation: ConversationEntity, entries: readonly HistoryEntry[]): Promise<ConversationEntity[]> {
    await this.history.record(manager, conversation.id, entries);
    if (entries.some((e) => e.kind === 'created')) await this.clock.start(manager, conversation);
    const answer = entries.find((e) => e.kind === 'reply');
    const touched = answer ? await this.clock.answered(manager, conversation, answer.at) : [];
    await this.clock.refresh(manager, conversation);
    return touched;
  }

  /** Conversations of one thread were joined into `survivor`: their history goes with their messages. */
  async joined(manager: EntityManager, survivor: ConversationEntity, absorbed: readonly ConversationEntity[]): Promise<void> {
    await this.history.carryOver(
      manager,
      absorbed.map((c) => c.id),
      survivor.id,
    );
  }

  /** A message the timeline writer stored: the conversation's creation, reopening and the message itself. */
  async messagePersisted(
    manager: EntityManager,
    change: { conversation: ConversationEntity; conversationIsNew: boolean; reopenedFrom: string | null; message: MessageEntity; automated: boolean },
  ): Promise<ConversationEntity[]> {
    const { conversation, message } = change;
    const entries: HistoryEntry[] = [];
    if (change.conversationIsNew)
      entries.push({ kind: 'created', actor: message.direction === 'inbound' ? 'customer' : 'system', to: 'open', at: conversation.createdAt });
    if (change.reopenedFrom)
      entries.push({ kind: 'status', actor: 'customer', from: change.reopenedFrom, to: 'open', details: { reason: 'reopened' }, at: message.occurredAt });
    // Automatic mail (auto-replies, bounces) is kept on the timeline but is nobody waiting for us.
    if (!change.automated && (message.direction === 'inbound' || message.direction === 'outbound')) {
      entries.push({
        kind: message.direction === 'inbound' ? 'inbound' : 'reply',
        actor: message.direction === 'inbound' ? 'customer' : 'system',
        details: { messageId: message.id, channel: message.channel },
        at: message.occurredAt,
      });
    }
    return this.record(manager, conversation, entries);
  }
}
