import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Max, Min, MaxLength, MinLength } from 'class-validator';
import { CHANNEL_KINDS, type ChannelKind, RAW_EVENT_STATUSES, type RawEventStatus } from '@throughline/domain';

export class CreateConnectorDto {
  @ApiProperty({ example: 'Website contact form' }) @IsString() @MinLength(1) @MaxLength(200) name!: string;
  @ApiProperty({ enum: CHANNEL_KINDS }) @IsIn(CHANNEL_KINDS) kind!: ChannelKind;
  @ApiProperty({ example: 'generic' }) @IsString() provider!: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() queueId?: string;
  @ApiPropertyOptional({ example: { callbackUrl: 'https://example.com/throughline-replies' } })
  @IsOptional()
  @IsObject()
  config?: Record<string, unknown>;
  @ApiPropertyOptional({ description: 'Write-only; never returned.' }) @IsOptional() @IsObject() secrets?: Record<string, string>;
}

export class UpdateConnectorDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(200) name?: string;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsUUID() queueId?: string;
  @ApiPropertyOptional() @IsOptional() @IsObject() config?: Record<string, unknown>;
  @ApiPropertyOptional({ description: 'Replaces the named secrets; write-only.' }) @IsOptional() @IsObject() secrets?: Record<string, string>;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() enabled?: boolean;
}

export class ListEventsQueryDto {
  @ApiPropertyOptional({ enum: RAW_EVENT_STATUSES }) @IsOptional() @IsIn(RAW_EVENT_STATUSES) status?: RawEventStatus;
}

/** The longest grace period a rotated secret may keep working: a week. */
export const MAX_SECRET_GRACE_SECONDS = 7 * 24 * 3600;

export class RotateSecretDto {
  @ApiProperty({ description: 'How long the replaced secret keeps verifying; 0 stops it at once.', example: 86400, maximum: MAX_SECRET_GRACE_SECONDS })
  @IsInt()
  @Min(0)
  @Max(MAX_SECRET_GRACE_SECONDS)
  graceSeconds!: number;
}
