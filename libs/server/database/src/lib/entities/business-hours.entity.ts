import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { WeeklyHours } from '@throughline/domain';

@Entity('business_hours')
export class BusinessHoursEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text' }) timezone!: string;
  @Column({ type: 'jsonb' }) weekly!: WeeklyHours;
  @Column({ type: 'jsonb', default: [] }) holidays!: string[];
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
