import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { ChannelKind, SurveyDelivery, SurveyKind, SurveySettingsView } from '@throughline/domain';

/** One survey per conversation (unique), sent after its resolution; the answers are kept on it. */
@Entity('surveys')
export class SurveyEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'conversation_id', type: 'uuid' }) conversationId!: string;
  @Column({ name: 'customer_id', type: 'uuid' }) customerId!: string;
  /** Who had the conversation when it was resolved, and where it was. */
  @Column({ name: 'assignee_id', type: 'uuid', nullable: true }) assigneeId!: string | null;
  @Column({ name: 'queue_id', type: 'uuid', nullable: true }) queueId!: string | null;
  /** The channel and connector of the customer's last message: where the survey went. */
  @Column({ type: 'text' }) channel!: ChannelKind;
  @Column({ name: 'connector_id', type: 'uuid', nullable: true }) connectorId!: string | null;
  @Column({ type: 'text' }) delivery!: SurveyDelivery;
  @Column({ type: 'text', array: true }) kinds!: SurveyKind[];
  /** SHA-256 of the link's token; the token itself is never stored. */
  @Column({ name: 'token_hash', type: 'text' }) tokenHash!: string;
  /** The outbound message that carried it. */
  @Column({ name: 'message_id', type: 'uuid', nullable: true }) messageId!: string | null;
  @Column({ name: 'resolved_at', type: 'timestamptz' }) resolvedAt!: Date;
  @Column({ name: 'sent_at', type: 'timestamptz' }) sentAt!: Date;
  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true }) answeredAt!: Date | null;
  @Column({ type: 'smallint', nullable: true }) csat!: number | null;
  @Column({ type: 'smallint', nullable: true }) ces!: number | null;
  @Column({ type: 'smallint', nullable: true }) nps!: number | null;
  @Column({ type: 'text', nullable: true }) comment!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

/** The workspace's survey settings: a single row (id 1). */
@Entity('survey_settings')
export class SurveySettingsEntity {
  @PrimaryColumn({ type: 'smallint' }) id!: number;
  @Column({ type: 'jsonb' }) settings!: SurveySettingsView;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
