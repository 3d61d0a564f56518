import type { Problem, Solution, TravelMatrix } from './types';

export interface Violation {
  route?: string;
  jobId?: string;
  message: string;
}

function reader(src: TravelMatrix['durations'], size: number): (i: number, j: number) => number {
  const first: unknown = src.length > 0 ? src[0] : undefined;
  if (typeof first === 'object' && first !== null) {
    const rows = src as ArrayLike<number>[];
    return (i, j) => rows[i][j];
  }
  const flat = src as ArrayLike<number>;
  return (i, j) => flat[i * size + j];
}

/**
 * Checks a solution against the problem from scratch (it shares no code with
 * the solver): every job served at most once and either served or reported
 * unassigned, skills, capacity per dimension, time windows with waiting,
 * working hours, maximum duration and distance, and the reported costs.
 * Returns the list of violations (empty = feasible).
 */
export function validateSolution(problem: Problem, solution: Solution, tolerance = 1e-6): Violation[] {
  const out: Violation[] = [];
  const first = problem.matrix.durations;
  const size = typeof first[0] === 'object' ? first.length : Math.round(Math.sqrt(first.length));
  const jobIndex = new Map(problem.jobs.map((j, k) => [j.id, k]));
  const count = new Map<string, number>();
  let total = 0;
  for (const route of solution.routes) {
    const vIdx = problem.vehicles.findIndex((v) => v.id === route.vehicleId);
    if (vIdx < 0) {
      out.push({ route: route.vehicleId, message: 'unknown vehicle' });
      continue;
    }
    const v = problem.vehicles[vIdx];
    const mat = v.profile !== undefined ? problem.profiles?.[v.profile] : problem.matrix;
    if (!mat) {
      out.push({ route: v.id, message: `unknown profile ${v.profile ?? ''}` });
      continue;
    }
    const T = reader(mat.durations, size);
    const D = reader(mat.distances ?? mat.durations, size);
    const vSkills = new Set(v.skills ?? []);
    const dims = Math.max(v.capacity?.length ?? 0, ...problem.jobs.map((j) => j.demand?.length ?? 0));
    const load = new Array<number>(dims).fill(0);
    const twStart = v.timeWindow?.start ?? 0;
    const twEnd = v.timeWindow?.end ?? Infinity;
    let t = twStart;
    let prev: number | undefined = v.start;
    let dist = 0;
    let travel = 0;
    for (const id of route.jobIds) {
      const k = jobIndex.get(id);
      if (k === undefined) {
        out.push({ route: v.id, jobId: id, message: 'unknown job' });
        continue;
      }
      const job = problem.jobs[k];
      count.set(id, (count.get(id) ?? 0) + 1);
      for (const s of job.skills ?? []) if (!vSkills.has(s)) out.push({ route: v.id, jobId: id, message: `missing skill ${s}` });
      (job.demand ?? []).forEach((d, i) => (load[i] += d));
      const leg = prev === undefined ? 0 : T(prev, job.location);
      const legD = prev === undefined ? 0 : D(prev, job.location);
      travel += leg;
      dist += legD;
      t += leg;
      const windows = job.timeWindows ?? [];
      if (windows.length > 0) {
        const sorted = [...windows].sort((a, b) => a.start - b.start);
        const w = sorted.find((x) => t <= x.end + tolerance);
        if (!w) out.push({ route: v.id, jobId: id, message: `arrives at ${t} after its last time window` });
        else t = Math.max(t, w.start);
      }
      t += job.service ?? 0;
      prev = job.location;
    }
    if (v.end !== undefined && prev !== undefined) {
      travel += T(prev, v.end);
      dist += D(prev, v.end);
      t += T(prev, v.end);
    }
    if (t > twEnd + tolerance) out.push({ route: v.id, message: `ends at ${t} after working window end ${twEnd}` });
    if (v.maxDuration !== undefined && t - twStart > v.maxDuration + tolerance)
      out.push({ route: v.id, message: `duration ${t - twStart} > max ${v.maxDuration}` });
    if (v.maxDistance !== undefined && dist > v.maxDistance + tolerance)
      out.push({ route: v.id, message: `distance ${dist} > max ${v.maxDistance}` });
    (v.capacity ?? []).forEach((c, i) => {
      if (load[i] > c + tolerance) out.push({ route: v.id, message: `load ${load[i]} > capacity ${c} in dimension ${i}` });
    });
    const cost = route.jobIds.length === 0 ? 0 : (v.fixedCost ?? 0) + (v.costPerTime ?? 1) * travel + (v.costPerDistance ?? 0) * dist;
    if (Math.abs(cost - route.cost) > tolerance * Math.max(1, cost))
      out.push({ route: v.id, message: `reported cost ${route.cost} != ${cost}` });
    total += cost;
  }
  if (new Set(solution.routes.map((r) => r.vehicleId)).size !== solution.routes.length) out.push({ message: 'a vehicle has two routes' });
  for (const [id, c] of count) if (c > 1) out.push({ jobId: id, message: `served ${c} times` });
  const unassigned = new Set(solution.unassigned.map((u) => u.jobId));
  for (const job of problem.jobs) {
    const served = count.has(job.id);
    if (served && unassigned.has(job.id)) out.push({ jobId: job.id, message: 'served and reported unassigned' });
    if (!served && !unassigned.has(job.id)) out.push({ jobId: job.id, message: 'neither served nor reported unassigned' });
  }
  if (Math.abs(total - solution.summary.cost) > tolerance * Math.max(1, total))
    out.push({ message: `summary cost ${solution.summary.cost} != ${total}` });
  return out;
}
