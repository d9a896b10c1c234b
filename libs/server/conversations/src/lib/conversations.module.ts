import { Module } from '@nestjs/common';
import { TimelineModule } from '@throughline/server/timeline';
import { AttachmentsController } from './attachments.controller';
import { ConversationsController } from './conversations.controller';
import { ConversationsService } from './conversations.service';

@Module({
  imports: [TimelineModule],
  controllers: [ConversationsController, AttachmentsController],
  providers: [ConversationsService],
  exports: [ConversationsService],
})
export class ConversationsModule {}
