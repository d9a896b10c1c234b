import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { TeamView } from '@throughline/domain';
import { AuditLog } from '@throughline/server/audit';
import type { CreateTeamDto, UpdateTeamDto } from './queues.dto';
import { refusedWrite } from './postgres-errors';
import { JobProducer } from '@throughline/server/queue';
import { QueuesRepository, TeamsRepository } from '@throughline/server/queues';

/** Teams group users for reports and for membership of several queues at once. */
@Injectable()
export class TeamsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly teams: TeamsRepository,
    private readonly audit: AuditLog,
    private readonly queues: QueuesRepository,
    private readonly jobs: JobProducer,
  ) {}

  list(): Promise<TeamView[]> {
    return this.teams.list();
  }

  async create(dto: CreateTeamDto, actorId: string): Promise<TeamView> {
    return this.db
      .transaction(async (manager) => {
        const id = await this.teams.insert(manager, dto.name);
        await this.teams.replaceMembers(manager, id, dto.memberIds ?? []);
        const after = await this.existing(manager, id);
        await this.audit.record({ actorId, action: 'team.created', entity: 'team', entityId: id, before: null, after: { ...after } }, manager);
        return after;
      })
      .catch((err) => refusedWrite(err, 'team'));
  }

  /** New members of a team may take the waiting conversations of the routed queues it serves: those queues are routed after commit. */
  async update(id: string, dto: UpdateTeamDto, actorId: string): Promise<TeamView> {
    const after = await this.db
      .transaction(async (manager) => {
        const before = await this.existing(manager, id, true);
        if (dto.name !== undefined) await this.teams.rename(manager, id, dto.name);
        if (dto.memberIds) await this.teams.replaceMembers(manager, id, dto.memberIds);
        const after = await this.existing(manager, id);
        await this.audit.record({ actorId, action: 'team.updated', entity: 'team', entityId: id, before: { ...before }, after: { ...after } }, manager);
        return after;
      })
      .catch((err) => refusedWrite(err, 'team'));
    if (dto.memberIds) for (const queueId of await this.queues.routedQueueIdsOf(after.memberIds)) await this.jobs.tryEnqueueRoute({ queueId });
    return after;
  }

  private async existing(manager: EntityManager, id: string, lock = false): Promise<TeamView> {
    const team = await this.teams.find(id, manager, lock);
    if (!team) throw new NotFoundException(`team ${id} not found`);
    return team;
  }
}
