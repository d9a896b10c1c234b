import { Column, Entity, PrimaryColumn } from 'typeorm';

/** "Customers who bought `antecedent` also bought `consequent`", mined from all customers' purchases. */
@Entity('product_associations')
export class ProductAssociationEntity {
  @PrimaryColumn({ type: 'text' }) antecedent!: string;
  @PrimaryColumn({ type: 'text' }) consequent!: string;
  @Column({ type: 'int' }) count!: number;
  @Column({ type: 'double precision' }) support!: number;
  @Column({ type: 'double precision' }) confidence!: number;
  @Column({ type: 'double precision' }) lift!: number;
  @Column({ name: 'computed_at', type: 'timestamptz' }) computedAt!: Date;
}
