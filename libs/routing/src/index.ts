export * from './types';
export { solve, clarkeWrightSolution, defaultTimeLimitMs } from './solver';
export { solveInWorker } from './worker-client';
export { AbortError } from './search';
export * from './matrix';
export { validateSolution, type Violation } from './validate';
export {
  parseBenchmark,
  parseCvrplib,
  parseSolomon,
  benchmarkToProblem,
  formatSolution,
  type BenchmarkInstance,
  type DistanceConvention,
} from './io/vrplib';
