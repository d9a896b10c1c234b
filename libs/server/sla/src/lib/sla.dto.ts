import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { CHANNEL_KINDS, type ChannelKind, PRIORITIES, type Priority, type WeeklyHours } from '@throughline/domain';

/** A year: a longer target is a typo. */
const MAX_TARGET_MINUTES = 525_600;

/** `timezone`, `weekly` and `holidays` are checked beyond their shape by `scheduleProblem` (libs/domain). */
export class BusinessHoursDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) name!: string;
  @ApiProperty({ example: 'Europe/London' }) @IsString() timezone!: string;
  @ApiProperty({ example: { mon: [['09:00', '17:00']] }, description: 'open intervals per weekday (sun … sat), in order; "24:00" ends a day' })
  @IsObject()
  weekly!: WeeklyHours;
  @ApiPropertyOptional({ example: ['2026-12-25'] }) @IsOptional() @IsArray() holidays?: string[];
}

export class UpdateBusinessHoursDto extends PartialType(BusinessHoursDto) {}

export class SlaMatchDto {
  @ApiPropertyOptional({ nullable: true }) @ValidateIf((_, v) => v !== null) @IsOptional() @IsUUID() queueId?: string | null;
  @ApiPropertyOptional({ enum: PRIORITIES, nullable: true }) @ValidateIf((_, v) => v !== null) @IsOptional() @IsIn(PRIORITIES) priority?: Priority | null;
  @ApiPropertyOptional({ enum: CHANNEL_KINDS, nullable: true })
  @ValidateIf((_, v) => v !== null)
  @IsOptional()
  @IsIn(CHANNEL_KINDS)
  channel?: ChannelKind | null;
}

export class SlaPolicyDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) name!: string;
  @ApiPropertyOptional({ type: SlaMatchDto, description: 'every stated criterion must hold; {} matches every conversation' })
  @IsOptional()
  @ValidateNested()
  @Type(() => SlaMatchDto)
  match?: SlaMatchDto;
  @ApiProperty({ description: 'business minutes (fractions allowed)' }) @IsNumber() @Min(0.01) @Max(MAX_TARGET_MINUTES) firstResponseMinutes!: number;
  @ApiPropertyOptional({ nullable: true })
  @ValidateIf((_, v) => v !== null)
  @IsOptional()
  @IsNumber()
  @Min(0.01)
  @Max(MAX_TARGET_MINUTES)
  nextResponseMinutes?: number | null;
  @ApiPropertyOptional({ nullable: true }) @ValidateIf((_, v) => v !== null) @IsOptional() @IsNumber() @Min(0.01) @Max(MAX_TARGET_MINUTES) resolutionMinutes?:
    | number
    | null;
  @ApiPropertyOptional({ nullable: true, description: 'count only these business hours; none: around the clock' })
  @ValidateIf((_, v) => v !== null)
  @IsOptional()
  @IsUUID()
  businessHoursId?: string | null;
  @ApiPropertyOptional({ description: 'policies are tried in ascending position, the first match applies; default: after the others' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  position?: number;
}

export class UpdateSlaPolicyDto extends PartialType(SlaPolicyDto) {}
