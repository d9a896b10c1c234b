import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { type DataSource, In, type Repository } from 'typeorm';
import {
  type CustomerView,
  IdentityError,
  type Identity,
  type MessageView,
  normalizeIdentity,
  normalizePhone,
  type Page,
  type RealtimeEvents,
  rooms,
} from '@throughline/domain';
import { AuditLogEntity, CustomerEntity, CustomerIdentityEntity, MessageEntity } from '@throughline/server/database';
import { RealtimePublisher } from '@throughline/server/queue';
import { decodeCursor, encodeCursor, MessageViews, toCustomerView } from '@throughline/server/timeline';
import type { CreateCustomerDto } from './customer.dto';

@Injectable()
export class CustomersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectRepository(CustomerEntity) private readonly customers: Repository<CustomerEntity>,
    @InjectRepository(CustomerIdentityEntity) private readonly identities: Repository<CustomerIdentityEntity>,
    @InjectRepository(MessageEntity) private readonly messages: Repository<MessageEntity>,
    private readonly publisher: RealtimePublisher,
    private readonly messageViews: MessageViews,
  ) {}

  async search(q: string | undefined, limit = 25): Promise<CustomerView[]> {
    const query = this.customers.createQueryBuilder('c').where('c.merged_into IS NULL').orderBy('c.updated_at', 'DESC').limit(limit);
    const term = q?.trim();
    if (term) {
      const like = `%${term.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
      const exact = [term.toLowerCase(), phoneOrNull(term)].filter((v): v is string => Boolean(v));
      query.andWhere(
        `(c.name ILIKE :like OR EXISTS (SELECT 1 FROM customer_identities i WHERE i.customer_id = c.id AND (i.value ILIKE :like OR i.value IN (:...exact))))`,
        { like, exact },
      );
    }
    return this.withIdentities(await query.getMany());
  }

  async get(id: string): Promise<CustomerView> {
    const customer = await this.customers.findOne({ where: { id } });
    if (!customer) throw new NotFoundException(`customer ${id} not found`);
    return (await this.withIdentities([customer]))[0];
  }

  async create(dto: CreateCustomerDto, actorId: string): Promise<CustomerView> {
    const identities = dto.identities.map((raw, index) => {
      try {
        return normalizeIdentity(raw.kind, raw.value);
      } catch (err) {
        if (err instanceof IdentityError) throw new BadRequestException(`identities.${index}.value: ${err.message}`);
        throw err;
      }
    });
    return this.db.transaction(async (manager) => {
      const taken = await this.findIdentities(identities, manager.getRepository(CustomerIdentityEntity));
      if (taken.length) {
        throw new ConflictException(taken.map((t) => `${t.kind} ${t.value} already belongs to customer ${t.customerId}`).join('; '));
      }
      const customer = await manager.save(manager.create(CustomerEntity, { name: dto.name?.trim() || null }));
      await manager.save(
        identities.map((i) => manager.create(CustomerIdentityEntity, { customerId: customer.id, kind: i.kind, value: i.value, verified: true })),
      );
      await manager.save(
        manager.create(AuditLogEntity, { actorUserId: actorId, action: 'customer.created', entityType: 'customer', entityId: customer.id, details: {} }),
      );
      return toCustomerView(customer, await manager.find(CustomerIdentityEntity, { where: { customerId: customer.id } }));
    });
  }

  /** Newest first across every conversation and channel the customer took part in (and customers merged into it did). */
  async timeline(id: string, before: string | undefined, limit = 50): Promise<Page<MessageView>> {
    const customer = await this.survivorOf(id);
    const query = this.messages
      .createQueryBuilder('m')
      // Their own conversations, and every conversation they (or a customer merged into them) took part in.
      .where(
        `(m.customer_id = :id OR m.conversation_id IN (SELECT p.conversation_id FROM conversation_participants p
           WHERE p.customer_id IN (SELECT c.id FROM customers c WHERE c.id = :id OR c.merged_into = :id)))`,
        { id: customer.id },
      )
      .orderBy('m.occurred_at', 'DESC')
      .addOrderBy('m.id', 'DESC')
      .limit(limit + 1);
    if (before) {
      const position = decodeCursor(before);
      if (!position) throw new BadRequestException('before: not a cursor returned by this endpoint');
      query.andWhere('(m.occurred_at, m.id) < (:at, :cursorId)', { at: position.at, cursorId: position.id });
    }
    const rows = await query.getMany();
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items: await this.messageViews.of(items), nextCursor: rows.length > limit && last ? encodeCursor({ at: last.occurredAt, id: last.id }) : null };
  }

  /**
   * Moves every identity, conversation and message of `otherId` to `targetId` and marks the other
   * customer merged. What moved is recorded in the audit log, so the merge can be undone.
   */
  async merge(targetId: string, otherId: string, actorId: string): Promise<CustomerView> {
    if (targetId === otherId) throw new BadRequestException('otherCustomerId: a customer cannot be merged into itself');
    await this.db.transaction(async (manager) => {
      const locked = await manager
        .getRepository(CustomerEntity)
        .createQueryBuilder('c')
        .setLock('pessimistic_write')
        .where('c.id IN (:...ids)', { ids: [targetId, otherId].sort() })
        .orderBy('c.id')
        .getMany();
      const target = locked.find((c) => c.id === targetId);
      const other = locked.find((c) => c.id === otherId);
      if (!target) throw new NotFoundException(`customer ${targetId} not found`);
      if (!other) throw new NotFoundException(`customer ${otherId} not found`);
      if (target.mergedInto) throw new ConflictException(`customer ${targetId} was merged into ${target.mergedInto}; merge into that one`);
      if (other.mergedInto) throw new ConflictException(`customer ${otherId} was already merged into ${other.mergedInto}`);

      const moved = async (table: string): Promise<string[]> =>
        (
          (await manager.query(`UPDATE ${table} SET customer_id = $1 WHERE customer_id = $2 RETURNING id`, [targetId, otherId])) as [
            Array<{ id: string }>,
            number,
          ]
        )[0].map((r) => r.id);
      const identityIds = await moved('customer_identities');
      const conversationIds = await moved('conversations');
      const messageIds = await moved('messages');
      // Customers merged into the other one earlier now point at the target too.
      const chainedCustomerIds = (
        (await manager.query('UPDATE customers SET merged_into = $1, updated_at = now() WHERE merged_into = $2 RETURNING id', [targetId, otherId])) as [
          Array<{ id: string }>,
          number,
        ]
      )[0].map((r) => r.id);
      await manager.query('UPDATE customers SET merged_into = $1, updated_at = now() WHERE id = $2', [targetId, otherId]);
      const tookName = !target.name && Boolean(other.name);
      if (tookName) await manager.update(CustomerEntity, { id: targetId }, { name: other.name });
      await manager.save(
        manager.create(AuditLogEntity, {
          actorUserId: actorId,
          action: 'customer.merged',
          entityType: 'customer',
          entityId: targetId,
          details: { mergedCustomerId: otherId, identityIds, conversationIds, messageIds, messageCount: messageIds.length, chainedCustomerIds, tookName },
        }),
      );
    });
    const view = await this.get(targetId);
    this.publisher.publish('customer.merged', { customer: view, mergedCustomerId: otherId }, [
      rooms.customer(targetId),
      rooms.customer(otherId),
      rooms.supervisors,
    ]);
    return view;
  }

  /**
   * Undoes the latest merge of `mergedId` into `targetId` from what merge() recorded: the
   * identities, conversations and messages that moved go back (with the messages that arrived
   * since in those conversations), customers chained through the merged one follow it, and the
   * merged customer stands on its own again. Recorded in the audit log.
   */
  async unmerge(targetId: string, mergedId: string, actorId: string): Promise<RealtimeEvents['customer.unmerged']> {
    await this.db.transaction(async (manager) => {
      const locked = await manager
        .getRepository(CustomerEntity)
        .createQueryBuilder('c')
        .setLock('pessimistic_write')
        .where('c.id IN (:...ids)', { ids: [targetId, mergedId].sort() })
        .orderBy('c.id')
        .getMany();
      const target = locked.find((c) => c.id === targetId);
      const merged = locked.find((c) => c.id === mergedId);
      if (!target) throw new NotFoundException(`customer ${targetId} not found`);
      if (!merged) throw new NotFoundException(`customer ${mergedId} not found`);
      if (merged.mergedInto !== targetId) throw new ConflictException(`customer ${mergedId} is not merged into ${targetId}`);
      const record = await manager
        .getRepository(AuditLogEntity)
        .createQueryBuilder('a')
        .where("a.action = 'customer.merged' AND a.entity_id = :targetId AND a.details ->> 'mergedCustomerId' = :mergedId", { targetId, mergedId })
        .orderBy('a.created_at', 'DESC')
        .getOne();
      if (!record) throw new ConflictException(`no recorded merge of ${mergedId} into ${targetId} to undo`);
      const details = record.details as MergeDetails;
      const ids = (list: string[] | undefined) => list ?? [];

      const movedBack = async (sql: string, params: unknown[]): Promise<string[]> =>
        ((await manager.query(sql, params)) as [Array<{ id: string }>, number])[0].map((r) => r.id);
      const identityIds = await movedBack('UPDATE customer_identities SET customer_id = $1 WHERE customer_id = $2 AND id = ANY($3) RETURNING id', [
        mergedId,
        targetId,
        ids(details.identityIds),
      ]);
      const conversationIds = await movedBack('UPDATE conversations SET customer_id = $1 WHERE customer_id = $2 AND id = ANY($3) RETURNING id', [
        mergedId,
        targetId,
        ids(details.conversationIds),
      ]);
      const messageIds = await movedBack(
        'UPDATE messages SET customer_id = $1 WHERE customer_id = $2 AND (id = ANY($3) OR conversation_id = ANY($4)) RETURNING id',
        [mergedId, targetId, ids(details.messageIds), conversationIds],
      );
      await manager.query('UPDATE customers SET merged_into = NULL, updated_at = now() WHERE id = $1', [mergedId]);
      await manager.query('UPDATE customers SET merged_into = $1, updated_at = now() WHERE merged_into = $2 AND id = ANY($3)', [
        mergedId,
        targetId,
        ids(details.chainedCustomerIds),
      ]);
      if (details.tookName && target.name === merged.name) await manager.update(CustomerEntity, { id: targetId }, { name: null });
      await manager.save(
        manager.create(AuditLogEntity, {
          actorUserId: actorId,
          action: 'customer.unmerged',
          entityType: 'customer',
          entityId: targetId,
          details: { restoredCustomerId: mergedId, mergeAuditId: record.id, identityIds, conversationIds, messageCount: messageIds.length },
        }),
      );
    });
    const result = { customer: await this.get(targetId), restoredCustomer: await this.get(mergedId) };
    this.publisher.publish('customer.unmerged', result, [rooms.customer(targetId), rooms.customer(mergedId), rooms.supervisors]);
    return result;
  }

  private async survivorOf(id: string): Promise<CustomerEntity> {
    let customer = await this.customers.findOne({ where: { id } });
    for (let hops = 0; customer?.mergedInto && hops < 10; hops++) {
      customer = await this.customers.findOne({ where: { id: customer.mergedInto } });
    }
    if (!customer) throw new NotFoundException(`customer ${id} not found`);
    return customer;
  }

  private findIdentities(identities: Identity[], repo: Repository<CustomerIdentityEntity>): Promise<CustomerIdentityEntity[]> {
    if (!identities.length) return Promise.resolve([]);
    return repo
      .createQueryBuilder('i')
      .where('(i.kind, i.value) IN (SELECT * FROM unnest(:kinds::text[], :values::text[]))', {
        kinds: identities.map((i) => i.kind),
        values: identities.map((i) => i.value),
      })
      .getMany();
  }

  private async withIdentities(customers: CustomerEntity[]): Promise<CustomerView[]> {
    if (!customers.length) return [];
    const identities = await this.identities.find({ where: { customerId: In(customers.map((c) => c.id)) }, order: { createdAt: 'ASC' } });
    return customers.map((c) =>
      toCustomerView(
        c,
        identities.filter((i) => i.customerId === c.id),
      ),
    );
  }
}

/** What merge() records in the audit log, as much as an unmerge needs (older records lack some lists). */
interface MergeDetails {
  identityIds?: string[];
  conversationIds?: string[];
  messageIds?: string[];
  chainedCustomerIds?: string[];
  tookName?: boolean;
}

function phoneOrNull(term: string): string | null {
  if (!/^[+\d][\d\s().-]{5,}$/.test(term)) return null;
  try {
    return normalizePhone(term);
  } catch {
    return null;
  }
}
