import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { ACCESS_MODES, type AccessMode, PERU_BBOX } from '../communities.entities';
import { AreaFilterQueryDto } from './place.dto';

export const COMMUNITY_LANGUAGES = ['es', 'qu', 'ay', 'ash', 'awa', 'agr', 'shp', 'mch', 'other'] as const;

/**
 * A community: from a gazetteer place (placeCode; name, district and coordinates default to the
 * place's) or entered by hand (name, districtUbigeo, lat, lon required).
 */
export class CreateCommunityDto {
  @ApiPropertyOptional({ example: '0805050001', description: 'INEI populated place code' })
  @IsOptional()
  @Matches(/^\d{10}$/)
  placeCode?: string;

  @ApiPropertyOptional({ example: 'Comunidad Campesina de Pomacanchi' })
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(150)
  name?: string;

  @ApiPropertyOptional({ example: '080505', description: 'District UBIGEO (INEI, 6 digits)' })
  @IsOptional()
  @Matches(/^\d{6}$/)
  districtUbigeo?: string;

  @ApiPropertyOptional({ example: -14.03, minimum: PERU_BBOX.minLat, maximum: PERU_BBOX.maxLat })
  @IsOptional()
  @Type(() => Number)
  @IsNumber()
  lat?: number;

  @ApiPropertyOptional({ example: -71.57, minimum: PERU_BBOX.minLon, maximum: PERU_BBOX.maxLon })
  @IsOptional()
  @Type(() => Number)
  @IsNumber()
  lon?: number;

  @ApiPropertyOptional({ example: 3690 })
  @IsOptional()
  @IsInt()
  @Min(-100)
  @Max(7000)
  altitudeM?: number;

  @ApiPropertyOptional({ example: 850 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  population?: number;

  @ApiPropertyOptional({ example: 210 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(3_000_000)
  households?: number;

  @ApiPropertyOptional({ enum: COMMUNITY_LANGUAGES, isArray: true, example: ['qu', 'es'] })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(COMMUNITY_LANGUAGES.length)
  @IsIn(COMMUNITY_LANGUAGES, { each: true })
  languages?: string[];

  @ApiPropertyOptional({ enum: ACCESS_MODES, description: 'Mode of the last leg of the journey' })
  @IsOptional()
  @IsIn(ACCESS_MODES)
  accessMode?: AccessMode;

  @ApiPropertyOptional({ example: 6.5, description: 'Hours from the district capital' })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 1 })
  @Min(0)
  @Max(999)
  accessHours?: number;

  @ApiPropertyOptional({ type: [Number], example: [1, 2, 3], description: 'Months (1–12) when it is usually cut off' })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(12)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(12, { each: true })
  cutOffMonths?: number[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Partner organisations (default: yours)' })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  partnerOrganizationIds?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  notes?: string;
}

export class CommunityQueryDto extends AreaFilterQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only communities this organisation works with' })
  @IsOptional()
  @IsUUID()
  partnerOrganizationId?: string;
}

export class PartnerDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;
}

export class CoverageDto {
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  lastDeliveryAt: string | null;

  @ApiProperty()
  totalKits: number;

  @ApiProperty()
  deliveryCount: number;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, example: { hygiene: 40 } })
  kitsByCategory: Record<string, number>;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Kits received per household' })
  kitsPerHousehold: number | null;
}

export class CommunitySummaryDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty()
  districtUbigeo: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  districtName: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  provinceName: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  departmentName: string | null;

  @ApiProperty()
  lat: number;

  @ApiProperty()
  lon: number;

  @ApiPropertyOptional({ type: Number, nullable: true })
  households: number | null;

  @ApiPropertyOptional({ type: String, enum: ACCESS_MODES, nullable: true })
  accessMode: AccessMode | null;

  @ApiProperty({ description: 'Needs still waiting for aid (submitted, approved, partially fulfilled)' })
  openNeeds: number;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Highest urgency among open needs' })
  maxOpenUrgency: number | null;
}

export class CommunityDto extends CommunitySummaryDto {
  @ApiPropertyOptional({ type: String, nullable: true })
  placeCode: string | null;

  @ApiPropertyOptional({ type: Number, nullable: true })
  altitudeM: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true })
  population: number | null;

  @ApiProperty({ type: [String] })
  languages: string[];

  @ApiPropertyOptional({ type: Number, nullable: true })
  accessHours: number | null;

  @ApiProperty({ type: [Number] })
  cutOffMonths: number[];

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'District monetary poverty % (INEI 2018)' })
  povertyTotalPct: number | null;

  @ApiProperty({ type: [PartnerDto] })
  partners: PartnerDto[];

  @ApiPropertyOptional({ type: String, nullable: true })
  notes: string | null;

  @ApiProperty({ type: CoverageDto })
  coverage: CoverageDto;

  @ApiProperty({ description: 'Whether the caller may read this community’s leaders (names and phones)' })
  canReadLeaders: boolean;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;
}

export class CommunityPageDto {
  @ApiProperty({ type: [CommunitySummaryDto] })
  items: CommunitySummaryDto[];

  @ApiProperty()
  total: number;

  @ApiProperty()
  page: number;

  @ApiProperty()
  pageSize: number;
}

export class ImportCommunitiesDto {
  @ApiProperty({
    description:
      'CSV text with a header row: name, district_ubigeo, place_code, lat, lon, altitude_m, population, households, languages (separated by ;), access_mode, access_hours, cut_off_months (separated by ;), notes',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(900_000)
  csv: string;
}

export class ImportQueryDto {
  @ApiPropertyOptional({ description: 'Import the valid rows even when others are rejected', default: false })
  @IsOptional()
  @IsIn(['true', 'false'])
  partial?: 'true' | 'false';
}

export class ImportRowErrorDto {
  @ApiProperty()
  field: string;

  @ApiProperty()
  message: string;
}

export class ImportRowDto {
  @ApiProperty({ description: 'Line number in the file (the header is line 1)' })
  line: number;

  @ApiProperty({ enum: ['accepted', 'rejected'] })
  status: 'accepted' | 'rejected';

  @ApiPropertyOptional({ type: String, nullable: true })
  name: string | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  id: string | null;

  @ApiProperty({ type: [ImportRowErrorDto] })
  errors: ImportRowErrorDto[];
}

export class ImportReportDto {
  @ApiProperty()
  total: number;

  @ApiProperty()
  accepted: number;

  @ApiProperty()
  rejected: number;

  @ApiProperty({ type: [ImportRowDto] })
  rows: ImportRowDto[];
}
