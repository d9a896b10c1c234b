import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Where a poller stopped reading a connector (IMAP UIDVALIDITY/UID, a social "since id"). */
@Entity('connector_cursors')
export class ConnectorCursorEntity {
  @PrimaryColumn({ name: 'connector_id', type: 'uuid' }) connectorId!: string;
  @Column({ type: 'jsonb', default: {} }) state!: Record<string, unknown>;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
