import { Module } from '@nestjs/common';
import { QueuesModule } from '@throughline/server/queues';
import { SurveysModule } from '@throughline/server/surveys';
import { TimelineModule } from '@throughline/server/timeline';
import { AttachmentsController } from './attachments.controller';
import { ConversationWriter } from './conversation-writer.service';
import { ConversationsController } from './conversations.controller';
import { ConversationsService } from './conversations.service';
import { ReplyChannels } from './reply-channels.service';
import { SnoozeWaker } from './snooze-waker.service';

/** The writer of agents' and routing's changes to a conversation, for whichever process makes them. */
@Module({ imports: [TimelineModule], providers: [ConversationWriter], exports: [ConversationWriter] })
export class ConversationWriterModule {}

@Module({
  imports: [TimelineModule, QueuesModule, SurveysModule, ConversationWriterModule],
  controllers: [ConversationsController, AttachmentsController],
  providers: [ConversationsService, ReplyChannels],
  exports: [ConversationsService],
})
export class ConversationsModule {}

/** In the worker: opens snoozed conversations when their time comes. */
@Module({ imports: [TimelineModule], providers: [SnoozeWaker] })
export class ConversationsWorkerModule {}
