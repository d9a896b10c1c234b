import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { ROUTING_MODES, type RoutingMode } from '@throughline/domain';

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const MAX_MEMBERS = 500;
const MAX_CAPACITY = 1000;

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
  @ApiPropertyOptional({ enum: ROUTING_MODES, description: 'manual: people assign; round_robin: online members with room in turn; balanced: the least loaded' })
  @IsOptional()
  @IsIn(ROUTING_MODES, { message: `routing must be one of ${ROUTING_MODES.join(', ')}` })
  routing?: RoutingMode;
  @ApiPropertyOptional({ description: 'a returning customer goes to the agent who last answered them, on any channel, when they can take it' })
  @IsOptional()
  @IsBoolean()
  sticky?: boolean;
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'most open conversations routing gives a member without their own capacity; null: unlimited',
  })
  @IsOptional()
  @IsInt({ message: 'capacityPerAgent must be a whole number or null' })
  @Min(1)
  @Max(MAX_CAPACITY)
  capacityPerAgent?: number | null;
  @ApiPropertyOptional({ description: 'an agent who goes offline gives their open conversations in this queue back to routing (default: they stay theirs)' })
  @IsOptional()
  @IsBoolean()
  handBackOffline?: boolean;
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
