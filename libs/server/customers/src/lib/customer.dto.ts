import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { IDENTITY_KINDS, type IdentityKind } from '@throughline/domain';

export class IdentityDto {
  @ApiProperty({ enum: IDENTITY_KINDS }) @IsIn(IDENTITY_KINDS) kind!: IdentityKind;
  @ApiProperty({ example: 'ana@example.com' }) @IsString() @MinLength(1) @MaxLength(320) value!: string;
}

export class CreateCustomerDto {
  @ApiPropertyOptional({ example: 'Ana Bell' }) @IsOptional() @IsString() @MaxLength(255) name?: string;
  @ApiProperty({ type: [IdentityDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => IdentityDto)
  identities!: IdentityDto[];
}

export class SearchCustomersQueryDto {
  @ApiPropertyOptional({ description: 'Name, email, phone or handle' }) @IsOptional() @IsString() @MaxLength(320) q?: string;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}

export class TimelineQueryDto {
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' }) @IsOptional() @IsString() @MaxLength(200) before?: string;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}

export class MergeCustomerDto {
  @ApiProperty({ description: 'The customer merged into this one; it keeps nothing of its own afterwards' })
  @IsUUID()
  otherCustomerId!: string;
}

export class UnmergeCustomerDto {
  @ApiProperty({ description: 'The customer that was merged into this one and gets its identities and conversations back' })
  @IsUUID()
  mergedCustomerId!: string;
}
