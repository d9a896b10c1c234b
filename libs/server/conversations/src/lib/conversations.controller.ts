import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { ConversationView, MessageView, Page, QueueView } from '@throughline/domain';
import { type AuthenticatedUser, CurrentUser } from '@throughline/server/auth';
import { ConversationMessagesQueryDto, ListConversationsQueryDto, PostMessageDto, UpdateConversationDto } from './conversation.dto';
import { ConversationsService } from './conversations.service';

@ApiTags('conversations')
@ApiBearerAuth()
@Controller()
export class ConversationsController {
  constructor(private readonly conversations: ConversationsService) {}

  @Get('conversations')
  list(@Query() query: ListConversationsQueryDto, @CurrentUser() user: AuthenticatedUser): Promise<Page<ConversationView>> {
    return this.conversations.list(query, user);
  }

  @Get('conversations/:id')
  get(@Param('id', ParseUUIDPipe) id: string): Promise<ConversationView> {
    return this.conversations.get(id);
  }

  @Get('conversations/:id/messages')
  messages(@Param('id', ParseUUIDPipe) id: string, @Query() query: ConversationMessagesQueryDto): Promise<MessageView[]> {
    return this.conversations.messagesOf(id, query.limit);
  }

  /** A reply to the customer (delivered by the `deliver` job) or, with `note: true`, an internal note. */
  @Post('conversations/:id/messages')
  post(@Param('id', ParseUUIDPipe) id: string, @Body() body: PostMessageDto, @CurrentUser() user: AuthenticatedUser): Promise<MessageView> {
    return this.conversations.post(id, body, user);
  }

  @Patch('conversations/:id')
  update(@Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateConversationDto, @CurrentUser() user: AuthenticatedUser): Promise<ConversationView> {
    return this.conversations.update(id, body, user);
  }

  @Get('queues')
  queues(): Promise<QueueView[]> {
    return this.conversations.listQueues();
  }
}
