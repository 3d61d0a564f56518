import { earliestStart, type Instance } from './model';
import type { Rng } from './rng';

/**
 * Mutable solution: one route (possibly empty) per vehicle, plus per-route
 * caches used for O(1) insertion feasibility checks:
 *  - dep[p]: earliest departure from position p (p = 0 start, 1..len jobs, len+1 end)
 *  - lst[p]: latest feasible service start at p so that the rest of the route stays feasible
 */
export class State {
  readonly routes: number[][];
  readonly dep: Float64Array[];
  readonly lst: Float64Array[];
  /** Prefix travel cost / distance on arrival at position p, prefix load after p (nDims per position). */
  readonly cc: Float64Array[];
  readonly cd: Float64Array[];
  readonly cl: Float64Array[];
  readonly load: Float64Array;
  readonly dist: Float64Array;
  readonly cost: Float64Array;
  /** Capacity overload of each route, summed over dimensions as fractions of the capacity. */
  readonly excess: Float64Array;
  readonly jobRoute: Int32Array;
  readonly jobPos: Int32Array;
  penalty = 0;
  unserved = 0;

  constructor(readonly inst: Instance) {
    const nV = inst.nVehicles;
    this.routes = [];
    this.dep = [];
    this.lst = [];
    this.cc = [];
    this.cd = [];
    this.cl = [];
    for (let v = 0; v < nV; v++) {
      this.routes.push([]);
      this.dep.push(new Float64Array(inst.nJobs + 2));
      this.lst.push(new Float64Array(inst.nJobs + 2));
      this.cc.push(new Float64Array(inst.nJobs + 2));
      this.cd.push(new Float64Array(inst.nJobs + 2));
      this.cl.push(new Float64Array((inst.nJobs + 2) * inst.nDims));
    }
    this.load = new Float64Array(nV * inst.nDims);
    this.dist = new Float64Array(nV);
    this.cost = new Float64Array(nV);
    this.excess = new Float64Array(nV);
    this.jobRoute = new Int32Array(inst.nJobs).fill(-1);
    this.jobPos = new Int32Array(inst.nJobs).fill(-1);
    for (let v = 0; v < nV; v++) this.update(v);
    this.recountUnserved();
  }

  recountUnserved(): void {
    let pen = 0;
    let cnt = 0;
    for (let j = 0; j < this.inst.nJobs; j++) {
      if (this.jobRoute[j] < 0) {
        pen += this.inst.jobPenalty[j];
        cnt++;
      }
    }
    this.penalty = pen;
    this.unserved = cnt;
  }

  totalCost(): number {
    let c = 0;
    for (let v = 0; v < this.inst.nVehicles; v++) c += this.cost[v];
    return c;
  }

  /** Recompute caches of route r. Returns false if the route is infeasible. */
  update(r: number): boolean {
    const inst = this.inst;
    const nodes = this.routes[r];
    const len = nodes.length;
    const dep = this.dep[r];
    const lst = this.lst[r];
    const M = inst.m;
    const T = inst.times[inst.vProfile[r]];
    const D = inst.dists[inst.vProfile[r]];
    const C = inst.costs[inst.vClass[r]];
    const nD = inst.nDims;
    for (let k = 0; k < nD; k++) this.load[r * nD + k] = 0;
    if (len === 0) {
      dep[0] = inst.vTwStart[r];
      dep[1] = inst.vTwStart[r];
      lst[1] = inst.vTwEnd[r];
      lst[0] = inst.vTwEnd[r];
      this.cc[r][0] = this.cc[r][1] = 0;
      this.cd[r][0] = this.cd[r][1] = 0;
      this.cl[r].fill(0, 0, 2 * nD);
      this.dist[r] = 0;
      this.cost[r] = 0;
      this.excess[r] = 0;
      return true;
    }
    let feasible = true;
    let prev = inst.vStart[r];
    let t = inst.vTwStart[r];
    dep[0] = t;
    let dist = 0;
    let cost = inst.vFixed[r];
    const cc = this.cc[r];
    const cd = this.cd[r];
    const cl = this.cl[r];
    cc[0] = 0;
    cd[0] = 0;
    for (let k = 0; k < nD; k++) cl[k] = 0;
    for (let p = 0; p < len; p++) {
      const j = nodes[p];
      this.jobRoute[j] = r;
      this.jobPos[j] = p;
      const l = inst.jobLoc[j];
      const arr = t + T[prev * M + l];
      let s = Infinity;
      for (let w = inst.twOff[j], w1 = inst.twOff[j + 1]; w < w1; w++) {
        if (arr <= inst.twEnd[w]) {
          s = arr > inst.twStart[w] ? arr : inst.twStart[w];
          break;
        }
      }
      if (s === Infinity) feasible = false;
      t = s + inst.jobService[j];
      dep[p + 1] = t;
      dist += D[prev * M + l];
      cost += C[prev * M + l];
      cd[p + 1] = dist;
      cc[p + 1] = cost - inst.vFixed[r];
      for (let k = 0; k < nD; k++) {
        this.load[r * nD + k] += inst.jobDemand[j * nD + k];
        cl[(p + 1) * nD + k] = this.load[r * nD + k];
      }
      prev = l;
    }
    const end = inst.vEnd[r];
    t += T[prev * M + end];
    dist += D[prev * M + end];
    cost += C[prev * M + end];
    cd[len + 1] = dist;
    cc[len + 1] = cost - inst.vFixed[r];
    for (let k = 0; k < nD; k++) cl[(len + 1) * nD + k] = this.load[r * nD + k];
    dep[len + 1] = t;
    if (t > inst.vTwEnd[r]) feasible = false;
    this.dist[r] = dist;
    this.cost[r] = cost;
    if (dist > inst.vMaxDist[r]) feasible = false;
    // backward latest start
    let next = end;
    let bound = inst.vTwEnd[r];
    lst[len + 1] = bound;
    for (let p = len - 1; p >= 0; p--) {
      const j = nodes[p];
      const l = inst.jobLoc[j];
      const bnd = bound - T[l * M + next] - inst.jobService[j];
      bound = -Infinity;
      for (let w = inst.twOff[j + 1] - 1, w0 = inst.twOff[j]; w >= w0; w--) {
        if (bnd >= inst.twStart[w]) {
          bound = bnd < inst.twEnd[w] ? bnd : inst.twEnd[w];
          break;
        }
      }
      lst[p + 1] = bound;
      next = l;
    }
    lst[0] = bound - T[inst.vStart[r] * M + next];
    if (lst[0] < inst.vTwStart[r]) feasible = false;
    this.excess[r] = this.excessWith(r, -1);
    if (this.excess[r] > 0) feasible = false;
    return feasible;
  }

  /** Overload of route r if job j (or nothing, j = -1) were added. */
  excessWith(r: number, j: number): number {
    const inst = this.inst;
    const nD = inst.nDims;
    let e = 0;
    for (let k = 0; k < nD; k++) {
      const cap = inst.vCap[r * nD + k];
      const over = this.load[r * nD + k] + (j >= 0 ? inst.jobDemand[j * nD + k] : 0) - cap;
      if (over > 1e-9) e += cap > 0 ? over / cap : over;
    }
    return e;
  }

  totalExcess(): number {
    let e = 0;
    for (let v = 0; v < this.inst.nVehicles; v++) e += this.excess[v];
    return e;
  }

  /** Whether job j fits the vehicle of route r in capacity and skills. */
  fits(r: number, j: number): boolean {
    const inst = this.inst;
    if (inst.compat[r * inst.nJobs + j] === 0) return false;
    const nD = inst.nDims;
    for (let k = 0; k < nD; k++) {
      if (this.load[r * nD + k] + inst.jobDemand[j * nD + k] > inst.vCap[r * nD + k] + 1e-9) return false;
    }
    return true;
  }

  /**
   * Cost delta of inserting job j before position `pos` (0..len) of route r,
   * or Infinity if infeasible in time / distance. Capacity and skills are
   * checked separately with `fits`.
   */
  insertionDelta(r: number, j: number, pos: number): number {
    const inst = this.inst;
    const nodes = this.routes[r];
    const len = nodes.length;
    const M = inst.m;
    const a = pos === 0 ? inst.vStart[r] : inst.jobLoc[nodes[pos - 1]];
    const b = pos === len ? inst.vEnd[r] : inst.jobLoc[nodes[pos]];
    const l = inst.jobLoc[j];
    const T = inst.times[inst.vProfile[r]];
    const s = earliestStart(inst, j, this.dep[r][pos] + T[a * M + l]);
    if (s + inst.jobService[j] + T[l * M + b] > this.lst[r][pos + 1]) return Infinity;
    const maxD = inst.vMaxDist[r];
    if (maxD !== Infinity) {
      const D = inst.dists[inst.vProfile[r]];
      const removed = len === 0 ? 0 : D[a * M + b];
      if (this.dist[r] + D[a * M + l] + D[l * M + b] - removed > maxD + 1e-9) return Infinity;
    }
    const C = inst.costs[inst.vClass[r]];
    // An empty route has no a->b arc to remove (start may differ from end) but pays the fixed cost.
    return len === 0 ? C[a * M + l] + C[l * M + b] + inst.vFixed[r] : C[a * M + l] + C[l * M + b] - C[a * M + b];
  }

  /** Position found by the last `bestInsertion` call. */
  bestPos = -1;

  /**
   * Cheapest feasible insertion of job j into route r (capacity and skills must
   * be checked with `fits` first). Each position is skipped with probability
   * `blink` (SISR blinks). Returns the cost delta (Infinity if none) and sets
   * `bestPos`. Written as one allocation-free loop: this is the hot path.
   */
  bestInsertion(r: number, j: number, blink: number, rng: Rng | null, extra = 0): number {
    const inst = this.inst;
    const nodes = this.routes[r];
    const len = nodes.length;
    const M = inst.m;
    const T = inst.times[inst.vProfile[r]];
    const C = inst.costs[inst.vClass[r]];
    const dep = this.dep[r];
    const lst = this.lst[r];
    const jobLoc = inst.jobLoc;
    const l = jobLoc[j];
    const svc = inst.jobService[j];
    const w0 = inst.twOff[j];
    const w1 = inst.twOff[j + 1];
    const twS = inst.twStart;
    const twE = inst.twEnd;
    const maxD = inst.vMaxDist[r];
    const D = inst.dists[inst.vProfile[r]];
    const lM = l * M;
    let best = Infinity;
    let bestPos = -1;
    let a = inst.vStart[r];
    for (let p = 0; p <= len; p++) {
      const b = p === len ? inst.vEnd[r] : jobLoc[nodes[p]];
      if (rng !== null && rng.next() < blink) {
        a = b;
        continue;
      }
      const delta = extra + (len === 0 ? C[a * M + l] + C[lM + b] + inst.vFixed[r] : C[a * M + l] + C[lM + b] - C[a * M + b]);
      if (delta < best) {
        // time windows: earliest service start at j, then arrival at b against its latest start
        const arr = dep[p] + T[a * M + l];
        let s = Infinity;
        for (let w = w0; w < w1; w++) {
          if (arr <= twE[w]) {
            s = arr > twS[w] ? arr : twS[w];
            break;
          }
        }
        if (s + svc + T[lM + b] <= lst[p + 1]) {
          let ok = true;
          if (maxD !== Infinity) {
            const removed = len === 0 ? 0 : D[a * M + b];
            ok = this.dist[r] + D[a * M + l] + D[lM + b] - removed <= maxD + 1e-9;
          }
          if (ok) {
            best = delta;
            bestPos = p;
          }
        }
      }
      a = b;
    }
    this.bestPos = bestPos;
    return best;
  }

  insert(r: number, j: number, pos: number): void {
    this.routes[r].splice(pos, 0, j);
    this.jobRoute[j] = r;
    this.penalty -= this.inst.jobPenalty[j];
    this.unserved--;
    this.update(r);
  }

  /** Remove job j from its route without updating caches (call update later). */
  detach(j: number): number {
    const r = this.jobRoute[j];
    const nodes = this.routes[r];
    const idx = nodes.indexOf(j);
    nodes.splice(idx, 1);
    this.jobRoute[j] = -1;
    this.jobPos[j] = -1;
    this.penalty += this.inst.jobPenalty[j];
    this.unserved++;
    return r;
  }

  copyFrom(other: State): void {
    for (let v = 0; v < this.inst.nVehicles; v++) this.copyRoute(other, v);
    this.jobRoute.set(other.jobRoute);
    this.jobPos.set(other.jobPos);
    this.penalty = other.penalty;
    this.unserved = other.unserved;
  }

  copyRoute(other: State, v: number): void {
    const src = other.routes[v];
    const dst = this.routes[v];
    dst.length = src.length;
    for (let i = 0; i < src.length; i++) dst[i] = src[i];
    // plain loops: typed-array subarray views would allocate on this hot path
    const n2 = src.length + 2;
    copyPrefix(other.dep[v], this.dep[v], n2);
    copyPrefix(other.lst[v], this.lst[v], n2);
    copyPrefix(other.cc[v], this.cc[v], n2);
    copyPrefix(other.cd[v], this.cd[v], n2);
    copyPrefix(other.cl[v], this.cl[v], n2 * this.inst.nDims);
    const nD = this.inst.nDims;
    for (let k = 0; k < nD; k++) this.load[v * nD + k] = other.load[v * nD + k];
    this.dist[v] = other.dist[v];
    this.cost[v] = other.cost[v];
    this.excess[v] = other.excess[v];
  }
}

function copyPrefix(src: Float64Array, dst: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) dst[i] = src[i];
}

/** Insert x at index pos of arr without allocating (Array.prototype.splice returns a new array). */
export function insertAt(arr: number[], pos: number, x: number): void {
  arr.push(x);
  for (let i = arr.length - 1; i > pos; i--) arr[i] = arr[i - 1];
  arr[pos] = x;
}

/** Remove `count` items at index pos of arr without allocating. */
export function removeAt(arr: number[], pos: number, count: number): void {
  const len = arr.length;
  for (let i = pos + count; i < len; i++) arr[i - count] = arr[i];
  arr.length = len - count;
}

/** Full feasibility check of a job sequence on vehicle v (used by construction). */
export function sequenceFeasible(inst: Instance, v: number, nodes: readonly number[]): boolean {
  const M = inst.m;
  const T = inst.times[inst.vProfile[v]];
  const D = inst.dists[inst.vProfile[v]];
  const nD = inst.nDims;
  let prev = inst.vStart[v];
  let t = inst.vTwStart[v];
  let dist = 0;
  for (const j of nodes) {
    if (inst.compat[v * inst.nJobs + j] === 0) return false;
    const l = inst.jobLoc[j];
    const s = earliestStart(inst, j, t + T[prev * M + l]);
    if (s === Infinity) return false;
    t = s + inst.jobService[j];
    dist += D[prev * M + l];
    prev = l;
  }
  t += T[prev * M + inst.vEnd[v]];
  dist += D[prev * M + inst.vEnd[v]];
  if (t > inst.vTwEnd[v] || dist > inst.vMaxDist[v] + 1e-9) return false;
  for (let k = 0; k < nD; k++) {
    let sum = 0;
    for (const j of nodes) sum += inst.jobDemand[j * nD + k];
    if (sum > inst.vCap[v * nD + k] + 1e-9) return false;
  }
  return true;
}

export function sequenceCost(inst: Instance, v: number, nodes: readonly number[]): number {
  if (nodes.length === 0) return 0;
  const M = inst.m;
  const C = inst.costs[inst.vClass[v]];
  let prev = inst.vStart[v];
  let c = inst.vFixed[v];
  for (const j of nodes) {
    const l = inst.jobLoc[j];
    c += C[prev * M + l];
    prev = l;
  }
  return c + C[prev * M + inst.vEnd[v]];
}
