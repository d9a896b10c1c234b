import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ConversationView } from '@throughline/domain';
import { type ConversationEntity, MessageEntity } from '@throughline/server/database';
import { ConversationActivity, type HistoryEntry, TimelineEvents } from '@throughline/server/timeline';

/** One change to a conversation's workflow fields: its system line, the line's metadata, and its history row. */
export interface ConversationChange {
  text: string;
  event: Record<string, unknown>;
  history: HistoryEntry;
}

/** Who made the changes, as their system lines show it: an agent, or routing (no user). */
export interface ChangeAuthor {
  userId: string | null;
  name: string;
}

export interface WrittenChanges {
  saved: ConversationEntity;
  systemMessages: MessageEntity[];
  previousQueueId: string | null;
}

/**
 * The one path by which an agent or routing changes a conversation's status, assignee, queue or
 * priority: in the caller's transaction it saves the conversation, records history and the SLA
 * clock, and writes one system line per change; after commit, `publish` tells the consoles.
 */
@Injectable()
export class ConversationWriter {
  constructor(
    private readonly activity: ConversationActivity,
    private readonly events: TimelineEvents,
  ) {}

  async write(
    manager: EntityManager,
    conversation: ConversationEntity,
    previousQueueId: string | null,
    changes: readonly ConversationChange[],
    author: ChangeAuthor,
    at: Date,
  ): Promise<WrittenChanges> {
    const saved = await manager.save(conversation);
    await this.activity.record(
      manager,
      saved,
      changes.map((change) => change.history),
    );
    const systemMessages = await manager.save(
      changes.map((change) =>
        manager.create(MessageEntity, {
          conversationId: saved.id,
          customerId: saved.customerId,
          connectorId: saved.connectorId,
          channel: saved.channel,
          direction: 'system',
          authorUserId: author.userId,
          authorName: author.name,
          text: change.text,
          metadata: change.event,
          occurredAt: at,
        }),
      ),
    );
    return { saved, systemMessages, previousQueueId };
  }

  /** After commit: the system lines and the conversation itself, live. */
  async publish(written: WrittenChanges): Promise<ConversationView> {
    for (const line of written.systemMessages) await this.events.messageCreated(line, written.saved);
    return this.events.conversationUpdated(written.saved, written.previousQueueId);
  }
}
