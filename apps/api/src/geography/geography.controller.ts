import { Controller, Get, HttpStatus, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../platform/auth/access-policy.decorators';
import { DomainError } from '../platform/errors/domain-error';
import { DepartmentDto, DistrictDto, DistrictPageDto, DistrictQueryDto, ProvinceDto } from './dto/geography.dto';
import { GeographyService } from './geography.service';

/** Public reference data (INEI): no personal data, readable without an account. */
@ApiTags('geography')
@Controller('api/v1/geography')
export class GeographyController {
  constructor(private readonly geography: GeographyService) {}

  @Get('departments')
  @Public()
  @ApiOkResponse({ type: [DepartmentDto] })
  departments(): Promise<DepartmentDto[]> {
    return this.geography.departments();
  }

  @Get('departments/:ubigeo/provinces')
  @Public()
  @ApiOkResponse({ type: [ProvinceDto] })
  provinces(@Param('ubigeo') ubigeo: string): Promise<ProvinceDto[]> {
    return this.geography.provinces(ubigeoParam(ubigeo, 2, 'ubigeo'));
  }

  @Get('districts')
  @Public()
  @ApiOkResponse({ type: DistrictPageDto })
  districts(@Query() query: DistrictQueryDto): Promise<DistrictPageDto> {
    return this.geography.districts(query);
  }

  @Get('districts/:ubigeo')
  @Public()
  @ApiOkResponse({ type: DistrictDto })
  district(@Param('ubigeo') ubigeo: string): Promise<DistrictDto> {
    return this.geography.district(ubigeoParam(ubigeo, 6, 'ubigeo'));
  }
}

function ubigeoParam(value: string, digits: number, field: string): string {
  if (!new RegExp(`^\\d{${digits}}$`).test(value)) {
    throw new DomainError('VALIDATION_FAILED', HttpStatus.BAD_REQUEST, {}, [
      { field, code: 'matches', message: `${field} must be ${digits} digits` },
    ]);
  }
  return value;
}
