import type { Instance } from './model';
import { sequenceCost, sequenceFeasible, State } from './state';

/**
 * Clarke & Wright (1964) parallel savings, generalised: savings are computed
 * with the first vehicle's cost matrix and depots; a merge is accepted when
 * at least one vehicle type can run the merged route. Routes are then given
 * to vehicles (largest first, cheapest feasible vehicle) and whatever does
 * not fit the fleet is inserted greedily (cheapest insertion), by priority.
 */
export function clarkeWright(inst: Instance, neighbours?: readonly Int32Array[]): State {
  const state = new State(inst);
  const n = inst.nJobs;
  const nV = inst.nVehicles;
  if (n === 0 || nV === 0) return state;

  // one representative vehicle per type
  const reps: number[] = [];
  const seenType = new Set<number>();
  for (let v = 0; v < nV; v++) {
    if (!seenType.has(inst.vType[v])) {
      seenType.add(inst.vType[v]);
      reps.push(v);
    }
  }
  const feasibleSomewhere = (seq: number[]): boolean => {
    for (const v of reps) if (sequenceFeasible(inst, v, seq)) return true;
    return false;
  };

  const routeOf = new Int32Array(n).fill(-1);
  const seqs: (number[] | null)[] = [];
  for (let j = 0; j < n; j++) {
    if (feasibleSomewhere([j])) {
      routeOf[j] = seqs.length;
      seqs.push([j]);
    }
  }

  const v0 = reps[0];
  const M = inst.m;
  const C = inst.costs[inst.vClass[v0]];
  const s0 = inst.vStart[v0];
  const e0 = inst.vEnd[v0];
  const pairs: number[] = [];
  const savings: number[] = [];
  // with neighbour lists, only pairs of near jobs are considered (granular savings)
  for (let i = 0; i < n; i++) {
    if (routeOf[i] < 0) continue;
    const li = inst.jobLoc[i];
    const nb = neighbours?.[i];
    const cnt = nb ? nb.length : n;
    for (let q = 0; q < cnt; q++) {
      const j = nb ? nb[q] : q;
      if (i === j || routeOf[j] < 0) continue;
      const lj = inst.jobLoc[j];
      const s = C[li * M + e0] + C[s0 * M + lj] - C[li * M + lj];
      if (s > 0) {
        pairs.push(i * n + j);
        savings.push(s);
      }
    }
  }
  const sv = Float64Array.from(savings);
  const pr = Int32Array.from(pairs);
  const order = Uint32Array.from(pairs.keys());
  order.sort((a, b) => sv[b] - sv[a] || pr[a] - pr[b]);

  for (const k of order) {
    const i = Math.floor(pr[k] / n);
    const j = pr[k] % n;
    const ri = routeOf[i];
    const rj = routeOf[j];
    if (ri === rj) continue;
    const A = seqs[ri];
    const B = seqs[rj];
    if (!A || !B) continue;
    // i must end A and j must start B; routes may be reversed to get there.
    const iTail = A[A.length - 1] === i;
    const iHead = A[0] === i;
    const jHead = B[0] === j;
    const jTail = B[B.length - 1] === j;
    if (!(iTail || iHead) || !(jHead || jTail)) continue;
    const A2 = iTail ? A : A.slice().reverse();
    const B2 = jHead ? B : B.slice().reverse();
    const merged = A2.concat(B2);
    if (!feasibleSomewhere(merged)) continue;
    seqs[ri] = merged;
    seqs[rj] = null;
    for (const x of B) routeOf[x] = ri;
  }

  // Assign routes to vehicles.
  const routes = seqs.filter((s): s is number[] => s !== null);
  const nD = inst.nDims;
  const size = (seq: number[]): number => {
    let s = 0;
    for (const j of seq) for (let k = 0; k < nD; k++) s += inst.jobDemand[j * nD + k];
    return s * 1e6 + seq.length;
  };
  const sizes = routes.map(size);
  const ro = Array.from(routes.keys()).sort((a, b) => sizes[b] - sizes[a] || a - b);
  const used = new Uint8Array(nV);
  for (const idx of ro) {
    const seq = routes[idx];
    let best = -1;
    let bestCost = Infinity;
    for (let v = 0; v < nV; v++) {
      if (used[v]) continue;
      if (!sequenceFeasible(inst, v, seq)) continue;
      const c = sequenceCost(inst, v, seq);
      if (c < bestCost) {
        bestCost = c;
        best = v;
      }
    }
    if (best >= 0) {
      used[best] = 1;
      for (const j of seq) state.routes[best].push(j);
    }
  }
  for (let v = 0; v < nV; v++) state.update(v);
  state.recountUnserved();
  greedyInsertUnserved(state);
  return state;
}

/** Insert unserved jobs one by one at their cheapest feasible position (highest penalty first). */
export function greedyInsertUnserved(state: State): void {
  const inst = state.inst;
  const todo: number[] = [];
  for (let j = 0; j < inst.nJobs; j++) if (state.jobRoute[j] < 0) todo.push(j);
  todo.sort((a, b) => inst.jobPenalty[b] - inst.jobPenalty[a] || a - b);
  for (const j of todo) {
    let bestR = -1;
    let bestP = -1;
    let bestD = Infinity;
    for (let r = 0; r < inst.nVehicles; r++) {
      if (!state.fits(r, j)) continue;
      const len = state.routes[r].length;
      for (let p = 0; p <= len; p++) {
        const d = state.insertionDelta(r, j, p);
        if (d < bestD) {
          bestD = d;
          bestR = r;
          bestP = p;
        }
      }
    }
    if (bestR >= 0) state.insert(bestR, j, bestP);
  }
}
