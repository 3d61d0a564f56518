import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { KIT_CATEGORIES, type KitCategory } from '../../inventory/kit-type.entity';
import { NEED_STATUSES, type NeedStatus } from '../../communities/communities.entities';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A date range (Lima calendar days, both ends included). Defaults: the last 365 days to 90 days ahead. */
export class ReportRangeQueryDto {
  @ApiPropertyOptional({ format: 'date', example: '2026-01-01', description: 'First day (default: 365 days ago)' })
  @IsOptional()
  @Matches(DATE_ONLY, { message: 'from must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date', example: '2026-12-31', description: 'Last day, not before `from` (default: 90 days ahead)' })
  @IsOptional()
  @Matches(DATE_ONLY, { message: 'to must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  to?: string;
}

export class ThreeWQueryDto extends ReportRangeQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only this implementing organisation' })
  @IsOptional()
  @IsUUID()
  organizationId?: string;

  @ApiPropertyOptional({ enum: KIT_CATEGORIES, description: 'Only this sector (kit category)' })
  @IsOptional()
  @IsIn(KIT_CATEGORIES)
  sector?: KitCategory;

  @ApiPropertyOptional({ enum: ['csv', 'json'], default: 'csv', description: 'csv, or HXL JSON (array of rows)' })
  @IsOptional()
  @IsIn(['csv', 'json'])
  format?: 'csv' | 'json';
}

export class CoverageQueryDto extends ReportRangeQueryDto {
  @ApiPropertyOptional({ default: 30, minimum: 1, maximum: 365, description: 'Gap age and overlap window, days' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(365)
  days?: number;
}

export class CoverageRowDto {
  @ApiProperty({ example: '080205' }) districtUbigeo: string;
  @ApiProperty({ example: 'PE080205' }) districtPcode: string;
  @ApiProperty() districtName: string;
  @ApiProperty() provinceName: string;
  @ApiProperty() departmentName: string;
  @ApiProperty({ enum: KIT_CATEGORIES }) category: KitCategory;
  @ApiProperty({ description: 'Kits accepted at confirmed stops in the range' }) kitsConfirmed: number;
  @ApiProperty({ description: 'Accepted kits × households served per kit' }) householdsReached: number;
  @ApiProperty({ description: 'Open (approved / partially fulfilled) needs asking for this category' }) openNeeds: number;
  @ApiProperty({ description: 'Households affected of those needs' }) openNeedHouseholds: number;
}

export class CoverageGapDto {
  @ApiProperty({ format: 'uuid' }) needRequestId: string;
  @ApiProperty({ enum: NEED_STATUSES }) needStatus: NeedStatus;
  @ApiProperty({ format: 'uuid' }) communityId: string;
  @ApiProperty() communityName: string;
  @ApiProperty() districtUbigeo: string;
  @ApiProperty() districtPcode: string;
  @ApiProperty() districtName: string;
  @ApiProperty() lat: number;
  @ApiProperty() lon: number;
  @ApiProperty() urgency: number;
  @ApiProperty() householdsAffected: number;
  @ApiProperty({ enum: KIT_CATEGORIES, isArray: true }) categories: KitCategory[];
  @ApiProperty({ type: String, format: 'date-time' }) approvedAt: string;
  @ApiProperty({ description: 'Whole days since approval' }) daysUnserved: number;
}

export class OverlapOrganizationDto {
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty() organizationName: string;
}

export class CoverageOverlapDto {
  @ApiProperty({ format: 'uuid' }) communityId: string;
  @ApiProperty() communityName: string;
  @ApiProperty() districtUbigeo: string;
  @ApiProperty() districtPcode: string;
  @ApiProperty() districtName: string;
  @ApiProperty({ enum: KIT_CATEGORIES }) category: KitCategory;
  @ApiProperty({ type: [OverlapOrganizationDto] }) organizations: OverlapOrganizationDto[];
  @ApiProperty({ description: 'Stops involved (confirmed, delivered or planned)' }) stopCount: number;
  @ApiProperty({ format: 'date' }) firstDate: string;
  @ApiProperty({ format: 'date' }) lastDate: string;
}

export class CoverageReportDto {
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
  @ApiProperty() days: number;
  @ApiProperty({ type: [CoverageRowDto] }) districts: CoverageRowDto[];
  @ApiProperty({ type: [CoverageGapDto] }) gaps: CoverageGapDto[];
  @ApiProperty({ type: [CoverageOverlapDto] }) overlaps: CoverageOverlapDto[];
}
