import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { LEADER_ROLES, type LeaderRole } from '../communities.entities';

export const LEADER_LANGUAGES = ['es', 'qu', 'ay', 'other'] as const;

export class CreateLeaderDto {
  @ApiProperty({ example: 'Teodoro Ccahuana Huarcaya' })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  fullName: string;

  @ApiProperty({ enum: LEADER_ROLES })
  @IsIn(LEADER_ROLES)
  role: LeaderRole;

  @ApiPropertyOptional({ example: '+51984123456', description: 'E.164' })
  @IsOptional()
  @Matches(/^\+[1-9]\d{6,14}$/, { message: 'phone must be in E.164 format, e.g. +51984123456' })
  phone?: string;

  @ApiPropertyOptional({ enum: LEADER_LANGUAGES, default: 'es' })
  @IsOptional()
  @IsIn(LEADER_LANGUAGES)
  preferredLanguage?: (typeof LEADER_LANGUAGES)[number];

  @ApiPropertyOptional({ format: 'uuid', description: 'User account with role leader' })
  @IsOptional()
  @IsUUID()
  userId?: string;
}

/** Personal data: only admins and coordinators of partner organisations receive it; every read is logged. */
export class LeaderDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  fullName: string;

  @ApiProperty({ enum: LEADER_ROLES })
  role: LeaderRole;

  @ApiPropertyOptional({ type: String, nullable: true })
  phone: string | null;

  @ApiProperty()
  preferredLanguage: string;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  userId: string | null;

  @ApiProperty()
  active: boolean;
}
