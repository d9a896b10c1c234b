import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { type AuditEntryView, type Page, redactSecrets } from '@throughline/domain';
import { AuditLogEntity } from '@throughline/server/database';
import type { AuditLogQueryDto } from './audit-log.dto';

export interface AuditRecord {
  actorId: string | null;
  /** `<entity>.<verb>`, e.g. `queue.archived`. */
  action: string;
  entity: string;
  entityId: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  details?: Record<string, unknown>;
}

interface AuditRow {
  id: string;
  at: string;
  actor_user_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  details: Record<string, unknown>;
}

// The database's own microsecond text, so a page boundary never falls between two rows a millisecond apart.
const DB_TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const encodeCursor = (row: AuditRow): string => Buffer.from(JSON.stringify([row.at, row.id])).toString('base64url');

function decodeCursor(cursor: string): { at: string; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof at === 'string' && DB_TIMESTAMP.test(at) && typeof id === 'string' && UUID.test(id)) return { at, id };
  } catch {
    // answered below
  }
  throw new BadRequestException('cursor: not a cursor of this list');
}

function toView(row: AuditRow): AuditEntryView {
  const { before = null, after = null, ...details } = row.details as { before?: Record<string, unknown> | null; after?: Record<string, unknown> | null };
  return {
    id: row.id,
    at: row.at,
    actorId: row.actor_user_id,
    action: row.action,
    entity: row.entity_type,
    entityId: row.entity_id,
    before: redactSecrets(before),
    after: redactSecrets(after),
    details: redactSecrets(details),
  };
}

/** The owner of `audit_log`: who changed what and when, with the state before and after. */
@Injectable()
export class AuditLog {
  constructor(@InjectRepository(AuditLogEntity) private readonly entries: Repository<AuditLogEntity>) {}

  /** Pass the transaction's manager so the record commits (or not) with the change it describes. */
  async record(entry: AuditRecord, manager?: EntityManager): Promise<void> {
    const repository = manager ? manager.getRepository(AuditLogEntity) : this.entries;
    const details = { ...entry.details, ...(entry.before !== undefined && { before: entry.before }), ...(entry.after !== undefined && { after: entry.after }) };
    await repository.save(repository.create({ actorUserId: entry.actorId, action: entry.action, entityType: entry.entity, entityId: entry.entityId, details }));
  }

  /** Newest first, keyset-paginated on (created_at, id). */
  async page(query: AuditLogQueryDto): Promise<Page<AuditEntryView>> {
    const limit = query.limit ?? 50;
    const q = this.entries
      .createQueryBuilder('a')
      .select(['a.id AS id', `to_char(a.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at`])
      .addSelect(['a.actor_user_id AS actor_user_id', 'a.action AS action', 'a.entity_type AS entity_type', 'a.entity_id AS entity_id', 'a.details AS details'])
      .orderBy('a.created_at', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .limit(limit + 1);
    if (query.actorId) q.andWhere('a.actor_user_id = :actorId', { actorId: query.actorId });
    if (query.entity) q.andWhere('a.entity_type = :entity', { entity: query.entity });
    if (query.entityId) q.andWhere('a.entity_id = :entityId', { entityId: query.entityId });
    if (query.from) q.andWhere('a.created_at >= :from', { from: query.from });
    if (query.to) q.andWhere('a.created_at < :to', { to: query.to });
    if (query.cursor) {
      const position = decodeCursor(query.cursor);
      q.andWhere('(a.created_at, a.id) < (:cursorAt::timestamptz, :cursorId::uuid)', { cursorAt: position.at, cursorId: position.id });
    }
    const rows = await q.getRawMany<AuditRow>();
    const items = rows.slice(0, limit);
    return { items: items.map(toView), nextCursor: rows.length > limit ? encodeCursor(items[items.length - 1]) : null };
  }
}
