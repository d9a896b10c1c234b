import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
// Typed after `/` in the composer: a leading slash is accepted and dropped.
const shortcutOf = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().replace(/^\//, '') : value);
const SHORTCUT = /^[a-z0-9][a-z0-9-]{0,39}$/;
const SHORTCUT_MESSAGE = 'shortcut must be 1 to 40 lowercase letters, digits or dashes (e.g. refund-policy)';

export class CreateCannedResponseDto {
  @ApiProperty({ example: 'Refund policy' })
  @Transform(trimmed)
  @IsString()
  @MinLength(1, { message: 'title must not be blank' })
  @MaxLength(120)
  title!: string;
  @ApiProperty({ example: 'refund' }) @Transform(shortcutOf) @IsString() @Matches(SHORTCUT, { message: SHORTCUT_MESSAGE }) shortcut!: string;
  @ApiProperty({ description: 'may use {{customer.firstName}}, {{customer.name}}, {{agent.name}}, {{agent.firstName}}, {{conversation.ref}}' })
  @IsString()
  @MinLength(1, { message: 'text must not be empty' })
  @MaxLength(5000)
  text!: string;
  @ApiPropertyOptional({ default: false, description: 'visible to everyone and edited by supervisors and admins; otherwise personal' })
  @IsOptional()
  @IsBoolean()
  shared?: boolean;
}

export class UpdateCannedResponseDto {
  @ApiPropertyOptional() @IsOptional() @Transform(trimmed) @IsString() @MinLength(1, { message: 'title must not be blank' }) @MaxLength(120) title?: string;
  @ApiPropertyOptional() @IsOptional() @Transform(shortcutOf) @IsString() @Matches(SHORTCUT, { message: SHORTCUT_MESSAGE }) shortcut?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1, { message: 'text must not be empty' }) @MaxLength(5000) text?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() shared?: boolean;
}
