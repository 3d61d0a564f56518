import { Rng } from '../rng';
import type { Job, Problem, Vehicle } from '../types';

export interface RandomProblemSpec {
  seed: number;
  jobs: number;
  vehicles: number;
  dims: number;
  timeWindows: boolean;
  skills: boolean;
  priorities: boolean;
  limits: boolean;
  openEnds: boolean;
  fixedCosts: boolean;
}

/** Random Euclidean instance exercising every constraint (used by tests). */
export function randomProblem(spec: RandomProblemSpec): Problem {
  const rng = new Rng(spec.seed);
  const nLoc = spec.jobs + 3;
  const xs = Array.from({ length: nLoc }, () => rng.next() * 100);
  const ys = Array.from({ length: nLoc }, () => rng.next() * 100);
  const durations = new Float64Array(nLoc * nLoc);
  const distances = new Float64Array(nLoc * nLoc);
  for (let i = 0; i < nLoc; i++) {
    for (let j = 0; j < nLoc; j++) {
      const d = Math.round(Math.hypot(xs[i] - xs[j], ys[i] - ys[j]));
      distances[i * nLoc + j] = d;
      durations[i * nLoc + j] = Math.round(d * (1 + 0.5 * rng.next()));
    }
  }
  const skillNames = ['4x4', 'boat', 'cold'];
  const jobs: Job[] = [];
  for (let k = 0; k < spec.jobs; k++) {
    const demand = Array.from({ length: spec.dims }, () => 1 + rng.int(10));
    const tws =
      spec.timeWindows && rng.next() < 0.7
        ? rng.next() < 0.3
          ? [
              { start: rng.int(200), end: 200 + rng.int(100) },
              { start: 400 + rng.int(100), end: 550 + rng.int(200) },
            ]
          : [{ start: rng.int(400), end: 450 + rng.int(300) }]
        : undefined;
    jobs.push({
      id: `j${k}`,
      location: 3 + k,
      demand,
      service: rng.int(20),
      timeWindows: tws,
      priority: spec.priorities ? rng.int(3) : undefined,
      skills: spec.skills && rng.next() < 0.3 ? [skillNames[rng.int(3)]] : undefined,
    });
  }
  const vehicles: Vehicle[] = [];
  for (let v = 0; v < spec.vehicles; v++) {
    vehicles.push({
      id: `v${v}`,
      start: spec.openEnds && rng.next() < 0.3 ? undefined : rng.int(3),
      end: spec.openEnds && rng.next() < 0.3 ? undefined : rng.int(3),
      capacity: Array.from({ length: spec.dims }, () => 15 + rng.int(30)),
      timeWindow: spec.timeWindows ? { start: rng.int(50), end: 700 + rng.int(300) } : undefined,
      maxDuration: spec.limits && rng.next() < 0.5 ? 300 + rng.int(400) : undefined,
      maxDistance: spec.limits && rng.next() < 0.5 ? 150 + rng.int(300) : undefined,
      fixedCost: spec.fixedCosts ? rng.int(100) : undefined,
      costPerDistance: spec.fixedCosts ? rng.next() : undefined,
      skills: spec.skills ? skillNames.filter(() => rng.next() < 0.5) : undefined,
    });
  }
  return { jobs, vehicles, matrix: { durations, distances } };
}
