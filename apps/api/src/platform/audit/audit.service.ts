import { Injectable } from '@nestjs/common';
import { Brackets, DataSource, type EntityManager } from 'typeorm';
import { requestContext } from '../http/request-context';
import { pageWindow } from '../paging/page-query.dto';
import { AuditLogEntity } from './audit-log.entity';
import type { AuditQueryDto } from './dto/audit-query.dto';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  summary: string;
  /** Defaults to the acting user's organisation. */
  organizationId?: string | null;
  /** Defaults to the authenticated user of the request. */
  actorUserId?: string | null;
}

/**
 * Writes the audit trail inside the caller's transaction, so a mutation and its audit row commit
 * or roll back together. Actor, organisation, correlation id and IP come from the request context.
 */
@Injectable()
export class AuditService {
  constructor(private readonly dataSource: DataSource) {}

  async record(manager: EntityManager, entry: AuditEntry): Promise<void> {
    const ctx = requestContext.current();
    await manager.insert(AuditLogEntity, {
      actorUserId: entry.actorUserId !== undefined ? entry.actorUserId : (ctx?.user?.id ?? null),
      organizationId: entry.organizationId !== undefined ? entry.organizationId : (ctx?.user?.organizationId ?? null),
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      summary: entry.summary.slice(0, 500),
      correlationId: ctx?.correlationId ?? null,
      ip: ctx?.ip ?? null,
    });
  }

  /** Outside any transaction: for facts that must be kept although the request failed (access denials). */
  async recordStandalone(entry: AuditEntry): Promise<void> {
    await this.record(this.dataSource.manager, entry);
  }

  async list(query: AuditQueryDto): Promise<{ items: AuditLogEntity[]; total: number; page: number; pageSize: number }> {
    const { page, pageSize, skip } = pageWindow(query);
    const qb = this.dataSource.getRepository(AuditLogEntity).createQueryBuilder('a');
    if (query.action) qb.andWhere('a.action = :action', { action: query.action });
    if (query.entityType) qb.andWhere('a.entity_type = :entityType', { entityType: query.entityType });
    if (query.entityId) qb.andWhere('a.entity_id = :entityId', { entityId: query.entityId });
    if (query.actorUserId) qb.andWhere('a.actor_user_id = :actorUserId', { actorUserId: query.actorUserId });
    if (query.organizationId) qb.andWhere('a.organization_id = :organizationId', { organizationId: query.organizationId });
    if (query.correlationId) qb.andWhere('a.correlation_id = :correlationId', { correlationId: query.correlationId });
    if (query.from) qb.andWhere('a.occurred_at >= :from', { from: query.from });
    if (query.to) qb.andWhere('a.occurred_at < :to', { to: query.to });
    if (query.q) {
      qb.andWhere(new Brackets((w) => w.where('a.summary ILIKE :q', { q: `%${query.q?.replace(/[%_\\]/g, '\\$&')}%` })));
    }
    qb.orderBy('a.occurred_at', 'DESC').addOrderBy('a.id', 'DESC').skip(skip).take(pageSize);
    const [items, total] = await qb.getManyAndCount();
    return { items, total, page, pageSize };
  }
}
