import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { InsightsView } from '@throughline/domain';

/** The latest insights of a conversation, as served and pushed to the console. */
@Entity('conversation_insights')
export class ConversationInsightEntity {
  @PrimaryColumn({ name: 'conversation_id', type: 'uuid' }) conversationId!: string;
  /** The inbound message whose arrival computed them; null when computed on request. */
  @Column({ name: 'message_id', type: 'uuid', nullable: true }) messageId!: string | null;
  @Column({ type: 'jsonb' }) payload!: InsightsView;
  @Column({ name: 'computed_at', type: 'timestamptz' }) computedAt!: Date;
}
