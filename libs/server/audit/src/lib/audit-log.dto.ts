import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';

export class AuditLogQueryDto {
  @ApiPropertyOptional({ description: 'only what this user did' }) @IsOptional() @IsUUID() actorId?: string;
  @ApiPropertyOptional({ description: 'the kind of thing changed: queue, team, canned_response, connector, customer, user, …' })
  @IsOptional()
  @Matches(/^[a-z_]{1,40}$/, { message: 'entity must be lowercase letters and underscores, e.g. queue or canned_response' })
  entity?: string;
  @ApiPropertyOptional({ description: 'only changes of this one thing' }) @IsOptional() @IsString() @MaxLength(100) entityId?: string;
  @ApiPropertyOptional({ description: 'ISO time, inclusive' }) @IsOptional() @IsISO8601({ strict: true }) from?: string;
  @ApiPropertyOptional({ description: 'ISO time, exclusive' }) @IsOptional() @IsISO8601({ strict: true }) to?: string;
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' }) @IsOptional() @IsString() @MaxLength(200) cursor?: string;
  @ApiPropertyOptional({ default: 50, maximum: 200 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}
