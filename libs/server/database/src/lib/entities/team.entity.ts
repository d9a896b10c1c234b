import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('teams')
export class TeamEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text', unique: true }) name!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

@Entity('team_members')
export class TeamMemberEntity {
  @Column({ name: 'team_id', type: 'uuid', primary: true }) teamId!: string;
  @Column({ name: 'user_id', type: 'uuid', primary: true }) userId!: string;
}
