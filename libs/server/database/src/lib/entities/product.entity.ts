import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Postgres returns numeric as text to keep precision; prices fit a JS number. */
const numeric = { to: (v: unknown) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

@Entity('products')
export class ProductEntity {
  @PrimaryColumn({ type: 'text' }) sku!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text', default: '' }) description!: string;
  @Column({ type: 'text', array: true, default: () => "'{}'" }) tags!: string[];
  @Column({ type: 'numeric', precision: 12, scale: 2, transformer: numeric }) price!: number;
  /** The SKU this product upgrades (owns Basic → suggest Pro). */
  @Column({ name: 'upgrade_of', type: 'text', nullable: true }) upgradeOf!: string | null;
  // `search` is a generated tsvector column, read only in SQL (ranked full-text match).
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
