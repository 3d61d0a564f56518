import type { Instance } from './model';
import { Rng } from './rng';
import { LocalSearch } from './localsearch';
import { insertAt, removeAt, State } from './state';

/**
 * Slack Induction by String Removals (SISR, Christiaens & Vanden Berghe,
 * Transportation Science 2020): ruin adjacent strings of customers in several
 * routes, recreate by greedy insertion with blinks, accept by simulated
 * annealing. Our own implementation; parameters below.
 */
export interface SearchParams {
  /** Average number of removed customers (c̄). */
  avgRemoved: number;
  /** Maximum string length (L_max). */
  maxString: number;
  /** Probability of the split-string variant. */
  splitRate: number;
  /** Probability to stop growing the preserved substring of a split string. */
  splitDepth: number;
  /** Probability to skip an insertion position. */
  blinkRate: number;
  /** Initial / final temperature as a fraction of the average arc cost of the start solution. */
  t0: number;
  tf: number;
  /** Neighbour list length used by the ruin step. */
  neighbours: number;
  /** Weight of one unserved job (× penalty) in the acceptance test, as a fraction of the average arc cost. */
  unservedWeight: number;
  /** Allow capacity overload during the search, penalised adaptively (as in HGS). 1 = on. */
  softCapacity: number;
  /** Initial overload penalty per unit of relative overload, as a multiple of the average arc cost. */
  capacityPenalty: number;
  /** With soft capacity, once the overload penalty exceeds this (× average arc cost), a job whose
   * cheapest insertion overloads a vehicle and costs more than leaving it out is left out
   * (lets the search drop jobs when demand exceeds the fleet). */
  dropWeight: number;
  /** Neighbours per job in the local search (0 = no local search). */
  granularity: number;
  /** Run the local search on candidates within this relative distance of the best objective. */
  lsThreshold: number;
}

export const DEFAULT_SEARCH_PARAMS: SearchParams = {
  avgRemoved: 10,
  maxString: 10,
  splitRate: 0.5,
  splitDepth: 0.01,
  blinkRate: 0.01,
  t0: 0.5,
  tf: 0.005,
  neighbours: 60,
  unservedWeight: 10,
  softCapacity: 1,
  capacityPenalty: 100,
  dropWeight: 1000,
  granularity: 10,
  lsThreshold: 1,
};

export interface SearchLimits {
  deadline: number; // value of clock()
  /** Milliseconds clock (default performance.now). */
  clock?: () => number;
  /** Precomputed neighbour lists (buildNeighbours with params.neighbours). */
  neighbours?: Int32Array[];
  startTime: number;
  maxIterations: number;
  signal?: AbortSignal;
  cancelFlag?: Int32Array;
}

export interface SearchResult {
  best: State;
  /** Diagnostics. */
  removedTotal: number;
  lsRuns: number;
  lambda: number;
  hardCapacity: boolean;
  iterations: number;
  stoppedBy: 'time' | 'iterations';
}

export class AbortError extends Error {
  constructor(message = 'The operation was aborted') {
    super(message);
    this.name = 'AbortError';
  }
}

function better(penA: number, costA: number, penB: number, costB: number): boolean {
  if (penA < penB - 1e-9) return true;
  if (penA > penB + 1e-9) return false;
  return costA < costB - 1e-9;
}

export function buildNeighbours(inst: Instance, k: number): Int32Array[] {
  const n = inst.nJobs;
  const M = inst.m;
  const C = inst.costs[0];
  const out: Int32Array[] = [];
  const idx = Array.from({ length: n }, (_, i) => i);
  const d = new Float64Array(n);
  const kk = Math.min(k, n);
  for (let i = 0; i < n; i++) {
    const li = inst.jobLoc[i];
    for (let j = 0; j < n; j++) {
      const lj = inst.jobLoc[j];
      d[j] = j === i ? -1 : C[li * M + lj] + C[lj * M + li];
    }
    idx.sort((a, b) => d[a] - d[b] || a - b);
    out.push(Int32Array.from(idx.slice(0, kk)));
  }
  return out;
}

/**
 * The search loop, split in small methods (ruin, recreate, accept…) so that
 * V8 optimises them after a few hundred calls and keeps the optimised code
 * for later solves (one huge function would restart in the interpreter at
 * each call and only get on-stack-replaced late, which costs most of a
 * 100 ms budget).
 */
class Sisr {
  private readonly inst: Instance;
  private readonly n: number;
  private readonly nV: number;
  private readonly rng: Rng;
  private readonly cur: State;
  private readonly cand: State;
  readonly best: State;
  private readonly adj: Int32Array[];
  private readonly ls: LocalSearch | null;
  lsRuns = 0;
  removedTotal = 0;
  private curCost: number;
  bestCost: number;
  readonly scale: number;
  private readonly T0: number;
  private readonly Tf: number;
  private readonly W: number;
  private readonly Wdrop: number;
  hardCapacity: boolean;
  lambda: number;
  private readonly lambdaMax: number;
  private feasibleCount = 0;
  private curExcess = 0;
  private readonly demandKey: Float64Array;
  private readonly farKey: Float64Array;
  private readonly twKey: Float64Array;
  private readonly touched: Uint8Array;
  private readonly touchedList: number[] = [];
  private readonly removed: number[] = [];
  private readonly typeStamp: Int32Array;
  private readonly sortKey: Float64Array;
  private readonly candRoutes: number[] = [];
  private readonly kept: number[] = [];
  private stamp = 0;
  iterations = 0;

  constructor(
    initial: State,
    seed: number,
    private readonly params: SearchParams,
    neighbours?: Int32Array[],
  ) {
    const inst = (this.inst = initial.inst);
    const n = (this.n = inst.nJobs);
    const nV = (this.nV = inst.nVehicles);
    this.rng = new Rng(seed);
    this.cur = new State(inst);
    this.cur.copyFrom(initial);
    this.cand = new State(inst);
    this.cand.copyFrom(initial);
    this.best = new State(inst);
    this.best.copyFrom(initial);
    this.adj = neighbours ?? buildNeighbours(inst, params.neighbours);
    this.ls = params.granularity > 0 ? new LocalSearch(inst, this.adj, params.granularity) : null;
    this.curCost = this.cur.totalCost();
    this.bestCost = this.curCost;
    // temperature scale: average arc cost of the initial solution
    let arcs = 0;
    for (let v = 0; v < nV; v++) if (initial.routes[v].length > 0) arcs += initial.routes[v].length + 1;
    const scale = (this.scale = arcs > 0 && this.curCost > 0 ? this.curCost / arcs : 1);
    this.T0 = params.t0 * scale;
    this.Tf = params.tf * scale;
    this.W = params.unservedWeight * scale;
    this.Wdrop = params.dropWeight * scale;
    this.hardCapacity = !params.softCapacity;
    this.lambda = params.capacityPenalty * scale;
    this.lambdaMax = 1e4 * scale;
    // static per-job keys for recreate orderings
    const nD = inst.nDims;
    this.demandKey = new Float64Array(n);
    this.farKey = new Float64Array(n);
    this.twKey = new Float64Array(n);
    const capRef = new Float64Array(nD).fill(1);
    for (let k = 0; k < nD; k++) {
      let mx = 0;
      for (let v = 0; v < nV; v++) {
        const c = inst.vCap[v * nD + k];
        if (c !== Infinity && c > mx) mx = c;
      }
      capRef[k] = mx > 0 ? mx : 1;
    }
    const M = inst.m;
    const C = inst.costs[inst.vClass[0] ?? 0];
    const s0 = inst.vStart[0] ?? 0;
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < nD; k++) s += inst.jobDemand[j * nD + k] / capRef[k];
      this.demandKey[j] = s;
      this.farKey[j] = C[s0 * M + inst.jobLoc[j]];
      this.twKey[j] = inst.twEnd[inst.twOff[j + 1] - 1];
    }
    this.touched = new Uint8Array(nV);
    this.typeStamp = new Int32Array(nV).fill(-1);
    this.sortKey = new Float64Array(n);
  }

  private touch(r: number): void {
    if (!this.touched[r]) {
      this.touched[r] = 1;
      this.touchedList.push(r);
    }
  }

  /** One ruin & recreate iteration at temperature `temp`. */
  iterate(temp: number): void {
    this.iterations++;
    this.removed.length = 0;
    this.touchedList.length = 0;
    this.ruin();
    this.addUnserved();
    this.removedTotal += this.removed.length;
    this.sortRemoved();
    this.recreate();
    if (this.ls !== null) this.localSearch();
    this.accept(temp);
    for (const r of this.touchedList) this.touched[r] = 0;
  }

  private ruin(): void {
    const cand = this.cand;
    const rng = this.rng;
    const params = this.params;
    const removed = this.removed;
    let served = 0;
    let nonEmpty = 0;
    for (let v = 0; v < this.nV; v++) {
      const l = cand.routes[v].length;
      if (l > 0) {
        served += l;
        nonEmpty++;
      }
    }
    if (served === 0) return;
    const n = this.n;
    const lsMax = Math.min(params.maxString, served / nonEmpty);
    const ksMax = (4 * params.avgRemoved) / (1 + lsMax) - 1;
    const ks = Math.floor(rng.next() * ksMax) + 1;
    let seedJob = rng.int(n);
    for (let tries = 0; cand.jobRoute[seedJob] < 0 && tries < 2 * n; tries++) seedJob = rng.int(n);
    const nb = this.adj[seedJob];
    let ruined = 0;
    for (let q = -1; q < nb.length && ruined < ks; q++) {
      const c = q < 0 ? seedJob : nb[q];
      const r = cand.jobRoute[c];
      if (r < 0 || this.touched[r]) continue;
      const route = cand.routes[r];
      const len = route.length;
      const ltMax = Math.min(len, lsMax);
      const lt = Math.floor(rng.next() * ltMax) + 1;
      const pos = cand.jobPos[c];
      this.touch(r);
      ruined++;
      if (lt === len || rng.next() >= params.splitRate) {
        const lo = Math.max(0, pos - lt + 1);
        const hi = Math.min(pos, len - lt);
        const start = lo + rng.int(hi - lo + 1);
        for (let i = start; i < start + lt; i++) removed.push(route[i]);
        removeAt(route, start, lt);
      } else {
        let m = 1;
        while (lt + m < len && rng.next() > params.splitDepth) m++;
        const span = lt + m;
        const lo = Math.max(0, pos - span + 1);
        const hi = Math.min(pos, len - span);
        const start = lo + rng.int(hi - lo + 1);
        const keepAt = rng.int(lt + 1); // preserved block offset within the span
        const kept = this.kept;
        kept.length = 0;
        for (let i = 0; i < span; i++) {
          const x = route[start + i];
          if (i >= keepAt && i < keepAt + m) kept.push(x);
          else removed.push(x);
        }
        // write back: route = route[0..start) + kept + route[start+span..)
        let w = start;
        for (let i = 0; i < kept.length; i++) route[w++] = kept[i];
        for (let i = start + span; i < len; i++) route[w++] = route[i];
        route.length = w;
      }
    }
    const inst = this.inst;
    for (const j of removed) {
      cand.jobRoute[j] = -1;
      cand.jobPos[j] = -1;
      cand.penalty += inst.jobPenalty[j];
      cand.unserved++;
    }
    for (const r of this.touchedList) cand.update(r);
  }

  /** Previously unserved jobs are retried at every iteration. */
  private addUnserved(): void {
    const cand = this.cand;
    if (cand.unserved <= this.removed.length) return;
    const removedCount = this.removed.length;
    for (let j = 0; j < this.n; j++) {
      if (cand.jobRoute[j] >= 0) continue;
      let dup = false;
      for (let i = 0; i < removedCount; i++) if (this.removed[i] === j) dup = true;
      if (!dup) this.removed.push(j);
    }
  }

  private sortRemoved(): void {
    const inst = this.inst;
    const rng = this.rng;
    const sortKey = this.sortKey;
    const mode = rng.next() * (inst.hasTimeWindows ? 13 : 11);
    for (const j of this.removed) {
      let key: number;
      if (mode < 4) key = rng.next();
      else if (mode < 8) key = -this.demandKey[j];
      else if (mode < 10) key = -this.farKey[j];
      else if (mode < 11) key = this.farKey[j];
      else key = this.twKey[j];
      sortKey[j] = key - inst.jobPenalty[j] * 1e6;
    }
    // insertion sort: the list is short and this avoids a comparator closure
    const a = this.removed;
    for (let i = 1; i < a.length; i++) {
      const x = a[i];
      const kx = sortKey[x];
      let k = i - 1;
      while (k >= 0 && (sortKey[a[k]] > kx || (sortKey[a[k]] === kx && a[k] > x))) {
        a[k + 1] = a[k];
        k--;
      }
      a[k + 1] = x;
    }
  }

  private recreate(): void {
    const inst = this.inst;
    const cand = this.cand;
    const nV = this.nV;
    const n = this.n;
    const candRoutes = this.candRoutes;
    const compat = inst.compat;
    const lambda = this.lambda;
    const hard = this.hardCapacity;
    const blink = this.params.blinkRate;
    // candidate routes: the non-empty ones plus the first empty vehicle of each type
    const stamp = ++this.stamp;
    candRoutes.length = 0;
    for (let r = 0; r < nV; r++) {
      if (cand.routes[r].length > 0) candRoutes.push(r);
      else if (this.typeStamp[inst.vType[r]] !== stamp) {
        this.typeStamp[inst.vType[r]] = stamp;
        candRoutes.push(r);
      }
    }
    for (const j of this.removed) {
      let bestR = -1;
      let bestP = -1;
      let bestD = Infinity;
      let bestExtra = 0;
      for (let q = 0; q < candRoutes.length; q++) {
        const r = candRoutes[q];
        let extra = 0;
        if (hard) {
          if (!cand.fits(r, j)) continue;
        } else {
          if (compat[r * n + j] === 0) continue;
          extra = lambda * (cand.excessWith(r, j) - cand.excess[r]);
          if (extra >= bestD) continue;
        }
        const d = cand.bestInsertion(r, j, blink, this.rng, extra);
        if (d < bestD) {
          bestD = d;
          bestR = r;
          bestP = cand.bestPos;
          bestExtra = extra;
        }
      }
      // with soft capacity, leaving the job out is an option when overloading costs more
      // (only once the overload penalty has climbed high, i.e. feasibility is hard to reach)
      if (bestR >= 0 && bestExtra > 0 && lambda >= this.Wdrop && bestD > this.W * inst.jobPenalty[j]) bestR = -1;
      if (bestR < 0) continue;
      if (cand.routes[bestR].length === 0) {
        // the type's next empty vehicle becomes a candidate
        const ty = inst.vType[bestR];
        for (let r = bestR + 1; r < nV; r++) {
          if (inst.vType[r] === ty && cand.routes[r].length === 0) {
            candRoutes.push(r);
            break;
          }
        }
      }
      insertAt(cand.routes[bestR], bestP, j);
      cand.penalty -= inst.jobPenalty[j];
      cand.unserved--;
      cand.update(bestR);
      this.touch(bestR);
    }
  }

  /** Granular local search around the reinserted jobs, on promising candidates. */
  private localSearch(): void {
    const ls = this.ls;
    if (ls === null) return;
    const cand = this.cand;
    let cc = 0;
    let ce = 0;
    for (let v = 0; v < this.nV; v++) {
      cc += cand.cost[v];
      ce += cand.excess[v];
    }
    const candObj = cc + this.lambda * ce + this.W * cand.penalty;
    const bestObj = this.bestCost + this.W * this.best.penalty;
    if (candObj < bestObj * (1 + this.params.lsThreshold)) {
      ls.run(cand, this.lambda, this.hardCapacity, this.rng, this.removed, 20 + 4 * this.removed.length);
      for (const r of ls.changed) this.touch(r);
      this.lsRuns++;
    }
  }

  private accept(temp: number): void {
    const cur = this.cur;
    const cand = this.cand;
    let candCost = this.curCost;
    let candExcess = this.curExcess;
    for (const r of this.touchedList) {
      candCost += cand.cost[r] - cur.cost[r];
      candExcess += cand.excess[r] - cur.excess[r];
    }
    if (candExcess < 1e-9) candExcess = 0;
    // penalty adaptation for the soft capacity (target: 30-50 % capacity-feasible candidates)
    if (!this.hardCapacity) {
      if (candExcess === 0) this.feasibleCount++;
      if (this.iterations % 20 === 0) {
        if (this.feasibleCount < 6) this.lambda *= 1.3;
        else if (this.feasibleCount > 10) this.lambda *= 0.85;
        this.feasibleCount = 0;
        if (this.lambda > this.lambdaMax) {
          // capacity cannot be met with everyone served: fall back to hard capacity
          this.hardCapacity = true;
          cur.copyFrom(this.best);
          cand.copyFrom(this.best);
          this.curCost = this.bestCost;
          this.curExcess = 0;
          return;
        }
      }
    }
    // Soft acceptance: unserved jobs cost `unservedWeight` × penalty, so the walk may pass through
    // solutions that temporarily drop a job (needed with tight fleets); the best is kept lexicographically.
    const lambda = this.lambda;
    const W = this.W;
    const accept =
      candCost + lambda * candExcess + W * cand.penalty <
      this.curCost + lambda * this.curExcess + W * cur.penalty - temp * Math.log(this.rng.next());
    if (accept) {
      for (const r of this.touchedList) cur.copyRoute(cand, r);
      cur.jobRoute.set(cand.jobRoute);
      cur.jobPos.set(cand.jobPos);
      cur.penalty = cand.penalty;
      cur.unserved = cand.unserved;
      this.curCost = candCost;
      this.curExcess = candExcess;
      if (candExcess === 0 && better(cur.penalty, candCost, this.best.penalty, this.bestCost)) {
        this.best.copyFrom(cur);
        this.bestCost = candCost;
      }
    } else {
      for (const r of this.touchedList) cand.copyRoute(cur, r);
      cand.jobRoute.set(cur.jobRoute);
      cand.jobPos.set(cur.jobPos);
      cand.penalty = cur.penalty;
      cand.unserved = cur.unserved;
    }
  }

  /** Full local search (hard capacity) on the start solution: a better start for short budgets. */
  polishStart(shouldStop: () => boolean): void {
    const ls = this.ls;
    if (ls === null) return;
    ls.run(this.cand, this.lambda, true, this.rng, null, Infinity, shouldStop);
    if (ls.changed.length === 0) return;
    const cost = this.cand.totalCost();
    this.cur.copyFrom(this.cand);
    this.curCost = cost;
    this.curExcess = 0;
    if (this.cand.totalExcess() === 0 && better(this.cand.penalty, cost, this.best.penalty, this.bestCost)) {
      this.best.copyFrom(this.cand);
      this.bestCost = cost;
    }
  }

  temperature(frac: number): number {
    return this.T0 * Math.pow(this.Tf / this.T0, frac);
  }
}

export function runSearch(initial: State, limits: SearchLimits, seed: number, params: SearchParams = DEFAULT_SEARCH_PARAMS): SearchResult {
  const inst = initial.inst;
  if (inst.nJobs === 0 || inst.nVehicles === 0) {
    const best = new State(inst);
    best.copyFrom(initial);
    return { best, iterations: 0, stoppedBy: 'iterations', removedTotal: 0, lsRuns: 0, lambda: 0, hardCapacity: false };
  }
  const search = new Sisr(initial, seed, params, limits.neighbours);
  const totalTime = Math.max(1, limits.deadline - limits.startTime);
  const clock = limits.clock ?? (() => performance.now());
  if (limits.maxIterations > 0) search.polishStart(() => clock() >= limits.deadline);
  let stoppedBy: 'time' | 'iterations';
  for (;;) {
    const it = search.iterations;
    if (it >= limits.maxIterations) {
      stoppedBy = 'iterations';
      break;
    }
    const now = clock();
    if (now >= limits.deadline) {
      stoppedBy = 'time';
      break;
    }
    if ((it & 63) === 0) {
      if (limits.signal?.aborted) throw new AbortError();
      if (limits.cancelFlag && Atomics.load(limits.cancelFlag, 0) !== 0) throw new AbortError();
    }
    // With an iteration budget the schedule depends on iterations only, so a seed gives the
    // same result on any machine (as long as the time limit does not cut the run short).
    const frac = limits.maxIterations === Infinity ? (now - limits.startTime) / totalTime : it / limits.maxIterations;
    search.iterate(search.temperature(frac));
  }
  return {
    best: search.best,
    iterations: search.iterations,
    stoppedBy,
    removedTotal: search.removedTotal,
    lsRuns: search.lsRuns,
    lambda: search.lambda / search.scale,
    hardCapacity: search.hardCapacity,
  };
}
