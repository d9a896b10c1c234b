import { Module } from '@nestjs/common';
import { TimelineModule } from '@throughline/server/timeline';
import { ConversationsController } from './conversations.controller';
import { ConversationsService } from './conversations.service';

@Module({ imports: [TimelineModule], controllers: [ConversationsController], providers: [ConversationsService], exports: [ConversationsService] })
export class ConversationsModule {}
