import { BadRequestException, ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { DataSource, Repository, SelectQueryBuilder } from 'typeorm';
import {
  type ChannelKind,
  containsPattern,
  CONVERSATION_STATUSES,
  type ConversationCountsView,
  type ConversationParticipantView,
  type ConversationSort,
  type ConversationStatus,
  type ConversationView,
  type MessageView,
  type Page,
  parseConversationSearch,
  type ReplyChannelView,
  rooms,
  tagChanges,
} from '@throughline/domain';
import type { AuthenticatedUser } from '@throughline/server/auth';
import { APP_CONFIG, type AppConfig } from '@throughline/server/config';
import { AuditLogEntity, ConversationEntity, ConversationReadEntity, MessageEntity, UserEntity } from '@throughline/server/database';
import { JobProducer, QueueName, RealtimePublisher, STUCK_AFTER } from '@throughline/server/queue';
import { QueuesRepository } from '@throughline/server/queues';
import { SurveyScheduler } from '@throughline/server/surveys';
import {
  ConversationActivity,
  type ConversationListPosition,
  decodeListCursor,
  type HistoryEntry,
  encodeListCursor,
  MessageViews,
  previewOf,
  TagsRepository,
  TimelineEvents,
  toConversationView,
} from '@throughline/server/timeline';
import type { ListConversationsQueryDto, PostMessageDto, UpdateConversationDto } from './conversation.dto';
import { type ConversationChange, ConversationWriter } from './conversation-writer.service';
import { hasDeliveryRoute, ReplyChannels } from './reply-channels.service';

/** A timestamp column as the database's exact UTC text (microseconds), for cursors. */
const exactTime = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

interface ListRow {
  customer_name: string | null;
  read_at: Date | null;
  cursor_rank: number;
  cursor_at: string;
}

/** "2026-11-24 09:00 UTC": for system lines, which every agent reads in their own zone. */
const STUCK_LIMIT = 200;
const lineTime = (at: Date) => `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

@Injectable()
export class ConversationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectRepository(ConversationEntity) private readonly conversations: Repository<ConversationEntity>,
    @InjectRepository(MessageEntity) private readonly messages: Repository<MessageEntity>,
    @InjectRepository(ConversationReadEntity) private readonly reads: Repository<ConversationReadEntity>,
    private readonly queues: QueuesRepository,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly events: TimelineEvents,
    private readonly messageViews: MessageViews,
    private readonly jobs: JobProducer,
    private readonly publisher: RealtimePublisher,
    private readonly replyChannels: ReplyChannels,
    private readonly activity: ConversationActivity,
    private readonly writer: ConversationWriter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly surveys: SurveyScheduler,
    private readonly tags: TagsRepository,
  ) {}

  async list(query: ListConversationsQueryDto, user: AuthenticatedUser): Promise<Page<ConversationView>> {
    const limit = query.limit ?? 50;
    const sort: ConversationSort = query.sort ?? 'recent';
    const q = this.withCustomerAndReadState(this.conversations.createQueryBuilder('c'), user).limit(limit + 1);
    if (sort === 'recent') {
      q.addSelect('0', 'cursor_rank').addSelect(exactTime('c.last_message_at'), 'cursor_at').orderBy('c.last_message_at', 'DESC').addOrderBy('c.id', 'DESC');
    } else {
      q.addSelect('c.wait_rank', 'cursor_rank')
        .addSelect(exactTime('c.wait_key'), 'cursor_at')
        .orderBy('c.wait_rank', 'ASC')
        .addOrderBy('c.wait_key', 'ASC')
        .addOrderBy('c.id', 'ASC');
    }
    if (query.status) q.andWhere('c.status = :status', { status: query.status });
    if (query.channel) q.andWhere('c.channel = :channel', { channel: query.channel });
    if (query.sla) q.andWhere("c.sla_status = :sla AND c.status <> 'resolved'", { sla: query.sla });
    if (query.customerId) q.andWhere('c.customer_id = :customerId', { customerId: query.customerId });
    if (query.queueId === 'none') q.andWhere('c.queue_id IS NULL');
    else if (query.queueId) q.andWhere('c.queue_id = :queueId', { queueId: query.queueId });
    if (query.assigneeId === 'none') q.andWhere('c.assignee_id IS NULL');
    else if (query.assigneeId) q.andWhere('c.assignee_id = :assigneeId', { assigneeId: query.assigneeId === 'me' ? user.id : query.assigneeId });
    if (query.q?.trim()) this.whereMatches(q, query.q);
    if (query.cursor) this.after(q, sort, query.cursor);

    if (query.tag) this.tags.whereTagged(q, 'c', query.tag);

    const { entities, raw } = await q.getRawAndEntities<ListRow>();
    const items = entities.slice(0, limit);
    const tags = await this.tags.ofConversations(items.map((c) => c.id));
    const lastRow = raw[items.length - 1];
    const last = items[items.length - 1];
    const position: ConversationListPosition | null =
      entities.length > limit && last && lastRow
        ? sort === 'recent'
          ? { sort, at: lastRow.cursor_at, id: last.id }
          : { sort, rank: Number(lastRow.cursor_rank), at: lastRow.cursor_at, id: last.id }
        : null;
    return {
      items: items.map((c, i) => toConversationView(c, raw[i]?.customer_name ?? null, tags.get(c.id) ?? [], raw[i]?.read_at ?? null)),
      nextCursor: position && encodeListCursor(position),
    };
  }

  /** Open counts per view in one scan: a grouping set for the totals, one per queue, one per channel. */
  async counts(user: AuthenticatedUser): Promise<ConversationCountsView> {
    const rows = (await this.db.query(
      `SELECT GROUPING(queue_id) AS by_queue, GROUPING(channel) AS by_channel, queue_id, channel,
              count(*) FILTER (WHERE status = 'open')::int AS open,
              count(*) FILTER (WHERE status = 'pending')::int AS pending,
              count(*) FILTER (WHERE status = 'snoozed')::int AS snoozed,
              count(*) FILTER (WHERE status = 'resolved')::int AS resolved,
              count(*) FILTER (WHERE status = 'open' AND assignee_id = $1)::int AS mine,
              count(*) FILTER (WHERE status = 'open' AND assignee_id IS NULL)::int AS unassigned,
              count(*) FILTER (WHERE status <> 'resolved' AND sla_status = 'at_risk')::int AS at_risk,
              count(*) FILTER (WHERE status <> 'resolved' AND sla_status = 'breached')::int AS breached
         FROM conversations
        GROUP BY GROUPING SETS ((), (queue_id), (channel))`,
      [user.id],
    )) as Array<
      Record<ConversationStatus | 'mine' | 'unassigned' | 'at_risk' | 'breached', number> & {
        by_queue: number;
        by_channel: number;
        queue_id: string | null;
        channel: ChannelKind;
      }
    >;
    const view: ConversationCountsView = {
      status: Object.fromEntries(CONVERSATION_STATUSES.map((s) => [s, 0])) as Record<ConversationStatus, number>,
      mine: 0,
      unassigned: 0,
      queues: {},
      channels: {},
      sla: { atRisk: 0, breached: 0 },
    };
    for (const row of rows) {
      if (row.by_queue && row.by_channel) {
        for (const status of CONVERSATION_STATUSES) view.status[status] = row[status];
        view.mine = row.mine;
        view.unassigned = row.unassigned;
        view.sla = { atRisk: row.at_risk, breached: row.breached };
      } else if (!row.by_queue) {
        view.queues[row.queue_id ?? 'none'] = row.open;
      } else {
        view.channels[row.channel] = row.open;
      }
    }
    return view;
  }

  async get(id: string, user: AuthenticatedUser): Promise<ConversationView> {
    const { entities, raw } = await this.withCustomerAndReadState(this.conversations.createQueryBuilder('c'), user)
      .where('c.id = :id', { id })
      .getRawAndEntities<ListRow>();
    const [conversation] = entities;
    if (!conversation) throw new NotFoundException(`conversation ${id} not found`);
    return {
      ...toConversationView(conversation, raw[0]?.customer_name ?? null, await this.tags.ofConversation(conversation.id), raw[0]?.read_at ?? null),
      participants: await this.participants(conversation),
    };
  }

  /** Who took part, each as the customer they are now (after any merge); the owner first. */
  private async participants(conversation: ConversationEntity): Promise<ConversationParticipantView[]> {
    const rows = (await this.db.query(
      `SELECT DISTINCT ON (s.id) s.id AS customer_id, s.name, min(p.first_at) OVER (PARTITION BY s.id) AS first_at
         FROM conversation_participants p
         JOIN customers c ON c.id = p.customer_id
         JOIN customers s ON s.id = COALESCE(c.merged_into, c.id)
        WHERE p.conversation_id = $1`,
      [conversation.id],
    )) as Array<{ customer_id: string; name: string | null; first_at: Date }>;
    return rows
      .map((r) => ({
        customerId: r.customer_id,
        name: r.name,
        role: r.customer_id === conversation.customerId ? ('owner' as const) : ('participant' as const),
        at: r.first_at,
      }))
      .sort((a, b) => Number(b.role === 'owner') - Number(a.role === 'owner') || new Date(a.at).getTime() - new Date(b.at).getTime())
      .map(({ customerId, name, role }) => ({ customerId, name, role }));
  }

  /** Marks it read for this agent now; their other tabs hear it on their own room. */
  async markRead(id: string, user: AuthenticatedUser): Promise<void> {
    await this.find(id);
    const [row] = (await this.db.query(
      `INSERT INTO conversation_reads (user_id, conversation_id, read_at) VALUES ($1, $2, now())
       ON CONFLICT (user_id, conversation_id) DO UPDATE SET read_at = EXCLUDED.read_at
       RETURNING read_at`,
      [user.id, id],
    )) as Array<{ read_at: Date }>;
    this.publisher.publish('conversation.read', { conversationId: id, readAt: (row as { read_at: Date }).read_at.toISOString() }, [rooms.agent(user.id)]);
  }

  async replyChannelsOf(id: string): Promise<ReplyChannelView[]> {
    return this.replyChannels.list(await this.find(id));
  }

  /** The latest `limit` messages, oldest first. */
  async messagesOf(id: string, limit = 200): Promise<MessageView[]> {
    await this.find(id);
    const rows = await this.messages.find({ where: { conversationId: id }, order: { occurredAt: 'DESC', id: 'DESC' }, take: limit });
    return this.messageViews.of(rows.reverse());
  }

  async post(id: string, dto: PostMessageDto, user: AuthenticatedUser): Promise<MessageView> {
    const conversation = await this.find(id);
    // A note stays inside Throughline, so it is written on the conversation's own channel.
    const route = await this.replyChannels.resolve(conversation, dto.note ? undefined : dto.channel);
    const author = await this.users.findOneOrFail({ where: { id: user.id } });
    const now = new Date();
    const direction = dto.note ? 'note' : 'outbound';
    const deliveryStatus = dto.note ? null : hasDeliveryRoute(route.connector) ? 'pending' : 'stored';
    const { message, updated, alsoAnswered } = await this.db.transaction(async (manager) => {
      const message = await manager.save(
        manager.create(MessageEntity, {
          conversationId: id,
          customerId: conversation.customerId,
          connectorId: route.connector?.id ?? conversation.connectorId,
          channel: route.channel,
          direction,
          authorName: author.name,
          authorUserId: author.id,
          text: dto.text,
          deliveryStatus,
          metadata: {
            ...(deliveryStatus === 'stored' ? { note: 'this connector has no delivery route; the reply is kept in Throughline only' } : {}),
            ...(route.to ? { to: route.to } : {}),
          },
          occurredAt: now,
        }),
      );
      if (direction !== 'outbound') return { message, updated: await manager.save(conversation), alsoAnswered: [] };
      const history: HistoryEntry[] = [{ kind: 'reply', actor: { userId: author.id }, details: { messageId: message.id, channel: route.channel }, at: now }];
      if (!conversation.firstResponseAt) history.push({ kind: 'first_response', actor: { userId: author.id }, details: { messageId: message.id }, at: now });
      conversation.firstResponseAt ??= now;
      conversation.lastMessageAt = now;
      conversation.preview = previewOf(dto.text);
      const updated = await manager.save(conversation);
      return { message, updated, alsoAnswered: await this.activity.record(manager, updated, history) };
    });
    const view = await this.events.messageCreated(message, updated);
    if (direction === 'outbound') await this.events.conversationUpdated(updated);
    for (const other of alsoAnswered) await this.events.conversationUpdated(other);
    if (deliveryStatus === 'pending') await this.jobs.tryEnqueueDeliver({ messageId: message.id });
    return view;
  }

  /**
   * Sends a failed reply again (e.g. after the connector was fixed): pending, then the `deliver` job.
   * A reply whose earlier attempt may have been posted (`unknown`) is sent again only when the agent
   * confirms, having checked the platform.
   */
  async retryDelivery(id: string, messageId: string, confirmed = false): Promise<MessageView> {
    const conversation = await this.find(id);
    const message = await this.messages.findOne({ where: { id: messageId, conversationId: id } });
    if (!message) throw new NotFoundException(`message ${messageId} not found in conversation ${id}`);
    const from = message.deliveryStatus;
    if (message.direction !== 'outbound' || (from !== 'failed' && from !== 'unknown')) {
      throw new ConflictException(`message ${messageId} is ${from ?? message.direction}; only a failed reply can be sent again`);
    }
    if (from === 'unknown' && !confirmed) {
      throw new ConflictException(`confirm: message ${messageId} may already be posted; check the platform, then send again with confirm: true`);
    }
    const moved = await this.messages.update({ id: messageId, deliveryStatus: from }, { deliveryStatus: 'pending', deliveryError: null });
    if (!moved.affected) throw new ConflictException(`message ${messageId} changed meanwhile; reload it`);
    message.deliveryStatus = 'pending';
    message.deliveryError = null;
    await this.events.messageUpdated(message, conversation);
    // If Redis is down the delivery sweeper queues it later.
    await this.jobs.requeue(QueueName.Deliver, 'deliver', { messageId }, messageId);
    return this.messageViews.one(message);
  }

  /** Outbound replies an admin should look at: failed, unknown outcome, or still pending/sending after STUCK_AFTER. Oldest first. */
  async stuckReplies(): Promise<MessageView[]> {
    const rows = await this.messages
      .createQueryBuilder('m')
      .where("m.direction = 'outbound'")
      .andWhere(
        `(m.delivery_status IN ('failed', 'unknown') OR (m.delivery_status IN ('pending', 'sending') AND m.created_at < now() - interval '${STUCK_AFTER}'))`,
      )
      .orderBy('m.created_at', 'ASC')
      .take(STUCK_LIMIT)
      .getMany();
    return this.messageViews.of(rows);
  }

  async update(id: string, dto: UpdateConversationDto, user: AuthenticatedUser): Promise<ConversationView> {
    const conversation = await this.find(id);
    const actor = await this.users.findOneOrFail({ where: { id: user.id } });
    const previousQueueId = conversation.queueId;
    const previousAssigneeId = conversation.assigneeId;
    const now = new Date();
    const lines: ConversationChange[] = [];
    const change = (kind: HistoryEntry['kind'], from: string | null, to: string | null, details?: Record<string, unknown>): HistoryEntry => ({
      kind,
      actor: { userId: actor.id },
      from,
      to,
      details,
      at: now,
    });

    const status = dto.status ?? (dto.snoozedUntil !== undefined ? 'snoozed' : undefined);
    if (status === 'snoozed') {
      const until = this.snoozeTime(dto.snoozedUntil);
      if (conversation.status !== 'snoozed' || conversation.snoozedUntil?.getTime() !== until.getTime()) {
        lines.push({
          text: `${actor.name} snoozed this until ${lineTime(until)}`,
          event: { event: 'snoozed', from: conversation.status, until: until.toISOString() },
          history: change('status', conversation.status, 'snoozed', { until: until.toISOString() }),
        });
        conversation.status = 'snoozed';
        conversation.snoozedUntil = until;
        conversation.resolvedAt = null;
      }
    } else if (dto.snoozedUntil !== undefined) {
      throw new BadRequestException(`snoozedUntil: only with status snoozed, not ${status}`);
    } else if (status !== undefined && status !== conversation.status) {
      lines.push({
        text: `${actor.name} set the status to ${status}`,
        event: { event: 'status', from: conversation.status, to: status },
        history: change('status', conversation.status, status),
      });
      conversation.status = status;
      conversation.resolvedAt = status === 'resolved' ? now : null;
      conversation.snoozedUntil = null;
    }
    if (dto.assigneeId !== undefined && dto.assigneeId !== conversation.assigneeId) {
      const assignee = dto.assigneeId ? await this.users.findOne({ where: { id: dto.assigneeId, disabled: false } }) : null;
      if (dto.assigneeId && !assignee) throw new BadRequestException(`assigneeId: user ${dto.assigneeId} does not exist`);
      lines.push({
        text: assignee ? `${actor.name} assigned this to ${assignee.name}` : `${actor.name} unassigned this`,
        event: { event: 'assigned', from: conversation.assigneeId, to: dto.assigneeId },
        history: change('assignee', conversation.assigneeId, dto.assigneeId),
      });
      conversation.assigneeId = dto.assigneeId;
    }
    if (dto.queueId !== undefined && dto.queueId !== conversation.queueId) {
      const queue = dto.queueId ? await this.queues.find(dto.queueId) : null;
      if (dto.queueId && !queue) throw new BadRequestException(`queueId: queue ${dto.queueId} does not exist`);
      if (queue?.archived) throw new BadRequestException(`queueId: queue ${queue.name} is archived`);
      lines.push({
        text: queue ? `${actor.name} moved this to ${queue.name}` : `${actor.name} removed this from its queue`,
        event: { event: 'queue', from: conversation.queueId, to: dto.queueId },
        history: change('queue', conversation.queueId, dto.queueId),
      });
      conversation.queueId = dto.queueId;
    }
    if (dto.priority !== undefined && dto.priority !== conversation.priority) {
      lines.push({
        text: `${actor.name} set the priority to ${dto.priority}`,
        event: { event: 'priority', from: conversation.priority, to: dto.priority },
        history: change('priority', conversation.priority, dto.priority),
      });
      conversation.priority = dto.priority;
    }
    if (!lines.length) return this.events.conversationView(conversation);

    const written = await this.db.transaction(async (manager) => {
      const written = await this.writer.write(manager, conversation, previousQueueId, lines, { userId: actor.id, name: actor.name }, now);
      await manager.save(
        manager.create(AuditLogEntity, {
          actorUserId: actor.id,
          action: 'conversation.updated',
          entityType: 'conversation',
          entityId: id,
          details: { ...dto },
        }),
      );
      return written;
    });
    const view = await this.writer.publish(written);
    if (written.systemMessages.some((line) => line.metadata['event'] === 'status' && line.metadata['to'] === 'resolved'))
      await this.surveys.conversationResolved(written.saved);
    await this.routeAfter(written.saved, previousAssigneeId);
    return view;
  }

  /**
   * With the conversation locked, so two agents setting tags at once apply one after the other:
   * the second sees the first's tags, and adding a tag it already has writes nothing.
   */
  async setTags(id: string, tagIds: string[], user: AuthenticatedUser): Promise<ConversationView> {
    const actor = await this.users.findOneOrFail({ where: { id: user.id } });
    const now = new Date();
    const written = await this.db.transaction(async (manager) => {
      const conversation = await manager.findOne(ConversationEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!conversation) throw new NotFoundException(`conversation ${id} not found`);
      const wanted = await this.tags.existing(manager, tagIds);
      const unknown = tagIds.find((tagId) => !wanted.some((t) => t.id === tagId));
      if (unknown) throw new BadRequestException(`tagIds: tag ${unknown} does not exist`);
      const current = await this.tags.ofConversation(id, manager);
      const { added, removed } = tagChanges(
        current.map((t) => t.id),
        tagIds,
      );
      if (!added.length && !removed.length) return null;
      await this.tags.add(manager, id, added, actor.id, now);
      await this.tags.remove(manager, id, removed);
      const nameOf = new Map([...current, ...wanted].map((t) => [t.id, t.name]));
      const line = (tagId: string, on: boolean): ConversationChange => ({
        text: on ? `${actor.name} tagged this ${nameOf.get(tagId)}` : `${actor.name} removed the tag ${nameOf.get(tagId)}`,
        event: { event: 'tag', from: on ? null : tagId, to: on ? tagId : null },
        history: { kind: 'tag', actor: { userId: actor.id }, from: on ? null : tagId, to: on ? tagId : null, details: { name: nameOf.get(tagId) }, at: now },
      });
      // Lists drop live events older than what they hold: the tags are part of the conversation's state.
      conversation.updatedAt = now;
      return this.writer.write(
        manager,
        conversation,
        conversation.queueId,
        [...added.map((tagId) => line(tagId, true)), ...removed.map((tagId) => line(tagId, false))],
        { userId: actor.id, name: actor.name },
        now,
      );
    });
    return written ? this.writer.publish(written) : this.get(id, user);
  }

  /**
   * Routing after an agent's change: the conversation may now wait in a routed queue, and an
   * assignee who resolved or gave one up may have room in every routed queue they serve.
   */
  private async routeAfter(conversation: ConversationEntity, previousAssigneeId: string | null): Promise<void> {
    const queueIds = new Set<string>();
    if (conversation.queueId && conversation.status === 'open' && !conversation.assigneeId) queueIds.add(conversation.queueId);
    const freed: string[] = [];
    if (previousAssigneeId && previousAssigneeId !== conversation.assigneeId) freed.push(previousAssigneeId);
    if (conversation.assigneeId && conversation.status !== 'open') freed.push(conversation.assigneeId);
    for (const queueId of await this.queues.routedQueueIdsOf(freed)) queueIds.add(queueId);
    for (const queueId of queueIds) await this.jobs.tryEnqueueRoute({ queueId });
  }

  private snoozeTime(value: string | undefined): Date {
    if (value === undefined) throw new BadRequestException('snoozedUntil: required when the status is snoozed (when should it open again?)');
    const until = new Date(value);
    if (until.getTime() <= Date.now()) throw new BadRequestException(`snoozedUntil: ${value} is not in the future`);
    return until;
  }

  private withCustomerAndReadState(q: SelectQueryBuilder<ConversationEntity>, user: AuthenticatedUser): SelectQueryBuilder<ConversationEntity> {
    return q
      .leftJoin('customers', 'cu', 'cu.id = c.customer_id')
      .addSelect('cu.name', 'customer_name')
      .leftJoin('conversation_reads', 'r', 'r.conversation_id = c.id AND r.user_id = :readerId', { readerId: user.id })
      .addSelect('r.read_at', 'read_at');
  }

  /**
   * Search (`q`): customer name, any identity value (or the email/phone it normalises to), message
   * text, or the conversation reference. Substrings use the trigram indexes.
   */
  private whereMatches(q: SelectQueryBuilder<ConversationEntity>, term: string): void {
    const search = parseConversationSearch(term, this.config.defaultPhoneCountry);
    const alternatives = [
      'c.customer_id IN (SELECT sc.id FROM customers sc WHERE sc.name ILIKE :searchText)',
      'c.customer_id IN (SELECT si.customer_id FROM customer_identities si WHERE si.value ILIKE :searchIdentity OR si.value = ANY(CAST(:searchExact AS text[])))',
      'c.id IN (SELECT sm.conversation_id FROM messages sm WHERE sm.text ILIKE :searchText)',
    ];
    if (search.sequence !== null) alternatives.push('c.number = :searchNumber');
    q.andWhere(`(${alternatives.join(' OR ')})`, {
      searchText: containsPattern(search.text),
      searchIdentity: containsPattern(search.identityText),
      searchExact: search.exactIdentities,
      searchNumber: search.sequence,
    });
  }

  /** Keyset continuation; a cursor from another sort (or not ours) is refused. */
  private after(q: SelectQueryBuilder<ConversationEntity>, sort: ConversationSort, cursor: string): void {
    const position = decodeListCursor(cursor);
    if (!position) throw new BadRequestException('cursor: not a cursor returned by this endpoint');
    if (position.sort !== sort) throw new BadRequestException(`cursor: made for sort=${position.sort}, not sort=${sort}; start again without a cursor`);
    if (position.sort === 'recent') {
      q.andWhere('(c.last_message_at, c.id) < (CAST(:cursorAt AS timestamptz), CAST(:cursorId AS uuid))', { cursorAt: position.at, cursorId: position.id });
    } else {
      q.andWhere('(c.wait_rank, c.wait_key, c.id) > (CAST(:cursorRank AS smallint), CAST(:cursorAt AS timestamptz), CAST(:cursorId AS uuid))', {
        cursorRank: position.rank,
        cursorAt: position.at,
        cursorId: position.id,
      });
    }
  }

  private async find(id: string): Promise<ConversationEntity> {
    const conversation = await this.conversations.findOne({ where: { id } });
    if (!conversation) throw new NotFoundException(`conversation ${id} not found`);
    return conversation;
  }
}
