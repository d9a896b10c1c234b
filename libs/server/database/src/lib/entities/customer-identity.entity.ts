import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { IdentityKind } from '@throughline/domain';

@Entity('customer_identities')
export class CustomerIdentityEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'customer_id', type: 'uuid' }) customerId!: string;
  @Column({ type: 'text' }) kind!: IdentityKind;
  @Column({ type: 'text' }) value!: string;
  @Column({ type: 'boolean', default: true }) verified!: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
