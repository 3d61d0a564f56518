import { GreatCircleMatrixProvider, solve, validateSolution } from '@minka/routing';
import {
  buildProblem,
  effectiveSkills,
  mapSolution,
  matrixPoints,
  noVehiclePlan,
  type PlanInput,
  planInstant,
  profilePoints,
  scheduleRoute,
  type StopInput,
  type VehicleInput,
} from './optimisation';

const gc = new GreatCircleMatrixProvider();

const stop = (id: string, lat: number, lon: number, extra: Partial<StopInput> = {}): StopInput => ({
  id,
  name: id,
  lat,
  lon,
  altitudeM: 3400,
  accessMode: 'paved_road',
  serviceMinutes: 30,
  weightKg: 100,
  volumeM3: 0.5,
  kits: 10,
  priority: 3,
  ...extra,
});

const truck: VehicleInput = {
  id: 'truck',
  type: 'truck',
  capacityKg: 1000,
  capacityM3: 10,
  capacityKits: 100,
  workStartMin: 360,
  workEndMin: 1080,
  maxRouteMinutes: null,
  skills: [],
};

/** Cusco depot and communities around it (Lima time, one day). */
const plan = (stops: StopInput[], vehicles: VehicleInput[] = [truck]): PlanInput => ({
  startDate: '2026-07-06',
  depot: { lat: -13.5226, lon: -71.9673, altitudeM: 3439 },
  vehicles,
  stops,
});

function matrices(p: PlanInput): Parameters<typeof buildProblem>[1] {
  const points = matrixPoints(p);
  return { road: gc.compute(points), trail: gc.compute(profilePoints(points, 'trail')), river: gc.compute(profilePoints(points, 'river')) };
}

describe('optimisation: plan → routing problem', () => {
  it('maps capacity to integer dimensions [centi-kg, litres, kits], hours to seconds and route limits', () => {
    const p = plan([stop('a', -13.56, -71.87, { weightKg: 12.345, volumeM3: 0.0125, kits: 7 })], [{ ...truck, maxRouteMinutes: 480 }]);
    const problem = buildProblem(p, matrices(p));
    expect(problem.jobs[0]).toMatchObject({ id: 'a', location: 1, demand: [1235, 13, 7], service: 1800, priority: 3 });
    expect(problem.vehicles[0]).toMatchObject({
      id: 'truck',
      start: 0,
      end: 0,
      capacity: [100000, 10000, 100],
      timeWindow: { start: 6 * 3600, end: 18 * 3600 },
      maxDuration: 8 * 3600,
    });
    expect(problem.vehicles[0].profile).toBeUndefined();
  });

  it('turns access modes into skills and gives each vehicle type its own', () => {
    expect(effectiveSkills('truck', [])).toEqual(['access:paved']);
    expect(effectiveSkills('truck', ['4x4'])).toEqual(['4x4', 'access:paved', 'access:unpaved']);
    expect(effectiveSkills('boat', [])).toEqual(['access:river']);
    expect(effectiveSkills('on_foot', [])).toEqual(['access:paved', 'access:trail', 'access:unpaved']);
    const p = plan(
      [
        stop('river', -3.9, -73.3, { accessMode: 'river' }),
        stop('trail', -13.44, -72.15, { accessMode: 'trail' }),
        stop('x', -13.5, -71.9, { accessMode: null }),
      ],
      [truck, { ...truck, id: 'boat', type: 'boat' }, { ...truck, id: 'team', type: 'animal_team' }],
    );
    const problem = buildProblem(p, matrices(p));
    expect(problem.jobs.map((j) => j.skills)).toEqual([['access:river'], ['access:trail'], ['access:paved']]);
    expect(problem.vehicles.map((v) => v.profile)).toEqual([undefined, 'river', 'trail']);
    expect(Object.keys(problem.profiles ?? {}).sort()).toEqual(['river', 'trail']);
  });

  it('uses the community altitude and last-leg mode in the matrix (a trail is slower than a road over the same distance)', () => {
    const road = plan([stop('a', -13.6, -71.9)]);
    const trail = plan([stop('a', -13.6, -71.9, { accessMode: 'trail' })]);
    const dRoad = gc.compute(matrixPoints(road)).durations[1];
    const dTrail = gc.compute(matrixPoints(trail)).durations[1];
    expect(dTrail).toBeGreaterThan(dRoad * 5);
    expect(matrixPoints(road)[0]).toMatchObject({ altitude: 3439, access: 'paved' });
  });
});

describe('optimisation: solution → routes', () => {
  it('writes one route per used vehicle with order, ETAs in Lima time, distance, duration and load; unserved stops keep the solver reason', () => {
    const p = plan(
      [
        stop('a', -13.56, -71.87),
        stop('b', -13.7, -71.6),
        stop('c', -13.74, -71.99, { accessMode: 'trail' }),
        stop('big', -13.6, -71.8, { kits: 500 }),
      ],
      [truck, { ...truck, id: 'idle' }],
    );
    const problem = buildProblem(p, matrices(p));
    const solution = solve(problem, { maxIterations: 200, timeLimitMs: 5000, seed: 1 });
    expect(validateSolution(problem, solution)).toEqual([]);
    const out = mapSolution(p, solution);
    expect(out.unserved.sort((x, y) => x.stopId.localeCompare(y.stopId))).toEqual([
      { stopId: 'big', reason: 'capacity' },
      { stopId: 'c', reason: 'skills' },
    ]);
    expect(out.routes).toHaveLength(1);
    const [route] = out.routes;
    expect(route.stops.map((s) => s.stopId).sort()).toEqual(['a', 'b']);
    expect(route.stops.map((s) => s.sequence)).toEqual([1, 2]);
    expect(route.loadKits).toBe(20);
    expect(route.loadKg).toBe(200);
    expect(route.distanceM).toBeGreaterThan(0);
    // Leaves at 06:00 Lima = 11:00 UTC; first ETA after that, return after the last ETA.
    expect(route.departureAt.toISOString()).toBe('2026-07-06T11:00:00.000Z');
    expect(route.stops[0].eta.getTime()).toBeGreaterThan(route.departureAt.getTime());
    expect(route.returnAt.getTime()).toBeGreaterThan(route.stops[1].eta.getTime());
    expect(route.durationS).toBe(Math.round((route.returnAt.getTime() - route.departureAt.getTime()) / 1000));
  });

  it('reports no_vehicle for every stop when there is no vehicle to route', () => {
    expect(noVehiclePlan(plan([stop('a', -13.5, -71.9)], []))).toEqual({ routes: [], unserved: [{ stopId: 'a', reason: 'no_vehicle' }] });
  });

  it('computes planInstant from the plan day in Lima', () => {
    expect(planInstant('2026-07-06', 0).toISOString()).toBe('2026-07-06T05:00:00.000Z');
    expect(planInstant('2026-07-06', 3600 * 8 + 30).toISOString()).toBe('2026-07-06T13:00:30.000Z');
  });
});

describe('optimisation: re-validating a route edited by hand', () => {
  const p = plan([stop('a', -13.56, -71.87), stop('b', -13.7, -71.6), stop('t', -13.74, -71.99, { accessMode: 'trail' })]);
  const m = gc.compute(matrixPoints(p));
  const indexOf = (id: string): number => p.stops.findIndex((s) => s.id === id) + 1;

  it('accepts a feasible order and schedules it (ETAs follow the order)', () => {
    const r = scheduleRoute(p.startDate, truck, [p.stops[1], p.stops[0]], m, indexOf);
    expect(r.violation).toBeNull();
    expect(r.schedule.stops.map((s) => s.stopId)).toEqual(['b', 'a']);
    expect(r.schedule.stops[0].eta.getTime()).toBeLessThan(r.schedule.stops[1].eta.getTime());
    expect(r.schedule.loadKits).toBe(20);
  });

  it('names the violated constraint: skills, capacity per dimension, hours, maximum duration', () => {
    expect(scheduleRoute(p.startDate, truck, [p.stops[2]], m, indexOf).violation).toMatchObject({
      constraint: 'skills',
      skill: 'access:trail',
    });
    expect(scheduleRoute(p.startDate, { ...truck, capacityM3: 0.9 }, p.stops.slice(0, 2), m, indexOf).violation).toEqual({
      constraint: 'capacity',
      dimension: 'm3',
      load: 1,
      capacity: 0.9,
    });
    expect(scheduleRoute(p.startDate, { ...truck, capacityKits: 15 }, p.stops.slice(0, 2), m, indexOf).violation).toMatchObject({
      constraint: 'capacity',
      dimension: 'kits',
    });
    expect(scheduleRoute(p.startDate, { ...truck, workEndMin: 420 }, p.stops.slice(0, 2), m, indexOf).violation).toMatchObject({
      constraint: 'hours',
      limitMin: 420,
    });
    expect(scheduleRoute(p.startDate, { ...truck, maxRouteMinutes: 30 }, p.stops.slice(0, 2), m, indexOf).violation).toMatchObject({
      constraint: 'max_duration',
      limitMinutes: 30,
    });
  });

  it('refuses a leg the matrix cannot travel (OSRM without a road)', () => {
    const blocked = { ...m, durations: Float64Array.from(m.durations) };
    blocked.durations[0 * m.size + 1] = Infinity;
    expect(scheduleRoute(p.startDate, truck, [p.stops[0]], blocked, indexOf).violation).toMatchObject({
      constraint: 'unreachable',
      stopId: 'a',
    });
  });
});
