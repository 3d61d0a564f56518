import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../platform/audit/audit.service';
import type { AuthenticatedUser } from '../platform/auth/authenticated-user';
import { deniedAsNotFound, DomainError, notFound } from '../platform/errors/domain-error';
import { pageWindow } from '../platform/paging/page-query.dto';
import { TransactionRunner } from '../platform/transaction/transaction-runner';
import {
  CommunityEntity,
  NeedRequestEntity,
  NeedRequestEventEntity,
  NeedRequestLineEntity,
  type AccessMode,
  type NeedStatus,
} from './communities.entities';
import { isLeaderOf, isPartnerOrAdmin } from './community-access';
import type { CreateNeedDto, NeedDetailDto, NeedDto, NeedPageDto, NeedQueryDto, NeedTransitionDto } from './dto/need.dto';
import { canTransition, leaderMayCancel, roleMayMoveTo } from './need-workflow';
import { priorityScore } from './priority';

interface NeedRow {
  id: string;
  community_id: string;
  community_name: string;
  district_name: string | null;
  department_name: string | null;
  status: NeedStatus;
  urgency: number;
  cause: NeedDto['cause'];
  households_affected: number;
  notes: string | null;
  status_reason: string | null;
  created_at: Date;
  updated_at: Date;
  poverty_total_pct: number | null;
  access_mode: AccessMode | null;
  access_hours: string | null;
  cut_off_months: number[];
  last_delivery_at: Date | null;
}

const NEED_SELECT = `SELECT n.id, n.community_id, c.name AS community_name, d.name AS district_name, dep.name AS department_name,
         n.status, n.urgency, n.cause, n.households_affected, n.notes, n.status_reason, n.created_at, n.updated_at,
         d.poverty_total_pct, c.access_mode, c.access_hours, c.cut_off_months, cov.last_delivery_at
  FROM need_requests n
  JOIN communities c ON c.id = n.community_id
  LEFT JOIN districts d ON d.ubigeo = c.district_ubigeo
  LEFT JOIN departments dep ON dep.ubigeo = left(c.district_ubigeo, 2)
  LEFT JOIN community_coverage cov ON cov.community_id = c.id`;

/**
 * Needs requests and their workflow (submitted → approved | rejected → partially_fulfilled →
 * fulfilled, or cancelled), with the priority score a board sorts by. Every step writes a
 * need_request_events row and an audit row in the same transaction.
 */
@Injectable()
export class NeedsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
  ) {}

  /**
   * The board: filtered needs with their priority. The score depends on today's date and the
   * coverage read model, so it is computed here for the filtered set (a few thousand requests at
   * most in a network's lifetime of open needs) and then sorted and paged.
   */
  async list(user: AuthenticatedUser, query: NeedQueryDto): Promise<NeedPageDto> {
    const { page, pageSize, skip } = pageWindow(query);
    const where: string[] = [];
    const values: unknown[] = [];
    const add = (sql: (n: string) => string, value: unknown): void => {
      values.push(value);
      where.push(sql(`$${values.length}`));
    };
    if (query.status) add((n) => `n.status = ${n}`, query.status);
    if (query.communityId) add((n) => `n.community_id = ${n}`, query.communityId);
    if (query.department) add((n) => `c.district_ubigeo LIKE ${n}`, `${query.department}%`);
    if (query.minUrgency) add((n) => `n.urgency >= ${n}`, query.minUrgency);
    if (isOnlyLeader(user)) {
      add(
        (n) => `EXISTS (SELECT 1 FROM community_leaders l WHERE l.community_id = n.community_id AND l.user_id = ${n} AND l.active)`,
        user.id,
      );
    }
    const rows = await this.dataSource.query<NeedRow[]>(`${NEED_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`, values);
    const now = new Date();
    const scored = rows.map((r) => ({ row: r, priority: priorityOf(r, now) }));
    if ((query.sort ?? 'priority') === 'priority') {
      scored.sort((a, b) => b.priority.total - a.priority.total || a.row.created_at.getTime() - b.row.created_at.getTime());
    } else {
      scored.sort((a, b) => b.row.created_at.getTime() - a.row.created_at.getTime());
    }
    const pageRows = scored.slice(skip, skip + pageSize);
    const decidable = await this.decidableCommunities(user);
    const lines = await this.linesFor(
      this.dataSource.manager,
      pageRows.map((s) => s.row.id),
    );
    return {
      items: pageRows.map((s) =>
        toDto(s.row, s.priority, lines.get(s.row.id) ?? [], decidable === 'all' || decidable.has(s.row.community_id)),
      ),
      total: scored.length,
      page,
      pageSize,
    };
  }

  async get(user: AuthenticatedUser, id: string): Promise<NeedDetailDto> {
    return this.detail(this.dataSource.manager, user, id);
  }

  create(user: AuthenticatedUser, communityId: string, input: CreateNeedDto): Promise<NeedDetailDto> {
    return this.transactions.run(async (manager) => {
      if (!(await manager.existsBy(CommunityEntity, { id: communityId }))) throw notFound();
      const allowed = (await isPartnerOrAdmin(manager, user, communityId)) || (await isLeaderOf(manager, user, communityId));
      if (!allowed) throw new DomainError('COMMUNITY_NOT_PARTNER', HttpStatus.FORBIDDEN);
      input.lines.forEach((line, i) => {
        if (!line.kitTypeCode && !line.itemDescription) {
          throw new DomainError('VALIDATION_FAILED', HttpStatus.BAD_REQUEST, {}, [
            { field: `lines.${i}.kitTypeCode`, code: 'isDefined', message: 'each line needs kitTypeCode or itemDescription' },
          ]);
        }
      });
      const need = await manager.save(
        manager.create(NeedRequestEntity, {
          communityId,
          status: 'submitted',
          urgency: input.urgency,
          cause: input.cause,
          householdsAffected: input.householdsAffected,
          notes: input.notes?.trim() || null,
          requestedByUserId: user.id,
        }),
      );
      await manager.insert(
        NeedRequestLineEntity,
        input.lines.map((l) => ({
          needRequestId: need.id,
          kitTypeCode: l.kitTypeCode ?? null,
          itemDescription: l.itemDescription?.trim() ?? null,
          quantity: l.quantity,
        })),
      );
      await manager.insert(NeedRequestEventEntity, {
        needRequestId: need.id,
        fromStatus: null,
        toStatus: 'submitted',
        actorUserId: user.id,
        reason: null,
      });
      await this.audit.record(manager, {
        action: 'need.submitted',
        entityType: 'need_request',
        entityId: need.id,
        summary: `Need submitted for community ${communityId}: urgency ${input.urgency}, cause ${input.cause}, ${input.householdsAffected} households`,
      });
      return this.detail(manager, user, need.id);
    });
  }

  transition(user: AuthenticatedUser, id: string, input: NeedTransitionDto): Promise<NeedDetailDto> {
    return this.transactions.run(async (manager) => {
      const need = await manager.findOne(NeedRequestEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!need) throw notFound();
      const from = need.status;
      const to = input.status;
      if (!roleMayMoveTo(user.roles, to)) throw new DomainError('NEED_TRANSITION_ROLE', HttpStatus.FORBIDDEN, { to });
      if (!canTransition(from, to)) throw new DomainError('NEED_TRANSITION_NOT_ALLOWED', HttpStatus.CONFLICT, { from, to });
      const partner = await isPartnerOrAdmin(manager, user, need.communityId);
      const staff = user.roles.includes('storekeeper') && (to === 'partially_fulfilled' || to === 'fulfilled');
      const leader = to === 'cancelled' && (await isLeaderOf(manager, user, need.communityId));
      if (!partner && !staff && !leader) throw new DomainError('COMMUNITY_NOT_PARTNER', HttpStatus.FORBIDDEN);
      if (!partner && !staff && leader && !leaderMayCancel(from)) {
        throw new DomainError('NEED_TRANSITION_ROLE', HttpStatus.FORBIDDEN, { to });
      }
      const reason = input.reason.trim();
      await manager.update(NeedRequestEntity, { id }, { status: to, statusReason: reason });
      await manager.insert(NeedRequestEventEntity, { needRequestId: id, fromStatus: from, toStatus: to, actorUserId: user.id, reason });
      await this.audit.record(manager, {
        action: `need.${to}`,
        entityType: 'need_request',
        entityId: id,
        summary: `Need ${from} → ${to}: ${reason}`,
      });
      return this.detail(manager, user, id);
    });
  }

  private async detail(manager: EntityManager, user: AuthenticatedUser, id: string): Promise<NeedDetailDto> {
    const rows = await manager.query<NeedRow[]>(`${NEED_SELECT} WHERE n.id = $1`, [id]);
    if (rows.length === 0) throw notFound();
    const row = rows[0];
    if (isOnlyLeader(user) && !(await isLeaderOf(manager, user, row.community_id))) {
      // Another community's request is not revealed (404); the filter audit-logs the denial.
      throw deniedAsNotFound('not a leader of the community');
    }
    const lines = await this.linesFor(manager, [id]);
    const events = await manager.find(NeedRequestEventEntity, { where: { needRequestId: id }, order: { id: 'ASC' } });
    return {
      ...toDto(row, priorityOf(row, new Date()), lines.get(id) ?? [], await isPartnerOrAdmin(manager, user, row.community_id)),
      events: events.map((e) => ({
        fromStatus: e.fromStatus,
        toStatus: e.toStatus,
        reason: e.reason,
        occurredAt: e.occurredAt.toISOString(),
      })),
    };
  }

  /** Communities whose needs the caller may decide on: every one for admins, partner communities for coordinators. */
  private async decidableCommunities(user: AuthenticatedUser): Promise<Set<string> | 'all'> {
    if (user.roles.includes('admin')) return 'all';
    if (!user.roles.includes('coordinator')) return new Set();
    const rows = await this.dataSource.query<Array<{ community_id: string }>>(
      'SELECT community_id FROM community_partners WHERE organization_id = $1',
      [user.organizationId],
    );
    return new Set(rows.map((r) => r.community_id));
  }

  private async linesFor(manager: EntityManager, ids: string[]): Promise<Map<string, NeedRequestLineEntity[]>> {
    const map = new Map<string, NeedRequestLineEntity[]>();
    if (ids.length === 0) return map;
    const lines = await manager
      .getRepository(NeedRequestLineEntity)
      .createQueryBuilder('l')
      .where('l.need_request_id IN (:...ids)', { ids })
      .orderBy('l.id')
      .getMany();
    for (const line of lines) map.set(line.needRequestId, [...(map.get(line.needRequestId) ?? []), line]);
    return map;
  }
}

function isOnlyLeader(user: AuthenticatedUser): boolean {
  return user.roles.includes('leader') && !user.roles.some((r) => r === 'admin' || r === 'coordinator' || r === 'storekeeper');
}

function priorityOf(r: NeedRow, now: Date): ReturnType<typeof priorityScore> {
  return priorityScore({
    urgency: r.urgency,
    householdsAffected: r.households_affected,
    povertyTotalPct: r.poverty_total_pct,
    accessMode: r.access_mode,
    accessHours: r.access_hours === null ? null : Number(r.access_hours),
    cutOffMonths: r.cut_off_months,
    lastDeliveryAt: r.last_delivery_at,
    now,
  });
}

function toDto(r: NeedRow, priority: ReturnType<typeof priorityScore>, lines: NeedRequestLineEntity[], canDecide: boolean): NeedDto {
  return {
    id: r.id,
    communityId: r.community_id,
    communityName: r.community_name,
    districtName: r.district_name,
    departmentName: r.department_name,
    status: r.status,
    urgency: r.urgency,
    cause: r.cause,
    householdsAffected: r.households_affected,
    notes: r.notes,
    statusReason: r.status_reason,
    lines: lines.map((l) => ({
      id: l.id,
      kitTypeCode: l.kitTypeCode,
      itemDescription: l.itemDescription,
      quantity: l.quantity,
      quantityFulfilled: l.quantityFulfilled,
    })),
    priority,
    canDecide,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}
