import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity('customers')
export class CustomerEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text', nullable: true }) name!: string | null;
  /** Set when this customer was merged into another; it then owns nothing. */
  @Column({ name: 'merged_into', type: 'uuid', nullable: true }) mergedInto!: string | null;
  @Column({ type: 'jsonb', default: {} }) attributes!: Record<string, unknown>;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
