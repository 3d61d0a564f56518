import { clarkeWright } from './construction';
import { compile, earliestStart, type Instance } from './model';
import { AbortError, buildNeighbours, DEFAULT_SEARCH_PARAMS, runSearch, type SearchParams } from './search';
import { sequenceFeasible, type State } from './state';
import type { Problem, RouteSolution, RouteStep, Solution, SolveOptions, SolveStats, UnassignedJob, UnassignedReason } from './types';

/** Default time limit: 1 s + 20 ms per job, at most 60 s. */
export function defaultTimeLimitMs(nJobs: number): number {
  return Math.min(60_000, 1000 + 20 * nJobs);
}

export interface InternalSolveOptions extends SolveOptions {
  /** Shared cancellation flag (set to non-zero to cancel), used by the worker. */
  cancelFlag?: Int32Array;
  params?: Partial<SearchParams>;
  /**
   * Milliseconds clock used for the time limit (default performance.now, i.e. wall clock).
   * The benchmark can pass a process CPU-time clock to measure on a busy machine.
   */
  clock?: () => number;
}

/**
 * Solve synchronously (blocks the calling thread for up to the time limit;
 * use `solveInWorker` from a server).
 */
export function solve(problem: Problem, options: InternalSolveOptions = {}): Solution {
  const clock = options.clock ?? (() => performance.now());
  const startTime = clock();
  if (options.signal?.aborted) throw new AbortError();
  const inst = compile(problem);
  const seed = options.seed ?? 1;
  const timeLimit = options.timeLimitMs ?? defaultTimeLimitMs(inst.nJobs);
  const neighbours = buildNeighbours(inst, DEFAULT_SEARCH_PARAMS.neighbours);
  const initial = clarkeWright(inst, neighbours);
  const initialCost = initial.totalCost();
  const initialUnserved = initial.unserved;
  const result = runSearch(
    initial,
    {
      startTime,
      // keep a small margin for building the output
      deadline: startTime + Math.max(0, timeLimit * 0.98 - 2),
      maxIterations: options.maxIterations ?? Infinity,
      signal: options.signal,
      cancelFlag: options.cancelFlag,
      clock,
      neighbours,
    },
    seed,
    { ...DEFAULT_SEARCH_PARAMS, ...options.params },
  );
  const stats: SolveStats = {
    seed,
    iterations: result.iterations,
    elapsedMs: 0,
    initialCost,
    initialUnserved,
    stoppedBy: result.stoppedBy,
  };
  const solution = toSolution(problem, inst, result.best, stats);
  solution.stats.elapsedMs = clock() - startTime;
  return solution;
}

/** The Clarke-Wright savings construction alone, as a Solution (baseline for comparisons). */
export function clarkeWrightSolution(problem: Problem): Solution {
  const startTime = performance.now();
  const inst = compile(problem);
  const state = clarkeWright(inst, buildNeighbours(inst, DEFAULT_SEARCH_PARAMS.neighbours));
  const stats: SolveStats = {
    seed: 0,
    iterations: 0,
    elapsedMs: 0,
    initialCost: state.totalCost(),
    initialUnserved: state.unserved,
    stoppedBy: 'iterations',
  };
  const sol = toSolution(problem, inst, state, stats);
  sol.stats.elapsedMs = performance.now() - startTime;
  return sol;
}

function toSolution(problem: Problem, inst: Instance, state: State, stats: SolveStats): Solution {
  const routes: RouteSolution[] = [];
  const nD = inst.nDims;
  const M = inst.m;
  let totalCost = 0;
  let totalDist = 0;
  let totalTime = 0;
  let served = 0;
  let prio = 0;
  for (let v = 0; v < inst.nVehicles; v++) {
    const nodes = state.routes[v];
    if (nodes.length === 0) continue;
    const T = inst.times[inst.vProfile[v]];
    const D = inst.dists[inst.vProfile[v]];
    const total = new Array<number>(nD).fill(0);
    for (const j of nodes) for (let k = 0; k < nD; k++) total[k] += inst.jobDemand[j * nD + k];
    // Schedule: earliest times, then departure from the start shifted as late as the route allows
    // (latest start minus travel), which removes avoidable waiting without changing feasibility.
    const first = inst.jobLoc[nodes[0]];
    const lst = state.lst[v];
    const startLoc = inst.vStart[v];
    let depart = inst.vTwStart[v];
    const latestDepart = lst[1] - T[startLoc * M + first];
    // only shift when it does not delay the first service start
    const firstStartAtEarliest = earliestStart(inst, nodes[0], depart + T[startLoc * M + first]);
    depart = Math.max(depart, Math.min(latestDepart, firstStartAtEarliest - T[startLoc * M + first]));
    const steps: RouteStep[] = [];
    const load = total.slice();
    const startReal = startLoc !== inst.dummy;
    steps.push({
      type: 'start',
      location: startReal ? startLoc : inst.jobLoc[nodes[0]],
      arrival: depart,
      serviceStart: depart,
      departure: depart,
      waiting: 0,
      load: load.slice(),
      distance: 0,
    });
    let t = depart;
    let prev = startLoc;
    let dist = 0;
    let travel = 0;
    for (const j of nodes) {
      const l = inst.jobLoc[j];
      const arr = t + T[prev * M + l];
      travel += T[prev * M + l];
      dist += D[prev * M + l];
      const s = earliestStart(inst, j, arr);
      t = s + inst.jobService[j];
      for (let k = 0; k < nD; k++) load[k] -= inst.jobDemand[j * nD + k];
      steps.push({
        type: 'job',
        jobId: problem.jobs[j].id,
        jobIndex: j,
        location: l,
        arrival: arr,
        serviceStart: s,
        departure: t,
        waiting: s - arr,
        load: load.slice(),
        distance: dist,
      });
      prev = l;
      served++;
      prio += inst.jobPriority[j];
    }
    const end = inst.vEnd[v];
    travel += T[prev * M + end];
    dist += D[prev * M + end];
    t += T[prev * M + end];
    steps.push({
      type: 'end',
      location: end !== inst.dummy ? end : prev,
      arrival: t,
      serviceStart: t,
      departure: t,
      waiting: 0,
      load: load.map(() => 0),
      distance: dist,
    });
    const cost = state.cost[v];
    totalCost += cost;
    totalDist += dist;
    totalTime += travel;
    routes.push({
      vehicleId: problem.vehicles[v].id,
      vehicleIndex: v,
      jobIds: nodes.map((j) => problem.jobs[j].id),
      jobIndices: nodes.slice(),
      steps,
      cost,
      distance: dist,
      travelTime: travel,
      duration: t - depart,
      load: total,
    });
  }
  const unassigned: UnassignedJob[] = [];
  for (let j = 0; j < inst.nJobs; j++) {
    if (state.jobRoute[j] >= 0) continue;
    unassigned.push({ jobId: problem.jobs[j].id, jobIndex: j, reason: unassignedReason(inst, j) });
  }
  return {
    routes,
    unassigned,
    summary: {
      cost: totalCost,
      distance: totalDist,
      travelTime: totalTime,
      served,
      unserved: unassigned.length,
      priorityServed: prio,
      routes: routes.length,
    },
    stats,
  };
}

/**
 * The first constraint that blocks job j on every vehicle when served alone
 * ('fleet' when some vehicle could serve it alone).
 */
export function unassignedReason(inst: Instance, j: number): UnassignedReason {
  const nD = inst.nDims;
  const M = inst.m;
  const vehicles: number[] = [];
  for (let v = 0; v < inst.nVehicles; v++) if (inst.compat[v * inst.nJobs + j]) vehicles.push(v);
  if (vehicles.length === 0) return 'skills';
  const capOk = vehicles.filter((v) => {
    for (let k = 0; k < nD; k++) if (inst.jobDemand[j * nD + k] > inst.vCap[v * nD + k] + 1e-9) return false;
    return true;
  });
  if (capOk.length === 0) return 'capacity';
  const l = inst.jobLoc[j];
  const twOk = capOk.filter((v) => {
    const T = inst.times[inst.vProfile[v]];
    const s = earliestStart(inst, j, inst.vTwStart[v] + T[inst.vStart[v] * M + l]);
    return s + inst.jobService[j] + T[l * M + inst.vEnd[v]] <= inst.vShiftEnd[v];
  });
  if (twOk.length === 0) return 'time_window';
  const durOk = twOk.filter((v) => {
    const T = inst.times[inst.vProfile[v]];
    const s = earliestStart(inst, j, inst.vTwStart[v] + T[inst.vStart[v] * M + l]);
    return s + inst.jobService[j] + T[l * M + inst.vEnd[v]] <= inst.vTwEnd[v];
  });
  if (durOk.length === 0) return 'max_duration';
  const distOk = durOk.filter((v) => sequenceFeasible(inst, v, [j]));
  if (distOk.length === 0) return 'max_distance';
  return 'fleet';
}
