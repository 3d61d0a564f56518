import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import {
  CachedMatrixProvider,
  GreatCircleMatrixProvider,
  type MatrixProvider,
  type MatrixResult,
  OsrmMatrixProvider,
  solveInWorker,
} from '@minka/routing';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { actorOf } from '../inventory/catalog.service';
import { fieldError } from '../inventory/inventory.errors';
import { StockLedgerService } from '../inventory/stock-ledger.service';
import { AuditService } from '../platform/audit/audit.service';
import type { AuthenticatedUser } from '../platform/auth/authenticated-user';
import { DomainError, notFound } from '../platform/errors/domain-error';
import { TransactionRunner } from '../platform/transaction/transaction-runner';
import { addCampaignReach, campaignShares, type ReachLine } from './campaign-reach';
import { generateConfirmationCode, hashConfirmationCode, sealConfirmationCode } from './confirmation-codes';
import {
  DeliveryPlanEntity,
  DeliveryRouteEntity,
  DeliveryStopEntity,
  DeliveryStopLineEntity,
  type RouteStatus,
  type StopStatus,
} from './deliveries.entities';
import { DELIVERY_ERRORS } from './deliveries.errors';
import { planForUser } from './delivery-access';
import { recordDeliveryEvents } from './delivery-events';
import type { DeliverStopDto, FailStopDto, OptimiseDto, PlanDetailDto, RouteStopsDto, StopDto } from './dto/plan.dto';
import {
  clock,
  buildProblem,
  mapSolution,
  matrixPoints,
  noVehiclePlan,
  type OptimisedPlan,
  type PlanInput,
  profilePoints,
  profilesNeeded,
  type Matrices,
  type RouteViolation,
  scheduleRoute,
  vehicleProfile,
} from './optimisation';
import { planDepot, planStops, planVehicles, toPlanInput, toStopInput, toVehicleInput } from './plan-reader';
import { assertPlanStatus, PlansService, touchPlan } from './plans.service';

export const DEFAULT_TIME_LIMIT_MS = 2000;

/**
 * Optimisation, route edits and the dispatch/tracking steps of routes and stops, and cancelling a
 * plan. Stock moves through the inventory ledger inside these transactions; the solver never runs
 * inside one (read → solve in a worker → write, re-checking that the plan did not change).
 */
@Injectable()
export class RoutesService {
  private readonly logger = new Logger(RoutesService.name);
  private readonly field = new GreatCircleMatrixProvider();
  private readonly road: MatrixProvider;

  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
    private readonly ledger: StockLedgerService,
    private readonly plans: PlansService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    // OSRM (when configured) for trucks and pickups, falling back to the great-circle field model.
    this.road = new CachedMatrixProvider(
      config.routingOsrmUrl
        ? new OsrmMatrixProvider({ baseUrl: config.routingOsrmUrl, fallback: this.field, logger: { warn: (m) => this.logger.warn(m) } })
        : this.field,
    );
  }

  // ---------------------------------------------------------------- optimisation

  async optimise(user: AuthenticatedUser, planId: string, input: OptimiseDto): Promise<PlanDetailDto> {
    const timeLimitMs = input.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;
    // 1. Read a consistent snapshot.
    const snapshot = await this.transactions.run(async (manager) => {
      const plan = await planForUser(manager, user, planId);
      assertPlanStatus(plan, ['allocated', 'optimised']);
      const [{ version }] = await manager.query<Array<{ version: string }>>(
        'SELECT updated_at::text AS version FROM delivery_plans WHERE id = $1',
        [planId],
      );
      const depot = await planDepot(manager, plan.depotWarehouseId);
      const { stops, urgency } = await planStops(manager, planId);
      const vehicles = await planVehicles(manager, planId);
      const routes = await manager.find(DeliveryRouteEntity, { where: { planId } });
      return { plan, version, depot, stops, urgency, vehicles, routes };
    });
    const kept = snapshot.routes.filter((r) => r.locked || r.status !== 'planned');
    const keptIds = new Set(kept.map((r) => r.id));
    const keptVehicles = new Set(kept.map((r) => r.vehicleId));
    const stops = snapshot.stops.filter((s) => s.status === 'pending' && !(s.routeId && keptIds.has(s.routeId)));
    const vehicles = snapshot.vehicles.filter((v) => !keptVehicles.has(v.id));
    const input2 = toPlanInput(snapshot.plan.startDate, snapshot.depot, vehicles, stops, snapshot.urgency);
    // 2. Solve outside any transaction.
    let result: OptimisedPlan;
    let source: string | null = null;
    if (stops.length === 0) result = { routes: [], unserved: [] };
    else if (vehicles.length === 0) result = noVehiclePlan(input2);
    else {
      const matrices = await this.matrices(input2);
      source = matrices.road.source;
      const solution = await solveInWorker(buildProblem(input2, matrices), { timeLimitMs, seed: 1 });
      result = mapSolution(input2, solution);
    }
    // 3. Write, unless someone changed the plan meanwhile.
    return this.transactions.run(async (manager) => {
      const plan = await planForUser(manager, user, planId, { lock: true });
      const [{ version }] = await manager.query<Array<{ version: string }>>(
        'SELECT updated_at::text AS version FROM delivery_plans WHERE id = $1',
        [planId],
      );
      if (version !== snapshot.version || plan.status !== snapshot.plan.status) {
        throw new DomainError(DELIVERY_ERRORS.DELIVERY_PLAN_CHANGED, HttpStatus.CONFLICT);
      }
      const stopIds = stops.map((s) => s.id);
      await manager.query(
        `UPDATE delivery_stops SET route_id = NULL, sequence = NULL, eta = NULL, unserved_reason = NULL WHERE id = ANY($1::uuid[])`,
        [stopIds],
      );
      const used = new Set(result.routes.map((r) => r.vehicleId));
      const replaceable = snapshot.routes.filter((r) => !keptIds.has(r.id));
      // Routes of vehicles left without stops go; the others keep their id.
      const drop = replaceable.filter((r) => !used.has(r.vehicleId)).map((r) => r.id);
      if (drop.length) await manager.delete(DeliveryRouteEntity, drop);
      for (const r of result.routes) {
        const existing = replaceable.find((x) => x.vehicleId === r.vehicleId);
        const values = {
          planId,
          vehicleId: r.vehicleId,
          status: 'planned' as const,
          locked: false,
          departureAt: r.departureAt,
          distanceM: r.distanceM,
          durationS: r.durationS,
          loadKg: String(r.loadKg),
          loadM3: String(r.loadM3),
          loadKits: r.loadKits,
          matrixSource: source,
        };
        let routeId: string;
        if (existing) {
          await manager.update(DeliveryRouteEntity, { id: existing.id }, values);
          routeId = existing.id;
        } else {
          routeId = (await manager.save(manager.create(DeliveryRouteEntity, values))).id;
        }
        await this.writeSequence(manager, routeId, r.stops);
      }
      for (const u of result.unserved) {
        await manager.update(DeliveryStopEntity, { id: u.stopId }, { unservedReason: u.reason });
      }
      await manager.update(DeliveryPlanEntity, { id: planId }, { status: 'optimised', optimisedAt: new Date() });
      await touchPlan(manager, planId);
      const served = result.routes.reduce((a, r) => a + r.stops.length, 0);
      const reasons = [...new Set(result.unserved.map((u) => u.reason))].join(', ');
      await recordDeliveryEvents(manager, [
        {
          planId,
          kind: 'plan.optimised',
          fromStatus: plan.status,
          toStatus: 'optimised',
          detail: `${result.routes.length} rutas, ${served} paradas${result.unserved.length ? `, ${result.unserved.length} sin atender (${reasons})` : ''}${
            kept.length ? `, ${kept.length} rutas bloqueadas conservadas` : ''
          }`,
        },
      ]);
      await this.audit.record(manager, {
        action: 'deliveries.plan_optimised',
        entityType: 'delivery_plan',
        entityId: planId,
        summary: `Delivery plan optimised: ${result.routes.length} routes, ${served} stops served, ${result.unserved.length} unserved, ${kept.length} locked routes kept`,
      });
      return this.plans.detail(manager, planId);
    });
  }

  private async matrices(input: Pick<PlanInput, 'depot' | 'stops' | 'vehicles'>): Promise<Matrices> {
    const points = matrixPoints(input);
    const out: Matrices = { road: await this.road.getMatrix(points) };
    for (const p of profilesNeeded(input.vehicles)) out[p] = this.field.compute(profilePoints(points, p));
    return out;
  }

  private async writeSequence(
    manager: EntityManager,
    routeId: string,
    stops: Array<{ stopId: string; sequence: number; eta: Date }>,
  ): Promise<void> {
    if (stops.length === 0) return;
    await manager.query(
      `UPDATE delivery_stops s SET route_id = $1, sequence = v.seq, eta = v.eta, unserved_reason = NULL
         FROM unnest($2::uuid[], $3::int[], $4::timestamptz[]) AS v(id, seq, eta) WHERE s.id = v.id`,
      [routeId, stops.map((s) => s.stopId), stops.map((s) => s.sequence), stops.map((s) => s.eta.toISOString())],
    );
  }

  // ---------------------------------------------------------------- route edits

  /**
   * Sets a route's stops in order: stops listed from other routes move here, stops of this route
   * not listed become unassigned. The route is re-validated with the same travel matrix
   * (capacity per dimension, skills, hours, maximum duration) and ETAs are recomputed, for the
   * routes the stops came from too.
   */
  async setRouteStops(user: AuthenticatedUser, planId: string, routeId: string, input: RouteStopsDto): Promise<PlanDetailDto> {
    return this.transactions.run(async (manager) => {
      const plan = await planForUser(manager, user, planId, { lock: true });
      assertPlanStatus(plan, ['optimised', 'dispatched']);
      const routes = await manager.find(DeliveryRouteEntity, { where: { planId }, lock: { mode: 'pessimistic_write' } });
      const route = routes.find((r) => r.id === routeId);
      if (!route) throw notFound();
      assertRouteStatus(route, ['planned']);
      const depot = await planDepot(manager, plan.depotWarehouseId);
      const { stops, urgency } = await planStops(manager, planId);
      const byId = new Map(stops.map((s) => [s.id, s]));
      const affected = new Set<string>([routeId]);
      for (const [i, id] of input.stopIds.entries()) {
        const s = byId.get(id);
        if (!s) throw fieldError(`stopIds[${i}]`, 'exists', 'not a stop of this plan');
        if (s.status !== 'pending') throw new DomainError(DELIVERY_ERRORS.DELIVERY_STOP_STATUS, HttpStatus.CONFLICT, { status: s.status });
        if (s.routeId && s.routeId !== routeId) {
          const from = routes.find((r) => r.id === s.routeId) as DeliveryRouteEntity;
          assertRouteStatus(from, ['planned']);
          affected.add(from.id);
        }
      }
      const vehicles = await planVehicles(manager, planId);
      const pending = stops.filter((s) => s.status === 'pending');
      const input2 = toPlanInput(plan.startDate, depot, vehicles, pending, urgency);
      const matrices = await this.matrices(input2);
      const index = new Map(pending.map((s, i) => [s.id, i + 1]));
      const schedule = (r: DeliveryRouteEntity, ordered: StopDto[]): ReturnType<typeof scheduleRoute> => {
        const vehicle = vehicles.find((v) => v.id === r.vehicleId);
        if (!vehicle) throw notFound();
        const m = matrices[vehicleProfile(vehicle.type)] ?? matrices.road;
        return scheduleRoute(
          plan.startDate,
          toVehicleInput(vehicle),
          ordered.map((s) => toStopInput(s, urgency.get(s.id) ?? 1)),
          m,
          (id) => index.get(id) as number,
        );
      };
      const wanted = input.stopIds.map((id) => byId.get(id) as StopDto);
      const target = schedule(route, wanted);
      if (target.violation) throw violationError(target.violation);
      const listed = new Set(input.stopIds);
      const dropped = stops.filter((s) => s.routeId === routeId && !listed.has(s.id)).map((s) => s.id);
      if (dropped.length) {
        await manager.query(`UPDATE delivery_stops SET route_id = NULL, sequence = NULL, eta = NULL WHERE id = ANY($1::uuid[])`, [dropped]);
      }
      await this.writeSequence(manager, routeId, target.schedule.stops);
      await this.writeRouteMetrics(manager, routeId, target.schedule, matrices.road.source);
      for (const otherId of affected) {
        if (otherId === routeId) continue;
        const other = routes.find((r) => r.id === otherId) as DeliveryRouteEntity;
        const remaining = stops
          .filter((s) => s.routeId === otherId && !listed.has(s.id))
          .sort((a, b) => (a.sequence ?? 0) - (b.sequence ?? 0));
        // Taking stops away never adds load; the schedule is recomputed so ETAs stay true.
        const rescheduled = schedule(other, remaining);
        await this.writeSequence(manager, otherId, rescheduled.schedule.stops);
        await this.writeRouteMetrics(manager, otherId, rescheduled.schedule, matrices.road.source);
      }
      await touchPlan(manager, planId);
      await recordDeliveryEvents(manager, [
        {
          planId,
          routeId,
          kind: 'route.edited',
          detail: `${wanted.length} paradas en orden${dropped.length ? `, ${dropped.length} quitadas` : ''}${affected.size > 1 ? `, movidas desde ${affected.size - 1} rutas` : ''}`,
        },
      ]);
      await this.audit.record(manager, {
        action: 'deliveries.route_stops_set',
        entityType: 'delivery_route',
        entityId: routeId,
        summary: `Route set by hand: ${wanted.length} stops in order, ${dropped.length} removed, ${affected.size - 1} other routes changed`,
      });
      return this.plans.detail(manager, planId);
    });
  }

  private async writeRouteMetrics(
    manager: EntityManager,
    routeId: string,
    s: { departureAt: Date; distanceM: number; durationS: number; loadKg: number; loadM3: number; loadKits: number },
    source: MatrixResult['source'],
  ): Promise<void> {
    await manager.update(
      DeliveryRouteEntity,
      { id: routeId },
      {
        departureAt: s.departureAt,
        distanceM: s.distanceM,
        durationS: s.durationS,
        loadKg: String(s.loadKg),
        loadM3: String(s.loadM3),
        loadKits: s.loadKits,
        matrixSource: source,
      },
    );
  }

  async setLocked(user: AuthenticatedUser, planId: string, routeId: string, locked: boolean): Promise<PlanDetailDto> {
    return this.transactions.run(async (manager) => {
      const plan = await planForUser(manager, user, planId, { lock: true });
      assertPlanStatus(plan, ['optimised', 'dispatched']);
      const route = await manager.findOne(DeliveryRouteEntity, { where: { id: routeId, planId }, lock: { mode: 'pessimistic_write' } });
      if (!route) throw notFound();
      assertRouteStatus(route, ['planned']);
      await manager.update(DeliveryRouteEntity, { id: routeId }, { locked });
      await touchPlan(manager, planId);
      await recordDeliveryEvents(manager, [{ planId, routeId, kind: locked ? 'route.locked' : 'route.unlocked' }]);
      await this.audit.record(manager, {
        action: locked ? 'deliveries.route_locked' : 'deliveries.route_unlocked',
        entityType: 'delivery_route',
        entityId: routeId,
        summary: locked ? 'Route locked: re-optimisation keeps it as it is' : 'Route unlocked',
      });
      return this.plans.detail(manager, planId);
    });
  }

  // ---------------------------------------------------------------- dispatch and tracking

  /** Plan (locked) and route (locked) of a route id, checked for the user. */
  private async routeForUser(
    manager: EntityManager,
    user: AuthenticatedUser,
    routeId: string,
  ): Promise<{ plan: DeliveryPlanEntity; route: DeliveryRouteEntity }> {
    const found = await manager.findOneBy(DeliveryRouteEntity, { id: routeId });
    if (!found) throw notFound();
    const plan = await planForUser(manager, user, found.planId, { lock: true });
    const route = await manager.findOne(DeliveryRouteEntity, { where: { id: routeId }, lock: { mode: 'pessimistic_write' } });
    if (!route) throw notFound();
    return { plan, route };
  }

  /**
   * Loading dispatches every line's reservation through the ledger (the lots taken are kept per
   * line), issues each stop's confirmation code (hash + sealed copy, expiring), adds the kits to
   * the campaigns that funded the lots, and moves the plan to `dispatched` with its first route.
   */
  async load(user: AuthenticatedUser, routeId: string): Promise<PlanDetailDto> {
    return this.transactions.run(async (manager) => {
      const { plan, route } = await this.routeForUser(manager, user, routeId);
      assertPlanStatus(plan, ['optimised', 'dispatched']);
      assertRouteStatus(route, ['planned']);
      const stops = await manager.find(DeliveryStopEntity, { where: { routeId, status: 'pending' }, order: { sequence: 'ASC' } });
      if (stops.length === 0) throw new DomainError(DELIVERY_ERRORS.DELIVERY_ROUTE_EMPTY, HttpStatus.UNPROCESSABLE_ENTITY);
      const actor = actorOf(user);
      const lines = await manager.query<
        Array<{ id: string; stop_id: string; kit_type_id: string; quantity: number; reservation_id: string | null; status: string | null }>
      >(
        `SELECT l.id, l.stop_id, l.kit_type_id, l.quantity, l.reservation_id, r.status
           FROM delivery_stop_lines l LEFT JOIN stock_reservations r ON r.id = l.reservation_id
          WHERE l.stop_id = ANY($1::uuid[]) ORDER BY l.kit_type_id, l.id`,
        [stops.map((s) => s.id)],
      );
      const dispatchedLines: Array<{ stopId: string; line: ReachLine }> = [];
      let kits = 0;
      for (const line of lines) {
        const op =
          line.reservation_id && line.status === 'active'
            ? await this.ledger.dispatch(manager, actor, { reservationId: line.reservation_id })
            : await this.ledger.dispatch(manager, actor, {
                warehouseId: plan.depotWarehouseId,
                kitTypeId: line.kit_type_id,
                quantity: line.quantity,
                referenceType: 'delivery_stop_line',
                referenceId: line.id,
              });
        const lots = op.movements.map((m) => ({ lotId: m.lotId, quantity: -m.onHandDelta })).filter((l) => l.quantity > 0);
        const dispatched = lots.reduce((a, l) => a + l.quantity, 0);
        await manager.update(DeliveryStopLineEntity, { id: line.id }, { dispatched, dispatchedLots: lots });
        dispatchedLines.push({ stopId: line.stop_id, line: { units: dispatched, dispatched, dispatchedLots: lots, householdsServed: 0 } });
        kits += dispatched;
      }
      await this.addDispatchedReach(manager, stops, dispatchedLines);
      const expires = new Date(Date.now() + this.config.deliveryCodeTtlDays * 86_400_000);
      for (const stop of stops) {
        const code = await this.freshCode(manager);
        await manager.update(
          DeliveryStopEntity,
          { id: stop.id },
          {
            confirmationCodeHash: hashConfirmationCode(code),
            confirmationCodeSealed: sealConfirmationCode(code, this.config.jwtSecret),
            codeExpiresAt: expires,
            codeFailedAttempts: 0,
          },
        );
      }
      const now = new Date();
      await manager.update(DeliveryRouteEntity, { id: routeId }, { status: 'loaded', loadedAt: now });
      const events = [
        {
          planId: plan.id,
          routeId,
          kind: 'route.loaded',
          fromStatus: 'planned',
          toStatus: 'loaded',
          detail: `${kits} kits despachados, ${stops.length} paradas`,
        },
      ];
      if (plan.status !== 'dispatched') {
        await manager.update(DeliveryPlanEntity, { id: plan.id }, { status: 'dispatched' });
        events.push({
          planId: plan.id,
          routeId,
          kind: 'plan.dispatched',
          fromStatus: plan.status,
          toStatus: 'dispatched',
          detail: `${kits} kits`,
        });
      }
      await touchPlan(manager, plan.id);
      await recordDeliveryEvents(manager, events);
      await this.audit.record(manager, {
        action: 'deliveries.route_loaded',
        entityType: 'delivery_route',
        entityId: routeId,
        summary: `Route loaded: ${kits} kits dispatched for ${stops.length} stops, confirmation codes issued`,
      });
      return this.plans.detail(manager, plan.id);
    });
  }

  /** A code no live stop uses (30 bits: a clash is rare, but the unique index must never fire). */
  private async freshCode(manager: EntityManager): Promise<string> {
    for (let i = 0; i < 8; i++) {
      const code = generateConfirmationCode();
      const taken = await manager.query<unknown[]>('SELECT 1 FROM delivery_stops WHERE confirmation_code_hash = $1', [
        hashConfirmationCode(code),
      ]);
      if (taken.length === 0) return code;
    }
    throw new Error('could not draw an unused confirmation code');
  }

  /**
   * `donation_campaign_reach.kits_dispatched` per campaign and district, with the same attribution as
   * confirmation (campaign-reach.ts: each dispatched lot counts for the campaign that funded it).
   */
  private async addDispatchedReach(
    manager: EntityManager,
    stops: DeliveryStopEntity[],
    dispatched: Array<{ stopId: string; line: ReachLine }>,
  ): Promise<void> {
    if (dispatched.length === 0) return;
    const rows = await manager.query<Array<{ id: string; district_ubigeo: string }>>(
      'SELECT id, district_ubigeo FROM communities WHERE id = ANY($1::uuid[])',
      [[...new Set(stops.map((s) => s.communityId))]],
    );
    const districtOfCommunity = new Map(rows.map((r) => [r.id, r.district_ubigeo]));
    const districtOfStop = new Map(stops.map((s) => [s.id, districtOfCommunity.get(s.communityId) ?? '']));
    const byDistrict = new Map<string, ReachLine[]>();
    for (const { stopId, line } of dispatched) {
      const district = districtOfStop.get(stopId) ?? '';
      byDistrict.set(district, [...(byDistrict.get(district) ?? []), line]);
    }
    for (const [district, lines] of [...byDistrict.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      await addCampaignReach(manager, district, await campaignShares(manager, lines), 'kits_dispatched', false);
    }
  }

  async start(user: AuthenticatedUser, routeId: string): Promise<PlanDetailDto> {
    return this.step(user, routeId, 'loaded', 'in_transit', 'route.started', 'deliveries.route_started', 'Route on its way');
  }

  async complete(user: AuthenticatedUser, routeId: string): Promise<PlanDetailDto> {
    return this.step(user, routeId, 'in_transit', 'completed', 'route.completed', 'deliveries.route_completed', 'Route completed', [
      'delivered',
      'confirmed',
      'failed',
      'cancelled',
    ]);
  }

  private async step(
    user: AuthenticatedUser,
    routeId: string,
    from: RouteStatus,
    to: RouteStatus,
    kind: string,
    action: string,
    summary: string,
    stopsMustBe?: StopStatus[],
  ): Promise<PlanDetailDto> {
    return this.transactions.run(async (manager) => {
      const { plan, route } = await this.routeForUser(manager, user, routeId);
      assertRouteStatus(route, [from]);
      if (stopsMustBe) await assertStopsIn(manager, routeId, stopsMustBe);
      await manager.update(DeliveryRouteEntity, { id: routeId }, { status: to });
      await touchPlan(manager, plan.id);
      await recordDeliveryEvents(manager, [{ planId: plan.id, routeId, kind, fromStatus: from, toStatus: to }]);
      await this.audit.record(manager, { action, entityType: 'delivery_route', entityId: routeId, summary });
      return this.plans.detail(manager, plan.id);
    });
  }

  /**
   * Closing a route (back at the depot) returns the rejected units of confirmed stops and every
   * dispatched unit of failed stops into the lots they left. The plan completes with its last route.
   */
  async close(user: AuthenticatedUser, routeId: string): Promise<PlanDetailDto> {
    return this.transactions.run(async (manager) => {
      const { plan, route } = await this.routeForUser(manager, user, routeId);
      assertRouteStatus(route, ['completed']);
      await assertStopsIn(manager, routeId, ['confirmed', 'failed', 'cancelled']);
      const returned = await this.returnGoods(manager, user, plan, routeId, 'close');
      const now = new Date();
      await manager.update(DeliveryRouteEntity, { id: routeId }, { status: 'closed', closedAt: now });
      const events = [
        {
          planId: plan.id,
          routeId,
          kind: 'route.closed',
          fromStatus: 'completed',
          toStatus: 'closed',
          detail: returned ? `${returned} kits devueltos al almacén` : null,
        },
      ];
      const [open] = await manager.query<Array<{ n: number }>>(
        `SELECT COUNT(*)::int AS n FROM delivery_routes WHERE plan_id = $1 AND status NOT IN ('closed', 'cancelled')`,
        [plan.id],
      );
      if (open.n === 0) {
        // Stops never routed keep nothing back: their reservations go, and they are cancelled.
        const released = await this.releaseReservations(manager, user, plan.id);
        await manager.query(`UPDATE delivery_stops SET status = 'cancelled' WHERE plan_id = $1 AND status = 'pending'`, [plan.id]);
        await manager.update(DeliveryPlanEntity, { id: plan.id }, { status: 'completed' });
        events.push({
          planId: plan.id,
          routeId,
          kind: 'plan.completed',
          fromStatus: plan.status,
          toStatus: 'completed',
          detail: released ? `${released} kits sin ruta liberados` : null,
        });
      }
      await touchPlan(manager, plan.id);
      await recordDeliveryEvents(manager, events);
      await this.audit.record(manager, {
        action: 'deliveries.route_closed',
        entityType: 'delivery_route',
        entityId: routeId,
        summary: `Route closed: ${returned} kits returned to stock${open.n === 0 ? '; plan completed' : ''}`,
      });
      return this.plans.detail(manager, plan.id);
    });
  }

  /**
   * Puts back into the depot what came back on a route: on close, rejected units of confirmed
   * stops and all units of failed stops; on cancel, also what was loaded for stops never delivered.
   * Units go back into the lots they left (dispatched_lots), first lot first.
   */
  private async returnGoods(
    manager: EntityManager,
    user: AuthenticatedUser,
    plan: DeliveryPlanEntity,
    routeId: string,
    why: 'close' | 'cancel',
  ): Promise<number> {
    const lines = await manager.query<
      Array<{
        id: string;
        stop_id: string;
        stop_status: StopStatus;
        dispatched: number;
        rejected: number;
        returned: number;
        dispatched_lots: Array<{ lotId: string; quantity: number }>;
      }>
    >(
      `SELECT l.id, l.stop_id, s.status AS stop_status, l.dispatched, l.rejected, l.returned, l.dispatched_lots
         FROM delivery_stop_lines l JOIN delivery_stops s ON s.id = l.stop_id
        WHERE s.route_id = $1 AND l.dispatched > 0 ORDER BY l.id`,
      [routeId],
    );
    const actor = actorOf(user);
    let total = 0;
    for (const line of lines) {
      let due = 0;
      if (line.stop_status === 'confirmed') due = line.rejected;
      else if (line.stop_status === 'failed' || (why === 'cancel' && line.stop_status === 'pending')) due = line.dispatched;
      let left = due - line.returned;
      if (left <= 0) continue;
      for (const lot of line.dispatched_lots) {
        if (left === 0) break;
        const qty = Math.min(left, lot.quantity);
        await this.ledger.returnStock(manager, actor, {
          warehouseId: plan.depotWarehouseId,
          lotId: lot.lotId,
          quantity: qty,
          note: why === 'close' ? 'Devolución al cerrar la ruta' : 'Devolución por cancelación del plan',
          referenceType: 'delivery_stop_line',
          referenceId: line.id,
        });
        left -= qty;
        total += qty;
      }
      await manager.update(DeliveryStopLineEntity, { id: line.id }, { returned: due - left });
    }
    return total;
  }

  /** Releases every still-active reservation of the plan's lines; returns the kits released. */
  private async releaseReservations(manager: EntityManager, user: AuthenticatedUser, planId: string): Promise<number> {
    const rows = await manager.query<Array<{ reservation_id: string; quantity: number }>>(
      `SELECT l.reservation_id, l.quantity FROM delivery_stop_lines l
         JOIN delivery_stops s ON s.id = l.stop_id JOIN stock_reservations r ON r.id = l.reservation_id
        WHERE s.plan_id = $1 AND r.status = 'active' ORDER BY l.kit_type_id, l.id`,
      [planId],
    );
    for (const r of rows) await this.ledger.release(manager, actorOf(user), r.reservation_id);
    return rows.reduce((a, r) => a + r.quantity, 0);
  }

  /** Cancel: reservations released, loaded goods not delivered returned, open routes and stops cancelled. */
  async cancelPlan(user: AuthenticatedUser, planId: string, reason: string): Promise<PlanDetailDto> {
    return this.transactions.run(async (manager) => {
      const plan = await planForUser(manager, user, planId, { lock: true });
      assertPlanStatus(plan, ['draft', 'allocated', 'optimised', 'dispatched']);
      const released = await this.releaseReservations(manager, user, planId);
      const routes = await manager.find(DeliveryRouteEntity, { where: { planId }, lock: { mode: 'pessimistic_write' } });
      let returned = 0;
      for (const r of routes) {
        if (r.status === 'loaded' || r.status === 'in_transit' || r.status === 'completed') {
          returned += await this.returnGoods(manager, user, plan, r.id, 'cancel');
        }
      }
      await manager.query(`UPDATE delivery_routes SET status = 'cancelled' WHERE plan_id = $1 AND status <> 'closed'`, [planId]);
      await manager.query(`UPDATE delivery_stops SET status = 'cancelled' WHERE plan_id = $1 AND status = 'pending'`, [planId]);
      await manager.update(DeliveryPlanEntity, { id: planId }, { status: 'cancelled' });
      await touchPlan(manager, planId);
      await recordDeliveryEvents(manager, [
        {
          planId,
          kind: 'plan.cancelled',
          fromStatus: plan.status,
          toStatus: 'cancelled',
          detail: `${reason.trim()} — ${released} kits liberados, ${returned} devueltos`,
        },
      ]);
      await this.audit.record(manager, {
        action: 'deliveries.plan_cancelled',
        entityType: 'delivery_plan',
        entityId: planId,
        summary: `Delivery plan cancelled: ${released} kits released, ${returned} returned`,
      });
      return this.plans.detail(manager, planId);
    });
  }

  // ---------------------------------------------------------------- stops on the road

  private async stopForUser(
    manager: EntityManager,
    user: AuthenticatedUser,
    stopId: string,
  ): Promise<{ plan: DeliveryPlanEntity; stop: DeliveryStopEntity; route: DeliveryRouteEntity | null }> {
    const found = await manager.findOneBy(DeliveryStopEntity, { id: stopId });
    if (!found) throw notFound();
    const plan = await planForUser(manager, user, found.planId, { lock: true });
    const stop = (await manager.findOne(DeliveryStopEntity, {
      where: { id: stopId },
      lock: { mode: 'pessimistic_write' },
    })) as DeliveryStopEntity;
    const route = stop.routeId ? await manager.findOneBy(DeliveryRouteEntity, { id: stop.routeId }) : null;
    return { plan, stop, route };
  }

  async deliver(user: AuthenticatedUser, stopId: string, input: DeliverStopDto): Promise<StopDto> {
    const at = input.deliveredAt ? new Date(input.deliveredAt) : new Date();
    if (at.getTime() > Date.now() + 5 * 60_000) throw fieldError('deliveredAt', 'max', 'deliveredAt must not be in the future');
    return this.transactions.run(async (manager) => {
      const { plan, stop, route } = await this.stopForUser(manager, user, stopId);
      if (!route || (route.status !== 'in_transit' && route.status !== 'completed')) {
        throw new DomainError(DELIVERY_ERRORS.DELIVERY_ROUTE_STATUS, HttpStatus.CONFLICT, { status: route?.status ?? 'none' });
      }
      if (stop.status !== 'pending')
        throw new DomainError(DELIVERY_ERRORS.DELIVERY_STOP_STATUS, HttpStatus.CONFLICT, { status: stop.status });
      await manager.update(DeliveryStopEntity, { id: stopId }, { status: 'delivered', deliveredAt: at });
      await touchPlan(manager, plan.id);
      await recordDeliveryEvents(manager, [
        { planId: plan.id, routeId: route.id, stopId, kind: 'stop.delivered', fromStatus: 'pending', toStatus: 'delivered' },
      ]);
      await this.audit.record(manager, {
        action: 'deliveries.stop_delivered',
        entityType: 'delivery_stop',
        entityId: stopId,
        summary: 'Stop marked delivered (awaiting the leader’s confirmation)',
      });
      return this.stopDto(manager, plan.id, stopId);
    });
  }

  async fail(user: AuthenticatedUser, stopId: string, input: FailStopDto): Promise<StopDto> {
    return this.transactions.run(async (manager) => {
      const { plan, stop, route } = await this.stopForUser(manager, user, stopId);
      if (!route || (route.status !== 'in_transit' && route.status !== 'completed')) {
        throw new DomainError(DELIVERY_ERRORS.DELIVERY_ROUTE_STATUS, HttpStatus.CONFLICT, { status: route?.status ?? 'none' });
      }
      if (stop.status !== 'pending' && stop.status !== 'delivered') {
        throw new DomainError(DELIVERY_ERRORS.DELIVERY_STOP_STATUS, HttpStatus.CONFLICT, { status: stop.status });
      }
      await manager.update(DeliveryStopEntity, { id: stopId }, { status: 'failed', failureReason: input.reason.trim() });
      await touchPlan(manager, plan.id);
      await recordDeliveryEvents(manager, [
        {
          planId: plan.id,
          routeId: route.id,
          stopId,
          kind: 'stop.failed',
          fromStatus: stop.status,
          toStatus: 'failed',
          detail: input.reason.trim(),
        },
      ]);
      await this.audit.record(manager, {
        action: 'deliveries.stop_failed',
        entityType: 'delivery_stop',
        entityId: stopId,
        summary: 'Stop marked failed (its goods return to the depot when the route closes)',
      });
      return this.stopDto(manager, plan.id, stopId);
    });
  }

  private async stopDto(manager: EntityManager, planId: string, stopId: string): Promise<StopDto> {
    const { stops } = await planStops(manager, planId);
    return stops.find((s) => s.id === stopId) as StopDto;
  }
}

function assertRouteStatus(route: DeliveryRouteEntity, allowed: RouteStatus[]): void {
  if (!allowed.includes(route.status)) {
    throw new DomainError(DELIVERY_ERRORS.DELIVERY_ROUTE_STATUS, HttpStatus.CONFLICT, { status: route.status });
  }
}

async function assertStopsIn(manager: EntityManager, routeId: string, allowed: StopStatus[]): Promise<void> {
  const [row] = await manager.query<Array<{ n: number }>>(
    `SELECT COUNT(*)::int AS n FROM delivery_stops WHERE route_id = $1 AND NOT (status = ANY($2::varchar[]))`,
    [routeId, allowed],
  );
  if (row.n > 0) throw new DomainError(DELIVERY_ERRORS.DELIVERY_ROUTE_OPEN_STOPS, HttpStatus.CONFLICT, { count: row.n });
}

/** A hand-edited route that breaks a constraint: 422 naming it (code, and `errors[0].code`). */
export function violationError(v: RouteViolation): DomainError {
  const err = (code: keyof typeof DELIVERY_ERRORS, params: Record<string, unknown>, constraint: string, message: string): DomainError =>
    new DomainError(DELIVERY_ERRORS[code], HttpStatus.UNPROCESSABLE_ENTITY, params, [{ field: 'stopIds', code: constraint, message }]);
  switch (v.constraint) {
    case 'capacity':
      return err(
        'DELIVERY_ROUTE_CAPACITY',
        { load: v.load, capacity: v.capacity, unit: v.dimension === 'm3' ? 'm³' : v.dimension },
        `capacity_${v.dimension}`,
        `capacity ${v.dimension} exceeded`,
      );
    case 'skills':
      return err('DELIVERY_ROUTE_SKILLS', { community: v.name, skill: v.skill }, 'skills', `${v.name} requires ${v.skill}`);
    case 'unreachable':
      return err('DELIVERY_ROUTE_UNREACHABLE', { community: v.name }, 'unreachable', `${v.name} unreachable`);
    case 'hours':
      return err('DELIVERY_ROUTE_HOURS', { end: clock(v.endMin), limit: clock(v.limitMin) }, 'time_window', 'working hours exceeded');
    case 'max_duration':
      return err(
        'DELIVERY_ROUTE_MAX_DURATION',
        { minutes: v.minutes, limit: v.limitMinutes },
        'max_duration',
        'maximum route duration exceeded',
      );
  }
}
