import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { SuggestionStatus } from '@throughline/domain';

/** A cross-sell suggestion shown in a conversation, and what became of it. */
@Entity('suggestions')
export class SuggestionEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'conversation_id', type: 'uuid' }) conversationId!: string;
  @Column({ name: 'customer_id', type: 'uuid' }) customerId!: string;
  @Column({ type: 'text' }) sku!: string;
  @Column({ type: 'double precision' }) score!: number;
  @Column({ type: 'text', array: true }) reasons!: string[];
  @Column({ type: 'text', default: 'shown' }) status!: SuggestionStatus;
  @Column({ name: 'dismiss_reason', type: 'text', nullable: true }) dismissReason!: string | null;
  @Column({ name: 'decided_by', type: 'uuid', nullable: true }) decidedBy!: string | null;
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true }) decidedAt!: Date | null;
  /** An order of this SKU by this customer within 30 days of showing it. */
  @Column({ name: 'converted_order_id', type: 'uuid', nullable: true }) convertedOrderId!: string | null;
  /** When it was first shown. */
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
