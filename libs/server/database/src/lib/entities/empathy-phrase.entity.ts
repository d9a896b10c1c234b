import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { EmpathyPhraseKind, EmpathyPhraseTone, EmpathyPhraseTrigger } from '@throughline/domain';

/** One entry of the admin-editable phrase library (a phrase to insert, or one-line guidance). */
@Entity('empathy_phrases')
export class EmpathyPhraseEntity {
  @PrimaryColumn({ type: 'text' }) id!: string;
  @Column({ type: 'text' }) kind!: EmpathyPhraseKind;
  @Column({ type: 'text' }) text!: string;
  @Column({ type: 'text' }) tone!: EmpathyPhraseTone;
  /** The emotions (with a minimum score) and history signals that make it relevant. */
  @Column({ type: 'jsonb' }) triggers!: EmpathyPhraseTrigger[];
  @Column({ type: 'boolean' }) deescalates!: boolean;
  @Column({ type: 'boolean', default: true }) enabled!: boolean;
  /** Library order: breaks ties between equally relevant entries. */
  @Column({ type: 'int' }) position!: number;
  /** Deleted entries are kept so recorded prompt uses still name them. */
  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true }) deletedAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
