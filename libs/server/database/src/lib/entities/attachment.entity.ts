import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('attachments')
export class AttachmentEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'message_id', type: 'uuid' }) messageId!: string;
  @Column({ type: 'text' }) filename!: string;
  @Column({ name: 'content_type', type: 'text' }) contentType!: string;
  @Column({ type: 'int' }) size!: number;
  @Column({ name: 'content_id', type: 'text', nullable: true }) contentId!: string | null;
  @Column({ type: 'boolean', default: false }) inline!: boolean;
  @Column({ type: 'bytea' }) content!: Buffer;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
