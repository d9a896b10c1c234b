import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ParticipantRole } from '@throughline/domain';

/** A customer who took part in a conversation: its owner, or someone else who wrote into it. */
@Entity('conversation_participants')
export class ConversationParticipantEntity {
  @PrimaryColumn({ name: 'conversation_id', type: 'uuid' }) conversationId!: string;
  /** The customer who wrote; after a customer merge, the survivor is `customers.merged_into`. */
  @PrimaryColumn({ name: 'customer_id', type: 'uuid' }) customerId!: string;
  @Column({ type: 'text' }) role!: ParticipantRole;
  @Column({ name: 'first_at', type: 'timestamptz' }) firstAt!: Date;
}
