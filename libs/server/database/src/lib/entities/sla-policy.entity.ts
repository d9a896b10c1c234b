import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { ChannelKind, Priority } from '@throughline/domain';

@Entity('sla_policies')
export class SlaPolicyEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) name!: string;
  /** Policies are tried in ascending position; the first that matches applies. */
  @Column({ type: 'integer' }) position!: number;
  @Column({ name: 'match_queue_id', type: 'uuid', nullable: true }) matchQueueId!: string | null;
  @Column({ name: 'match_priority', type: 'text', nullable: true }) matchPriority!: Priority | null;
  @Column({ name: 'match_channel', type: 'text', nullable: true }) matchChannel!: ChannelKind | null;
  @Column({ name: 'first_response_minutes', type: 'double precision' }) firstResponseMinutes!: number;
  @Column({ name: 'next_response_minutes', type: 'double precision', nullable: true }) nextResponseMinutes!: number | null;
  @Column({ name: 'resolution_minutes', type: 'double precision', nullable: true }) resolutionMinutes!: number | null;
  @Column({ name: 'business_hours_id', type: 'uuid', nullable: true }) businessHoursId!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
