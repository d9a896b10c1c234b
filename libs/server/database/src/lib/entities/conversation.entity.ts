import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { ChannelKind, ConversationStatus, Priority } from '@throughline/domain';

@Entity('conversations')
export class ConversationEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'customer_id', type: 'uuid' }) customerId!: string;
  @Column({ name: 'connector_id', type: 'uuid', nullable: true }) connectorId!: string | null;
  @Column({ type: 'text' }) channel!: ChannelKind;
  @Column({ type: 'text', default: 'open' }) status!: ConversationStatus;
  @Column({ type: 'text', default: 'normal' }) priority!: Priority;
  @Column({ name: 'queue_id', type: 'uuid', nullable: true }) queueId!: string | null;
  @Column({ name: 'assignee_id', type: 'uuid', nullable: true }) assigneeId!: string | null;
  @Column({ type: 'text', nullable: true }) subject!: string | null;
  /** Short sequential number; our outbound email subjects carry it as a token like [#4F2K]. */
  @Column({
    type: 'bigint',
    generated: 'identity',
    generatedIdentity: 'BY DEFAULT',
    update: false,
    transformer: { to: (v: unknown) => v, from: (v: string | null) => (v === null ? null : Number(v)) },
  })
  number!: number;
  @Column({ name: 'thread_key', type: 'text', nullable: true }) threadKey!: string | null;
  /** The normalised subject of the message that opened it, for threading mail that lost its headers. */
  @Column({ name: 'subject_key', type: 'text', nullable: true }) subjectKey!: string | null;
  @Column({ type: 'text', nullable: true }) preview!: string | null;
  @Column({ name: 'last_message_at', type: 'timestamptz' }) lastMessageAt!: Date;
  @Column({ name: 'last_inbound_at', type: 'timestamptz', nullable: true }) lastInboundAt!: Date | null;
  @Column({ name: 'first_response_at', type: 'timestamptz', nullable: true }) firstResponseAt!: Date | null;
  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true }) resolvedAt!: Date | null;
  /** Set while snoozed: when the worker opens it again. */
  @Column({ name: 'snoozed_until', type: 'timestamptz', nullable: true }) snoozedUntil!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
