import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { NEED_CAUSES, NEED_STATUSES, type NeedCause, type NeedStatus } from '../communities.entities';
import { PageQueryDto } from '../../platform/paging/page-query.dto';

export class NeedLineInputDto {
  @ApiPropertyOptional({ example: 'KIT-HIG-FAM', description: 'Kit type code (linked to inventory kit types once they exist)' })
  @IsOptional()
  @Matches(/^[A-Z0-9][A-Z0-9_-]{1,39}$/)
  kitTypeCode?: string;

  @ApiPropertyOptional({ example: 'Frazadas de lana' })
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  itemDescription?: string;

  @ApiProperty({ example: 40 })
  @IsInt()
  @Min(1)
  @Max(100_000)
  quantity: number;
}

export class CreateNeedDto {
  @ApiProperty({ type: [NeedLineInputDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => NeedLineInputDto)
  lines: NeedLineInputDto[];

  @ApiProperty({ example: 45 })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  householdsAffected: number;

  @ApiProperty({ minimum: 1, maximum: 5, example: 4 })
  @IsInt()
  @Min(1)
  @Max(5)
  urgency: number;

  @ApiProperty({ enum: NEED_CAUSES })
  @IsIn(NEED_CAUSES)
  cause: NeedCause;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  notes?: string;
}

export class NeedTransitionDto {
  @ApiProperty({ enum: NEED_STATUSES.filter((s) => s !== 'submitted') })
  @IsIn(NEED_STATUSES.filter((s) => s !== 'submitted'))
  status: Exclude<NeedStatus, 'submitted'>;

  @ApiProperty({ example: 'Helada del 12 de junio confirmada por la posta de salud' })
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason: string;
}

export class NeedQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: NEED_STATUSES })
  @IsOptional()
  @IsIn(NEED_STATUSES)
  status?: NeedStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  communityId?: string;

  @ApiPropertyOptional({ example: '08' })
  @IsOptional()
  @Matches(/^\d{2}$/)
  department?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 5 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(5)
  minUrgency?: number;

  @ApiPropertyOptional({ enum: ['priority', 'newest'], default: 'priority' })
  @IsOptional()
  @IsIn(['priority', 'newest'])
  sort?: 'priority' | 'newest';
}

export class NeedLineDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  kitTypeCode: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  itemDescription: string | null;

  @ApiProperty()
  quantity: number;

  @ApiProperty()
  quantityFulfilled: number;
}

export class PriorityPartsDto {
  @ApiProperty({ description: '40 × (urgency − 1) / 4' })
  urgency: number;

  @ApiProperty({ description: '20 × min(1, log10(1 + households) / log10(501))' })
  households: number;

  @ApiProperty({ description: '15 × district poverty % / 100' })
  poverty: number;

  @ApiProperty({ description: '15 × isolation (access mode, hours, cut-off months)' })
  isolation: number;

  @ApiProperty({ description: '10 × min(1, days since last delivery / 180)' })
  recency: number;
}

export class PriorityDto {
  @ApiProperty({ description: 'Sum of the parts, 0–100' })
  total: number;

  @ApiProperty({ type: PriorityPartsDto })
  parts: PriorityPartsDto;
}

export class NeedEventDto {
  @ApiPropertyOptional({ type: String, enum: NEED_STATUSES, nullable: true })
  fromStatus: NeedStatus | null;

  @ApiProperty({ enum: NEED_STATUSES })
  toStatus: NeedStatus;

  @ApiPropertyOptional({ type: String, nullable: true })
  reason: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  occurredAt: string;
}

export class NeedDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  communityId: string;

  @ApiProperty()
  communityName: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  districtName: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  departmentName: string | null;

  @ApiProperty({ enum: NEED_STATUSES })
  status: NeedStatus;

  @ApiProperty()
  urgency: number;

  @ApiProperty({ enum: NEED_CAUSES })
  cause: NeedCause;

  @ApiProperty()
  householdsAffected: number;

  @ApiPropertyOptional({ type: String, nullable: true })
  notes: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  statusReason: string | null;

  @ApiProperty({ type: [NeedLineDto] })
  lines: NeedLineDto[];

  @ApiProperty({ type: PriorityDto })
  priority: PriorityDto;

  @ApiProperty({ description: 'Whether the caller may approve, reject or cancel it (admin, or coordinator of a partner organisation)' })
  canDecide: boolean;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt: string;
}

export class NeedDetailDto extends NeedDto {
  @ApiProperty({ type: [NeedEventDto] })
  events: NeedEventDto[];
}

export class NeedPageDto {
  @ApiProperty({ type: [NeedDto] })
  items: NeedDto[];

  @ApiProperty()
  total: number;

  @ApiProperty()
  page: number;

  @ApiProperty()
  pageSize: number;
}
