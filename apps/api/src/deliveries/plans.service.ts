import { haversineMetres } from '@minka/routing';
import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In } from 'typeorm';
import { CommunityEntity, NeedRequestEntity, type AccessMode, type NeedStatus } from '../communities/communities.entities';
import { priorityScore } from '../communities/priority';
import { actorOf } from '../inventory/catalog.service';
import { fieldError } from '../inventory/inventory.errors';
import { StockLedgerService } from '../inventory/stock-ledger.service';
import { AuditService } from '../platform/audit/audit.service';
import type { AuthenticatedUser } from '../platform/auth/authenticated-user';
import { DomainError, notFound } from '../platform/errors/domain-error';
import { pageWindow } from '../platform/paging/page-query.dto';
import { TransactionRunner } from '../platform/transaction/transaction-runner';
import {
  DeliveryPlanEntity,
  DeliveryStopEntity,
  DeliveryStopLineEntity,
  DeliveryVehicleEntity,
  type PlanStatus,
} from './deliveries.entities';
import { DELIVERY_ERRORS } from './deliveries.errors';
import { planForUser } from './delivery-access';
import { recordDeliveryEvents } from './delivery-events';
import type {
  BoardPageDto,
  BoardQueryDto,
  CreatePlanDto,
  CreateStopDto,
  CreateVehicleDto,
  PlanDetailDto,
  PlanPageDto,
  PlanQueryDto,
  PlanSummaryDto,
  SuggestionDto,
  SuggestionListDto,
  TimelineDto,
  UpdatePlanDto,
} from './dto/plan.dto';
import { kitInfo, planDetail, planSummaries } from './plan-reader';

/** Plan statuses in which vehicles, stops and plan data may still change. */
export const EDITABLE: readonly PlanStatus[] = ['draft', 'allocated', 'optimised'];
/** Plans that hold (or will hold) stock and communities: everything not finished. */
export const ACTIVE: readonly PlanStatus[] = ['draft', 'allocated', 'optimised', 'dispatched'];

export function assertPlanStatus(plan: DeliveryPlanEntity, allowed: readonly PlanStatus[]): void {
  if (!allowed.includes(plan.status)) {
    throw new DomainError(DELIVERY_ERRORS.DELIVERY_PLAN_STATUS, HttpStatus.CONFLICT, { status: plan.status });
  }
}

/** Marks the plan as changed: optimisation compares updated_at before writing its result. */
export async function touchPlan(manager: EntityManager, planId: string): Promise<void> {
  await manager.query('UPDATE delivery_plans SET updated_at = clock_timestamp() WHERE id = $1', [planId]);
}

const SUGGESTION_LIMIT = 50;
/** Default reach of a round's suggestions around its depot (km, great circle). */
const DEFAULT_SUGGESTION_RADIUS_KM = 300;

/**
 * Plans, their vehicles and stops, allocation of stock, suggestions, timeline and board. One
 * transaction per use case; every mutation writes an audit row and a timeline event.
 */
@Injectable()
export class PlansService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
    private readonly ledger: StockLedgerService,
  ) {}

  // ---------------------------------------------------------------- plans

  async list(user: AuthenticatedUser, query: PlanQueryDto): Promise<PlanPageDto> {
    const { page, pageSize, skip } = pageWindow(query);
    const qb = this.dataSource.getRepository(DeliveryPlanEntity).createQueryBuilder('p');
    if (!user.roles.includes('admin')) qb.andWhere('p.organization_id = :org', { org: user.organizationId });
    if (query.status) qb.andWhere('p.status = :status', { status: query.status });
    const [rows, total] = await qb
      .orderBy('p.start_date', 'DESC')
      .addOrderBy('p.created_at', 'DESC')
      .skip(skip)
      .take(pageSize)
      .getManyAndCount();
    const summaries = await planSummaries(
      this.dataSource.manager,
      rows.map((r) => r.id),
    );
    return { items: rows.map((r) => summaries.get(r.id) as PlanSummaryDto), total, page, pageSize };
  }

  async get(user: AuthenticatedUser, id: string): Promise<PlanDetailDto> {
    const manager = this.transactions.reader();
    const plan = await planForUser(manager, user, id);
    return planDetail(manager, plan);
  }

  /** Reads the detail inside the caller's transaction (after a use case). */
  detail(manager: EntityManager, planId: string): Promise<PlanDetailDto> {
    return manager.findOneByOrFail(DeliveryPlanEntity, { id: planId }).then((p) => planDetail(manager, p));
  }

  async create(user: AuthenticatedUser, input: CreatePlanDto): Promise<PlanDetailDto> {
    if (input.endDate < input.startDate) throw fieldError('endDate', 'min', 'endDate must not be before startDate');
    return this.transactions.run(async (manager) => {
      // The plan belongs to the depot's organisation; coordinators may only use their own warehouses.
      const depot = await this.ledger.writableWarehouse(manager, actorOf(user), input.depotWarehouseId);
      const plan = await manager.save(
        manager.create(DeliveryPlanEntity, {
          organizationId: depot.organizationId,
          name: input.name.trim(),
          depotWarehouseId: depot.id,
          startDate: input.startDate,
          endDate: input.endDate,
          status: 'draft',
          notes: input.notes?.trim() || null,
          createdBy: user.id,
          optimisedAt: null,
        }),
      );
      await recordDeliveryEvents(manager, [{ planId: plan.id, kind: 'plan.created', toStatus: 'draft', detail: plan.name }]);
      await this.audit.record(manager, {
        action: 'deliveries.plan_created',
        entityType: 'delivery_plan',
        entityId: plan.id,
        summary: `Delivery plan "${plan.name}" created from ${depot.name} (${plan.startDate} – ${plan.endDate})`,
      });
      return this.detail(manager, plan.id);
    });
  }

  async update(user: AuthenticatedUser, id: string, input: UpdatePlanDto): Promise<PlanDetailDto> {
    return this.transactions.run(async (manager) => {
      const plan = await planForUser(manager, user, id, { lock: true });
      assertPlanStatus(plan, EDITABLE);
      const startDate = input.startDate ?? plan.startDate;
      const endDate = input.endDate ?? plan.endDate;
      if (endDate < startDate) throw fieldError('endDate', 'min', 'endDate must not be before startDate');
      const changed: string[] = [];
      if (input.name !== undefined && input.name.trim() !== plan.name) changed.push('name');
      if (startDate !== plan.startDate) changed.push('startDate');
      if (endDate !== plan.endDate) changed.push('endDate');
      if (input.notes !== undefined && (input.notes?.trim() || null) !== plan.notes) changed.push('notes');
      await manager.update(
        DeliveryPlanEntity,
        { id },
        {
          name: input.name?.trim() ?? plan.name,
          startDate,
          endDate,
          notes: input.notes !== undefined ? input.notes?.trim() || null : plan.notes,
        },
      );
      // New dates move every ETA: routes computed for the old start date are stale.
      if (startDate !== plan.startDate) {
        await manager.query(
          `UPDATE delivery_stops SET eta = eta + ($2::date - $3::date) * interval '1 day' WHERE plan_id = $1 AND eta IS NOT NULL`,
          [id, startDate, plan.startDate],
        );
        await manager.query(
          `UPDATE delivery_routes SET departure_at = departure_at + ($2::date - $3::date) * interval '1 day' WHERE plan_id = $1 AND departure_at IS NOT NULL`,
          [id, startDate, plan.startDate],
        );
      }
      await touchPlan(manager, id);
      await recordDeliveryEvents(manager, [{ planId: id, kind: 'plan.updated', detail: changed.join(', ') || null }]);
      await this.audit.record(manager, {
        action: 'deliveries.plan_updated',
        entityType: 'delivery_plan',
        entityId: id,
        summary: `Delivery plan updated (${changed.join(', ') || 'no change'})`,
      });
      return this.detail(manager, id);
    });
  }

  // ---------------------------------------------------------------- vehicles

  async addVehicle(user: AuthenticatedUser, planId: string, input: CreateVehicleDto): Promise<PlanDetailDto> {
    const workStartMin = input.workStartMin ?? 360;
    const workEndMin = input.workEndMin ?? 1080;
    if (workEndMin <= workStartMin) throw fieldError('workEndMin', 'min', 'workEndMin must be after workStartMin');
    return this.transactions.run(async (manager) => {
      const plan = await planForUser(manager, user, planId, { lock: true });
      assertPlanStatus(plan, EDITABLE);
      const vehicle = await manager.save(
        manager.create(DeliveryVehicleEntity, {
          planId,
          name: input.name.trim(),
          type: input.type,
          capacityKg: String(input.capacityKg),
          capacityM3: String(input.capacityM3),
          capacityKits: input.capacityKits,
          workStartMin,
          workEndMin,
          maxRouteMinutes: input.maxRouteMinutes ?? null,
          skills: input.skills ?? [],
          driverName: input.driverName?.trim() || null,
        }),
      );
      await touchPlan(manager, planId);
      await recordDeliveryEvents(manager, [{ planId, kind: 'vehicle.added', detail: `${vehicle.name} (${vehicle.type})` }]);
      await this.audit.record(manager, {
        action: 'deliveries.vehicle_added',
        entityType: 'delivery_vehicle',
        entityId: vehicle.id,
        summary: `Vehicle "${vehicle.name}" (${vehicle.type}) added to a delivery plan`,
      });
      return this.detail(manager, planId);
    });
  }

  async removeVehicle(user: AuthenticatedUser, planId: string, vehicleId: string): Promise<PlanDetailDto> {
    return this.transactions.run(async (manager) => {
      const plan = await planForUser(manager, user, planId, { lock: true });
      assertPlanStatus(plan, EDITABLE);
      const vehicle = await manager.findOneBy(DeliveryVehicleEntity, { id: vehicleId, planId });
      if (!vehicle) throw notFound();
      // Its route goes with it (cascade); the route's stops become unassigned.
      await manager.query(
        `UPDATE delivery_stops SET route_id = NULL, sequence = NULL, eta = NULL
          WHERE route_id IN (SELECT id FROM delivery_routes WHERE vehicle_id = $1)`,
        [vehicleId],
      );
      await manager.delete(DeliveryVehicleEntity, { id: vehicleId });
      await touchPlan(manager, planId);
      await recordDeliveryEvents(manager, [{ planId, kind: 'vehicle.removed', detail: vehicle.name }]);
      await this.audit.record(manager, {
        action: 'deliveries.vehicle_removed',
        entityType: 'delivery_vehicle',
        entityId: vehicleId,
        summary: `Vehicle "${vehicle.name}" removed from a delivery plan`,
      });
      return this.detail(manager, planId);
    });
  }

  // ---------------------------------------------------------------- stops

  async addStop(user: AuthenticatedUser, planId: string, input: CreateStopDto): Promise<PlanDetailDto> {
    const seen = new Set<string>();
    for (const [i, l] of input.lines.entries()) {
      if (seen.has(l.kitTypeId)) throw fieldError(`lines[${i}].kitTypeId`, 'unique', 'a kit type appears once per stop');
      seen.add(l.kitTypeId);
    }
    return this.transactions.run(async (manager) => {
      const plan = await planForUser(manager, user, planId, { lock: true });
      assertPlanStatus(plan, EDITABLE);
      const community = await manager.findOneBy(CommunityEntity, { id: input.communityId });
      if (!community) throw fieldError('communityId', 'exists', 'communityId does not exist');
      const existing = await manager.query<unknown[]>(
        `SELECT 1 FROM delivery_stops WHERE plan_id = $1 AND community_id = $2 AND status <> 'cancelled'`,
        [planId, community.id],
      );
      if (existing.length)
        throw new DomainError(DELIVERY_ERRORS.DELIVERY_STOP_DUPLICATE, HttpStatus.CONFLICT, { community: community.name });
      if (input.needRequestId) await this.assertNeedPlannable(manager, plan, community, input.needRequestId);
      const kits = await kitInfo(
        manager,
        input.lines.map((l) => l.kitTypeId),
      );
      for (const [i, l] of input.lines.entries()) {
        const k = kits.get(l.kitTypeId);
        if (!k) throw fieldError(`lines[${i}].kitTypeId`, 'exists', 'kitTypeId does not exist');
        if (!k.isCurrent) {
          const [current] = await manager.query<Array<{ version: number }>>(
            'SELECT version FROM kit_types WHERE code = $1 AND is_current',
            [k.code],
          );
          throw new DomainError(DELIVERY_ERRORS.DELIVERY_KIT_TYPE_NOT_CURRENT, HttpStatus.UNPROCESSABLE_ENTITY, {
            code: k.code,
            current: current?.version ?? k.version,
          });
        }
      }
      const stop = await manager.save(
        manager.create(DeliveryStopEntity, {
          planId,
          communityId: community.id,
          needRequestId: input.needRequestId ?? null,
          status: 'pending',
          serviceMinutes: input.serviceMinutes ?? 30,
          notes: input.notes?.trim() || null,
        }),
      );
      const lines = await manager.save(
        input.lines.map((l) => manager.create(DeliveryStopLineEntity, { stopId: stop.id, kitTypeId: l.kitTypeId, quantity: l.quantity })),
      );
      // After allocation every line holds a reservation: a new stop reserves at once (or nothing is added).
      if (plan.status !== 'draft') await this.reserveLines(manager, user, plan, lines);
      await touchPlan(manager, planId);
      const total = input.lines.reduce((a, l) => a + l.quantity, 0);
      await recordDeliveryEvents(manager, [
        {
          planId,
          stopId: stop.id,
          kind: 'stop.added',
          toStatus: 'pending',
          detail: `${community.name}: ${total} kits${input.needRequestId ? ' (necesidad aprobada)' : ''}${plan.status !== 'draft' ? ', reservados' : ''}`,
        },
      ]);
      await this.audit.record(manager, {
        action: 'deliveries.stop_added',
        entityType: 'delivery_stop',
        entityId: stop.id,
        summary: `Stop for ${community.name} (${total} kits in ${lines.length} lines) added to a delivery plan`,
      });
      return this.detail(manager, planId);
    });
  }

  async removeStop(user: AuthenticatedUser, planId: string, stopId: string): Promise<PlanDetailDto> {
    return this.transactions.run(async (manager) => {
      const plan = await planForUser(manager, user, planId, { lock: true });
      assertPlanStatus(plan, EDITABLE);
      const stop = await manager.findOneBy(DeliveryStopEntity, { id: stopId, planId });
      if (!stop) throw notFound();
      if (stop.status !== 'pending') {
        throw new DomainError(DELIVERY_ERRORS.DELIVERY_STOP_STATUS, HttpStatus.CONFLICT, { status: stop.status });
      }
      const lines = await manager.find(DeliveryStopLineEntity, { where: { stopId }, order: { kitTypeId: 'ASC' } });
      let released = 0;
      for (const line of lines) {
        if (!line.reservationId) continue;
        const [r] = await manager.query<Array<{ status: string }>>('SELECT status FROM stock_reservations WHERE id = $1', [
          line.reservationId,
        ]);
        if (r?.status === 'active') {
          await this.ledger.release(manager, actorOf(user), line.reservationId);
          released += line.quantity;
        }
      }
      const [community] = await manager.query<Array<{ name: string }>>('SELECT name FROM communities WHERE id = $1', [stop.communityId]);
      // The stop stays, cancelled, for the timeline; its lines keep the (released) reservation ids.
      await manager.update(
        DeliveryStopEntity,
        { id: stopId },
        { status: 'cancelled', routeId: null, sequence: null, eta: null, unservedReason: null },
      );
      await touchPlan(manager, planId);
      await recordDeliveryEvents(manager, [
        {
          planId,
          stopId,
          kind: 'stop.removed',
          fromStatus: 'pending',
          toStatus: 'cancelled',
          detail: `${community.name}${released ? `: ${released} kits liberados` : ''}`,
        },
      ]);
      await this.audit.record(manager, {
        action: 'deliveries.stop_removed',
        entityType: 'delivery_stop',
        entityId: stopId,
        summary: `Stop for ${community.name} removed from a delivery plan${released ? ` (${released} kits released)` : ''}`,
      });
      return this.detail(manager, planId);
    });
  }

  private async assertNeedPlannable(
    manager: EntityManager,
    plan: DeliveryPlanEntity,
    community: CommunityEntity,
    needId: string,
  ): Promise<void> {
    const need = await manager.findOne(NeedRequestEntity, { where: { id: needId }, lock: { mode: 'pessimistic_read' } });
    if (!need) throw fieldError('needRequestId', 'exists', 'needRequestId does not exist');
    if (need.communityId !== community.id || (need.status !== 'approved' && need.status !== 'partially_fulfilled')) {
      throw new DomainError(DELIVERY_ERRORS.DELIVERY_NEED_NOT_PLANNABLE, HttpStatus.UNPROCESSABLE_ENTITY, { status: need.status });
    }
    const partner = await manager.query<unknown[]>('SELECT 1 FROM community_partners WHERE community_id = $1 AND organization_id = $2', [
      community.id,
      plan.organizationId,
    ]);
    if (!partner.length) {
      throw new DomainError(DELIVERY_ERRORS.DELIVERY_COMMUNITY_NOT_PARTNER, HttpStatus.FORBIDDEN, { community: community.name });
    }
    const [other] = await manager.query<Array<{ name: string }>>(
      `SELECT p.name FROM delivery_stops s JOIN delivery_plans p ON p.id = s.plan_id
        WHERE s.need_request_id = $1 AND s.status <> 'cancelled' AND p.status = ANY($2::varchar[]) LIMIT 1`,
      [needId, ACTIVE],
    );
    if (other) throw new DomainError(DELIVERY_ERRORS.DELIVERY_NEED_IN_ACTIVE_PLAN, HttpStatus.CONFLICT, { plan: other.name });
  }

  // ---------------------------------------------------------------- allocation

  async allocate(user: AuthenticatedUser, planId: string): Promise<PlanDetailDto> {
    return this.transactions.run(async (manager) => {
      const plan = await planForUser(manager, user, planId, { lock: true });
      assertPlanStatus(plan, ['draft']);
      const lines = await manager.query<Array<{ id: string }>>(
        `SELECT l.id FROM delivery_stop_lines l JOIN delivery_stops s ON s.id = l.stop_id
          WHERE s.plan_id = $1 AND s.status = 'pending' AND l.reservation_id IS NULL`,
        [planId],
      );
      if (lines.length === 0) throw new DomainError(DELIVERY_ERRORS.DELIVERY_PLAN_EMPTY, HttpStatus.UNPROCESSABLE_ENTITY);
      const entities = await manager.findBy(DeliveryStopLineEntity, { id: In(lines.map((l) => l.id)) });
      const kits = await this.reserveLines(manager, user, plan, entities);
      await manager.update(DeliveryPlanEntity, { id: planId }, { status: 'allocated' });
      await touchPlan(manager, planId);
      await recordDeliveryEvents(manager, [
        {
          planId,
          kind: 'stops.allocated',
          fromStatus: 'draft',
          toStatus: 'allocated',
          detail: `${kits} kits reservados en ${entities.length} líneas`,
        },
      ]);
      await this.audit.record(manager, {
        action: 'deliveries.plan_allocated',
        entityType: 'delivery_plan',
        entityId: planId,
        summary: `Delivery plan allocated: ${kits} kits reserved in ${entities.length} lines`,
      });
      return this.detail(manager, planId);
    });
  }

  /**
   * Reserves each line at the plan's depot (STOCK_INSUFFICIENT propagates and rolls the caller's
   * transaction back). Lines go in kit-type order so concurrent allocations lock lots in one order.
   */
  private async reserveLines(
    manager: EntityManager,
    user: AuthenticatedUser,
    plan: DeliveryPlanEntity,
    lines: DeliveryStopLineEntity[],
  ): Promise<number> {
    const actor = actorOf(user);
    let kits = 0;
    for (const line of [...lines].sort((a, b) => a.kitTypeId.localeCompare(b.kitTypeId) || a.id.localeCompare(b.id))) {
      const reservation = await this.ledger.reserve(manager, actor, {
        warehouseId: plan.depotWarehouseId,
        kitTypeId: line.kitTypeId,
        quantity: line.quantity,
        referenceType: 'delivery_stop_line',
        referenceId: line.id,
      });
      await manager.update(DeliveryStopLineEntity, { id: line.id }, { reservationId: reservation.id });
      kits += line.quantity;
    }
    return kits;
  }

  // ---------------------------------------------------------------- suggestions

  /**
   * Approved (or partially fulfilled) needs of the plan organisation's partner communities that no
   * active plan covers, by priority score (communities/priority.ts), each with what the depot's
   * available stock can still cover: walking down the list, every suggestion takes its share, so
   * `available` on a line is what is left after the higher-ranked suggestions.
   */
  async suggestions(user: AuthenticatedUser, planId: string, radiusKm = DEFAULT_SUGGESTION_RADIUS_KM): Promise<SuggestionListDto> {
    const manager = this.transactions.reader();
    const plan = await planForUser(manager, user, planId);
    const [depot] = await manager.query<Array<{ latitude: number; longitude: number }>>(
      'SELECT latitude, longitude FROM warehouses WHERE id = $1',
      [plan.depotWarehouseId],
    );
    const needs = await manager.query<
      Array<{
        id: string;
        community_id: string;
        community_name: string;
        district_name: string | null;
        department_name: string | null;
        lat: number;
        lon: number;
        access_mode: AccessMode | null;
        access_hours: string | null;
        cut_off_months: number[];
        status: NeedStatus;
        urgency: number;
        households_affected: number;
        poverty_total_pct: number | null;
        last_delivery_at: Date | null;
        created_at: Date;
      }>
    >(
      `SELECT n.id, n.community_id, c.name AS community_name, d.name AS district_name, dep.name AS department_name, c.lat, c.lon,
              c.access_mode, c.access_hours, c.cut_off_months, n.status, n.urgency, n.households_affected, d.poverty_total_pct,
              cov.last_delivery_at, n.created_at
         FROM need_requests n
         JOIN communities c ON c.id = n.community_id
         JOIN community_partners cp ON cp.community_id = c.id AND cp.organization_id = $1
         LEFT JOIN districts d ON d.ubigeo = c.district_ubigeo
         LEFT JOIN departments dep ON dep.ubigeo = left(c.district_ubigeo, 2)
         LEFT JOIN community_coverage cov ON cov.community_id = c.id
        WHERE n.status IN ('approved', 'partially_fulfilled')
          AND NOT EXISTS (SELECT 1 FROM delivery_stops s JOIN delivery_plans p ON p.id = s.plan_id
                           WHERE s.need_request_id = n.id AND s.status <> 'cancelled' AND p.status = ANY($2::varchar[]))`,
      [plan.organizationId, ACTIVE],
    );
    const lines = await manager.query<Array<{ id: string; need_request_id: string; kit_type_code: string; remaining: number }>>(
      `SELECT id, need_request_id, kit_type_code, (quantity - quantity_fulfilled) AS remaining FROM need_request_lines
        WHERE need_request_id = ANY($1::uuid[]) AND kit_type_code IS NOT NULL AND quantity > quantity_fulfilled ORDER BY id`,
      [needs.map((n) => n.id)],
    );
    const kitRows = await manager.query<Array<{ id: string; code: string; name_es: string }>>(
      'SELECT id, code, name_es FROM kit_types WHERE is_current AND code = ANY($1::varchar[])',
      [[...new Set(lines.map((l) => l.kit_type_code))]],
    );
    const kitByCode = new Map(kitRows.map((k) => [k.code, k]));
    // Available at the depot now, minus what this plan already lists without a reservation yet.
    const stock = await manager.query<Array<{ kit_type_id: string; available: number }>>(
      `SELECT kit_type_id, SUM(on_hand - reserved)::int AS available FROM stock_lots
        WHERE warehouse_id = $1 AND kit_type_id IS NOT NULL AND (expiry_date IS NULL OR expiry_date >= current_date)
        GROUP BY kit_type_id`,
      [plan.depotWarehouseId],
    );
    const held = await manager.query<Array<{ kit_type_id: string; quantity: number }>>(
      `SELECT l.kit_type_id, SUM(l.quantity)::int AS quantity FROM delivery_stop_lines l JOIN delivery_stops s ON s.id = l.stop_id
        WHERE s.plan_id = $1 AND s.status = 'pending' AND l.reservation_id IS NULL GROUP BY l.kit_type_id`,
      [planId],
    );
    const remaining = new Map(stock.map((s) => [s.kit_type_id, s.available]));
    for (const h of held) remaining.set(h.kit_type_id, (remaining.get(h.kit_type_id) ?? 0) - h.quantity);
    const now = new Date();
    // A round leaves from one depot: needs beyond the radius belong to another depot's round.
    const near = needs.filter(
      (n) => haversineMetres({ lat: depot.latitude, lon: depot.longitude }, { lat: n.lat, lon: n.lon }) <= radiusKm * 1000,
    );
    const ranked = near
      .map((n) => ({
        n,
        priority: priorityScore({
          urgency: n.urgency,
          householdsAffected: n.households_affected,
          povertyTotalPct: n.poverty_total_pct,
          accessMode: n.access_mode,
          accessHours: n.access_hours === null ? null : Number(n.access_hours),
          cutOffMonths: n.cut_off_months,
          lastDeliveryAt: n.last_delivery_at,
          now,
        }),
      }))
      .sort((a, b) => b.priority.total - a.priority.total || a.n.created_at.getTime() - b.n.created_at.getTime());
    const items: SuggestionDto[] = [];
    for (const { n, priority } of ranked) {
      if (items.length >= SUGGESTION_LIMIT) break;
      const own = lines.filter((l) => l.need_request_id === n.id);
      const out = own.map((l) => {
        const kit = kitByCode.get(l.kit_type_code);
        const available = kit ? Math.max(0, remaining.get(kit.id) ?? 0) : 0;
        return {
          needLineId: l.id,
          kitTypeCode: l.kit_type_code,
          kitTypeId: kit?.id ?? null,
          kitTypeNameEs: kit?.name_es ?? null,
          requested: l.remaining,
          available,
          coverable: Math.min(l.remaining, available),
        };
      });
      if (!out.some((l) => l.coverable > 0)) continue;
      for (const l of out) if (l.kitTypeId) remaining.set(l.kitTypeId, (remaining.get(l.kitTypeId) ?? 0) - l.coverable);
      items.push({
        needRequestId: n.id,
        communityId: n.community_id,
        communityName: n.community_name,
        districtName: n.district_name,
        departmentName: n.department_name,
        lat: n.lat,
        lon: n.lon,
        accessMode: n.access_mode,
        needStatus: n.status,
        urgency: n.urgency,
        householdsAffected: n.households_affected,
        priority,
        fullyCoverable: out.every((l) => l.coverable === l.requested),
        lines: out,
      });
    }
    return { items };
  }

  // ---------------------------------------------------------------- timeline and board

  async planTimeline(user: AuthenticatedUser, planId: string): Promise<TimelineDto> {
    await planForUser(this.dataSource.manager, user, planId);
    return this.timeline('e.plan_id = $1', planId);
  }

  async stopTimeline(user: AuthenticatedUser, stopId: string): Promise<TimelineDto> {
    const stop = await this.dataSource.manager.findOneBy(DeliveryStopEntity, { id: stopId });
    if (!stop) throw notFound();
    await planForUser(this.dataSource.manager, user, stop.planId);
    return this.timeline('e.stop_id = $1', stopId);
  }

  private async timeline(where: string, id: string): Promise<TimelineDto> {
    const rows = await this.dataSource.query<
      Array<{
        id: string;
        plan_id: string;
        route_id: string | null;
        stop_id: string | null;
        kind: string;
        from_status: string | null;
        to_status: string | null;
        actor_user_id: string | null;
        actor_name: string | null;
        detail: string | null;
        created_at: Date;
      }>
    >(
      `SELECT e.id, e.plan_id, e.route_id, e.stop_id, e.kind, e.from_status, e.to_status, e.actor_user_id, u.full_name AS actor_name,
              e.detail, e.created_at
         FROM delivery_events e LEFT JOIN users u ON u.id = e.actor_user_id
        WHERE ${where} ORDER BY e.created_at, e.id LIMIT 1000`,
      [id],
    );
    return {
      items: rows.map((r) => ({
        id: r.id,
        planId: r.plan_id,
        routeId: r.route_id,
        stopId: r.stop_id,
        kind: r.kind,
        fromStatus: r.from_status,
        toStatus: r.to_status,
        actorUserId: r.actor_user_id,
        actorName: r.actor_name,
        detail: r.detail,
        occurredAt: r.created_at.toISOString(),
      })),
    };
  }

  async board(user: AuthenticatedUser, query: BoardQueryDto): Promise<BoardPageDto> {
    const { page, pageSize, skip } = pageWindow(query);
    const values: unknown[] = [];
    const where: string[] = [];
    if (!user.roles.includes('admin')) {
      values.push(user.organizationId);
      where.push(`p.organization_id = $${values.length}`);
    }
    if (query.planId) {
      values.push(query.planId);
      where.push(`s.plan_id = $${values.length}`);
    }
    const base = `FROM delivery_stops s
      JOIN delivery_plans p ON p.id = s.plan_id
      JOIN communities c ON c.id = s.community_id
      LEFT JOIN delivery_routes r ON r.id = s.route_id
      LEFT JOIN delivery_vehicles v ON v.id = r.vehicle_id`;
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const counts = await this.dataSource.query<Array<{ status: string; n: number }>>(
      `SELECT s.status, COUNT(*)::int AS n ${base} ${filter} GROUP BY s.status`,
      values,
    );
    const statusValues = [...values];
    let statusFilter = filter;
    if (query.status) {
      statusValues.push(query.status);
      statusFilter = `${filter ? `${filter} AND` : 'WHERE'} s.status = $${statusValues.length}`;
    }
    const rows = await this.dataSource.query<
      Array<{
        stop_id: string;
        status: BoardPageDto['items'][number]['status'];
        plan_id: string;
        plan_name: string;
        plan_status: PlanStatus;
        route_id: string | null;
        route_status: BoardPageDto['items'][number]['routeStatus'];
        vehicle_name: string | null;
        sequence: number | null;
        eta: Date | null;
        community_id: string;
        community_name: string;
        lat: number;
        lon: number;
        total_kits: number;
        delivered_at: Date | null;
        confirmed_at: Date | null;
        failure_reason: string | null;
        total: string;
      }>
    >(
      `SELECT s.id AS stop_id, s.status, p.id AS plan_id, p.name AS plan_name, p.status AS plan_status, s.route_id, r.status AS route_status,
              v.name AS vehicle_name, s.sequence, s.eta, c.id AS community_id, c.name AS community_name, c.lat, c.lon,
              (SELECT COALESCE(SUM(l.quantity), 0) FROM delivery_stop_lines l WHERE l.stop_id = s.id)::int AS total_kits,
              s.delivered_at, s.confirmed_at, s.failure_reason, COUNT(*) OVER () AS total
         ${base} ${statusFilter}
        ORDER BY p.start_date DESC, p.id, s.route_id NULLS LAST, s.sequence NULLS LAST, s.id
        LIMIT ${pageSize} OFFSET ${skip}`,
      statusValues,
    );
    const count = (s: string): number => counts.find((c) => c.status === s)?.n ?? 0;
    return {
      items: rows.map((r) => ({
        stopId: r.stop_id,
        status: r.status,
        planId: r.plan_id,
        planName: r.plan_name,
        planStatus: r.plan_status,
        routeId: r.route_id,
        routeStatus: r.route_status,
        vehicleName: r.vehicle_name,
        sequence: r.sequence,
        eta: r.eta ? r.eta.toISOString() : null,
        communityId: r.community_id,
        communityName: r.community_name,
        lat: r.lat,
        lon: r.lon,
        totalKits: r.total_kits,
        deliveredAt: r.delivered_at ? r.delivered_at.toISOString() : null,
        confirmedAt: r.confirmed_at ? r.confirmed_at.toISOString() : null,
        failureReason: r.failure_reason,
      })),
      total: rows.length ? Number(rows[0].total) : 0,
      page,
      pageSize,
      counts: {
        pending: count('pending'),
        delivered: count('delivered'),
        confirmed: count('confirmed'),
        failed: count('failed'),
        cancelled: count('cancelled'),
      },
    };
  }
}
