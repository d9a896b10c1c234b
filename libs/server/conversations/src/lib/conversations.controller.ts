import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { ConversationCountsView, ConversationView, MessageView, Page, ReplyChannelView } from '@throughline/domain';
import { type AuthenticatedUser, CurrentUser, MinRole } from '@throughline/server/auth';
import {
  ConversationMessagesQueryDto,
  ListConversationsQueryDto,
  PostMessageDto,
  RetryDeliveryDto,
  SetConversationTagsDto,
  UpdateConversationDto,
} from './conversation.dto';
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

  /** Declared before `conversations/:id`, which would take `counts` for an id. */
  @Get('conversations/counts')
  counts(@CurrentUser() user: AuthenticatedUser): Promise<ConversationCountsView> {
    return this.conversations.counts(user);
  }

  @Get('conversations/:id')
  get(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: AuthenticatedUser): Promise<ConversationView> {
    return this.conversations.get(id, user);
  }

  /** Marks the conversation read for the requesting agent (per agent; other agents are not affected). */
  @Post('conversations/:id/read')
  @HttpCode(204)
  read(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    return this.conversations.markRead(id, user);
  }

  /** The channels a reply can go out on (`default`: the channel of the customer's last message): what the composer offers. */
  @Get('conversations/:id/reply-channels')
  replyChannels(@Param('id', ParseUUIDPipe) id: string): Promise<ReplyChannelView[]> {
    return this.conversations.replyChannelsOf(id);
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

  /**
   * A failed reply, sent again; one whose outcome is unknown only with `confirm: true` (it may
   * already be posted); 409 otherwise, and for a message that did not fail.
   */
  @Post('conversations/:id/messages/:messageId/retry')
  @HttpCode(200)
  retry(@Param('id', ParseUUIDPipe) id: string, @Param('messageId', ParseUUIDPipe) messageId: string, @Body() body: RetryDeliveryDto): Promise<MessageView> {
    return this.conversations.retryDelivery(id, messageId, body.confirm === true);
  }

  /** Replies that failed, whose outcome is unknown, or that are still on their way after minutes, across the workspace. */
  @Get('replies/stuck')
  @MinRole('admin')
  stuckReplies(): Promise<MessageView[]> {
    return this.conversations.stuckReplies();
  }

  @Patch('conversations/:id')
  update(@Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateConversationDto, @CurrentUser() user: AuthenticatedUser): Promise<ConversationView> {
    return this.conversations.update(id, body, user);
  }

  /** Sets its tags: one system line and history row per tag added or removed; setting what it has changes nothing. */
  @Put('conversations/:id/tags')
  setTags(@Param('id', ParseUUIDPipe) id: string, @Body() body: SetConversationTagsDto, @CurrentUser() user: AuthenticatedUser): Promise<ConversationView> {
    return this.conversations.setTags(id, body.tagIds, user);
  }
}
