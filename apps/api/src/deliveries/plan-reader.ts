import type { EntityManager } from 'typeorm';
import type { AccessMode } from '../communities/communities.entities';
import type { KitCategory } from '../inventory/kit-type.entity';
import type {
  DeliveryPlanEntity,
  PlanStatus,
  RejectionReason,
  RouteStatus,
  StopStatus,
  UnservedReason,
  VehicleType,
} from './deliveries.entities';
import type { PlanDetailDto, PlanSummaryDto, RouteDto, StopDto, StopLineDto, VehicleDto } from './dto/plan.dto';
import { effectiveSkills, type PlanInput, type StopInput, type VehicleInput } from './optimisation';

/**
 * Read side of plans shared by the plan and route use cases: kit measures, the plan detail DTO and
 * the optimiser's input. Everything takes the caller's manager (inside or outside a transaction).
 */

export interface KitInfo {
  id: string;
  code: string;
  version: number;
  isCurrent: boolean;
  nameEs: string;
  nameEn: string;
  category: KitCategory;
  householdsServed: number;
  /** Derived from the bill of materials (kit_components × inventory_items.unit_weight_kg). */
  weightKg: number;
  /** Derived from the bill of materials (unit_volume_l / 1000). */
  volumeM3: number;
}

export async function kitInfo(manager: EntityManager, ids: readonly string[]): Promise<Map<string, KitInfo>> {
  if (ids.length === 0) return new Map();
  const rows = await manager.query<
    Array<{
      id: string;
      code: string;
      version: number;
      is_current: boolean;
      name_es: string;
      name_en: string;
      category: KitCategory;
      households_served: number;
      weight_kg: number;
      volume_m3: number;
    }>
  >(
    `SELECT k.id, k.code, k.version, k.is_current, k.name_es, k.name_en, k.category, k.households_served,
            COALESCE(SUM(c.quantity * i.unit_weight_kg), 0)::float8 AS weight_kg,
            COALESCE(SUM(c.quantity * i.unit_volume_l), 0)::float8 / 1000 AS volume_m3
       FROM kit_types k
       LEFT JOIN kit_components c ON c.kit_type_id = k.id
       LEFT JOIN inventory_items i ON i.id = c.item_id
      WHERE k.id = ANY($1::uuid[])
      GROUP BY k.id`,
    [[...new Set(ids)]],
  );
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        code: r.code,
        version: r.version,
        isCurrent: r.is_current,
        nameEs: r.name_es,
        nameEn: r.name_en,
        category: r.category,
        householdsServed: r.households_served,
        weightKg: Number(r.weight_kg),
        volumeM3: Number(r.volume_m3),
      },
    ]),
  );
}

interface StopRow {
  id: string;
  plan_id: string;
  community_id: string;
  community_name: string;
  district_ubigeo: string;
  lat: number;
  lon: number;
  altitude_m: number | null;
  access_mode: AccessMode | null;
  need_request_id: string | null;
  need_urgency: number | null;
  status: StopStatus;
  route_id: string | null;
  sequence: number | null;
  eta: Date | null;
  unserved_reason: UnservedReason | null;
  service_minutes: number;
  notes: string | null;
  failure_reason: string | null;
  delivered_at: Date | null;
  confirmed_at: Date | null;
  has_code: boolean;
  code_expires_at: Date | null;
}

interface LineRow {
  id: string;
  stop_id: string;
  kit_type_id: string;
  quantity: number;
  reservation_id: string | null;
  reservation_status: string | null;
  dispatched: number;
  accepted: number | null;
  rejected: number;
  rejection_reason: RejectionReason | null;
  missing: number;
  returned: number;
}

export interface PlanStops {
  stops: StopDto[];
  /** Solver priority per stop id (need urgency; 1 by hand). */
  urgency: Map<string, number>;
}

/** Stops of a plan (cancelled ones included, last) with lines, measures and community data. */
export async function planStops(manager: EntityManager, planId: string): Promise<PlanStops> {
  const stops = await manager.query<StopRow[]>(
    `SELECT s.id, s.plan_id, s.community_id, c.name AS community_name, c.district_ubigeo, c.lat, c.lon, c.altitude_m, c.access_mode,
            s.need_request_id, n.urgency AS need_urgency, s.status, s.route_id, s.sequence, s.eta, s.unserved_reason,
            s.service_minutes, s.notes, s.failure_reason, s.delivered_at, s.confirmed_at,
            (s.confirmation_code_hash IS NOT NULL) AS has_code, s.code_expires_at
       FROM delivery_stops s
       JOIN communities c ON c.id = s.community_id
       LEFT JOIN need_requests n ON n.id = s.need_request_id
      WHERE s.plan_id = $1
      ORDER BY (s.status = 'cancelled'), s.route_id NULLS LAST, s.sequence NULLS LAST, s.created_at, s.id`,
    [planId],
  );
  const lines = await manager.query<LineRow[]>(
    `SELECT l.id, l.stop_id, l.kit_type_id, l.quantity, l.reservation_id, r.status AS reservation_status, l.dispatched,
            l.accepted, l.rejected, l.rejection_reason, l.missing, l.returned
       FROM delivery_stop_lines l
       JOIN delivery_stops s ON s.id = l.stop_id
       LEFT JOIN stock_reservations r ON r.id = l.reservation_id
      WHERE s.plan_id = $1
      ORDER BY l.stop_id, l.id`,
    [planId],
  );
  const kits = await kitInfo(
    manager,
    lines.map((l) => l.kit_type_id),
  );
  const byStop = new Map<string, StopLineDto[]>();
  for (const l of lines) {
    const k = kits.get(l.kit_type_id) as KitInfo;
    const dto: StopLineDto = {
      id: l.id,
      kitTypeId: l.kit_type_id,
      kitTypeCode: k.code,
      kitTypeVersion: k.version,
      kitTypeNameEs: k.nameEs,
      kitTypeNameEn: k.nameEn,
      category: k.category,
      quantity: l.quantity,
      reservationId: l.reservation_id,
      reserved: l.reservation_status === 'active',
      dispatched: l.dispatched,
      accepted: l.accepted,
      rejected: l.rejected,
      rejectionReason: l.rejection_reason,
      missing: l.missing,
      returned: l.returned,
      weightKg: round(k.weightKg * l.quantity, 2),
      volumeM3: round(k.volumeM3 * l.quantity, 3),
    };
    byStop.set(l.stop_id, [...(byStop.get(l.stop_id) ?? []), dto]);
  }
  const urgency = new Map<string, number>();
  const dtos = stops.map((s): StopDto => {
    const own = byStop.get(s.id) ?? [];
    urgency.set(s.id, s.need_urgency ?? 1);
    return {
      id: s.id,
      planId: s.plan_id,
      communityId: s.community_id,
      communityName: s.community_name,
      districtUbigeo: s.district_ubigeo,
      lat: s.lat,
      lon: s.lon,
      altitudeM: s.altitude_m,
      accessMode: s.access_mode,
      needRequestId: s.need_request_id,
      status: s.status,
      routeId: s.route_id,
      sequence: s.sequence,
      eta: iso(s.eta),
      unservedReason: s.unserved_reason,
      serviceMinutes: s.service_minutes,
      notes: s.notes,
      failureReason: s.failure_reason,
      deliveredAt: iso(s.delivered_at),
      confirmedAt: iso(s.confirmed_at),
      hasConfirmationCode: s.has_code,
      codeExpiresAt: iso(s.code_expires_at),
      totalKits: own.reduce((a, l) => a + l.quantity, 0),
      weightKg: round(
        own.reduce((a, l) => a + l.weightKg, 0),
        2,
      ),
      volumeM3: round(
        own.reduce((a, l) => a + l.volumeM3, 0),
        3,
      ),
      lines: own,
    };
  });
  return { stops: dtos, urgency };
}

interface VehicleRow {
  id: string;
  name: string;
  type: VehicleType;
  capacity_kg: string;
  capacity_m3: string;
  capacity_kits: number;
  work_start_min: number;
  work_end_min: number;
  max_route_minutes: number | null;
  skills: string[];
  driver_name: string | null;
}

export async function planVehicles(manager: EntityManager, planId: string): Promise<VehicleDto[]> {
  const rows = await manager.query<VehicleRow[]>(
    `SELECT id, name, type, capacity_kg, capacity_m3, capacity_kits, work_start_min, work_end_min, max_route_minutes, skills, driver_name
       FROM delivery_vehicles WHERE plan_id = $1 ORDER BY created_at, id`,
    [planId],
  );
  return rows.map((v) => ({
    id: v.id,
    name: v.name,
    type: v.type,
    capacityKg: Number(v.capacity_kg),
    capacityM3: Number(v.capacity_m3),
    capacityKits: v.capacity_kits,
    workStartMin: v.work_start_min,
    workEndMin: v.work_end_min,
    maxRouteMinutes: v.max_route_minutes,
    skills: v.skills,
    effectiveSkills: effectiveSkills(v.type, v.skills),
    driverName: v.driver_name,
  }));
}

interface RouteRow {
  id: string;
  plan_id: string;
  vehicle_id: string;
  vehicle_name: string;
  vehicle_type: VehicleType;
  status: RouteStatus;
  locked: boolean;
  departure_at: Date | null;
  distance_m: number;
  duration_s: number;
  load_kg: string;
  load_m3: string;
  load_kits: number;
  matrix_source: string | null;
  loaded_at: Date | null;
  closed_at: Date | null;
}

export interface Depot {
  id: string;
  name: string;
  lat: number;
  lon: number;
  /** Altitude of the depot's district capital (INEI), for the climbing model. */
  altitudeM: number | null;
  organizationId: string;
}

export async function planDepot(manager: EntityManager, warehouseId: string): Promise<Depot> {
  const [w] = await manager.query<
    Array<{ id: string; name: string; lat: number; lon: number; altitude_m: number | null; organization_id: string }>
  >(
    `SELECT w.id, w.name, w.latitude AS lat, w.longitude AS lon, d.altitude_m, w.organization_id
       FROM warehouses w LEFT JOIN districts d ON d.ubigeo = w.district_ubigeo WHERE w.id = $1`,
    [warehouseId],
  );
  return {
    id: w.id,
    name: w.name,
    lat: w.lat,
    lon: w.lon,
    altitudeM: w.altitude_m === null ? null : Number(w.altitude_m),
    organizationId: w.organization_id,
  };
}

export async function planRoutes(manager: EntityManager, planId: string, stops: StopDto[], depot: Depot): Promise<RouteDto[]> {
  const rows = await manager.query<RouteRow[]>(
    `SELECT r.id, r.plan_id, r.vehicle_id, v.name AS vehicle_name, v.type AS vehicle_type, r.status, r.locked, r.departure_at,
            r.distance_m, r.duration_s, r.load_kg, r.load_m3, r.load_kits, r.matrix_source, r.loaded_at, r.closed_at
       FROM delivery_routes r JOIN delivery_vehicles v ON v.id = r.vehicle_id
      WHERE r.plan_id = $1 ORDER BY v.created_at, v.id`,
    [planId],
  );
  return rows.map((r) => {
    const own = stops.filter((s) => s.routeId === r.id).sort((a, b) => (a.sequence ?? 0) - (b.sequence ?? 0));
    const depotPoint = { lat: depot.lat, lon: depot.lon };
    return {
      id: r.id,
      planId: r.plan_id,
      vehicleId: r.vehicle_id,
      vehicleName: r.vehicle_name,
      vehicleType: r.vehicle_type,
      status: r.status,
      locked: r.locked,
      departureAt: iso(r.departure_at),
      returnAt: r.departure_at ? new Date(r.departure_at.getTime() + r.duration_s * 1000).toISOString() : null,
      distanceM: r.distance_m,
      durationS: r.duration_s,
      loadKg: Number(r.load_kg),
      loadM3: Number(r.load_m3),
      loadKits: r.load_kits,
      matrixSource: r.matrix_source,
      loadedAt: iso(r.loaded_at),
      closedAt: iso(r.closed_at),
      stopIds: own.map((s) => s.id),
      path: own.length ? [depotPoint, ...own.map((s) => ({ lat: s.lat, lon: s.lon })), depotPoint] : [],
    };
  });
}

export async function planSummaries(manager: EntityManager, planIds: string[]): Promise<Map<string, PlanSummaryDto>> {
  if (planIds.length === 0) return new Map();
  const rows = await manager.query<
    Array<{
      id: string;
      organization_id: string;
      organization_name: string;
      name: string;
      depot_warehouse_id: string;
      depot_name: string;
      start_date: string;
      end_date: string;
      status: PlanStatus;
      notes: string | null;
      vehicle_count: number;
      stop_count: number;
      route_count: number;
      total_kits: number;
      optimised_at: Date | null;
      created_at: Date;
      updated_at: Date;
    }>
  >(
    `SELECT p.id, p.organization_id, o.name AS organization_name, p.name, p.depot_warehouse_id, w.name AS depot_name,
            p.start_date::text AS start_date, p.end_date::text AS end_date, p.status, p.notes, p.optimised_at, p.created_at, p.updated_at,
            (SELECT COUNT(*) FROM delivery_vehicles v WHERE v.plan_id = p.id)::int AS vehicle_count,
            (SELECT COUNT(*) FROM delivery_stops s WHERE s.plan_id = p.id AND s.status <> 'cancelled')::int AS stop_count,
            (SELECT COUNT(*) FROM delivery_routes r WHERE r.plan_id = p.id)::int AS route_count,
            (SELECT COALESCE(SUM(l.quantity), 0) FROM delivery_stop_lines l JOIN delivery_stops s ON s.id = l.stop_id
              WHERE s.plan_id = p.id AND s.status <> 'cancelled')::int AS total_kits
       FROM delivery_plans p
       JOIN organizations o ON o.id = p.organization_id
       JOIN warehouses w ON w.id = p.depot_warehouse_id
      WHERE p.id = ANY($1::uuid[])`,
    [planIds],
  );
  return new Map(
    rows.map((p) => [
      p.id,
      {
        id: p.id,
        organizationId: p.organization_id,
        organizationName: p.organization_name,
        name: p.name,
        depotWarehouseId: p.depot_warehouse_id,
        depotWarehouseName: p.depot_name,
        startDate: p.start_date,
        endDate: p.end_date,
        status: p.status,
        notes: p.notes,
        vehicleCount: p.vehicle_count,
        stopCount: p.stop_count,
        routeCount: p.route_count,
        totalKits: p.total_kits,
        optimisedAt: iso(p.optimised_at),
        createdAt: p.created_at.toISOString(),
        updatedAt: p.updated_at.toISOString(),
      },
    ]),
  );
}

export async function planDetail(manager: EntityManager, plan: DeliveryPlanEntity): Promise<PlanDetailDto> {
  const summary = (await planSummaries(manager, [plan.id])).get(plan.id) as PlanSummaryDto;
  const depot = await planDepot(manager, plan.depotWarehouseId);
  const { stops } = await planStops(manager, plan.id);
  return {
    ...summary,
    depot: { id: depot.id, name: depot.name, lat: depot.lat, lon: depot.lon },
    vehicles: await planVehicles(manager, plan.id),
    stops,
    routes: await planRoutes(manager, plan.id, stops, depot),
  };
}

export function toStopInput(s: StopDto, priority: number): StopInput {
  return {
    id: s.id,
    name: s.communityName,
    lat: s.lat,
    lon: s.lon,
    altitudeM: s.altitudeM,
    accessMode: s.accessMode,
    serviceMinutes: s.serviceMinutes,
    weightKg: s.weightKg,
    volumeM3: s.volumeM3,
    kits: s.totalKits,
    priority,
  };
}

export function toVehicleInput(v: VehicleDto): VehicleInput {
  return {
    id: v.id,
    type: v.type,
    capacityKg: v.capacityKg,
    capacityM3: v.capacityM3,
    capacityKits: v.capacityKits,
    workStartMin: v.workStartMin,
    workEndMin: v.workEndMin,
    maxRouteMinutes: v.maxRouteMinutes,
    skills: v.skills,
  };
}

export function toPlanInput(
  startDate: string,
  depot: Depot,
  vehicles: VehicleDto[],
  stops: StopDto[],
  urgency: Map<string, number>,
): PlanInput {
  return {
    startDate,
    depot: { lat: depot.lat, lon: depot.lon, altitudeM: depot.altitudeM },
    vehicles: vehicles.map(toVehicleInput),
    stops: stops.map((s) => toStopInput(s, urgency.get(s.id) ?? 1)),
  };
}

export function iso(d: Date | null): string | null {
  return d ? d.toISOString() : null;
}

export function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
