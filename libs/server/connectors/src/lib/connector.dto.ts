import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsObject, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
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
