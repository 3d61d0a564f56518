import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { NEED_STATUSES, type NeedStatus } from '../communities.entities';

export class GeoQueryDto {
  @ApiProperty({ example: '-72.5,-15.0,-70.0,-13.0', description: 'minLon,minLat,maxLon,maxLat (WGS 84)' })
  @IsString()
  @Matches(/^-?\d+(\.\d+)?,-?\d+(\.\d+)?,-?\d+(\.\d+)?,-?\d+(\.\d+)?$/, { message: 'bbox must be minLon,minLat,maxLon,maxLat' })
  bbox: string;

  @ApiProperty({ minimum: 0, maximum: 20, example: 7 })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(20)
  zoom: number;

  @ApiPropertyOptional({ enum: ['communities', 'places'], default: 'communities' })
  @IsOptional()
  @IsIn(['communities', 'places'])
  layer?: 'communities' | 'places';

  @ApiPropertyOptional({ enum: NEED_STATUSES, description: 'Communities with at least one need in this status' })
  @IsOptional()
  @IsIn(NEED_STATUSES)
  needStatus?: NeedStatus;

  @ApiPropertyOptional({ minimum: 1, maximum: 5, description: 'Highest open urgency at least this' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(5)
  minUrgency?: number;

  @ApiPropertyOptional({ example: '08' })
  @IsOptional()
  @Matches(/^\d{2}$/)
  department?: string;
}

export class PointGeometryDto {
  @ApiProperty({ enum: ['Point'] })
  type: 'Point';

  @ApiProperty({ type: [Number], description: '[lon, lat]' })
  coordinates: [number, number];
}

export class GeoFeaturePropertiesDto {
  @ApiProperty({ enum: ['cluster', 'community', 'place'] })
  kind: 'cluster' | 'community' | 'place';

  @ApiProperty({ description: 'How many communities or places this feature stands for' })
  count: number;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Community id or place code (single features)' })
  id: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  name: string | null;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Highest urgency of open needs' })
  maxOpenUrgency: number | null;
}

export class GeoFeatureDto {
  @ApiProperty({ enum: ['Feature'] })
  type: 'Feature';

  @ApiProperty({ type: PointGeometryDto })
  geometry: PointGeometryDto;

  @ApiProperty({ type: GeoFeaturePropertiesDto })
  properties: GeoFeaturePropertiesDto;
}

export class GeoMetaDto {
  @ApiProperty({ enum: ['communities', 'places'] })
  layer: 'communities' | 'places';

  @ApiProperty()
  zoom: number;

  @ApiProperty()
  clustered: boolean;

  @ApiProperty({ description: 'More single points matched than returned; zoom in' })
  truncated: boolean;
}

export class GeoFeatureCollectionDto {
  @ApiProperty({ enum: ['FeatureCollection'] })
  type: 'FeatureCollection';

  @ApiProperty({ type: [GeoFeatureDto] })
  features: GeoFeatureDto[];

  @ApiProperty({ type: GeoMetaDto })
  meta: GeoMetaDto;
}
