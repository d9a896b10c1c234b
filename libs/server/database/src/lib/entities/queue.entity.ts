import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { RoutingMode } from '@throughline/domain';

@Entity('queues')
export class QueueEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text', unique: true }) name!: string;
  /** An archived queue keeps its conversations but takes no new ones from connectors. */
  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true }) archivedAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ type: 'text', default: 'manual' }) routing!: RoutingMode;
  /** A returning customer goes to the agent who last answered them, when that agent can take it. */
  @Column({ type: 'boolean', default: false }) sticky!: boolean;
  /** Most open conversations routing gives a member without their own users.capacity; null: unlimited. */
  @Column({ name: 'capacity_per_agent', type: 'integer', nullable: true }) capacityPerAgent!: number | null;
  /** Round robin's cursor: the member routing gave the last conversation to. */
  @Column({ name: 'last_assigned_user_id', type: 'uuid', nullable: true }) lastAssignedUserId!: string | null;
  /** An agent who goes offline gives their open conversations in this queue back to routing. */
  @Column({ name: 'hand_back_offline', type: 'boolean', default: false }) handBackOffline!: boolean;
}

/** A user who is a member of a queue by name (team members are members too, through queue_teams). */
@Entity('queue_members')
export class QueueMemberEntity {
  @Column({ name: 'queue_id', type: 'uuid', primary: true }) queueId!: string;
  @Column({ name: 'user_id', type: 'uuid', primary: true }) userId!: string;
}

@Entity('queue_teams')
export class QueueTeamEntity {
  @Column({ name: 'queue_id', type: 'uuid', primary: true }) queueId!: string;
  @Column({ name: 'team_id', type: 'uuid', primary: true }) teamId!: string;
}
