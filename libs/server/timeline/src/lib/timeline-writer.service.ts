import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { QueuesRepository } from '@throughline/server/queues';
import {
  conversationRefToSequence,
  decideOwner,
  decideThread,
  identityKey,
  type LinkedConversation,
  planConversationMerge,
  resolveCustomer,
  type KnownIdentity,
  type NormalizedMessage,
  type ThreadCandidate,
} from '@throughline/domain';
import {
  AttachmentEntity,
  type ConnectorEntity,
  ConversationEntity,
  CustomerEntity,
  CustomerIdentityEntity,
  CustomerPossibleMatchEntity,
  MessageEntity,
} from '@throughline/server/database';
import { ConversationActivity } from './conversation-activity.service';
import { TimelineEntries } from './timeline-entries.service';
import { absorbConversations, changeOwner, recordParticipant } from './conversation-merger';
import { previewOf } from './views';

export interface PersistedInbound {
  message: MessageEntity;
  /** Null when the entry belongs to the customer's timeline only (automatic mail nobody claims). */
  conversation: ConversationEntity | null;
  conversationIsNew: boolean;
  /** The message already existed and this event updated it (a call's next status). */
  isUpdate: boolean;
  /** System lines written alongside (e.g. "reopened"), to publish too. */
  systemMessages: MessageEntity[];
  /** Our outbound messages that a bounce reported as undeliverable, now marked failed. */
  bounced: MessageEntity[];
  /** Conversations this message joined into `conversation` (as they were before they disappeared). */
  absorbed: ConversationEntity[];
  /** The owner `conversation` had before this message, the thread's root, took it over. */
  previousOwnerId: string | null;
}

/** What a stored entry shows; a channel's merge decides how a later event about it changes that. */
export interface StoredEntry {
  text: string;
  metadata: Record<string, unknown>;
}

/** A merged entry; `attention` as on NormalizedMessage, when the update newly needs an agent. */
export interface MergedEntry extends StoredEntry {
  attention?: string;
}

/**
 * How a channel folds a later event into a stored entry (e.g. phone: a late "ringing" never
 * overwrites "completed"). Channels without one treat a repeated externalId as a redelivery.
 */
export type MergeUpdate = (stored: StoredEntry, incoming: NormalizedMessage) => MergedEntry;

/** Why an inbound message left nothing on any timeline; kept on the raw event for admins. */
export interface SkippedInbound {
  skipped: string;
}

interface ThreadOutcome {
  conversation: ConversationEntity | null;
  conversationIsNew: boolean;
  reopenedFrom: string | null;
  /** Conversations folded into `conversation` because this message joined them into one thread. */
  absorbed: ConversationEntity[];
  mergeLines: MessageEntity[];
  /** Set when this message (the thread's root) took the conversation over from its previous owner. */
  previousOwnerId: string | null;
}

const DEFAULT_SUBJECT_WINDOW_DAYS = 7;
/** A conversation merged away while we waited for its lock sends the lookup round again; this bounds the rounds. */
const MAX_THREAD_ATTEMPTS = 5;
const DAY_MS = 24 * 3600 * 1000;

/**
 * Step 4 of the message path: identity resolution and threading, inside the caller's transaction.
 * Advisory locks on the message's identities, thread key and referenced ids serialise concurrent
 * messages of the same person or thread, so two workers never create the same customer or
 * conversation twice, and a reply and its parent arriving together end up in one conversation.
 */
@Injectable()
export class TimelineWriter {
  constructor(
    private readonly queues: QueuesRepository,
    private readonly activity: ConversationActivity,
    private readonly entries: TimelineEntries,
  ) {}

  async persistInbound(
    manager: EntityManager,
    connector: ConnectorEntity,
    rawEventId: string | null,
    incoming: NormalizedMessage,
    mergeUpdate?: MergeUpdate,
  ): Promise<PersistedInbound | SkippedInbound | null> {
    await this.lock(manager, connector, incoming);

    const messages = manager.getRepository(MessageEntity);
    const existing = await messages.findOne({ where: { connectorId: connector.id, externalId: incoming.externalId } });
    if (existing) return incoming.updates && mergeUpdate ? this.applyUpdate(manager, existing, incoming, mergeUpdate) : null;
    // An update that names nobody (a call's recording) can only add to its entry: wait for the entry.
    if (incoming.updates && !incoming.identities.length) {
      throw new Error(`update ${incoming.externalId} arrived before the entry it updates; retrying later`);
    }

    const customerId = await this.resolveCustomer(manager, connector, incoming);
    if (!customerId) return { skipped: `automatic mail (${incoming.automated?.reason}) about no message or customer we know` };
    const { conversation, conversationIsNew, reopenedFrom, absorbed, mergeLines, previousOwnerId } = await this.thread(
      manager,
      connector,
      customerId,
      incoming,
    );

    const message = await messages.save(
      messages.create({
        conversationId: conversation?.id ?? null,
        customerId: conversation?.customerId ?? customerId,
        connectorId: connector.id,
        rawEventId,
        channel: incoming.channel,
        direction: incoming.direction,
        authorName: incoming.authorName ?? null,
        subject: incoming.subject ?? null,
        text: incoming.text,
        html: incoming.html ?? null,
        strippedText: incoming.strippedText ?? null,
        externalId: incoming.externalId,
        threadRefs: incoming.threading?.replyTo?.length ? incoming.threading.replyTo : null,
        metadata: {
          ...incoming.metadata,
          ...(incoming.automated ? { automated: incoming.automated } : {}),
          ...(conversation && conversation.customerId !== customerId ? { senderCustomerId: customerId } : {}),
        },
        occurredAt: incoming.occurredAt,
      }),
    );
    await this.saveAttachments(manager, message, incoming);

    const systemMessages: MessageEntity[] = [...mergeLines];
    if (reopenedFrom && conversation) {
      systemMessages.push(
        await messages.save(
          messages.create({
            conversationId: conversation.id,
            customerId: conversation.customerId,
            connectorId: connector.id,
            channel: conversation.channel,
            direction: 'system',
            text: `Reopened: the customer wrote again while the conversation was ${reopenedFrom}`,
            metadata: { event: 'reopened', previousStatus: reopenedFrom },
            occurredAt: incoming.occurredAt,
          }),
        ),
      );
    }
    if (incoming.attention && conversation) systemMessages.push(await this.attentionLine(manager, conversation, incoming.attention, incoming.occurredAt));
    if (conversation) {
      await this.activity.messagePersisted(manager, { conversation, conversationIsNew, reopenedFrom, message, automated: Boolean(incoming.automated) });
    }
    const bounced = incoming.automated?.kind === 'bounce' ? await this.markBounced(manager, connector, incoming) : [];
    return { message, conversation, conversationIsNew, isUpdate: false, systemMessages, bounced, absorbed, previousOwnerId };
  }

  private async lock(manager: EntityManager, connector: ConnectorEntity, incoming: NormalizedMessage): Promise<void> {
    const keys = incoming.identities.map(identityKey);
    if (incoming.threadKey) keys.push(`thread:${connector.id}:${incoming.threadKey}`);
    // A message and everything it answers share lock keys, so parent and reply never race.
    for (const id of [incoming.externalId, ...(incoming.threading?.replyTo ?? [])]) keys.push(`ref:${connector.id}:${id}`);
    if (incoming.threading?.conversationRef) keys.push(`conversation-ref:${incoming.threading.conversationRef}`);
    for (const key of [...new Set(keys)].sort()) {
      await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [key]);
    }
  }

  /** A later event about a stored entry (a call's next status, its recording), merged by its channel's rules. */
  private async applyUpdate(manager: EntityManager, existing: MessageEntity, incoming: NormalizedMessage, mergeUpdate: MergeUpdate): Promise<PersistedInbound> {
    const { text, metadata, attention } = mergeUpdate({ text: existing.text, metadata: existing.metadata }, incoming);
    await manager.getRepository(MessageEntity).update({ id: existing.id }, { metadata: metadata as object, text });
    existing.metadata = metadata;
    existing.text = text;
    const conversations = manager.getRepository(ConversationEntity);
    const conversation = existing.conversationId ? await conversations.findOne({ where: { id: existing.conversationId } }) : null;
    const systemMessages: MessageEntity[] = [];
    if (attention && conversation) {
      if (conversation.status !== 'open') {
        const from = conversation.status;
        conversation.status = 'open';
        conversation.resolvedAt = null;
        await conversations.save(conversation);
        const reopen = { kind: 'status', actor: 'system', from, to: 'open', details: { reason: 'attention' }, at: new Date() } as const;
        await this.activity.record(manager, conversation, [reopen]);
      }
      systemMessages.push(await this.attentionLine(manager, conversation, attention, new Date()));
    }
    return { message: existing, conversation, conversationIsNew: false, isUpdate: true, systemMessages, bounced: [], absorbed: [], previousOwnerId: null };
  }

  /** The system line that tells agents why a conversation needs them (e.g. "call the customer back"). */
  private attentionLine(manager: EntityManager, conversation: ConversationEntity, text: string, occurredAt: Date): Promise<MessageEntity> {
    return this.entries.systemLine(manager, conversation, { text, metadata: { event: 'attention' }, at: occurredAt });
  }

  /**
   * The customer this message belongs to. A bounce comes from a mail server, not a person: it
   * belongs to whoever received the message that bounced, or to nobody (null). An auto-reply
   * comes from the person's own mailbox, so it is theirs like any mail.
   */
  private async resolveCustomer(manager: EntityManager, connector: ConnectorEntity, incoming: NormalizedMessage): Promise<string | null> {
    const identities = manager.getRepository(CustomerIdentityEntity);
    if (incoming.automated?.kind === 'bounce') {
      const refersTo = incoming.automated.refersTo ?? [];
      const [owner] = refersTo.length
        ? ((await manager.query('SELECT customer_id FROM messages WHERE connector_id = $1 AND external_id = ANY($2) ORDER BY occurred_at DESC LIMIT 1', [
            connector.id,
            refersTo,
          ])) as Array<{ customer_id: string }>)
        : [];
      if (owner) return owner.customer_id;
      const recipients = incoming.automated.failedRecipients ?? [];
      const known = recipients.length
        ? await identities.findOne({ where: recipients.map((value) => ({ kind: 'email' as const, value: value.toLowerCase() })) })
        : null;
      return known?.customerId ?? null;
    }

    const known: KnownIdentity[] = incoming.identities.length
      ? await identities
          .createQueryBuilder('i')
          .select(['i.kind', 'i.value', 'i.customerId'])
          .where('(i.kind, i.value) IN (SELECT * FROM unnest(:kinds::text[], :values::text[]))', {
            kinds: incoming.identities.map((i) => i.kind),
            values: incoming.identities.map((i) => i.value),
          })
          .getMany()
      : [];
    const resolution = resolveCustomer(incoming.identities, known);
    const customers = manager.getRepository(CustomerEntity);
    let customerId = resolution.customerId;
    if (!customerId) {
      customerId = (await customers.save(customers.create({ name: incoming.authorName ?? null }))).id;
    } else if (incoming.authorName && !incoming.automated) {
      await customers.createQueryBuilder().update().set({ name: incoming.authorName }).where('id = :id AND name IS NULL', { id: customerId }).execute();
    }
    if (resolution.toAttach.length) {
      const verified = new Map(incoming.identities.map((i) => [identityKey(i), i.verified ?? true]));
      await identities
        .createQueryBuilder()
        .insert()
        .values(resolution.toAttach.map((i) => ({ customerId: customerId as string, kind: i.kind, value: i.value, verified: verified.get(identityKey(i)) })))
        .orIgnore()
        .execute();
    }
    await this.recordPossibleMatches(manager, customerId, incoming, resolution.conflicting);
    return customerId;
  }

  /**
   * Identities pointing at another customer never move (merging people is an agent's decision);
   * they become a possible match for agents to merge or dismiss: a known identity of someone else
   * on this message, or one the sender only claims (an email typed into the chat form).
   */
  private async recordPossibleMatches(manager: EntityManager, customerId: string, incoming: NormalizedMessage, conflicting: KnownIdentity[]): Promise<void> {
    const claimed = incoming.claimedIdentities ?? [];
    const claimedOwners = claimed.length
      ? await manager
          .getRepository(CustomerIdentityEntity)
          .createQueryBuilder('i')
          .select(['i.kind', 'i.value', 'i.customerId'])
          .where('(i.kind, i.value) IN (SELECT * FROM unnest(:kinds::text[], :values::text[]))', {
            kinds: claimed.map((i) => i.kind),
            values: claimed.map((i) => i.value),
          })
          .getMany()
      : [];
    const matches = [
      ...conflicting.map((k) => ({
        candidateCustomerId: k.customerId,
        reason: `a ${incoming.channel} message also named ${k.kind} ${k.value}, which belongs to this customer`,
      })),
      ...claimedOwners
        .filter((o) => o.customerId !== customerId)
        .map((o) => ({
          candidateCustomerId: o.customerId,
          reason: `gave ${o.kind} ${o.value} in ${incoming.channel} without verifying it; it belongs to this customer`,
        })),
    ];
    if (!matches.length) return;
    await manager
      .getRepository(CustomerPossibleMatchEntity)
      .createQueryBuilder()
      .insert()
      .values(matches.map((m) => ({ customerId, ...m })))
      .orIgnore()
      .execute();
  }

  /** Re-run when a conversation it found was merged away while it waited for that conversation's lock. */
  private async thread(manager: EntityManager, connector: ConnectorEntity, customerId: string, incoming: NormalizedMessage): Promise<ThreadOutcome> {
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.tryThread(manager, connector, customerId, incoming);
      if (outcome) return outcome;
      if (attempt >= MAX_THREAD_ATTEMPTS) throw new Error(`conversations of ${incoming.externalId} kept merging while it waited; retrying later`);
    }
  }

  private async tryThread(manager: EntityManager, connector: ConnectorEntity, customerId: string, incoming: NormalizedMessage): Promise<ThreadOutcome | null> {
    const conversations = manager.getRepository(ConversationEntity);
    const hints = incoming.threading;
    const windowHours = hints?.openConversationWithinHours;
    const byThreadKey = incoming.threadKey ? await conversations.findOne({ where: { connectorId: connector.id, threadKey: incoming.threadKey } }) : null;
    // Even a message with no hints of its own (a root post) may have replies stored before it.
    const links = byThreadKey ? [] : await this.findLinks(manager, connector, incoming);
    const plan = planConversationMerge(links);
    const byReference = plan
      ? { id: plan.survivorId, status: links.find((l) => l.id === plan.survivorId)?.status ?? 'open' }
      : hints && !byThreadKey
        ? await this.findByConversationRef(manager, connector, incoming)
        : null;
    const bySubject = hints && !byThreadKey && !byReference ? await this.findBySubject(manager, connector, customerId, incoming) : null;
    // Channels with threading hints thread only by them; the others (and calls, within their window) continue the open conversation.
    const openOnConnector =
      incoming.threadKey || (hints && windowHours === undefined)
        ? null
        : await conversations
            .createQueryBuilder('c')
            .select(['c.id', 'c.status', 'c.lastMessageAt'])
            .where('c.customer_id = :customerId AND c.connector_id = :connectorId AND c.status IN (:...statuses)', {
              customerId,
              connectorId: connector.id,
              statuses: windowHours === undefined ? ['open', 'pending', 'snoozed'] : ['open', 'pending'],
            })
            .orderBy('c.last_message_at', 'DESC')
            .getOne();
    const decision = decideThread({
      threadKey: incoming.threadKey,
      byThreadKey,
      byReference,
      bySubject,
      openOnConnector,
      openWithin: windowHours === undefined ? undefined : { hours: windowHours, occurredAt: incoming.occurredAt },
      automated: Boolean(incoming.automated),
    });
    if (decision.action === 'detach')
      return { conversation: null, conversationIsNew: false, reopenedFrom: null, absorbed: [], mergeLines: [], previousOwnerId: null };

    const preview = previewOf(incoming.strippedText || incoming.text);
    if (decision.action === 'create') {
      const conversation = await conversations.save(
        conversations.create({
          customerId,
          connectorId: connector.id,
          channel: incoming.channel,
          status: 'open',
          priority: 'normal',
          // A connector pointing at an archived queue still delivers: the conversation waits in no queue.
          queueId: await this.queues.acceptingQueueId(manager, connector.queueId),
          subject: incoming.subject ?? null,
          subjectKey: hints?.normalizedSubject || null,
          threadKey: incoming.threadKey ?? null,
          preview,
          lastMessageAt: incoming.occurredAt,
          // An entry a channel reports as ours (an outbound call) is no customer waiting for us.
          lastInboundAt: incoming.direction === 'inbound' ? incoming.occurredAt : null,
        }),
      );
      await recordParticipant(manager, conversation, customerId, incoming.occurredAt);
      return { conversation, conversationIsNew: true, reopenedFrom: null, absorbed: [], mergeLines: [], previousOwnerId: null };
    }

    // Lock what we write into (and what we absorb) in a stable order; a row gone meanwhile was merged away: look again.
    const absorbedIds = plan && decision.conversationId === plan.survivorId ? plan.absorbedIds : [];
    const lockIds = [decision.conversationId, ...absorbedIds].sort();
    const locked = await conversations
      .createQueryBuilder('c')
      .setLock('pessimistic_write')
      .where('c.id IN (:...ids)', { ids: lockIds })
      .orderBy('c.id')
      .getMany();
    if (locked.length !== lockIds.length) return null;
    const existing = locked.find((c) => c.id === decision.conversationId) as ConversationEntity;
    const absorbed = locked.filter((c) => c.id !== existing.id);
    await this.activity.joined(manager, existing, absorbed);
    const mergeLines = await absorbConversations(manager, existing, absorbed, incoming.occurredAt);

    const previousOwnerId = existing.customerId;
    const ownerId = plan
      ? decideOwner({
          currentOwnerId: existing.customerId,
          senderId: customerId,
          occurredAt: incoming.occurredAt,
          answersStored: links.some((l) => l.side === 'parent'),
          answeredByStored: links.some((l) => l.side === 'child'),
          earliestStartAt: await this.earliestStart(manager, existing.id),
        })
      : existing.customerId;
    if (ownerId !== existing.customerId) await changeOwner(manager, existing, ownerId);
    await recordParticipant(manager, existing, customerId, incoming.occurredAt);
    const changed = { absorbed, mergeLines, previousOwnerId: ownerId !== previousOwnerId ? previousOwnerId : null };

    // Automatic mail is recorded in the conversation but moves nothing: no reopen, no SLA clock, no preview.
    if (incoming.automated) {
      if (absorbed.length) await conversations.save(existing);
      return { conversation: existing, conversationIsNew: false, reopenedFrom: null, ...changed };
    }
    // The status as locked, not as first read: another writer may have changed it meanwhile.
    const reopenedFrom = existing.status !== 'open' ? existing.status : null;
    if (reopenedFrom) {
      existing.status = 'open';
      existing.resolvedAt = null;
      existing.snoozedUntil = null;
    }
    if (incoming.occurredAt >= existing.lastMessageAt) {
      existing.lastMessageAt = incoming.occurredAt;
      existing.preview = preview;
    }
    if (incoming.direction === 'inbound' && (!existing.lastInboundAt || incoming.occurredAt > existing.lastInboundAt)) {
      existing.lastInboundAt = incoming.occurredAt;
    }
    existing.subject ??= incoming.subject ?? null;
    existing.subjectKey ??= hints?.normalizedSubject || null;
    const conversation = await conversations.save(existing);
    return { conversation, conversationIsNew: false, reopenedFrom, ...changed };
  }

  /**
   * The conversations linked to this message by its reply chain: those holding a message it
   * answers (parents) and those holding a stored message that answers it (children, which arrived
   * first). Email Message-IDs are unique worldwide, so an email answer finds what it answers on
   * any connector (a chat reply we emailed to an offline visitor, mail sent from another mailbox);
   * other channels' ids are only unique per connector.
   */
  private async findLinks(
    manager: EntityManager,
    connector: ConnectorEntity,
    incoming: NormalizedMessage,
  ): Promise<Array<LinkedConversation & ThreadCandidate>> {
    const replyTo = incoming.threading?.replyTo ?? [];
    const columns = `c.id, c.status, c.thread_key IS NOT NULL AS pinned,
      (SELECT min(f.occurred_at) FROM messages f WHERE f.conversation_id = c.id) AS first_message_at`;
    type Row = { id: string; status: ThreadCandidate['status']; pinned: boolean; first_message_at: Date };
    const parents: Row[] = replyTo.length
      ? await manager.query(
          `SELECT DISTINCT ${columns} FROM messages m JOIN conversations c ON c.id = m.conversation_id
            WHERE m.external_id = ANY($1) ${incoming.channel === 'email' ? '' : 'AND m.connector_id = $2'}`,
          incoming.channel === 'email' ? [replyTo] : [replyTo, connector.id],
        )
      : [];
    const children: Row[] = await manager.query(
      `SELECT DISTINCT ${columns} FROM messages m JOIN conversations c ON c.id = m.conversation_id
        WHERE m.connector_id = $1 AND m.thread_refs @> ARRAY[$2]::text[]`,
      [connector.id, incoming.externalId],
    );
    const link = (side: LinkedConversation['side']) => (r: Row) => ({
      id: r.id,
      status: r.status,
      side,
      pinned: r.pinned,
      firstMessageAt: new Date(r.first_message_at),
    });
    return [...parents.map(link('parent')), ...children.map(link('child'))];
  }

  /** When the conversation's earliest thread start (an inbound message answering nothing) was. */
  private async earliestStart(manager: EntityManager, conversationId: string): Promise<Date | null> {
    const [row] = (await manager.query(
      `SELECT min(occurred_at) AS at FROM messages WHERE conversation_id = $1 AND direction = 'inbound' AND thread_refs IS NULL`,
      [conversationId],
    )) as Array<{ at: Date | null }>;
    return row?.at ? new Date(row.at) : null;
  }

  /** The conversation our subject token names (a reply that lost its references). */
  private async findByConversationRef(manager: EntityManager, connector: ConnectorEntity, incoming: NormalizedMessage): Promise<ThreadCandidate | null> {
    const sequence = incoming.threading?.conversationRef ? conversationRefToSequence(incoming.threading.conversationRef) : null;
    if (sequence === null) return null;
    return manager.getRepository(ConversationEntity).findOne({
      where: { number: sequence, connectorId: connector.id },
      select: { id: true, status: true },
    });
  }

  /** Mail that lost its headers: the same customer, the same subject, recently, on the same connector. */
  private async findBySubject(
    manager: EntityManager,
    connector: ConnectorEntity,
    customerId: string,
    incoming: NormalizedMessage,
  ): Promise<ThreadCandidate | null> {
    const subjectKey = incoming.threading?.normalizedSubject;
    const configured = connector.config['threadBySubjectWithinDays'];
    const days = typeof configured === 'number' ? configured : DEFAULT_SUBJECT_WINDOW_DAYS;
    if (!subjectKey || days <= 0) return null;
    return manager
      .getRepository(ConversationEntity)
      .createQueryBuilder('c')
      .select(['c.id', 'c.status'])
      .where('c.customer_id = :customerId AND c.connector_id = :connectorId AND c.subject_key = :subjectKey', {
        customerId,
        connectorId: connector.id,
        subjectKey,
      })
      .andWhere('c.last_message_at >= :since', { since: new Date(incoming.occurredAt.getTime() - days * DAY_MS) })
      .orderBy('c.last_message_at', 'DESC')
      .getOne();
  }

  private async saveAttachments(manager: EntityManager, message: MessageEntity, incoming: NormalizedMessage): Promise<void> {
    if (!incoming.attachments?.length) return;
    await manager
      .getRepository(AttachmentEntity)
      .createQueryBuilder()
      .insert()
      .values(
        incoming.attachments.map((a) => ({
          messageId: message.id,
          filename: a.filename,
          contentType: a.contentType,
          size: a.content.byteLength,
          contentId: a.contentId ?? null,
          inline: a.inline ?? false,
          content: Buffer.from(a.content.buffer, a.content.byteOffset, a.content.byteLength),
        })),
      )
      .execute();
  }

  /** A bounce marks the outbound messages it reports as failed, with the remote server's reason. */
  private async markBounced(manager: EntityManager, connector: ConnectorEntity, incoming: NormalizedMessage): Promise<MessageEntity[]> {
    const refersTo = incoming.automated?.refersTo ?? [];
    if (!refersTo.length) return [];
    const recipients = incoming.automated?.failedRecipients?.join(', ');
    const reason = `bounced${recipients ? ` for ${recipients}` : ''}: ${incoming.automated?.diagnostic ?? incoming.subject ?? 'undeliverable'}`;
    const messages = manager.getRepository(MessageEntity);
    const targets = await messages
      .createQueryBuilder('m')
      .where("m.connector_id = :connectorId AND m.direction = 'outbound' AND m.external_id IN (:...ids)", { connectorId: connector.id, ids: refersTo })
      .getMany();
    for (const target of targets) {
      target.deliveryStatus = 'failed';
      target.deliveryError = reason.slice(0, 1000);
      await messages.update({ id: target.id }, { deliveryStatus: 'failed', deliveryError: target.deliveryError });
    }
    return targets;
  }
}
