import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsUUID } from 'class-validator';
import { CHANNEL_KINDS, type ChannelKind, REPORT_GROUP_BYS, type ReportGroupBy } from '@throughline/domain';

export class ReportSummaryQueryDto {
  @ApiPropertyOptional({ description: 'ISO date or time, inclusive; default: 7 days before `to`' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be an ISO 8601 date or date-time' })
  from?: string;
  @ApiPropertyOptional({ description: 'ISO date or time, exclusive; default: now' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be an ISO 8601 date or date-time' })
  to?: string;
  @ApiPropertyOptional({ enum: REPORT_GROUP_BYS, default: 'day' }) @IsOptional() @IsIn(REPORT_GROUP_BYS) groupBy?: ReportGroupBy;
  @ApiPropertyOptional() @IsOptional() @IsUUID() queueId?: string;
  @ApiPropertyOptional({ enum: CHANNEL_KINDS }) @IsOptional() @IsIn(CHANNEL_KINDS) channel?: ChannelKind;
  @ApiPropertyOptional({ description: 'the assigned agent' }) @IsOptional() @IsUUID() agentId?: string;
}
