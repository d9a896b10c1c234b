import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import {
  CHANNEL_KINDS,
  type ChannelKind,
  CONVERSATION_SORTS,
  CONVERSATION_STATUSES,
  type ConversationSort,
  type ConversationStatus,
  PRIORITIES,
  type Priority,
  type SlaStatus,
  TAGS_PER_CONVERSATION_MAX,
} from '@throughline/domain';

const UUID_OR = (...words: string[]) => new RegExp(`^(${words.join('|')}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$`, 'i');

export class ListConversationsQueryDto {
  @ApiPropertyOptional({ enum: CONVERSATION_STATUSES }) @IsOptional() @IsIn(CONVERSATION_STATUSES) status?: ConversationStatus;
  @ApiPropertyOptional({ description: 'a queue id, or `none`' })
  @IsOptional()
  @Matches(UUID_OR('none'), { message: 'queueId must be a UUID or none' })
  queueId?: string;
  @ApiPropertyOptional({ description: 'a user id, `me` or `none`' })
  @IsOptional()
  @Matches(UUID_OR('me', 'none'), { message: 'assigneeId must be a UUID, me or none' })
  assigneeId?: string;
  @ApiPropertyOptional({ enum: CHANNEL_KINDS }) @IsOptional() @IsIn(CHANNEL_KINDS) channel?: ChannelKind;
  @ApiPropertyOptional() @IsOptional() @IsUUID() customerId?: string;
  @ApiPropertyOptional({ description: 'conversations carrying this tag' }) @IsOptional() @IsUUID() tag?: string;
  @ApiPropertyOptional({ enum: ['at_risk', 'breached'], description: 'unresolved conversations whose SLA is at risk, or breached' })
  @IsOptional()
  @IsIn(['at_risk', 'breached'])
  sla?: Exclude<SlaStatus, 'ok'>;
  @ApiPropertyOptional({
    description:
      'search: a substring of the customer name, of any identity value (email, handle; `@` optional) or of a message text; ' +
      'an email or phone number in any notation (normalised like identities); or a conversation reference (`#4F2K`, or `4F2K`)',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  q?: string;
  @ApiPropertyOptional({
    enum: CONVERSATION_SORTS,
    default: 'recent',
    description:
      '`recent`: latest activity first (last_message_at descending). `waiting`: customers waiting longest first — ' +
      'first the conversations awaiting our reply (the customer wrote last: lastInboundAt is at least lastMessageAt, ' +
      'which our replies move and notes or system lines do not), oldest lastInboundAt first; then the others, ' +
      'oldest lastMessageAt first. A cursor only continues the sort it was made for (another sort is a 400).',
  })
  @IsOptional()
  @IsIn(CONVERSATION_SORTS)
  sort?: ConversationSort;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) cursor?: string;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}

export class PostMessageDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(50_000) text!: string;
  @ApiPropertyOptional({ enum: CHANNEL_KINDS, description: 'reply on another channel the customer has' })
  @IsOptional()
  @IsIn(CHANNEL_KINDS)
  channel?: ChannelKind;
  @ApiPropertyOptional({ description: 'an internal note, never sent to the customer' }) @IsOptional() @IsBoolean() note?: boolean;
}

export class UpdateConversationDto {
  @ApiPropertyOptional({ enum: CONVERSATION_STATUSES }) @IsOptional() @IsIn(CONVERSATION_STATUSES) status?: ConversationStatus;
  @ApiPropertyOptional({ nullable: true }) @ValidateIf((_, v) => v !== null) @IsOptional() @IsUUID() assigneeId?: string | null;
  @ApiPropertyOptional({ nullable: true }) @ValidateIf((_, v) => v !== null) @IsOptional() @IsUUID() queueId?: string | null;
  @ApiPropertyOptional({ enum: PRIORITIES }) @IsOptional() @IsIn(PRIORITIES) priority?: Priority;
  @ApiPropertyOptional({
    format: 'date-time',
    description: 'when a snoozed conversation opens again; in the future; required with status `snoozed`, and alone it snoozes',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'snoozedUntil must be an ISO 8601 date-time' })
  snoozedUntil?: string;
}

export class ConversationMessagesQueryDto {
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}

export class RetryDeliveryDto {
  /** Required for a reply whose earlier attempt may have been posted (`unknown`): the agent checked the platform. */
  @ApiPropertyOptional({ description: 'send a reply in delivery status unknown again, accepting it may then appear twice' })
  @IsOptional()
  @IsBoolean()
  confirm?: boolean;
}

export class SetConversationTagsDto {
  @ApiProperty({ type: [String], description: `the tags the conversation carries from now on (at most ${TAGS_PER_CONVERSATION_MAX}); [] takes them all off` })
  @IsArray()
  @ArrayMaxSize(TAGS_PER_CONVERSATION_MAX)
  @IsUUID('all', { each: true })
  tagIds!: string[];
}
