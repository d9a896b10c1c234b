import { ApiProperty, ApiPropertyOptional, PartialType, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import type { EmpathyPhraseKind, EmpathyPhraseTone, EmpathyPhraseTrigger } from '@throughline/domain';

const PHRASE_ID = /^[a-z0-9][a-z0-9-]*$/;
const PHRASE_KINDS: EmpathyPhraseKind[] = ['phrase', 'guidance'];
const PHRASE_TONES: EmpathyPhraseTone[] = ['acknowledge', 'apologise', 'reassure', 'clarify', 'thank', 'guide'];

/** Shape only; the library's own rules (known emotions, signals, placeholders) are checked by the service. */
export class CreateEmpathyPhraseDto {
  @ApiProperty({ example: 'acknowledge-repeat-contact' })
  @IsString()
  @MaxLength(100)
  @Matches(PHRASE_ID, { message: 'id: use lowercase letters, digits and dashes' })
  id!: string;
  @ApiProperty({ enum: PHRASE_KINDS }) @IsIn(PHRASE_KINDS) kind!: EmpathyPhraseKind;
  @ApiProperty({ description: 'may use {contactOrdinal}, {waitedFor}, {switchedFrom}, {promiseKind}, …' })
  @IsString()
  @MinLength(1)
  @MaxLength(400)
  text!: string;
  @ApiProperty({ enum: PHRASE_TONES }) @IsIn(PHRASE_TONES) tone!: EmpathyPhraseTone;
  @ApiProperty({
    description: 'any of: { emotion, minScore? } (GoEmotions name) or { history } (repeat-contact, long-wait, …)',
    type: 'array',
    items: { type: 'object' },
  })
  @IsArray()
  @ArrayMinSize(1)
  @IsObject({ each: true })
  triggers!: EmpathyPhraseTrigger[];
  @ApiProperty({ description: 'never offered to a content customer' }) @IsBoolean() deescalates!: boolean;
  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() enabled?: boolean;
}

export class UpdateEmpathyPhraseDto extends PartialType(OmitType(CreateEmpathyPhraseDto, ['id'] as const)) {}

export class DismissSuggestionDto {
  @ApiProperty({ example: 'customer already uses a competitor' }) @IsString() @MinLength(1) @MaxLength(500) reason!: string;
}

export class PromptUseDto {
  @ApiProperty({ description: 'the id of a prompt or guidance entry shown in the insights' })
  @IsString()
  @MaxLength(100)
  @Matches(PHRASE_ID, { message: 'promptId must be a phrase id' })
  promptId!: string;
}

export class InsightsReportQueryDto {
  @ApiPropertyOptional({ default: 30, minimum: 1, maximum: 365 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(365) days?: number;
}

export class ListProductsQueryDto {
  @ApiPropertyOptional({ description: 'full-text search over name, tags and description, best match first' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
  @ApiPropertyOptional({ default: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}
