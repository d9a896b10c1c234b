import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** "These two customers may be one person": shown to agents until they merge them or dismiss it. */
@Entity('customer_possible_matches')
export class CustomerPossibleMatchEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'customer_id', type: 'uuid' }) customerId!: string;
  @Column({ name: 'candidate_customer_id', type: 'uuid' }) candidateCustomerId!: string;
  /** In an agent's words, e.g. `typed ana@example.com into the chat form; that address belongs to this customer`. */
  @Column({ type: 'text' }) reason!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'dismissed_at', type: 'timestamptz', nullable: true }) dismissedAt!: Date | null;
}
