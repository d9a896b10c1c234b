import { Column, Entity, PrimaryColumn } from 'typeorm';

/** When an agent last read a conversation; unread = an inbound message after it. */
@Entity('conversation_reads')
export class ConversationReadEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' }) userId!: string;
  @PrimaryColumn({ name: 'conversation_id', type: 'uuid' }) conversationId!: string;
  @Column({ name: 'read_at', type: 'timestamptz' }) readAt!: Date;
}
