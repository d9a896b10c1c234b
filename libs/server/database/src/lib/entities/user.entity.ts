import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Role } from '@throughline/domain';

@Entity('users')
export class UserEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text', unique: true }) email!: string;
  @Column({ type: 'text' }) name!: string;
  /** Null until an invited user sets a password. */
  @Column({ name: 'password_hash', type: 'text', nullable: true }) passwordHash!: string | null;
  @Column({ type: 'text' }) role!: Role;
  @Column({ type: 'boolean', default: false }) disabled!: boolean;
  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true }) disabledAt!: Date | null;
  /** Bumped to revoke every token issued before (logout, disable, password change). */
  @Column({ name: 'token_version', type: 'integer', default: 0 }) tokenVersion!: number;
  /** Most open conversations routing gives this person; null follows the queue's setting. */
  @Column({ type: 'integer', nullable: true }) capacity!: number | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
