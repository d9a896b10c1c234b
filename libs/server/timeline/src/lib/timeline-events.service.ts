import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { rooms, type ConversationView, type MessageView } from '@throughline/domain';
import { ConversationEntity, CustomerEntity, MessageEntity } from '@throughline/server/database';
import { RealtimePublisher } from '@throughline/server/queue';
import { MessageViews } from './message-views.service';
import { TagsRepository } from './tags.repository';
import { toConversationView } from './views';

/** Publishes timeline changes to everyone who should see them, after the change is committed. */
@Injectable()
export class TimelineEvents {
  constructor(
    private readonly publisher: RealtimePublisher,
    private readonly messageViews: MessageViews,
    @InjectRepository(CustomerEntity) private readonly customers: Repository<CustomerEntity>,
    @InjectRepository(ConversationEntity) private readonly conversations: Repository<ConversationEntity>,
    private readonly tags: TagsRepository,
  ) {}

  async conversationView(conversation: ConversationEntity): Promise<ConversationView> {
    const customer = await this.customers.findOne({ where: { id: conversation.customerId }, select: { id: true, name: true } });
    return toConversationView(conversation, customer?.name ?? null, await this.tags.ofConversation(conversation.id));
  }

  private roomsOf(conversation: ConversationView): string[] {
    const targets = [rooms.conversation(conversation.id), rooms.customer(conversation.customerId), rooms.queue(conversation.queueId), rooms.supervisors];
    if (conversation.assigneeId) targets.push(rooms.agent(conversation.assigneeId));
    return targets;
  }

  /** `conversation` null: an entry on the customer's timeline only, seen by whoever watches that customer. */
  async messageCreated(message: MessageEntity, conversation: ConversationEntity | null, conversationIsNew = false): Promise<MessageView> {
    const messageView = await this.messageViews.one(message);
    if (!conversation) {
      this.publisher.publish('timeline.entry', { message: messageView }, [rooms.customer(message.customerId), rooms.supervisors]);
      return messageView;
    }
    const view = await this.conversationView(conversation);
    if (conversationIsNew) this.publisher.publish('conversation.created', { conversation: view }, this.roomsOf(view));
    this.publisher.publish('message.created', { message: messageView, conversation: view }, this.roomsOf(view));
    return messageView;
  }

  /** Looks the conversation up when the caller doesn't hold it (e.g. a bounce updating an older reply). */
  async messageUpdated(message: MessageEntity, conversation?: ConversationEntity | null): Promise<void> {
    const owner = conversation ?? (message.conversationId ? await this.conversations.findOne({ where: { id: message.conversationId } }) : null);
    const targets = owner ? this.roomsOf(await this.conversationView(owner)) : [rooms.customer(message.customerId), rooms.supervisors];
    this.publisher.publish('message.updated', { message: await this.messageViews.one(message) }, targets);
  }

  /**
   * A message joined conversations into one thread, or its root took the conversation over:
   * consoles drop the absorbed ones and hear the survivor, and so do the customers who owned them.
   */
  async threadRegrouped(conversation: ConversationEntity, absorbed: ConversationEntity[], previousOwnerId: string | null): Promise<void> {
    for (const gone of absorbed) {
      const targets = [rooms.conversation(gone.id), rooms.customer(gone.customerId), rooms.queue(gone.queueId), rooms.supervisors];
      if (gone.assigneeId) targets.push(rooms.agent(gone.assigneeId));
      this.publisher.publish('conversation.merged', { conversationId: gone.id, intoConversationId: conversation.id }, targets);
    }
    const view = await this.conversationView(conversation);
    const targets = this.roomsOf(view);
    if (previousOwnerId) targets.push(rooms.customer(previousOwnerId));
    this.publisher.publish('conversation.updated', { conversation: view }, targets);
  }

  async conversationUpdated(conversation: ConversationEntity, previousQueueId?: string | null): Promise<ConversationView> {
    const view = await this.conversationView(conversation);
    const targets = this.roomsOf(view);
    // A conversation moved out of a queue must disappear from that queue's lists too.
    if (previousQueueId !== undefined && previousQueueId !== view.queueId) targets.push(rooms.queue(previousQueueId));
    this.publisher.publish('conversation.updated', { conversation: view }, targets);
    return view;
  }
}
