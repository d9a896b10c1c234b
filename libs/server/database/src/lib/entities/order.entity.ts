import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('orders')
export class OrderEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  /** The shop's order id; re-importing it is a no-op. */
  @Column({ name: 'external_id', type: 'text', unique: true }) externalId!: string;
  @Column({ name: 'customer_id', type: 'uuid' }) customerId!: string;
  /** As the shop recorded it; every line of a re-import must name the same. */
  @Column({ name: 'customer_email', type: 'text' }) customerEmail!: string;
  @Column({ name: 'ordered_at', type: 'timestamptz' }) orderedAt!: Date;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
