import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { DataSource, Repository } from 'typeorm';
import type { ConversationView, MessageView, Page, QueueView } from '@throughline/domain';
import type { AuthenticatedUser } from '@throughline/server/auth';
import {
  AuditLogEntity,
  ConnectorEntity,
  ConversationEntity,
  MessageEntity,
  QueueEntity,
  UserEntity,
} from '@throughline/server/database';
import { JobProducer } from '@throughline/server/queue';
import { PROVIDERS } from '@throughline/server/connectors';
import { decodeCursor, encodeCursor, MessageViews, previewOf, TimelineEvents, toConversationView } from '@throughline/server/timeline';
import type { ListConversationsQueryDto, PostMessageDto, UpdateConversationDto } from './conversation.dto';

/** Whether a connector can carry an agent's reply out; without a route the reply is only stored. */
function hasDeliveryRoute(connector: ConnectorEntity | null): boolean {
  return Boolean(connector && PROVIDERS[connector.provider]?.canDeliver(connector.config));
}

@Injectable()
export class ConversationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectRepository(ConversationEntity) private readonly conversations: Repository<ConversationEntity>,
    @InjectRepository(MessageEntity) private readonly messages: Repository<MessageEntity>,
    @InjectRepository(ConnectorEntity) private readonly connectors: Repository<ConnectorEntity>,
    @InjectRepository(QueueEntity) private readonly queues: Repository<QueueEntity>,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly events: TimelineEvents,
    private readonly messageViews: MessageViews,
    private readonly jobs: JobProducer,
  ) {}

  async list(query: ListConversationsQueryDto, user: AuthenticatedUser): Promise<Page<ConversationView>> {
    const limit = query.limit ?? 50;
    const q = this.conversations
      .createQueryBuilder('c')
      .leftJoin('customers', 'cu', 'cu.id = c.customer_id')
      .addSelect('cu.name', 'customer_name')
      .orderBy('c.last_message_at', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .limit(limit + 1);
    if (query.status) q.andWhere('c.status = :status', { status: query.status });
    if (query.channel) q.andWhere('c.channel = :channel', { channel: query.channel });
    if (query.customerId) q.andWhere('c.customer_id = :customerId', { customerId: query.customerId });
    if (query.queueId === 'none') q.andWhere('c.queue_id IS NULL');
    else if (query.queueId) q.andWhere('c.queue_id = :queueId', { queueId: query.queueId });
    if (query.assigneeId === 'none') q.andWhere('c.assignee_id IS NULL');
    else if (query.assigneeId) q.andWhere('c.assignee_id = :assigneeId', { assigneeId: query.assigneeId === 'me' ? user.id : query.assigneeId });
    if (query.cursor) {
      const position = decodeCursor(query.cursor);
      if (!position) throw new BadRequestException('cursor: not a cursor returned by this endpoint');
      q.andWhere('(c.last_message_at, c.id) < (:at, :cursorId)', { at: position.at, cursorId: position.id });
    }
    const { entities, raw } = await q.getRawAndEntities<{ customer_name: string | null }>();
    const items = entities.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map((c, i) => toConversationView(c, raw[i]?.customer_name ?? null)),
      nextCursor: entities.length > limit && last ? encodeCursor({ at: last.lastMessageAt, id: last.id }) : null,
    };
  }

  async get(id: string): Promise<ConversationView> {
    return this.events.conversationView(await this.find(id));
  }

  /** The latest `limit` messages, oldest first. */
  async messagesOf(id: string, limit = 200): Promise<MessageView[]> {
    await this.find(id);
    const rows = await this.messages.find({ where: { conversationId: id }, order: { occurredAt: 'DESC', id: 'DESC' }, take: limit });
    return this.messageViews.of(rows.reverse());
  }

  async post(id: string, dto: PostMessageDto, user: AuthenticatedUser): Promise<MessageView> {
    const conversation = await this.find(id);
    if (dto.channel && dto.channel !== conversation.channel && !dto.note) {
      throw new BadRequestException(`channel: replying on ${dto.channel} is not available for this conversation yet; reply on ${conversation.channel}`);
    }
    const author = await this.users.findOneOrFail({ where: { id: user.id } });
    const connector = conversation.connectorId ? await this.connectors.findOne({ where: { id: conversation.connectorId } }) : null;
    const now = new Date();
    const direction = dto.note ? 'note' : 'outbound';
    const deliveryStatus = dto.note ? null : hasDeliveryRoute(connector) ? 'pending' : 'stored';
    const { message, updated } = await this.db.transaction(async (manager) => {
      const message = await manager.save(
        manager.create(MessageEntity, {
          conversationId: id,
          customerId: conversation.customerId,
          connectorId: conversation.connectorId,
          channel: conversation.channel,
          direction,
          authorName: author.name,
          authorUserId: author.id,
          text: dto.text,
          deliveryStatus,
          metadata: deliveryStatus === 'stored' ? { note: 'this connector has no delivery route; the reply is kept in Throughline only' } : {},
          occurredAt: now,
        }),
      );
      if (direction === 'outbound') {
        conversation.firstResponseAt ??= now;
        conversation.lastMessageAt = now;
        conversation.preview = previewOf(dto.text);
      }
      return { message, updated: await manager.save(conversation) };
    });
    const view = await this.events.messageCreated(message, updated);
    if (direction === 'outbound') await this.events.conversationUpdated(updated);
    if (deliveryStatus === 'pending') await this.jobs.tryEnqueueDeliver({ messageId: message.id });
    return view;
  }

  async update(id: string, dto: UpdateConversationDto, user: AuthenticatedUser): Promise<ConversationView> {
    const conversation = await this.find(id);
    const actor = await this.users.findOneOrFail({ where: { id: user.id } });
    const previousQueueId = conversation.queueId;
    const lines: Array<{ text: string; event: Record<string, unknown> }> = [];

    if (dto.status !== undefined && dto.status !== conversation.status) {
      lines.push({ text: `${actor.name} set the status to ${dto.status}`, event: { event: 'status', from: conversation.status, to: dto.status } });
      conversation.status = dto.status;
      conversation.resolvedAt = dto.status === 'resolved' ? new Date() : null;
    }
    if (dto.assigneeId !== undefined && dto.assigneeId !== conversation.assigneeId) {
      const assignee = dto.assigneeId ? await this.users.findOne({ where: { id: dto.assigneeId, disabled: false } }) : null;
      if (dto.assigneeId && !assignee) throw new BadRequestException(`assigneeId: user ${dto.assigneeId} does not exist`);
      lines.push({
        text: assignee ? `${actor.name} assigned this to ${assignee.name}` : `${actor.name} unassigned this`,
        event: { event: 'assigned', from: conversation.assigneeId, to: dto.assigneeId },
      });
      conversation.assigneeId = dto.assigneeId;
    }
    if (dto.queueId !== undefined && dto.queueId !== conversation.queueId) {
      const queue = dto.queueId ? await this.queues.findOne({ where: { id: dto.queueId } }) : null;
      if (dto.queueId && !queue) throw new BadRequestException(`queueId: queue ${dto.queueId} does not exist`);
      lines.push({ text: queue ? `${actor.name} moved this to ${queue.name}` : `${actor.name} removed this from its queue`, event: { event: 'queue', from: conversation.queueId, to: dto.queueId } });
      conversation.queueId = dto.queueId;
    }
    if (dto.priority !== undefined && dto.priority !== conversation.priority) {
      lines.push({ text: `${actor.name} set the priority to ${dto.priority}`, event: { event: 'priority', from: conversation.priority, to: dto.priority } });
      conversation.priority = dto.priority;
    }
    if (!lines.length) return this.events.conversationView(conversation);

    const now = new Date();
    const { saved, systemMessages } = await this.db.transaction(async (manager) => {
      const saved = await manager.save(conversation);
      const systemMessages = await manager.save(
        lines.map((line) =>
          manager.create(MessageEntity, {
            conversationId: id,
            customerId: conversation.customerId,
            connectorId: conversation.connectorId,
            channel: conversation.channel,
            direction: 'system',
            authorUserId: actor.id,
            authorName: actor.name,
            text: line.text,
            metadata: line.event,
            occurredAt: now,
          }),
        ),
      );
      await manager.save(
        manager.create(AuditLogEntity, { actorUserId: actor.id, action: 'conversation.updated', entityType: 'conversation', entityId: id, details: { ...dto } }),
      );
      return { saved, systemMessages };
    });
    for (const line of systemMessages) await this.events.messageCreated(line, saved);
    return this.events.conversationUpdated(saved, previousQueueId);
  }

  async listQueues(): Promise<QueueView[]> {
    return (await this.queues.find({ order: { name: 'ASC' } })).map((q) => ({ id: q.id, name: q.name }));
  }

  private async find(id: string): Promise<ConversationEntity> {
    const conversation = await this.conversations.findOne({ where: { id } });
    if (!conversation) throw new NotFoundException(`conversation ${id} not found`);
    return conversation;
  }
}
