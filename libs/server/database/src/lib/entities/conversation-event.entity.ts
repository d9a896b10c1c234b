import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const CONVERSATION_EVENT_KINDS = ['created', 'inbound', 'reply', 'first_response', 'status', 'assignee', 'queue', 'priority', 'tag'] as const;
export type ConversationEventKind = (typeof CONVERSATION_EVENT_KINDS)[number];
export type ConversationEventActor = 'user' | 'customer' | 'system';

/** Append-only history of a conversation (a trigger refuses updates); what reports read. */
@Entity('conversation_events')
export class ConversationEventEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' }) id!: string;
  @Column({ name: 'conversation_id', type: 'uuid' }) conversationId!: string;
  @Column({ type: 'text' }) kind!: ConversationEventKind;
  @Column({ name: 'actor_type', type: 'text' }) actorType!: ConversationEventActor;
  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true }) actorUserId!: string | null;
  @Column({ name: 'from_value', type: 'text', nullable: true }) fromValue!: string | null;
  @Column({ name: 'to_value', type: 'text', nullable: true }) toValue!: string | null;
  @Column({ type: 'jsonb', default: {} }) details!: Record<string, unknown>;
  @Column({ name: 'occurred_at', type: 'timestamptz' }) occurredAt!: Date;
  @Column({ name: 'recorded_at', type: 'timestamptz', insert: false, update: false }) recordedAt!: Date;
}
