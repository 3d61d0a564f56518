import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../platform/paging/page-query.dto';
import type { DepartmentEntity, DistrictEntity, ProvinceEntity } from '../geography.entities';

export class AdminAreaDto {
  @ApiProperty({ example: '080101' }) ubigeo: string;
  @ApiProperty({ example: 'PE080101' }) pcode: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) capital: string | null;
  @ApiProperty({ type: Number, nullable: true }) lat: number | null;
  @ApiProperty({ type: Number, nullable: true }) lon: number | null;
  @ApiProperty({ type: Number, nullable: true }) altitudeM: number | null;
  @ApiProperty({ type: Number, nullable: true }) population2025: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Monetary poverty, % (INEI 2018)' }) povertyTotalPct: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Extreme poverty, % (INEI 2013)' }) povertyExtremePct: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'UNDP Human Development Index 2019' }) idh2019: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'MIDIS/WFP food vulnerability index, 0–1' }) foodVulnerabilityIndex:
    number | null;
}

export class DepartmentDto extends AdminAreaDto {}

export class ProvinceDto extends AdminAreaDto {
  @ApiProperty() departmentUbigeo: string;
}

export class DistrictDto extends AdminAreaDto {
  @ApiProperty() departmentUbigeo: string;
  @ApiProperty() provinceUbigeo: string;
}

export class DistrictPageDto {
  @ApiProperty({ type: [DistrictDto] }) items: DistrictDto[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() total: number;
}

export class DistrictQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Name, accent- and case-insensitive' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ example: '08' })
  @IsOptional()
  @Matches(/^\d{2}$/)
  department?: string;

  @ApiPropertyOptional({ example: '0801' })
  @IsOptional()
  @Matches(/^\d{4}$/)
  province?: string;
}

function area(e: DepartmentEntity | ProvinceEntity | DistrictEntity): AdminAreaDto {
  return {
    ubigeo: e.ubigeo,
    pcode: e.pcode,
    name: e.name,
    capital: e.capital,
    lat: e.lat,
    lon: e.lon,
    altitudeM: e.altitudeM,
    population2025: e.population2025,
    povertyTotalPct: e.povertyTotalPct,
    povertyExtremePct: e.povertyExtremePct,
    idh2019: e.idh2019,
    foodVulnerabilityIndex: e.foodVulnerabilityIndex,
  };
}

export const toDepartmentDto = (e: DepartmentEntity): DepartmentDto => area(e);
export const toProvinceDto = (e: ProvinceEntity): ProvinceDto => ({ ...area(e), departmentUbigeo: e.departmentUbigeo });
export const toDistrictDto = (e: DistrictEntity): DistrictDto => ({
  ...area(e),
  departmentUbigeo: e.departmentUbigeo,
  provinceUbigeo: e.provinceUbigeo,
});
