import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('queues')
export class QueueEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text', unique: true }) name!: string;
  /** An archived queue keeps its conversations but takes no new ones from connectors. */
  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true }) archivedAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
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
