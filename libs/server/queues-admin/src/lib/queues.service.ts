import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { QueueView } from '@throughline/domain';
import { AuditLog } from '@throughline/server/audit';
import { FOREIGN_KEY_VIOLATION, postgresError, refusedWrite } from './postgres-errors';
import type { CreateQueueDto, UpdateQueueDto } from './queues.dto';
import { JobProducer } from '@throughline/server/queue';
import { QueuesRepository } from '@throughline/server/queues';

@Injectable()
export class QueuesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly queues: QueuesRepository,
    private readonly audit: AuditLog,
    private readonly jobs: JobProducer,
  ) {}

  list(): Promise<QueueView[]> {
    return this.queues.list();
  }

  async create(dto: CreateQueueDto, actorId: string): Promise<QueueView> {
    return this.db
      .transaction(async (manager) => {
        const id = await this.queues.insert(manager, dto.name);
        const after = await this.existing(manager, id);
        await this.audit.record({ actorId, action: 'queue.created', entity: 'queue', entityId: id, before: null, after: { ...after } }, manager);
        return after;
      })
      .catch((err) => refusedWrite(err, 'queue'));
  }

  /** New settings or members may let waiting conversations be routed: the queue's route job runs after commit. */
  async update(id: string, dto: UpdateQueueDto, actorId: string): Promise<QueueView> {
    const after = await this.db
      .transaction(async (manager) => {
        const before = await this.existing(manager, id, true);
        const archivedAt = dto.archived === undefined || dto.archived === before.archived ? undefined : dto.archived ? new Date() : null;
        await this.queues.update(manager, id, {
          ...(dto.name !== undefined && { name: dto.name }),
          ...(archivedAt !== undefined && { archivedAt }),
          ...(dto.routing !== undefined && { routing: dto.routing }),
          ...(dto.sticky !== undefined && { sticky: dto.sticky }),
          ...(dto.capacityPerAgent !== undefined && { capacityPerAgent: dto.capacityPerAgent }),
          ...(dto.handBackOffline !== undefined && { handBackOffline: dto.handBackOffline }),
        });
        if (dto.memberIds) await this.queues.replaceMembers(manager, id, dto.memberIds);
        if (dto.teamIds) await this.queues.replaceTeams(manager, id, dto.teamIds);
        const after = await this.existing(manager, id);
        const action = archivedAt === undefined ? 'queue.updated' : archivedAt ? 'queue.archived' : 'queue.restored';
        await this.audit.record({ actorId, action, entity: 'queue', entityId: id, before: { ...before }, after: { ...after } }, manager);
        return after;
      })
      .catch((err) => refusedWrite(err, 'queue'));
    if (after.routing !== 'manual' && !after.archived) await this.jobs.tryEnqueueRoute({ queueId: id });
    return after;
  }

  /** Only an empty queue goes; the database refuses while conversations or connectors point at it. */
  async remove(id: string, actorId: string): Promise<void> {
    await this.db
      .transaction(async (manager) => {
        const before = await this.existing(manager, id, true);
        await this.queues.delete(manager, id);
        await this.audit.record({ actorId, action: 'queue.deleted', entity: 'queue', entityId: id, before: { ...before }, after: null }, manager);
      })
      .catch((err) => {
        const pg = postgresError(err);
        if (pg?.code === FOREIGN_KEY_VIOLATION && pg.constraint.startsWith('conversations_')) {
          throw new ConflictException('the queue has conversations: archive it instead (PATCH { archived: true })');
        }
        if (pg?.code === FOREIGN_KEY_VIOLATION && pg.constraint.startsWith('connectors_')) {
          throw new ConflictException('connectors route new conversations into this queue: point them at another queue first');
        }
        throw err;
      });
  }

  private async existing(manager: EntityManager, id: string, lock = false): Promise<QueueView> {
    const queue = await this.queues.find(id, manager, lock);
    if (!queue) throw new NotFoundException(`queue ${id} not found`);
    return queue;
  }
}
