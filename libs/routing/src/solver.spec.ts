import fc from 'fast-check';
import { clarkeWrightSolution, solve } from './solver';
import { randomProblem, type RandomProblemSpec } from './testing/random-problem.test-util';
import type { Problem, Solution } from './types';
import { validateSolution } from './validate';

const specArb: fc.Arbitrary<RandomProblemSpec> = fc.record({
  seed: fc.integer({ min: 0, max: 1_000_000 }),
  jobs: fc.integer({ min: 1, max: 14 }),
  vehicles: fc.integer({ min: 1, max: 3 }),
  dims: fc.integer({ min: 0, max: 3 }),
  timeWindows: fc.boolean(),
  skills: fc.boolean(),
  priorities: fc.boolean(),
  limits: fc.boolean(),
  openEnds: fc.boolean(),
  fixedCosts: fc.boolean(),
});

/** Lexicographic objective: unserved priority, unserved count, cost. */
function objective(problem: Problem, s: Solution): [number, number, number] {
  const prio = s.unassigned.reduce((acc, u) => acc + (problem.jobs[u.jobIndex].priority ?? 0), 0);
  return [prio, s.unassigned.length, s.summary.cost];
}

function notWorse(a: [number, number, number], b: [number, number, number]): boolean {
  if (a[0] !== b[0]) return a[0] < b[0];
  if (a[1] !== b[1]) return a[1] < b[1];
  return a[2] <= b[2] + 1e-6;
}

const quick = { maxIterations: 300, timeLimitMs: 2000 };

describe('solve (property tests)', () => {
  it('returns feasible solutions on random instances, never worse than Clarke-Wright', () => {
    fc.assert(
      fc.property(specArb, (spec) => {
        const problem = randomProblem(spec);
        const sol = solve(problem, { ...quick, seed: spec.seed });
        expect(validateSolution(problem, sol)).toEqual([]);
        const cw = clarkeWrightSolution(problem);
        expect(validateSolution(problem, cw)).toEqual([]);
        expect(notWorse(objective(problem, sol), objective(problem, cw))).toBe(true);
      }),
      { numRuns: 60, seed: 42 },
    );
  });

  it('is deterministic for a given seed', () => {
    fc.assert(
      fc.property(specArb, (spec) => {
        const problem = randomProblem(spec);
        const a = solve(problem, { ...quick, seed: 7 });
        const b = solve(problem, { ...quick, seed: 7 });
        expect(a.routes.map((r) => [r.vehicleId, r.jobIds])).toEqual(b.routes.map((r) => [r.vehicleId, r.jobIds]));
        expect(a.summary.cost).toBe(b.summary.cost);
      }),
      { numRuns: 15, seed: 43 },
    );
  });

  it('reports the blocking constraint of unserved jobs', () => {
    const durations = [
      [0, 10, 10, 10],
      [10, 0, 10, 10],
      [10, 10, 0, 10],
      [10, 10, 10, 0],
    ];
    const problem: Problem = {
      matrix: { durations },
      vehicles: [{ id: 'truck', start: 0, end: 0, capacity: [10], timeWindow: { start: 0, end: 100 }, skills: ['4x4'] }],
      jobs: [
        { id: 'boat-only', location: 1, skills: ['boat'] },
        { id: 'too-heavy', location: 2, demand: [11] },
        { id: 'too-late', location: 3, timeWindows: [{ start: 200, end: 300 }] },
        { id: 'ok', location: 3, demand: [5] },
      ],
    };
    const sol = solve(problem, quick);
    expect(validateSolution(problem, sol)).toEqual([]);
    const reasons = Object.fromEntries(sol.unassigned.map((u) => [u.jobId, u.reason]));
    expect(reasons).toEqual({ 'boat-only': 'skills', 'too-heavy': 'capacity', 'too-late': 'time_window' });
    expect(sol.routes[0].jobIds).toEqual(['ok']);
  });

  it('serves high-priority jobs first when the fleet is short', () => {
    const n = 6;
    const durations = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 0 : 10)));
    const problem: Problem = {
      matrix: { durations },
      vehicles: [{ id: 'v', start: 0, end: 0, capacity: [3] }],
      jobs: [1, 2, 3, 4, 5].map((k) => ({ id: `j${k}`, location: k, demand: [1], priority: k >= 4 ? 10 : 0 })),
    };
    const sol = solve(problem, quick);
    expect(sol.routes[0].jobIds).toEqual(expect.arrayContaining(['j4', 'j5']));
    expect(sol.unassigned.map((u) => u.reason)).toEqual(['fleet', 'fleet']);
  });

  it('handles start != end, open routes and profiles', () => {
    const pts = [0, 10, 20, 30, 40];
    const road = pts.map((a) => pts.map((b) => Math.abs(a - b)));
    const river = pts.map((a) => pts.map((b) => 10 * Math.abs(a - b)));
    const problem: Problem = {
      matrix: { durations: road },
      profiles: { boat: { durations: river } },
      vehicles: [
        { id: 'truck', start: 0, end: 4, skills: [] },
        { id: 'boat', start: 0, profile: 'boat', skills: ['boat'] },
      ],
      jobs: [
        { id: 'a', location: 1 },
        { id: 'b', location: 2, skills: ['boat'] },
        { id: 'c', location: 3 },
      ],
    };
    const sol = solve(problem, quick);
    expect(validateSolution(problem, sol)).toEqual([]);
    expect(sol.unassigned).toEqual([]);
    const boat = sol.routes.find((r) => r.vehicleId === 'boat');
    expect(boat?.jobIds).toContain('b');
    expect(boat?.cost).toBe(200); // open end: 0 -> 20 on the river ('a' lies on the way, a tie)
    const truck = sol.routes.find((r) => r.vehicleId === 'truck');
    expect(truck?.jobIds).toContain('c');
    expect(truck?.cost).toBe(40); // start 0, end 4
    expect(sol.summary.cost).toBe(240);
  });

  it('honours the time limit within 10%', () => {
    const problem = randomProblem({
      seed: 5,
      jobs: 120,
      vehicles: 12,
      dims: 1,
      timeWindows: false,
      skills: false,
      priorities: false,
      limits: false,
      openEnds: false,
      fixedCosts: false,
    });
    // warm V8 up first (the API process is long-lived; a cold first call spends its budget in the JIT)
    solve(problem, { timeLimitMs: 300 });
    for (const limit of [300, 800]) {
      const t0 = performance.now();
      const sol = solve(problem, { timeLimitMs: limit });
      const elapsed = performance.now() - t0;
      expect(elapsed).toBeLessThanOrEqual(limit * 1.1);
      expect(elapsed).toBeGreaterThanOrEqual(limit * 0.8);
      expect(sol.stats.stoppedBy).toBe('time');
      expect(validateSolution(problem, sol)).toEqual([]);
    }
  });

  it('throws AbortError when the signal is already aborted', () => {
    const ac = new AbortController();
    ac.abort();
    const problem = randomProblem({
      seed: 1,
      jobs: 5,
      vehicles: 1,
      dims: 1,
      timeWindows: false,
      skills: false,
      priorities: false,
      limits: false,
      openEnds: false,
      fixedCosts: false,
    });
    expect(() => solve(problem, { signal: ac.signal })).toThrow(expect.objectContaining({ name: 'AbortError' }) as Error);
  });
});
