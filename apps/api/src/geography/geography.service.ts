import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { notFound } from '../platform/errors/domain-error';
import { pageWindow } from '../platform/paging/page-query.dto';
import {
  toDepartmentDto,
  toDistrictDto,
  toProvinceDto,
  type DepartmentDto,
  type DistrictDto,
  type DistrictPageDto,
  type DistrictQueryDto,
  type ProvinceDto,
} from './dto/geography.dto';
import { DepartmentEntity, DistrictEntity, ProvinceEntity } from './geography.entities';

@Injectable()
export class GeographyService {
  constructor(private readonly dataSource: DataSource) {}

  async departments(): Promise<DepartmentDto[]> {
    const rows = await this.dataSource.getRepository(DepartmentEntity).find({ order: { ubigeo: 'ASC' } });
    return rows.map(toDepartmentDto);
  }

  async provinces(departmentUbigeo: string): Promise<ProvinceDto[]> {
    if (!(await this.dataSource.getRepository(DepartmentEntity).existsBy({ ubigeo: departmentUbigeo }))) throw notFound();
    const rows = await this.dataSource.getRepository(ProvinceEntity).find({ where: { departmentUbigeo }, order: { ubigeo: 'ASC' } });
    return rows.map(toProvinceDto);
  }

  async districts(query: DistrictQueryDto): Promise<DistrictPageDto> {
    const { page, pageSize, skip } = pageWindow(query);
    const qb = this.dataSource.getRepository(DistrictEntity).createQueryBuilder('d');
    if (query.department) qb.andWhere('d.department_ubigeo = :dep', { dep: query.department });
    if (query.province) qb.andWhere('d.province_ubigeo = :prov', { prov: query.province });
    if (query.q) {
      // Accent-insensitive without an extension: translate the common Spanish diacritics away on both sides.
      qb.andWhere(`translate(lower(d.name), 'áéíóúüñ', 'aeiouun') LIKE '%' || translate(lower(:q), 'áéíóúüñ', 'aeiouun') || '%'`, {
        q: query.q.replace(/[%_\\]/g, '\\$&'),
      });
    }
    const [rows, total] = await qb.orderBy('d.ubigeo', 'ASC').skip(skip).take(pageSize).getManyAndCount();
    return { items: rows.map(toDistrictDto), total, page, pageSize };
  }

  async district(ubigeo: string): Promise<DistrictDto> {
    const row = await this.dataSource.getRepository(DistrictEntity).findOneBy({ ubigeo });
    if (!row) throw notFound();
    return toDistrictDto(row);
  }
}
