import type { Instance } from './model';
import type { Rng } from './rng';
import { insertAt, removeAt, type State } from './state';

/**
 * Granular local search (Toth & Vigo 2003 granular neighbourhoods; move set as
 * in HGS-CVRP, Vidal 2022): for each job u and each of its nearest
 * neighbours v, try relocate u next to v, swap u and v, 2-opt* creating the
 * arc u→v or v→u, and, on instances without job time windows, intra-route
 * relocate and 2-opt. First improvement, until no move improves.
 *
 * All feasibility checks are O(1) (plus O(route) for skills on 2-opt* when
 * skills restrict vehicles) thanks to the per-route caches of `State`:
 * earliest departure, latest start, prefix cost, distance and load.
 * Inter-route moves are restricted to vehicles of the same group (same cost
 * class, profile, depots, working window, max distance and fixed cost), so
 * route segments keep their cost when they change vehicle.
 */
export class LocalSearch {
  private readonly symmetric: boolean;
  private readonly order: Int32Array;
  private readonly newLoad: Float64Array;
  /** Routes changed by the last `run`. */
  readonly changed: number[] = [];
  private readonly changedMark: Uint8Array;

  constructor(
    private readonly inst: Instance,
    private readonly neighbours: Int32Array[],
    private readonly granularity: number,
  ) {
    this.symmetric = isSymmetric(inst);
    this.order = Int32Array.from({ length: inst.nJobs }, (_, i) => i);
    this.newLoad = new Float64Array(Math.max(1, inst.nDims));
    this.changedMark = new Uint8Array(inst.nVehicles);
  }

  /**
   * Improve `s` in place. `lambda` is the penalty per unit of relative
   * capacity overload; `hard` forbids any overload increase.
   */
  run(
    s: State,
    lambda: number,
    hard: boolean,
    rng: Rng,
    jobs: readonly number[] | null = null,
    maxMoves = Infinity,
    shouldStop: (() => boolean) | null = null,
  ): number {
    const inst = this.inst;
    const order = this.order;
    for (const r of this.changed) this.changedMark[r] = 0;
    this.changed.length = 0;
    let n = inst.nJobs;
    if (jobs !== null) {
      // restricted to the given jobs (e.g. the ones just reinserted)
      n = jobs.length;
      for (let i = 0; i < n; i++) order[i] = jobs[i];
    } else {
      for (let i = 0; i < n; i++) order[i] = i;
    }
    for (let i = n - 1; i > 0; i--) {
      const k = rng.int(i + 1);
      const t = order[i];
      order[i] = order[k];
      order[k] = t;
    }
    let moves = 0;
    let improved = true;
    const K = this.granularity;
    while (improved && moves < maxMoves) {
      improved = false;
      for (let oi = 0; oi < n; oi++) {
        if (shouldStop !== null && (oi & 15) === 0 && shouldStop()) return moves;
        const u = order[oi];
        if (s.jobRoute[u] < 0) continue;
        const nb = this.neighbours[u];
        const kk = Math.min(K, nb.length);
        for (let q = 0; q < kk; q++) {
          const v = nb[q];
          if (s.jobRoute[v] < 0 || s.jobRoute[u] < 0) continue;
          if (this.tryMoves(s, u, v, lambda, hard)) {
            improved = true;
            moves++;
          }
        }
      }
    }
    return moves;
  }

  private mark(r: number): void {
    if (!this.changedMark[r]) {
      this.changedMark[r] = 1;
      this.changed.push(r);
    }
  }

  private loc(s: State, r: number, P: number): number {
    const nodes = s.routes[r];
    if (P === 0) return this.inst.vStart[r];
    if (P > nodes.length) return this.inst.vEnd[r];
    return this.inst.jobLoc[nodes[P - 1]];
  }

  /** Excess of route r with load vector `this.newLoad`. */
  private excessOf(r: number): number {
    const inst = this.inst;
    const nD = inst.nDims;
    let e = 0;
    for (let k = 0; k < nD; k++) {
      const cap = inst.vCap[r * nD + k];
      const over = this.newLoad[k] - cap;
      if (over > 1e-9) e += cap > 0 ? over / cap : over;
    }
    return e;
  }

  private penalty(dExcess: number, newExcess: number, lambda: number, hard: boolean): number {
    if (hard) return newExcess > 1e-9 && dExcess > 1e-12 ? Infinity : 0;
    return lambda * dExcess;
  }

  /** Earliest service start of job j when arriving at `arr` (Infinity if none). */
  private est(j: number, arr: number): number {
    const inst = this.inst;
    for (let w = inst.twOff[j], w1 = inst.twOff[j + 1]; w < w1; w++) {
      if (arr <= inst.twEnd[w]) return arr > inst.twStart[w] ? arr : inst.twStart[w];
    }
    return Infinity;
  }

  private tryMoves(s: State, u: number, v: number, lambda: number, hard: boolean): boolean {
    const inst = this.inst;
    const A = s.jobRoute[u];
    const B = s.jobRoute[v];
    if (A === B) {
      if (inst.hasTimeWindows) return false;
      return this.intraRelocate(s, u, v) || (this.symmetric && this.intra2opt(s, u, v));
    }
    if (inst.vGroup[A] !== inst.vGroup[B]) {
      // different vehicle kinds: only relocations (insertion cost is exact per vehicle)
      return this.relocate(s, u, v, lambda, hard);
    }
    return (
      this.relocate(s, u, v, lambda, hard) ||
      this.swap(s, u, v, lambda, hard) ||
      this.twoOptStar(s, A, s.jobPos[u] + 1, B, s.jobPos[v], lambda, hard) ||
      this.twoOptStar(s, A, s.jobPos[u], B, s.jobPos[v] + 1, lambda, hard)
    );
  }

  /** Removal of the job at position P of route r: cost delta or Infinity if infeasible. */
  private removalDelta(s: State, r: number, P: number): number {
    const inst = this.inst;
    const len = s.routes[r].length;
    if (len === 1) return -s.cost[r];
    const M = inst.m;
    const a = this.loc(s, r, P - 1);
    const x = this.loc(s, r, P);
    const b = this.loc(s, r, P + 1);
    const T = inst.times[inst.vProfile[r]];
    if (s.dep[r][P - 1] + T[a * M + b] > s.lst[r][P + 1]) return Infinity;
    const maxD = inst.vMaxDist[r];
    if (maxD !== Infinity) {
      const D = inst.dists[inst.vProfile[r]];
      if (s.dist[r] - D[a * M + x] - D[x * M + b] + D[a * M + b] > maxD + 1e-9) return Infinity;
    }
    const C = inst.costs[inst.vClass[r]];
    return C[a * M + b] - C[a * M + x] - C[x * M + b];
  }

  private relocate(s: State, u: number, v: number, lambda: number, hard: boolean): boolean {
    const inst = this.inst;
    const A = s.jobRoute[u];
    const B = s.jobRoute[v];
    if (inst.compat[B * inst.nJobs + u] === 0) return false;
    const Pu = s.jobPos[u] + 1;
    const rem = this.removalDelta(s, A, Pu);
    if (rem === Infinity) return false;
    const nD = inst.nDims;
    // capacity
    for (let k = 0; k < nD; k++) this.newLoad[k] = s.load[A * nD + k] - inst.jobDemand[u * nD + k];
    const eA = this.excessOf(A);
    for (let k = 0; k < nD; k++) this.newLoad[k] = s.load[B * nD + k] + inst.jobDemand[u * nD + k];
    const eB = this.excessOf(B);
    const pen = this.penalty(eA + eB - s.excess[A] - s.excess[B], eA + eB, lambda, hard);
    if (pen === Infinity) return false;
    const Pv = s.jobPos[v] + 1;
    // insert after v (index Pv) or before v (index Pv - 1)
    for (let side = 0; side < 2; side++) {
      const pos = side === 0 ? Pv : Pv - 1;
      const ins = s.insertionDelta(B, u, pos);
      if (ins === Infinity) continue;
      if (rem + ins + pen < -1e-9) {
        removeAt(s.routes[A], Pu - 1, 1);
        insertAt(s.routes[B], pos, u);
        s.update(A);
        s.update(B);
        this.mark(A);
        this.mark(B);
        return true;
      }
    }
    return false;
  }

  private swap(s: State, u: number, v: number, lambda: number, hard: boolean): boolean {
    const inst = this.inst;
    const A = s.jobRoute[u];
    const B = s.jobRoute[v];
    const nJ = inst.nJobs;
    if (inst.compat[B * nJ + u] === 0 || inst.compat[A * nJ + v] === 0) return false;
    const nD = inst.nDims;
    for (let k = 0; k < nD; k++) this.newLoad[k] = s.load[A * nD + k] - inst.jobDemand[u * nD + k] + inst.jobDemand[v * nD + k];
    const eA = this.excessOf(A);
    for (let k = 0; k < nD; k++) this.newLoad[k] = s.load[B * nD + k] + inst.jobDemand[u * nD + k] - inst.jobDemand[v * nD + k];
    const eB = this.excessOf(B);
    const pen = this.penalty(eA + eB - s.excess[A] - s.excess[B], eA + eB, lambda, hard);
    if (pen === Infinity) return false;
    const Pu = s.jobPos[u] + 1;
    const Pv = s.jobPos[v] + 1;
    const dA = this.replaceDelta(s, A, Pu, v);
    if (dA === Infinity) return false;
    const dB = this.replaceDelta(s, B, Pv, u);
    if (dB === Infinity) return false;
    if (dA + dB + pen < -1e-9) {
      s.routes[A][Pu - 1] = v;
      s.routes[B][Pv - 1] = u;
      s.update(A);
      s.update(B);
      this.mark(A);
      this.mark(B);
      return true;
    }
    return false;
  }

  /** Cost delta of replacing the job at position P of route r by job j (Infinity if infeasible). */
  private replaceDelta(s: State, r: number, P: number, j: number): number {
    const inst = this.inst;
    const M = inst.m;
    const a = this.loc(s, r, P - 1);
    const x = this.loc(s, r, P);
    const b = this.loc(s, r, P + 1);
    const l = inst.jobLoc[j];
    const T = inst.times[inst.vProfile[r]];
    const st = this.est(j, s.dep[r][P - 1] + T[a * M + l]);
    if (st + inst.jobService[j] + T[l * M + b] > s.lst[r][P + 1]) return Infinity;
    const maxD = inst.vMaxDist[r];
    if (maxD !== Infinity) {
      const D = inst.dists[inst.vProfile[r]];
      if (s.dist[r] - D[a * M + x] - D[x * M + b] + D[a * M + l] + D[l * M + b] > maxD + 1e-9) return Infinity;
    }
    const C = inst.costs[inst.vClass[r]];
    return C[a * M + l] + C[l * M + b] - C[a * M + x] - C[x * M + b];
  }

  /**
   * 2-opt* between routes A and B of the same group: A keeps positions 0..Pa and
   * continues with B's jobs after Pb; B keeps 0..Pb and continues with A's jobs after Pa.
   */
  private twoOptStar(s: State, A: number, Pa: number, B: number, Pb: number, lambda: number, hard: boolean): boolean {
    const inst = this.inst;
    const lenA = s.routes[A].length;
    const lenB = s.routes[B].length;
    if (Pa < 0 || Pb < 0 || Pa > lenA || Pb > lenB) return false;
    if (Pa === lenA && Pb === lenB) return false;
    if (Pa === 0 && Pb === 0) return false;
    const M = inst.m;
    const a = this.loc(s, A, Pa);
    const b = this.loc(s, B, Pb);
    const x = this.loc(s, A, Pa + 1);
    const y = this.loc(s, B, Pb + 1);
    const C = inst.costs[inst.vClass[A]];
    const ccA = s.cc[A];
    const ccB = s.cc[B];
    const fixed = inst.vFixed[A];
    const newLenA = Pa + (lenB - Pb);
    const newLenB = Pb + (lenA - Pa);
    const costA = newLenA === 0 ? 0 : fixed + ccA[Pa] + C[a * M + y] + (ccB[lenB + 1] - ccB[Pb + 1]);
    const costB = newLenB === 0 ? 0 : fixed + ccB[Pb] + C[b * M + x] + (ccA[lenA + 1] - ccA[Pa + 1]);
    const dCost = costA + costB - s.cost[A] - s.cost[B];
    if (dCost > -1e-9 && hard) return false;
    // capacity
    const nD = inst.nDims;
    const clA = s.cl[A];
    const clB = s.cl[B];
    for (let k = 0; k < nD; k++) this.newLoad[k] = clA[Pa * nD + k] + s.load[B * nD + k] - clB[Pb * nD + k];
    const eA = this.excessOf(A);
    for (let k = 0; k < nD; k++) this.newLoad[k] = clB[Pb * nD + k] + s.load[A * nD + k] - clA[Pa * nD + k];
    const eB = this.excessOf(B);
    const pen = this.penalty(eA + eB - s.excess[A] - s.excess[B], eA + eB, lambda, hard);
    if (!(dCost + pen < -1e-9)) return false;
    // time: arrival at the first node of the new tail must not exceed its latest start
    const T = inst.times[inst.vProfile[A]];
    if (newLenA > 0 && s.dep[A][Pa] + T[a * M + y] > s.lst[B][Pb + 1]) return false;
    if (newLenB > 0 && s.dep[B][Pb] + T[b * M + x] > s.lst[A][Pa + 1]) return false;
    const maxD = inst.vMaxDist[A];
    if (maxD !== Infinity) {
      const D = inst.dists[inst.vProfile[A]];
      if (newLenA > 0 && s.cd[A][Pa] + D[a * M + y] + (s.dist[B] - s.cd[B][Pb + 1]) > maxD + 1e-9) return false;
      if (newLenB > 0 && s.cd[B][Pb] + D[b * M + x] + (s.dist[A] - s.cd[A][Pa + 1]) > maxD + 1e-9) return false;
    }
    const tailA = s.routes[A].slice(Pa);
    const tailB = s.routes[B].slice(Pb);
    if (inst.hasSkillLimits) {
      const nJ = inst.nJobs;
      for (const j of tailB) if (inst.compat[A * nJ + j] === 0) return false;
      for (const j of tailA) if (inst.compat[B * nJ + j] === 0) return false;
    }
    s.routes[A].length = Pa;
    s.routes[B].length = Pb;
    for (const j of tailB) s.routes[A].push(j);
    for (const j of tailA) s.routes[B].push(j);
    s.update(A);
    s.update(B);
    this.mark(A);
    this.mark(B);
    return true;
  }

  /** Move u right after v (or right before v) in the same route; only without job time windows. */
  private intraRelocate(s: State, u: number, v: number): boolean {
    const inst = this.inst;
    const r = s.jobRoute[u];
    const nodes = s.routes[r];
    const Pu = s.jobPos[u] + 1;
    const Pv = s.jobPos[v] + 1;
    const M = inst.m;
    const C = inst.costs[inst.vClass[r]];
    const T = inst.times[inst.vProfile[r]];
    const D = inst.dists[inst.vProfile[r]];
    const lu = inst.jobLoc[u];
    const a = this.loc(s, r, Pu - 1);
    const b = this.loc(s, r, Pu + 1);
    for (let side = 0; side < 2; side++) {
      // insert between positions Q and Q+1 of the original route
      const Q = side === 0 ? Pv : Pv - 1;
      if (Q === Pu || Q === Pu - 1) continue;
      const p = this.loc(s, r, Q);
      const q = this.loc(s, r, Q + 1);
      const d = C[a * M + b] - C[a * M + lu] - C[lu * M + b] + C[p * M + lu] + C[lu * M + q] - C[p * M + q];
      if (!(d < -1e-9)) continue;
      const dt = T[a * M + b] - T[a * M + lu] - T[lu * M + b] + T[p * M + lu] + T[lu * M + q] - T[p * M + q];
      if (s.dep[r][nodes.length + 1] + dt > inst.vTwEnd[r]) continue;
      const dd = D[a * M + b] - D[a * M + lu] - D[lu * M + b] + D[p * M + lu] + D[lu * M + q] - D[p * M + q];
      if (s.dist[r] + dd > inst.vMaxDist[r] + 1e-9) continue;
      removeAt(nodes, Pu - 1, 1);
      insertAt(nodes, Q > Pu ? Q - 1 : Q, u);
      s.update(r);
      this.mark(r);
      return true;
    }
    return false;
  }

  /** Reverse the segment between u and v (symmetric matrices, no job time windows). */
  private intra2opt(s: State, u: number, v: number): boolean {
    const inst = this.inst;
    const r = s.jobRoute[u];
    let P1 = s.jobPos[u] + 1;
    let P2 = s.jobPos[v] + 1;
    if (P1 > P2) {
      const t = P1;
      P1 = P2;
      P2 = t;
    }
    // reverse positions P1+1..P2: new arcs (P1 → P2) — the close pair — and (P1+1 → P2+1)
    if (P2 - P1 < 2) return false;
    const M = inst.m;
    const C = inst.costs[inst.vClass[r]];
    const T = inst.times[inst.vProfile[r]];
    const D = inst.dists[inst.vProfile[r]];
    const a = this.loc(s, r, P1);
    const x = this.loc(s, r, P1 + 1);
    const y = this.loc(s, r, P2);
    const b = this.loc(s, r, P2 + 1);
    const d = C[a * M + y] + C[x * M + b] - C[a * M + x] - C[y * M + b];
    if (!(d < -1e-9)) return false;
    const dt = T[a * M + y] + T[x * M + b] - T[a * M + x] - T[y * M + b];
    const nodes = s.routes[r];
    if (s.dep[r][nodes.length + 1] + dt > inst.vTwEnd[r]) return false;
    const dd = D[a * M + y] + D[x * M + b] - D[a * M + x] - D[y * M + b];
    if (s.dist[r] + dd > inst.vMaxDist[r] + 1e-9) return false;
    for (let i = P1, k = P2 - 1; i < k; i++, k--) {
      const t = nodes[i];
      nodes[i] = nodes[k];
      nodes[k] = t;
    }
    s.update(r);
    this.mark(r);
    return true;
  }
}

function isSymmetric(inst: Instance): boolean {
  const M = inst.m;
  const mats = [...inst.costs, ...inst.times, ...inst.dists];
  for (const X of mats) {
    for (let i = 0; i < M; i++) for (let j = i + 1; j < M; j++) if (Math.abs(X[i * M + j] - X[j * M + i]) > 1e-9) return false;
  }
  return true;
}
