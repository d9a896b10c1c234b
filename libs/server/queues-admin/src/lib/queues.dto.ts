import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const MAX_MEMBERS = 500;

export class CreateQueueDto {
  @ApiProperty({ example: 'Billing' }) @Transform(trimmed) @IsString() @MinLength(1, { message: 'name must not be blank' }) @MaxLength(80) name!: string;
}

export class UpdateQueueDto {
  @ApiPropertyOptional() @IsOptional() @Transform(trimmed) @IsString() @MinLength(1, { message: 'name must not be blank' }) @MaxLength(80) name?: string;
  @ApiPropertyOptional({ description: 'the users named as members (replaces the list)', type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_MEMBERS)
  @IsUUID('all', { each: true, message: 'memberIds must be user ids' })
  memberIds?: string[];
  @ApiPropertyOptional({ description: 'teams whose members are all members (replaces the list)', type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_MEMBERS)
  @IsUUID('all', { each: true, message: 'teamIds must be team ids' })
  teamIds?: string[];
  @ApiPropertyOptional({ description: 'an archived queue keeps its conversations and takes no new ones' }) @IsOptional() @IsBoolean() archived?: boolean;
}

export class CreateTeamDto {
  @ApiProperty({ example: 'Night shift' }) @Transform(trimmed) @IsString() @MinLength(1, { message: 'name must not be blank' }) @MaxLength(80) name!: string;
  @ApiPropertyOptional({ type: [String], default: [] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_MEMBERS)
  @IsUUID('all', { each: true, message: 'memberIds must be user ids' })
  memberIds?: string[];
}

export class UpdateTeamDto {
  @ApiPropertyOptional() @IsOptional() @Transform(trimmed) @IsString() @MinLength(1, { message: 'name must not be blank' }) @MaxLength(80) name?: string;
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_MEMBERS)
  @IsUUID('all', { each: true, message: 'memberIds must be user ids' })
  memberIds?: string[];
}
