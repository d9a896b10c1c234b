import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { RawEventStatus } from '@throughline/domain';

/** Every inbound event exactly as received, stored before it is acknowledged. */
@Entity('raw_events')
export class RawEventEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'connector_id', type: 'uuid' }) connectorId!: string;
  @Column({ name: 'external_id', type: 'text' }) externalId!: string;
  @Column({ name: 'content_type', type: 'text' }) contentType!: string;
  @Column({ type: 'bytea' }) payload!: Buffer;
  @Column({ type: 'text', default: 'pending' }) status!: RawEventStatus;
  @Column({ type: 'text', nullable: true }) error!: string | null;
  @Column({ type: 'int', default: 0 }) attempts!: number;
  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' }) receivedAt!: Date;
  @Column({ name: 'queued_at', type: 'timestamptz', nullable: true }) queuedAt!: Date | null;
  @Column({ name: 'processed_at', type: 'timestamptz', nullable: true }) processedAt!: Date | null;
}
