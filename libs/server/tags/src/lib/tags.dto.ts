import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { normalizeTagName, TAG_COLOR_PATTERN, TAG_NAME_MAX } from '@throughline/domain';

const asTagName = ({ value }: { value: unknown }) => (typeof value === 'string' ? normalizeTagName(value) : value);
const asColor = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

export class CreateTagDto {
  @ApiProperty({ example: 'Refund' })
  @Transform(asTagName)
  @IsString()
  @MinLength(1, { message: 'name must not be blank' })
  @MaxLength(TAG_NAME_MAX)
  name!: string;
  @ApiProperty({ example: '#2f80ed' })
  @Transform(asColor)
  @IsString()
  @Matches(TAG_COLOR_PATTERN, { message: 'color must be #rrggbb' })
  color!: string;
}

export class UpdateTagDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(asTagName)
  @IsString()
  @MinLength(1, { message: 'name must not be blank' })
  @MaxLength(TAG_NAME_MAX)
  name?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(asColor)
  @IsString()
  @Matches(TAG_COLOR_PATTERN, { message: 'color must be #rrggbb' })
  color?: string;
}
