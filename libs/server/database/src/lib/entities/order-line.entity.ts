import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('order_lines')
export class OrderLineEntity {
  @PrimaryColumn({ name: 'order_id', type: 'uuid' }) orderId!: string;
  @PrimaryColumn({ type: 'text' }) sku!: string;
  @Column({ type: 'int' }) quantity!: number;
}
