import type { Problem, TravelMatrix } from './types';

/**
 * Internal flat representation of a problem. Matrices are extended by one
 * "nowhere" location (index `size`) with zero travel to and from everywhere,
 * used for vehicles without a start or end, so hot loops need no branches.
 */
export interface Instance {
  nJobs: number;
  nVehicles: number;
  nDims: number;
  /** Matrix side including the dummy location. */
  m: number;
  dummy: number;
  jobLoc: Int32Array;
  jobService: Float64Array;
  /** nJobs * nDims */
  jobDemand: Float64Array;
  /** Time windows, flattened: windows of job j are twOff[j] .. twOff[j+1]-1 (sorted, merged). */
  twOff: Int32Array;
  twStart: Float64Array;
  twEnd: Float64Array;
  jobPriority: Float64Array;
  /** Penalty of leaving the job unserved (lexicographic: priority first, then count). */
  jobPenalty: Float64Array;
  vStart: Int32Array;
  vEnd: Int32Array;
  /** nVehicles * nDims; Infinity = unlimited */
  vCap: Float64Array;
  vTwStart: Float64Array;
  /** Latest arrival at the end: min(window end, window start + maxDuration). */
  vTwEnd: Float64Array;
  /** The working window end alone (for reporting reasons). */
  vShiftEnd: Float64Array;
  vMaxDist: Float64Array;
  vFixed: Float64Array;
  /** Index into `times`/`dists` per vehicle. */
  vProfile: Int32Array;
  /** Index into `costs` per vehicle. */
  vClass: Int32Array;
  /** Vehicles with identical attributes share a type (used to skip duplicate empty routes). */
  vType: Int32Array;
  times: Float64Array[];
  dists: Float64Array[];
  costs: Float64Array[];
  /** compat[v * nJobs + j] = 1 if vehicle v has all skills of job j. */
  compat: Uint8Array;
  /** Whether any job has a finite time window (enables TW-specific heuristics). */
  hasTimeWindows: boolean;
  /** Vehicles in the same group share cost class, profile, start, end, working window, max distance and fixed cost. */
  vGroup: Int32Array;
  /** Whether some vehicle lacks a skill some job needs. */
  hasSkillLimits: boolean;
}

function readSquare(src: ArrayLike<number> | ArrayLike<number>[], size: number, name: string): Float64Array {
  const out = new Float64Array((size + 1) * (size + 1));
  const first: unknown = src.length > 0 ? src[0] : undefined;
  const isRows = typeof first === 'object' && first !== null;
  if (isRows) {
    const rows = src as ArrayLike<number>[];
    if (rows.length !== size) throw new RangeError(`${name}: expected ${size} rows, got ${rows.length}`);
    for (let i = 0; i < size; i++) {
      const row = rows[i];
      if (row.length !== size) throw new RangeError(`${name}: row ${i} has ${row.length} entries, expected ${size}`);
      for (let j = 0; j < size; j++) out[i * (size + 1) + j] = checkValue(row[j], name);
    }
  } else {
    const flat = src as ArrayLike<number>;
    if (flat.length !== size * size) throw new RangeError(`${name}: expected ${size * size} entries, got ${flat.length}`);
    for (let i = 0; i < size; i++) for (let j = 0; j < size; j++) out[i * (size + 1) + j] = checkValue(flat[i * size + j], name);
  }
  return out;
}

function checkValue(v: number, name: string): number {
  // Unreachable pairs may be given as Infinity / NaN by routers: treat as (practically) unreachable.
  if (Number.isNaN(v) || v === Infinity) return 1e15;
  if (v < 0) throw new RangeError(`${name}: negative entry ${v}`);
  return v;
}

export function matrixSize(m: TravelMatrix): number {
  const d = m.durations;
  const first: unknown = d.length > 0 ? d[0] : undefined;
  if (typeof first === 'object' && first !== null) return d.length;
  const s = Math.round(Math.sqrt(d.length));
  if (s * s !== d.length) throw new RangeError('matrix.durations: flat length is not a square');
  return s;
}

export function compile(problem: Problem): Instance {
  const { jobs, vehicles } = problem;
  const size = matrixSize(problem.matrix);
  const m = size + 1;
  const dummy = size;
  const nJobs = jobs.length;
  const nVehicles = vehicles.length;
  let nDims = 0;
  for (const j of jobs) nDims = Math.max(nDims, j.demand?.length ?? 0);
  for (const v of vehicles) nDims = Math.max(nDims, v.capacity?.length ?? 0);

  const jobLoc = new Int32Array(nJobs);
  const jobService = new Float64Array(nJobs);
  const jobDemand = new Float64Array(nJobs * nDims);
  const jobPriority = new Float64Array(nJobs);
  const jobPenalty = new Float64Array(nJobs);
  const twOff = new Int32Array(nJobs + 1);
  const twS: number[] = [];
  const twE: number[] = [];
  let hasTimeWindows = false;
  const ids = new Set<string>();
  jobs.forEach((job, j) => {
    if (ids.has(job.id)) throw new RangeError(`duplicate job id ${job.id}`);
    ids.add(job.id);
    if (!(job.location >= 0 && job.location < size && Number.isInteger(job.location)))
      throw new RangeError(`job ${job.id}: location ${job.location} outside the matrix`);
    jobLoc[j] = job.location;
    jobService[j] = job.service ?? 0;
    const d = job.demand ?? [];
    for (let k = 0; k < d.length; k++) {
      if (!(d[k] >= 0)) throw new RangeError(`job ${job.id}: demand must be >= 0`);
      jobDemand[j * nDims + k] = d[k];
    }
    const p = job.priority ?? 0;
    if (!(p >= 0)) throw new RangeError(`job ${job.id}: priority must be >= 0`);
    jobPriority[j] = p;
    jobPenalty[j] = p * (nJobs + 1) + 1;
    twOff[j] = twS.length;
    const windows = [...(job.timeWindows ?? [])].sort((a, b) => a.start - b.start);
    if (windows.length === 0) {
      twS.push(-Infinity);
      twE.push(Infinity);
    } else {
      hasTimeWindows = true;
      for (const w of windows) {
        if (!(w.end >= w.start)) throw new RangeError(`job ${job.id}: time window end before start`);
        const last = twS.length - 1;
        if (last >= twOff[j] && w.start <= twE[last]) twE[last] = Math.max(twE[last], w.end);
        else {
          twS.push(w.start);
          twE.push(w.end);
        }
      }
    }
  });
  twOff[nJobs] = twS.length;

  // Matrices per profile and cost per (profile, costPerTime, costPerDistance).
  const profileNames: string[] = [];
  const times: Float64Array[] = [];
  const dists: Float64Array[] = [];
  const profileIndex = (name: string | undefined): number => {
    const key = name ?? '';
    let idx = profileNames.indexOf(key);
    if (idx >= 0) return idx;
    const mat = key === '' ? problem.matrix : problem.profiles?.[key];
    if (!mat) throw new RangeError(`unknown vehicle profile ${key}`);
    if (matrixSize(mat) !== size) throw new RangeError(`profile ${key}: matrix size differs from the default matrix`);
    const t = readSquare(mat.durations, size, `${key || 'matrix'}.durations`);
    times.push(t);
    dists.push(mat.distances ? readSquare(mat.distances, size, `${key || 'matrix'}.distances`) : t);
    profileNames.push(key);
    idx = profileNames.length - 1;
    return idx;
  };
  const classKeys: string[] = [];
  const costs: Float64Array[] = [];

  const vStart = new Int32Array(nVehicles);
  const vEnd = new Int32Array(nVehicles);
  const vCap = new Float64Array(nVehicles * nDims).fill(Infinity);
  const vTwStart = new Float64Array(nVehicles);
  const vTwEnd = new Float64Array(nVehicles);
  const vShiftEnd = new Float64Array(nVehicles);
  const vMaxDist = new Float64Array(nVehicles);
  const vFixed = new Float64Array(nVehicles);
  const vProfile = new Int32Array(nVehicles);
  const vClass = new Int32Array(nVehicles);
  const vType = new Int32Array(nVehicles);
  const typeKeys = new Map<string, number>();
  const vehicleSkills: Set<string>[] = [];
  const vids = new Set<string>();
  vehicles.forEach((v, i) => {
    if (vids.has(v.id)) throw new RangeError(`duplicate vehicle id ${v.id}`);
    vids.add(v.id);
    for (const loc of [v.start, v.end]) {
      if (loc !== undefined && !(loc >= 0 && loc < size && Number.isInteger(loc)))
        throw new RangeError(`vehicle ${v.id}: location ${loc} outside the matrix`);
    }
    vStart[i] = v.start ?? dummy;
    vEnd[i] = v.end ?? dummy;
    const cap = v.capacity ?? [];
    for (let k = 0; k < cap.length; k++) vCap[i * nDims + k] = cap[k];
    const tw = v.timeWindow ?? { start: 0, end: Infinity };
    vTwStart[i] = tw.start;
    vShiftEnd[i] = tw.end;
    vTwEnd[i] = Math.min(tw.end, v.maxDuration !== undefined ? tw.start + v.maxDuration : Infinity);
    vMaxDist[i] = v.maxDistance ?? Infinity;
    vFixed[i] = v.fixedCost ?? 0;
    const p = profileIndex(v.profile);
    vProfile[i] = p;
    const ct = v.costPerTime ?? 1;
    const cd = v.costPerDistance ?? 0;
    const ck = `${p}|${ct}|${cd}`;
    let c = classKeys.indexOf(ck);
    if (c < 0) {
      const cost = new Float64Array(m * m);
      const t = times[p];
      const d = dists[p];
      for (let k = 0; k < m * m; k++) cost[k] = ct * t[k] + cd * d[k];
      costs.push(cost);
      classKeys.push(ck);
      c = classKeys.length - 1;
    }
    vClass[i] = c;
    const skills = new Set(v.skills ?? []);
    vehicleSkills.push(skills);
    const tk = JSON.stringify([c, vStart[i], vEnd[i], cap, vTwStart[i], vTwEnd[i], vMaxDist[i], vFixed[i], [...skills].sort()]);
    let t = typeKeys.get(tk);
    if (t === undefined) {
      t = typeKeys.size;
      typeKeys.set(tk, t);
    }
    vType[i] = t;
  });

  const vGroup = new Int32Array(nVehicles);
  const groupKeys = new Map<string, number>();
  for (let i = 0; i < nVehicles; i++) {
    const gk = [vClass[i], vProfile[i], vStart[i], vEnd[i], vTwStart[i], vTwEnd[i], vMaxDist[i], vFixed[i]].join('|');
    let g = groupKeys.get(gk);
    if (g === undefined) {
      g = groupKeys.size;
      groupKeys.set(gk, g);
    }
    vGroup[i] = g;
  }
  const compat = new Uint8Array(nVehicles * nJobs);
  let hasSkillLimits = false;
  for (let v = 0; v < nVehicles; v++) {
    for (let j = 0; j < nJobs; j++) {
      const req = jobs[j].skills ?? [];
      let ok = 1;
      for (const s of req) if (!vehicleSkills[v].has(s)) ok = 0;
      compat[v * nJobs + j] = ok;
      if (!ok) hasSkillLimits = true;
    }
  }

  return {
    nJobs,
    nVehicles,
    nDims,
    m,
    dummy,
    jobLoc,
    jobService,
    jobDemand,
    twOff,
    twStart: Float64Array.from(twS),
    twEnd: Float64Array.from(twE),
    jobPriority,
    jobPenalty,
    vStart,
    vEnd,
    vCap,
    vTwStart,
    vTwEnd,
    vShiftEnd,
    vMaxDist,
    vFixed,
    vProfile,
    vClass,
    vType,
    times,
    dists,
    costs,
    compat,
    hasTimeWindows,
    vGroup,
    hasSkillLimits,
  };
}

/** Earliest feasible service start of job j when arriving at `arr`; Infinity if none. */
export function earliestStart(inst: Instance, j: number, arr: number): number {
  const end = inst.twOff[j + 1];
  for (let w = inst.twOff[j]; w < end; w++) {
    if (arr <= inst.twEnd[w]) return arr > inst.twStart[w] ? arr : inst.twStart[w];
  }
  return Infinity;
}

/** Latest feasible service start of job j not after `bound`; -Infinity if none. */
export function latestStart(inst: Instance, j: number, bound: number): number {
  const start = inst.twOff[j];
  for (let w = inst.twOff[j + 1] - 1; w >= start; w--) {
    if (bound >= inst.twStart[w]) return bound < inst.twEnd[w] ? bound : inst.twEnd[w];
  }
  return -Infinity;
}
