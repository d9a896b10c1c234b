import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, In, IsNull } from 'typeorm';
import { effectiveQueueMembers, type QueueView } from '@throughline/domain';
import { QueueEntity, QueueMemberEntity, QueueTeamEntity } from '@throughline/server/database';
import { replaceLinks } from './replace-links';
import { TeamsRepository } from './teams.repository';

/** The owner of `queues`, `queue_members` and `queue_teams`. */
@Injectable()
export class QueuesRepository {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly teams: TeamsRepository,
  ) {}

  /** Every queue (archived ones too, flagged), by name. */
  async list(manager: EntityManager = this.db.manager): Promise<QueueView[]> {
    return this.views(await manager.find(QueueEntity, { order: { name: 'ASC' } }), manager);
  }

  async find(id: string, manager: EntityManager = this.db.manager, lock = false): Promise<QueueView | null> {
    const queue = await manager.findOne(QueueEntity, { where: { id }, ...(lock && { lock: { mode: 'pessimistic_write' as const } }) });
    return queue ? (await this.views([queue], manager))[0] : null;
  }

  /**
   * The queue a connector's new conversation joins: its own, unless that queue was archived, in
   * which case none (the "No queue" view), so the message is kept and seen rather than refused.
   */
  async acceptingQueueId(manager: EntityManager, queueId: string | null): Promise<string | null> {
    if (!queueId) return null;
    return (await manager.exists(QueueEntity, { where: { id: queueId, archivedAt: IsNull() } })) ? queueId : null;
  }

  /** A routed queue's settings and round-robin cursor, its row locked for the caller's transaction (routing runs one at a time per queue). */
  async lockForRouting(manager: EntityManager, id: string): Promise<(QueueView & { lastAssignedUserId: string | null }) | null> {
    const queue = await manager.findOne(QueueEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    return queue ? { ...(await this.views([queue], manager))[0], lastAssignedUserId: queue.lastAssignedUserId } : null;
  }

  /** Routed, unarchived queues the user is an effective member of (by name or through a team); `handingBack`: only those that hand back an offline agent's conversations. */
  async routedQueueIdsOf(userIds: readonly string[], manager: EntityManager = this.db.manager, handingBack = false): Promise<string[]> {
    if (!userIds.length) return [];
    const rows = (await manager.query(
      `SELECT q.id FROM queues q
        WHERE q.routing <> 'manual' AND q.archived_at IS NULL AND (q.hand_back_offline OR NOT $2)
          AND (EXISTS (SELECT 1 FROM queue_members m WHERE m.queue_id = q.id AND m.user_id = ANY($1::uuid[]))
               OR EXISTS (SELECT 1 FROM queue_teams t JOIN team_members tm ON tm.team_id = t.team_id WHERE t.queue_id = q.id AND tm.user_id = ANY($1::uuid[])))`,
      [userIds, handingBack],
    )) as Array<{ id: string }>;
    return rows.map((r) => r.id);
  }

  async insert(manager: EntityManager, name: string): Promise<string> {
    return (await manager.save(manager.create(QueueEntity, { name, archivedAt: null }))).id;
  }

  async update(
    manager: EntityManager,
    id: string,
    changes: Partial<Pick<QueueEntity, 'name' | 'archivedAt' | 'routing' | 'sticky' | 'capacityPerAgent' | 'lastAssignedUserId' | 'handBackOffline'>>,
  ): Promise<void> {
    if (Object.keys(changes).length) await manager.update(QueueEntity, { id }, changes);
  }

  async replaceMembers(manager: EntityManager, id: string, userIds: readonly string[]): Promise<void> {
    await replaceLinks(manager, QueueMemberEntity, 'queueId', id, 'userId', userIds);
  }

  async replaceTeams(manager: EntityManager, id: string, teamIds: readonly string[]): Promise<void> {
    await replaceLinks(manager, QueueTeamEntity, 'queueId', id, 'teamId', teamIds);
  }

  /** Fails with a foreign-key violation while conversations or connectors refer to the queue. */
  async delete(manager: EntityManager, id: string): Promise<void> {
    await manager.delete(QueueEntity, { id });
  }

  private async views(queues: QueueEntity[], manager: EntityManager): Promise<QueueView[]> {
    if (!queues.length) return [];
    const ids = queues.map((q) => q.id);
    // One after another: inside a transaction the manager has a single connection.
    const members = await manager.find(QueueMemberEntity, { where: { queueId: In(ids) } });
    const teams = await manager.find(QueueTeamEntity, { where: { queueId: In(ids) } });
    const teamMembers = await this.teams.membersByTeam(manager);
    return queues.map((queue) => {
      const memberIds = members
        .filter((m) => m.queueId === queue.id)
        .map((m) => m.userId)
        .sort();
      const teamIds = teams
        .filter((t) => t.queueId === queue.id)
        .map((t) => t.teamId)
        .sort();
      return {
        id: queue.id,
        name: queue.name,
        archived: queue.archivedAt !== null,
        memberIds,
        teamIds,
        effectiveMemberIds: effectiveQueueMembers({ memberIds, teamIds }, teamMembers),
        routing: queue.routing,
        sticky: queue.sticky,
        capacityPerAgent: queue.capacityPerAgent,
        handBackOffline: queue.handBackOffline,
      };
    });
  }
}
