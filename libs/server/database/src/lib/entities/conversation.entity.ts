import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { ChannelKind, ConversationStatus, Priority, SlaBreach, SlaStatus } from '@throughline/domain';

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
  // The SLA clock (written by SlaClock in libs/server/timeline only).
  @Column({ name: 'sla_policy_id', type: 'uuid', nullable: true }) slaPolicyId!: string | null;
  @Column({ name: 'sla_policy_name', type: 'text', nullable: true }) slaPolicyName!: string | null;
  /** When the customer started waiting for a first answer; earlier than created_at when the clock followed them from another channel. */
  @Column({ name: 'sla_waiting_since', type: 'timestamptz', nullable: true }) slaWaitingSince!: Date | null;
  /** Set when an answer in another conversation of the customer met this one's first response. */
  @Column({ name: 'sla_first_response_met_at', type: 'timestamptz', nullable: true }) slaFirstResponseMetAt!: Date | null;
  @Column({ name: 'first_response_due_at', type: 'timestamptz', nullable: true }) firstResponseDueAt!: Date | null;
  @Column({ name: 'next_response_due_at', type: 'timestamptz', nullable: true }) nextResponseDueAt!: Date | null;
  @Column({ name: 'resolution_due_at', type: 'timestamptz', nullable: true }) resolutionDueAt!: Date | null;
  @Column({ name: 'sla_status', type: 'text', default: 'ok' }) slaStatus!: SlaStatus;
  @Column({ name: 'sla_breaches', type: 'jsonb', default: [] }) slaBreaches!: SlaBreach[];
  /** When the clock alone next changes the SLA state (a warning or a due time); what the SLA sweep claims by. */
  @Column({ name: 'sla_check_at', type: 'timestamptz', nullable: true }) slaCheckAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
