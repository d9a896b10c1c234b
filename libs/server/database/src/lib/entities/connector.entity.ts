import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { ChannelKind, ConnectorProvider } from '@throughline/domain';

@Entity('connectors')
export class ConnectorEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text' }) kind!: ChannelKind;
  @Column({ type: 'text' }) provider!: ConnectorProvider;
  @Column({ name: 'queue_id', type: 'uuid', nullable: true }) queueId!: string | null;
  @Column({ type: 'jsonb', default: {} }) config!: Record<string, unknown>;
  /** AES-256-GCM sealed JSON (SecretBox); never leaves the server. */
  @Column({ name: 'secrets_sealed', type: 'text', nullable: true }) secretsSealed!: string | null;
  /** The secrets a rotation replaced, sealed like the current ones; still accepted until `previousSecretsExpireAt`. */
  @Column({ name: 'previous_secrets_sealed', type: 'text', nullable: true }) previousSecretsSealed!: string | null;
  @Column({ name: 'previous_secrets_expire_at', type: 'timestamptz', nullable: true }) previousSecretsExpireAt!: Date | null;
  @Column({ name: 'secret_names', type: 'text', array: true, default: () => "'{}'" }) secretNames!: string[];
  @Column({ type: 'boolean', default: true }) enabled!: boolean;
  @Column({ type: 'text', default: 'unknown' }) health!: 'unknown' | 'ok' | 'failing';
  @Column({ name: 'last_event_at', type: 'timestamptz', nullable: true }) lastEventAt!: Date | null;
  @Column({ name: 'last_error', type: 'text', nullable: true }) lastError!: string | null;
  @Column({ name: 'last_error_at', type: 'timestamptz', nullable: true }) lastErrorAt!: Date | null;
  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true }) deletedAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
