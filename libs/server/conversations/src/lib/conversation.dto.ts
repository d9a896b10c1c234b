import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import {
  CHANNEL_KINDS,
  type ChannelKind,
  CONVERSATION_STATUSES,
  type ConversationStatus,
  PRIORITIES,
  type Priority,
} from '@throughline/domain';

const UUID_OR = (...words: string[]) => new RegExp(`^(${words.join('|')}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$`, 'i');

export class ListConversationsQueryDto {
  @ApiPropertyOptional({ enum: CONVERSATION_STATUSES }) @IsOptional() @IsIn(CONVERSATION_STATUSES) status?: ConversationStatus;
  @ApiPropertyOptional({ description: 'a queue id, or `none`' }) @IsOptional() @Matches(UUID_OR('none'), { message: 'queueId must be a UUID or none' }) queueId?: string;
  @ApiPropertyOptional({ description: 'a user id, `me` or `none`' })
  @IsOptional()
  @Matches(UUID_OR('me', 'none'), { message: 'assigneeId must be a UUID, me or none' })
  assigneeId?: string;
  @ApiPropertyOptional({ enum: CHANNEL_KINDS }) @IsOptional() @IsIn(CHANNEL_KINDS) channel?: ChannelKind;
  @ApiPropertyOptional() @IsOptional() @IsUUID() customerId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) cursor?: string;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}

export class PostMessageDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(50_000) text!: string;
  @ApiPropertyOptional({ enum: CHANNEL_KINDS, description: 'reply on another channel the customer has' }) @IsOptional() @IsIn(CHANNEL_KINDS) channel?: ChannelKind;
  @ApiPropertyOptional({ description: 'an internal note, never sent to the customer' }) @IsOptional() @IsBoolean() note?: boolean;
}

export class UpdateConversationDto {
  @ApiPropertyOptional({ enum: CONVERSATION_STATUSES }) @IsOptional() @IsIn(CONVERSATION_STATUSES) status?: ConversationStatus;
  @ApiPropertyOptional({ nullable: true }) @ValidateIf((_, v) => v !== null) @IsOptional() @IsUUID() assigneeId?: string | null;
  @ApiPropertyOptional({ nullable: true }) @ValidateIf((_, v) => v !== null) @IsOptional() @IsUUID() queueId?: string | null;
  @ApiPropertyOptional({ enum: PRIORITIES }) @IsOptional() @IsIn(PRIORITIES) priority?: Priority;
}

export class ConversationMessagesQueryDto {
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}
