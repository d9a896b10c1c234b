import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { SURVEY_LIMITS } from '@throughline/domain';

const QUESTION = { minLength: 1, maxLength: SURVEY_LIMITS.maxQuestionLength };

export class CsatSettingsDto {
  @ApiPropertyOptional() @IsOptional() @IsBoolean() enabled?: boolean;
  @ApiPropertyOptional({ description: 'seconds after a resolution before the survey goes out (0: at once); a reopen meanwhile cancels it' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(SURVEY_LIMITS.maxDelaySeconds)
  delaySeconds?: number;
  @ApiPropertyOptional(QUESTION) @IsOptional() @IsString() @MinLength(1) @MaxLength(SURVEY_LIMITS.maxQuestionLength) question?: string;
}

export class CesSettingsDto {
  @ApiPropertyOptional() @IsOptional() @IsBoolean() enabled?: boolean;
  @ApiPropertyOptional(QUESTION) @IsOptional() @IsString() @MinLength(1) @MaxLength(SURVEY_LIMITS.maxQuestionLength) question?: string;
}

export class NpsSettingsDto {
  @ApiPropertyOptional() @IsOptional() @IsBoolean() enabled?: boolean;
  @ApiPropertyOptional({ description: 'at most one NPS question per customer in this many days' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(SURVEY_LIMITS.maxIntervalDays)
  intervalDays?: number;
  @ApiPropertyOptional(QUESTION) @IsOptional() @IsString() @MinLength(1) @MaxLength(SURVEY_LIMITS.maxQuestionLength) question?: string;
}

/** `PATCH /api/settings/surveys`: any part of the settings; what is left out stays. */
export class UpdateSurveySettingsDto {
  @ApiPropertyOptional({ type: CsatSettingsDto }) @IsOptional() @ValidateNested() @Type(() => CsatSettingsDto) csat?: CsatSettingsDto;
  @ApiPropertyOptional({ type: CesSettingsDto }) @IsOptional() @ValidateNested() @Type(() => CesSettingsDto) ces?: CesSettingsDto;
  @ApiPropertyOptional({ type: NpsSettingsDto }) @IsOptional() @ValidateNested() @Type(() => NpsSettingsDto) nps?: NpsSettingsDto;
}

/** An HTML form sends every field as text, and an unanswered optional question as "". */
const formNumber = ({ value }: { value: unknown }) => (value === '' || value === null ? undefined : typeof value === 'string' ? Number(value) : value);

/**
 * `POST /api/surveys/:token` as JSON or as the survey page's form. Which kinds the survey accepts
 * (CSAT required when it was asked, NPS only when it was) is checked by `checkSurveyAnswer`.
 */
export class SurveyAnswerDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 5 }) @IsOptional() @Transform(formNumber) @IsInt() @Min(1) @Max(5) csat?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 7, description: 'How easy was it to get help?' })
  @IsOptional()
  @Transform(formNumber)
  @IsInt()
  @Min(1)
  @Max(7)
  ces?: number;
  @ApiPropertyOptional({ minimum: 0, maximum: 10 }) @IsOptional() @Transform(formNumber) @IsInt() @Min(0) @Max(10) nps?: number;
  @ApiPropertyOptional({ maxLength: SURVEY_LIMITS.maxCommentLength })
  @IsOptional()
  @IsString()
  @MaxLength(SURVEY_LIMITS.maxCommentLength)
  comment?: string;
}
