import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { PageQueryDto } from '../../platform/paging/page-query.dto';

/** Department (2 digits), province (4) and district (6) filters shared by places and communities. */
export class AreaFilterQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Name search, ignoring accents and case', example: 'pomacanchi' })
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ example: '08' })
  @IsOptional()
  @Matches(/^\d{2}$/)
  department?: string;

  @ApiPropertyOptional({ example: '0805' })
  @IsOptional()
  @Matches(/^\d{4}$/)
  province?: string;

  @ApiPropertyOptional({ example: '080501' })
  @IsOptional()
  @Matches(/^\d{6}$/)
  district?: string;
}

export class PlaceDto {
  @ApiProperty({ example: '0805010001', description: 'INEI centro poblado code' })
  code: string;

  @ApiProperty({ example: 'POMACANCHI' })
  name: string;

  @ApiProperty({ enum: ['rural', 'urban'] })
  kind: 'rural' | 'urban';

  @ApiProperty({ example: '080505' })
  districtUbigeo: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Pomacanchi' })
  districtName: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Acomayo' })
  provinceName: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Cusco' })
  departmentName: string | null;

  @ApiProperty()
  lat: number;

  @ApiProperty()
  lon: number;
}

export class PlacePageDto {
  @ApiProperty({ type: [PlaceDto] })
  items: PlaceDto[];

  @ApiProperty()
  total: number;

  @ApiProperty()
  page: number;

  @ApiProperty()
  pageSize: number;
}
