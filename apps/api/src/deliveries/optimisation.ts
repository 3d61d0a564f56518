import type { AccessMode as RoutingAccessMode, GeoPoint, Job, MatrixResult, Problem, Solution, Vehicle } from '@minka/routing';
import type { AccessMode as CommunityAccessMode } from '../communities/communities.entities';
import type { UnservedReason, VehicleType } from './deliveries.entities';

/**
 * Pure glue between delivery plans and `@minka/routing`: plan data → routing `Problem`, solver
 * `Solution` → routes to write, and the re-validation of a route edited by hand. No I/O here.
 *
 * Conventions (documented in the deliveries README, "Optimisation"):
 * - Matrix index 0 is the depot; stop i is index i + 1.
 * - Time is seconds after midnight of the plan's start date in Lima (UTC−5, no DST); vehicles work
 *   one day, `workStartMin..workEndMin`.
 * - Capacity dimensions are integers: [centi-kilograms, litres, kits], so that the solver never
 *   compares floating-point sums against a capacity.
 * - Skills: a community's access mode becomes a required skill `access:<mode>`; a vehicle gets the
 *   access skills of its type (plus 4x4 → unpaved, and river/trail/air when entered by hand).
 * - Profiles: teams on foot or with animals travel every leg at trail speed ('trail' profile), boats
 *   at river speed ('river'); trucks and pickups use the default matrix (OSRM when configured).
 */

export const LIMA_UTC_OFFSET = '-05:00';

/** communities.access_mode → the routing library's mode of the last leg. */
export const COMMUNITY_ACCESS_TO_ROUTING: Record<CommunityAccessMode, RoutingAccessMode> = {
  paved_road: 'paved',
  unpaved_road: 'unpaved',
  trail: 'trail',
  river: 'river',
  air: 'air',
};

/** Access a vehicle type has by itself. */
const TYPE_ACCESS: Record<VehicleType, RoutingAccessMode[]> = {
  truck: ['paved'],
  pickup: ['paved', 'unpaved'],
  boat: ['river'],
  animal_team: ['paved', 'unpaved', 'trail'],
  on_foot: ['paved', 'unpaved', 'trail'],
};

/** Skills entered by hand that open an access mode. */
const SKILL_ACCESS: Record<string, RoutingAccessMode> = { '4x4': 'unpaved', trail: 'trail', river: 'river', air: 'air' };

export type TravelProfile = 'road' | 'trail' | 'river';

export function vehicleProfile(type: VehicleType): TravelProfile {
  if (type === 'boat') return 'river';
  if (type === 'animal_team' || type === 'on_foot') return 'trail';
  return 'road';
}

export const accessSkill = (mode: RoutingAccessMode): string => `access:${mode}`;

/** What the optimiser uses: the entered skills plus the access skills of the type and of the entered skills. */
export function effectiveSkills(type: VehicleType, skills: readonly string[]): string[] {
  const access = new Set<RoutingAccessMode>(TYPE_ACCESS[type]);
  for (const s of skills) {
    const mode = SKILL_ACCESS[s];
    if (mode) access.add(mode);
  }
  return [...new Set([...skills, ...[...access].map(accessSkill)])].sort();
}

/** The skill a stop in a community with this access mode requires (unknown → paved, as the matrix assumes). */
export function requiredSkills(access: CommunityAccessMode | null): string[] {
  return [accessSkill(access ? COMMUNITY_ACCESS_TO_ROUTING[access] : 'paved')];
}

export interface VehicleInput {
  id: string;
  type: VehicleType;
  capacityKg: number;
  capacityM3: number;
  capacityKits: number;
  workStartMin: number;
  workEndMin: number;
  maxRouteMinutes: number | null;
  skills: readonly string[];
}

export interface StopInput {
  id: string;
  name: string;
  lat: number;
  lon: number;
  altitudeM: number | null;
  accessMode: CommunityAccessMode | null;
  serviceMinutes: number;
  weightKg: number;
  volumeM3: number;
  kits: number;
  /** Solver priority (non-negative integer): the need's urgency, 1 for stops added by hand. */
  priority: number;
}

export interface PlanInput {
  startDate: string;
  depot: { lat: number; lon: number; altitudeM: number | null };
  vehicles: readonly VehicleInput[];
  stops: readonly StopInput[];
}

/** Integer demand/capacity: [centi-kg, litres, kits]. */
export function dimensions(kg: number, m3: number, kits: number): [number, number, number] {
  return [Math.round(kg * 100), Math.round(m3 * 1000), Math.round(kits)];
}

/** Depot first, then the stops, with the real access mode of each last leg. */
export function matrixPoints(plan: Pick<PlanInput, 'depot' | 'stops'>): GeoPoint[] {
  return [
    { lat: plan.depot.lat, lon: plan.depot.lon, altitude: plan.depot.altitudeM ?? undefined, access: 'paved' },
    ...plan.stops.map((s) => ({
      lat: s.lat,
      lon: s.lon,
      altitude: s.altitudeM ?? undefined,
      access: s.accessMode ? COMMUNITY_ACCESS_TO_ROUTING[s.accessMode] : ('paved' as const),
    })),
  ];
}

/** Same points, every leg travelled in one mode (teams on foot, boats). */
export function profilePoints(points: readonly GeoPoint[], mode: RoutingAccessMode): GeoPoint[] {
  return points.map((p) => ({ ...p, access: mode }));
}

export interface Matrices {
  road: MatrixResult;
  trail?: MatrixResult;
  river?: MatrixResult;
}

/** Which extra profiles the fleet needs. */
export function profilesNeeded(vehicles: readonly Pick<VehicleInput, 'type'>[]): Array<Exclude<TravelProfile, 'road'>> {
  const out = new Set<Exclude<TravelProfile, 'road'>>();
  for (const v of vehicles) {
    const p = vehicleProfile(v.type);
    if (p !== 'road') out.add(p);
  }
  return [...out].sort();
}

export function buildProblem(plan: PlanInput, matrices: Matrices): Problem {
  const jobs: Job[] = plan.stops.map((s, i) => ({
    id: s.id,
    location: i + 1,
    demand: dimensions(s.weightKg, s.volumeM3, s.kits),
    service: s.serviceMinutes * 60,
    priority: Math.max(0, Math.round(s.priority)),
    skills: requiredSkills(s.accessMode),
  }));
  const vehicles: Vehicle[] = plan.vehicles.map((v) => {
    const profile = vehicleProfile(v.type);
    return {
      id: v.id,
      start: 0,
      end: 0,
      capacity: dimensions(v.capacityKg, v.capacityM3, v.capacityKits),
      timeWindow: { start: v.workStartMin * 60, end: v.workEndMin * 60 },
      ...(v.maxRouteMinutes ? { maxDuration: v.maxRouteMinutes * 60 } : {}),
      skills: effectiveSkills(v.type, v.skills),
      ...(profile === 'road' ? {} : { profile }),
    };
  });
  const profiles: Record<string, { durations: Float64Array; distances: Float64Array }> = {};
  for (const name of profilesNeeded(plan.vehicles)) {
    const m = matrices[name];
    if (!m) throw new Error(`matrix for profile ${name} missing`);
    profiles[name] = { durations: m.durations, distances: m.distances };
  }
  return {
    jobs,
    vehicles,
    matrix: { durations: matrices.road.durations, distances: matrices.road.distances },
    ...(Object.keys(profiles).length ? { profiles } : {}),
  };
}

/** Seconds after midnight of the plan's start date (Lima) → an instant. */
export function planInstant(startDate: string, seconds: number): Date {
  return new Date(Date.parse(`${startDate}T00:00:00${LIMA_UTC_OFFSET}`) + Math.round(seconds) * 1000);
}

export interface RoutePlan {
  vehicleId: string;
  /** Stops in visiting order, with their ETA (start of service). */
  stops: Array<{ stopId: string; sequence: number; eta: Date }>;
  departureAt: Date;
  returnAt: Date;
  distanceM: number;
  durationS: number;
  loadKg: number;
  loadM3: number;
  loadKits: number;
}

export interface OptimisedPlan {
  routes: RoutePlan[];
  unserved: Array<{ stopId: string; reason: UnservedReason }>;
}

/** Solver output → routes to write (only vehicles that serve something) and unserved stops. */
export function mapSolution(plan: PlanInput, solution: Solution): OptimisedPlan {
  const routes: RoutePlan[] = [];
  for (const r of solution.routes) {
    if (r.jobIds.length === 0) continue;
    const jobSteps = r.steps.filter((s) => s.type === 'job');
    const first = r.steps[0];
    const last = r.steps[r.steps.length - 1];
    const departure = first.type === 'start' ? first.departure : (jobSteps[0]?.arrival ?? 0);
    const back = last.type === 'end' ? last.arrival : last.departure;
    const stops = jobSteps.map((s, i) => ({
      stopId: s.jobId as string,
      sequence: i + 1,
      eta: planInstant(plan.startDate, s.serviceStart),
    }));
    const served = new Set(r.jobIds);
    const mine = plan.stops.filter((s) => served.has(s.id));
    routes.push({
      vehicleId: r.vehicleId,
      stops,
      departureAt: planInstant(plan.startDate, departure),
      returnAt: planInstant(plan.startDate, back),
      distanceM: Math.round(r.distance),
      durationS: Math.round(back - departure),
      loadKg: round(
        sumOf(mine, (s) => s.weightKg),
        2,
      ),
      loadM3: round(
        sumOf(mine, (s) => s.volumeM3),
        3,
      ),
      loadKits: sumOf(mine, (s) => s.kits),
    });
  }
  const unserved = solution.unassigned.map((u) => ({ stopId: u.jobId, reason: u.reason }));
  return { routes, unserved };
}

/** Every stop unserved for want of a vehicle (no vehicles, or all of them on locked routes). */
export function noVehiclePlan(plan: Pick<PlanInput, 'stops'>): OptimisedPlan {
  return { routes: [], unserved: plan.stops.map((s) => ({ stopId: s.id, reason: 'no_vehicle' as const })) };
}

export type RouteViolation =
  | { constraint: 'skills'; stopId: string; name: string; skill: string }
  | { constraint: 'capacity'; dimension: 'kg' | 'm3' | 'kits'; load: number; capacity: number }
  | { constraint: 'unreachable'; stopId: string; name: string }
  | { constraint: 'hours'; endMin: number; limitMin: number }
  | { constraint: 'max_duration'; minutes: number; limitMinutes: number };

export interface RouteSchedule {
  stops: Array<{ stopId: string; sequence: number; eta: Date }>;
  departureAt: Date;
  returnAt: Date;
  distanceM: number;
  durationS: number;
  loadKg: number;
  loadM3: number;
  loadKits: number;
}

/**
 * Schedules a route in the given order, as the solver would (leave the depot at the start of the
 * working window, serve on arrival, come back), and checks it against the vehicle: skills,
 * capacity per dimension, reachability, working hours and maximum duration (measured from the
 * start of the window, as the solver does). `indexOf(stopId)` gives a stop's matrix index (depot 0).
 * The schedule is always computed; `violation` is the first constraint broken, or null.
 */
export function scheduleRoute(
  startDate: string,
  vehicle: VehicleInput,
  stops: readonly StopInput[],
  matrix: Pick<MatrixResult, 'size' | 'durations' | 'distances'>,
  indexOf: (stopId: string) => number,
): { schedule: RouteSchedule; violation: RouteViolation | null } {
  const violations: RouteViolation[] = [];
  const skills = new Set(effectiveSkills(vehicle.type, vehicle.skills));
  for (const s of stops) {
    const missing = requiredSkills(s.accessMode).find((k) => !skills.has(k));
    if (missing) violations.push({ constraint: 'skills', stopId: s.id, name: s.name, skill: missing });
  }
  const load = {
    kg: round(
      sumOf(stops, (s) => s.weightKg),
      2,
    ),
    m3: round(
      sumOf(stops, (s) => s.volumeM3),
      3,
    ),
    kits: sumOf(stops, (s) => s.kits),
  };
  const [dKg, dM3, dKits] = dimensions(load.kg, load.m3, load.kits);
  const [cKg, cM3, cKits] = dimensions(vehicle.capacityKg, vehicle.capacityM3, vehicle.capacityKits);
  if (dKg > cKg) violations.push({ constraint: 'capacity', dimension: 'kg', load: load.kg, capacity: vehicle.capacityKg });
  if (dM3 > cM3) violations.push({ constraint: 'capacity', dimension: 'm3', load: load.m3, capacity: vehicle.capacityM3 });
  if (dKits > cKits) violations.push({ constraint: 'capacity', dimension: 'kits', load: load.kits, capacity: vehicle.capacityKits });
  const n = matrix.size;
  const start = vehicle.workStartMin * 60;
  let t = start;
  let distance = 0;
  let at = 0;
  const scheduled: RouteSchedule['stops'] = [];
  const leg = (from: number, to: number, stop: StopInput): void => {
    const travel = matrix.durations[from * n + to];
    if (!Number.isFinite(travel)) {
      violations.push({ constraint: 'unreachable', stopId: stop.id, name: stop.name });
      return;
    }
    t += travel;
    distance += matrix.distances[from * n + to];
  };
  for (const [i, s] of stops.entries()) {
    const to = indexOf(s.id);
    leg(at, to, s);
    scheduled.push({ stopId: s.id, sequence: i + 1, eta: planInstant(startDate, t) });
    t += s.serviceMinutes * 60;
    at = to;
  }
  if (stops.length > 0) leg(at, 0, stops[stops.length - 1]);
  const reachable = !violations.some((v) => v.constraint === 'unreachable');
  if (reachable && stops.length > 0 && t > vehicle.workEndMin * 60) {
    violations.push({ constraint: 'hours', endMin: Math.ceil(t / 60), limitMin: vehicle.workEndMin });
  }
  if (reachable && vehicle.maxRouteMinutes && t - start > vehicle.maxRouteMinutes * 60) {
    violations.push({ constraint: 'max_duration', minutes: Math.ceil((t - start) / 60), limitMinutes: vehicle.maxRouteMinutes });
  }
  return {
    schedule: {
      stops: scheduled,
      departureAt: planInstant(startDate, start),
      returnAt: planInstant(startDate, t),
      distanceM: Math.round(distance),
      durationS: Math.round(t - start),
      loadKg: load.kg,
      loadM3: load.m3,
      loadKits: load.kits,
    },
    violation: violations[0] ?? null,
  };
}

/** 'HH:MM' of minutes after midnight (for messages). */
export function clock(minutes: number): string {
  const m = Math.max(0, Math.round(minutes));
  const days = Math.floor(m / 1440);
  const hh = String(Math.floor((m % 1440) / 60)).padStart(2, '0');
  const mm = String(m % 60).padStart(2, '0');
  return days > 0 ? `${hh}:${mm} (+${days} d)` : `${hh}:${mm}`;
}

function sumOf<T>(rows: readonly T[], f: (r: T) => number): number {
  return rows.reduce((a, r) => a + f(r), 0);
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
