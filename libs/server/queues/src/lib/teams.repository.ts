import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { TeamView } from '@throughline/domain';
import { TeamEntity, TeamMemberEntity } from '@throughline/server/database';
import { replaceLinks } from './replace-links';

/** The owner of `teams` and `team_members`. */
@Injectable()
export class TeamsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(manager: EntityManager = this.db.manager): Promise<TeamView[]> {
    const teams = await manager.find(TeamEntity, { order: { name: 'ASC' } });
    const members = await manager.find(TeamMemberEntity);
    return teams.map((team) => ({
      id: team.id,
      name: team.name,
      memberIds: members
        .filter((m) => m.teamId === team.id)
        .map((m) => m.userId)
        .sort(),
    }));
  }

  async find(id: string, manager: EntityManager = this.db.manager, lock = false): Promise<TeamView | null> {
    const team = await manager.findOne(TeamEntity, { where: { id }, ...(lock && { lock: { mode: 'pessimistic_write' as const } }) });
    if (!team) return null;
    const members = await manager.find(TeamMemberEntity, { where: { teamId: id } });
    return { id: team.id, name: team.name, memberIds: members.map((m) => m.userId).sort() };
  }

  /** Team id → its members' ids. */
  async membersByTeam(manager: EntityManager = this.db.manager): Promise<Map<string, string[]>> {
    const byTeam = new Map<string, string[]>();
    for (const member of await manager.find(TeamMemberEntity)) byTeam.set(member.teamId, [...(byTeam.get(member.teamId) ?? []), member.userId]);
    return byTeam;
  }

  async insert(manager: EntityManager, name: string): Promise<string> {
    return (await manager.save(manager.create(TeamEntity, { name }))).id;
  }

  async rename(manager: EntityManager, id: string, name: string): Promise<void> {
    await manager.update(TeamEntity, { id }, { name });
  }

  async replaceMembers(manager: EntityManager, id: string, userIds: readonly string[]): Promise<void> {
    await replaceLinks(manager, TeamMemberEntity, 'teamId', id, 'userId', userIds);
  }
}
