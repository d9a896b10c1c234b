import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ChannelKind, DeliveryStatus, MessageDirection } from '@throughline/domain';

@Entity('messages')
export class MessageEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  /** Null for timeline entries that must not open a conversation (e.g. an auto-reply nobody can match). */
  @Column({ name: 'conversation_id', type: 'uuid', nullable: true }) conversationId!: string | null;
  /** Denormalised from the conversation so the customer timeline is one index scan. */
  @Column({ name: 'customer_id', type: 'uuid' }) customerId!: string;
  @Column({ name: 'connector_id', type: 'uuid', nullable: true }) connectorId!: string | null;
  @Column({ name: 'raw_event_id', type: 'uuid', nullable: true }) rawEventId!: string | null;
  @Column({ type: 'text' }) channel!: ChannelKind;
  @Column({ type: 'text' }) direction!: MessageDirection;
  @Column({ name: 'author_name', type: 'text', nullable: true }) authorName!: string | null;
  @Column({ name: 'author_user_id', type: 'uuid', nullable: true }) authorUserId!: string | null;
  @Column({ type: 'text', nullable: true }) subject!: string | null;
  @Column({ type: 'text' }) text!: string;
  @Column({ type: 'text', nullable: true }) html!: string | null;
  @Column({ name: 'stripped_text', type: 'text', nullable: true }) strippedText!: string | null;
  @Column({ name: 'external_id', type: 'text', nullable: true }) externalId!: string | null;
  /** Provider ids this message answers (email In-Reply-To/References), for threading in any arrival order. */
  @Column({ name: 'thread_refs', type: 'text', array: true, nullable: true }) threadRefs!: string[] | null;
  @Column({ name: 'delivery_status', type: 'text', nullable: true }) deliveryStatus!: DeliveryStatus | null;
  @Column({ name: 'delivery_error', type: 'text', nullable: true }) deliveryError!: string | null;
  /** When the last provider call for this reply started (set with `sending`, before the call). */
  @Column({ name: 'delivery_attempted_at', type: 'timestamptz', nullable: true }) deliveryAttemptedAt!: Date | null;
  @Column({ type: 'jsonb', default: {} }) metadata!: Record<string, unknown>;
  @Column({ name: 'occurred_at', type: 'timestamptz' }) occurredAt!: Date;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
