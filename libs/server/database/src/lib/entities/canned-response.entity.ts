import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity('canned_responses')
export class CannedResponseEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  /** null: shared with everyone (edited by supervisors and admins); else personal to this user. */
  @Column({ name: 'owner_user_id', type: 'uuid', nullable: true }) ownerUserId!: string | null;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text' }) shortcut!: string;
  @Column({ type: 'text' }) text!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
