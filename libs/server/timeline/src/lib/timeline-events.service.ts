import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { rooms, type ConversationView, type MessageView } from '@throughline/domain';
import { ConversationEntity, CustomerEntity, MessageEntity } from '@throughline/server/database';
import { RealtimePublisher } from '@throughline/server/queue';
import { toConversationView, toMessageView } from './views';

/** Publishes timeline changes to everyone who should see them, after the change is committed. */
@Injectable()
export class TimelineEvents {
  constructor(
    private readonly publisher: RealtimePublisher,
    @InjectRepository(CustomerEntity) private readonly customers: Repository<CustomerEntity>,
  ) {}

  async conversationView(conversation: ConversationEntity): Promise<ConversationView> {
    const customer = await this.customers.findOne({ where: { id: conversation.customerId }, select: { id: true, name: true } });
    return toConversationView(conversation, customer?.name ?? null);
  }

  private roomsOf(conversation: ConversationView): string[] {
    const targets = [rooms.conversation(conversation.id), rooms.customer(conversation.customerId), rooms.queue(conversation.queueId), rooms.supervisors];
    if (conversation.assigneeId) targets.push(rooms.agent(conversation.assigneeId));
    return targets;
  }

  async messageCreated(message: MessageEntity, conversation: ConversationEntity, conversationIsNew = false): Promise<MessageView> {
    const view = await this.conversationView(conversation);
    const messageView = toMessageView(message);
    if (conversationIsNew) this.publisher.publish('conversation.created', { conversation: view }, this.roomsOf(view));
    this.publisher.publish('message.created', { message: messageView, conversation: view }, this.roomsOf(view));
    return messageView;
  }

  async messageUpdated(message: MessageEntity, conversation: ConversationEntity): Promise<void> {
    const view = await this.conversationView(conversation);
    this.publisher.publish('message.updated', { message: toMessageView(message) }, this.roomsOf(view));
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
