import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type Repository } from 'typeorm';
import type { MessageView } from '@throughline/domain';
import { AttachmentEntity, type MessageEntity } from '@throughline/server/database';
import { type AttachmentSummary, toMessageView } from './views';

/** Message views with their attachment list, loaded in one query per page (never the bytes). */
@Injectable()
export class MessageViews {
  constructor(@InjectRepository(AttachmentEntity) private readonly attachments: Repository<AttachmentEntity>) {}

  async of(messages: MessageEntity[]): Promise<MessageView[]> {
    const byMessage = new Map<string, AttachmentSummary[]>();
    if (messages.length) {
      const rows = await this.attachments.find({
        where: { messageId: In(messages.map((m) => m.id)) },
        select: { id: true, messageId: true, filename: true, contentType: true, size: true, inline: true, contentId: true },
        order: { createdAt: 'ASC' },
      });
      for (const row of rows) byMessage.set(row.messageId, [...(byMessage.get(row.messageId) ?? []), row]);
    }
    return messages.map((m) => toMessageView(m, byMessage.get(m.id)));
  }

  async one(message: MessageEntity): Promise<MessageView> {
    return (await this.of([message]))[0] as MessageView;
  }
}
