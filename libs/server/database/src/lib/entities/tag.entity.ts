import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** A label agents put on conversations; the name is unique whatever its case. */
@Entity('tags')
export class TagEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) name!: string;
  /** `#rrggbb`. */
  @Column({ type: 'text' }) color!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

@Entity('conversation_tags')
export class ConversationTagEntity {
  @PrimaryColumn({ name: 'conversation_id', type: 'uuid' }) conversationId!: string;
  @PrimaryColumn({ name: 'tag_id', type: 'uuid' }) tagId!: string;
  @Column({ name: 'added_by', type: 'uuid', nullable: true }) addedBy!: string | null;
  @Column({ name: 'added_at', type: 'timestamptz' }) addedAt!: Date;
}
