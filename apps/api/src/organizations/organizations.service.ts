import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../platform/audit/audit.service';
import { DomainError, notFound } from '../platform/errors/domain-error';
import { pageWindow } from '../platform/paging/page-query.dto';
import { TransactionRunner } from '../platform/transaction/transaction-runner';
import {
  OrganizationDto,
  type CreateOrganizationDto,
  type OrganizationPageDto,
  type OrganizationQueryDto,
  type UpdateOrganizationDto,
} from './dto/organization.dto';
import { OrganizationEntity } from './organization.entity';

@Injectable()
export class OrganizationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
  ) {}

  async list(query: OrganizationQueryDto): Promise<OrganizationPageDto> {
    const { page, pageSize, skip } = pageWindow(query);
    const qb = this.dataSource.getRepository(OrganizationEntity).createQueryBuilder('o');
    if (query.q) qb.where('o.name ILIKE :q', { q: `%${query.q.replace(/[%_\\]/g, '\\$&')}%` });
    const [rows, total] = await qb.orderBy('o.name', 'ASC').skip(skip).take(pageSize).getManyAndCount();
    return { items: rows.map((o) => OrganizationDto.from(o)), total, page, pageSize };
  }

  async get(id: string): Promise<OrganizationDto> {
    const row = await this.dataSource.getRepository(OrganizationEntity).findOneBy({ id });
    if (!row) throw notFound();
    return OrganizationDto.from(row);
  }

  create(input: CreateOrganizationDto): Promise<OrganizationDto> {
    return this.transactions.run(async (manager) => {
      if (await manager.existsBy(OrganizationEntity, { slug: input.slug })) {
        throw new DomainError('ORGANIZATION_SLUG_TAKEN', HttpStatus.CONFLICT, { slug: input.slug }, [
          { field: 'slug', code: 'unique', message: 'slug' },
        ]);
      }
      const row = await manager.save(
        manager.create(OrganizationEntity, {
          name: input.name.trim(),
          slug: input.slug,
          kind: input.kind ?? 'ngo',
          taxId: input.taxId ?? null,
          description: input.description ?? null,
        }),
      );
      await this.audit.record(manager, {
        action: 'organization.created',
        entityType: 'organization',
        entityId: row.id,
        summary: `Organisation "${row.name}" created`,
      });
      return OrganizationDto.from(row);
    });
  }

  update(id: string, input: UpdateOrganizationDto): Promise<OrganizationDto> {
    return this.transactions.run(async (manager) => {
      const row = await manager.findOne(OrganizationEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!row) throw notFound();
      if (input.slug && input.slug !== row.slug && (await manager.existsBy(OrganizationEntity, { slug: input.slug }))) {
        throw new DomainError('ORGANIZATION_SLUG_TAKEN', HttpStatus.CONFLICT, { slug: input.slug }, [
          { field: 'slug', code: 'unique', message: 'slug' },
        ]);
      }
      const changed = Object.keys(input).filter((k) => input[k as keyof UpdateOrganizationDto] !== undefined);
      Object.assign(row, Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)));
      const saved = await manager.save(row);
      await this.audit.record(manager, {
        action: input.active === false ? 'organization.deactivated' : 'organization.updated',
        entityType: 'organization',
        entityId: row.id,
        summary: `Organisation "${row.name}" updated (${changed.join(', ') || 'no fields'})`,
      });
      return OrganizationDto.from(saved);
    });
  }
}
