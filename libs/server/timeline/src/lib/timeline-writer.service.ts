import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { decideThread, identityKey, resolveCustomer, type KnownIdentity, type NormalizedMessage } from '@throughline/domain';
import {
  type ConnectorEntity,
  ConversationEntity,
  CustomerEntity,
  CustomerIdentityEntity,
  MessageEntity,
} from '@throughline/server/database';
import { previewOf } from './views';

export interface PersistedInbound {
  message: MessageEntity;
  conversation: ConversationEntity;
  conversationIsNew: boolean;
  /** System lines written alongside (e.g. "reopened"), to publish too. */
  systemMessages: MessageEntity[];
}

/**
 * Step 4 of the message path: identity resolution and threading, inside the caller's transaction.
 * Advisory locks on the message's identities and thread key serialise concurrent messages of the
 * same person, so two workers never create the same customer or conversation twice.
 */
@Injectable()
export class TimelineWriter {
  async persistInbound(
    manager: EntityManager,
    connector: ConnectorEntity,
    rawEventId: string | null,
    incoming: NormalizedMessage,
  ): Promise<PersistedInbound | null> {
    const lockKeys = incoming.identities.map(identityKey);
    if (incoming.threadKey) lockKeys.push(`thread:${connector.id}:${incoming.threadKey}`);
    for (const key of [...new Set(lockKeys)].sort()) {
      await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [key]);
    }

    const messages = manager.getRepository(MessageEntity);
    if (await messages.exists({ where: { connectorId: connector.id, externalId: incoming.externalId } })) return null;

    const customerId = await this.resolveCustomer(manager, incoming);
    const { conversation, conversationIsNew, reopenedFrom } = await this.thread(manager, connector, customerId, incoming);

    const message = await messages.save(
      messages.create({
        conversationId: conversation.id,
        customerId: conversation.customerId,
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
        metadata: {
          ...incoming.metadata,
          ...(conversation.customerId !== customerId ? { senderCustomerId: customerId } : {}),
        },
        occurredAt: incoming.occurredAt,
      }),
    );

    const systemMessages: MessageEntity[] = [];
    if (reopenedFrom) {
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
    return { message, conversation, conversationIsNew, systemMessages };
  }

  private async resolveCustomer(manager: EntityManager, incoming: NormalizedMessage): Promise<string> {
    const identities = manager.getRepository(CustomerIdentityEntity);
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
    } else if (incoming.authorName) {
      await customers
        .createQueryBuilder()
        .update()
        .set({ name: incoming.authorName })
        .where('id = :id AND name IS NULL', { id: customerId })
        .execute();
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
    return customerId;
  }

  private async thread(
    manager: EntityManager,
    connector: ConnectorEntity,
    customerId: string,
    incoming: NormalizedMessage,
  ): Promise<{ conversation: ConversationEntity; conversationIsNew: boolean; reopenedFrom: string | null }> {
    const conversations = manager.getRepository(ConversationEntity);
    const byThreadKey = incoming.threadKey
      ? await conversations.findOne({ where: { connectorId: connector.id, threadKey: incoming.threadKey } })
      : null;
    const openOnConnector = incoming.threadKey
      ? null
      : await conversations
          .createQueryBuilder('c')
          .where("c.customer_id = :customerId AND c.connector_id = :connectorId AND c.status <> 'resolved'", {
            customerId,
            connectorId: connector.id,
          })
          .orderBy('c.last_message_at', 'DESC')
          .getOne();
    const decision = decideThread({ threadKey: incoming.threadKey, byThreadKey, openOnConnector });
    const preview = previewOf(incoming.strippedText ?? incoming.text);

    if (decision.action === 'create') {
      const conversation = await conversations.save(
        conversations.create({
          customerId,
          connectorId: connector.id,
          channel: incoming.channel,
          status: 'open',
          priority: 'normal',
          queueId: connector.queueId,
          subject: incoming.subject ?? null,
          threadKey: incoming.threadKey ?? null,
          preview,
          lastMessageAt: incoming.occurredAt,
          lastInboundAt: incoming.occurredAt,
        }),
      );
      return { conversation, conversationIsNew: true, reopenedFrom: null };
    }

    const existing = (byThreadKey ?? openOnConnector) as ConversationEntity;
    const isLatest = incoming.occurredAt >= existing.lastMessageAt;
    const reopenedFrom = decision.reopen ? existing.status : null;
    if (decision.reopen) {
      existing.status = 'open';
      existing.resolvedAt = null;
    }
    if (isLatest) {
      existing.lastMessageAt = incoming.occurredAt;
      existing.preview = preview;
    }
    if (!existing.lastInboundAt || incoming.occurredAt > existing.lastInboundAt) existing.lastInboundAt = incoming.occurredAt;
    existing.subject ??= incoming.subject ?? null;
    const conversation = await conversations.save(existing);
    return { conversation, conversationIsNew: false, reopenedFrom };
  }
}
