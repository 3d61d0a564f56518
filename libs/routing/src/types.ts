/**
 * Public data model of the Minka vehicle-routing solver.
 *
 * Units are the caller's choice but must be consistent: durations, service
 * times and time windows share one time unit (seconds recommended); distances
 * share one length unit (metres recommended).
 */

/** A closed interval [start, end] during which service may START. */
export interface TimeWindow {
  start: number;
  end: number;
}

/**
 * A square travel matrix. `durations` (and `distances`, if given) are either
 * flat row-major arrays of length size*size or arrays of rows.
 * `durations[i][j]` is the travel time from location i to location j.
 */
export interface TravelMatrix {
  durations: ArrayLike<number> | ArrayLike<number>[];
  /** Defaults to `durations` when omitted. */
  distances?: ArrayLike<number> | ArrayLike<number>[];
}

export interface Job {
  id: string;
  /** Index of the job's location in the travel matrix. */
  location: number;
  /** Demand per capacity dimension (kg, m³, kits…). Missing dimensions are 0. */
  demand?: readonly number[];
  /** Service (handling) time at the stop. Default 0. */
  service?: number;
  /** Zero or more windows for the service start. None = any time. */
  timeWindows?: readonly TimeWindow[];
  /**
   * Priority, a non-negative integer (default 0). The solver first maximises
   * the sum of priorities of served jobs, then the number of served jobs,
   * then minimises cost (the VROOM objective).
   */
  priority?: number;
  /** Skills a vehicle must have to serve this job (e.g. '4x4', 'boat'). */
  skills?: readonly string[];
}

export interface Vehicle {
  id: string;
  /** Start location (matrix index). Omitted = the route starts at its first job. */
  start?: number;
  /** End location (matrix index). Omitted = the route ends at its last job. May differ from start. */
  end?: number;
  /** Capacity per dimension. Missing dimensions are unlimited. */
  capacity?: readonly number[];
  /** Working window: leave start no earlier than `start`, reach end no later than `end`. */
  timeWindow?: TimeWindow;
  /** Maximum route duration (from the start of the working window to arrival at the end). */
  maxDuration?: number;
  /** Maximum route distance. */
  maxDistance?: number;
  /** Cost incurred when the vehicle is used at all. Default 0. */
  fixedCost?: number;
  /** Cost per unit of travel time. Default 1 (as VROOM: cost = travel time). */
  costPerTime?: number;
  /** Cost per unit of travel distance. Default 0. */
  costPerDistance?: number;
  skills?: readonly string[];
  /** Name of the travel matrix in `Problem.profiles` (boat, mule…). Default: `Problem.matrix`. */
  profile?: string;
}

export interface Problem {
  jobs: readonly Job[];
  vehicles: readonly Vehicle[];
  /** Default travel matrix. */
  matrix: TravelMatrix;
  /** Additional matrices per vehicle profile (same size and location indices as `matrix`). */
  profiles?: Readonly<Record<string, TravelMatrix>>;
}

export interface SolveOptions {
  /** Wall-clock limit in milliseconds. Default 1000 + 20 ms per job (max 60 s). */
  timeLimitMs?: number;
  /** Stop after this many metaheuristic iterations (with a given seed the result is then reproducible). */
  maxIterations?: number;
  /** Random seed (default 1). */
  seed?: number;
  /** Cancellation. `solve` throws an AbortError; `solveInWorker` rejects with it. */
  signal?: AbortSignal;
}

/** Why a job could not be served. */
export type UnassignedReason =
  | 'skills' // no vehicle has the required skills
  | 'capacity' // demand exceeds every compatible vehicle's capacity
  | 'time_window' // no compatible vehicle can reach it within its windows and working hours
  | 'max_duration' // reachable only by breaking a vehicle's maximum route duration
  | 'max_distance' // reachable only by breaking a vehicle's maximum route distance
  | 'fleet'; // feasible alone, but the fleet cannot take it together with higher-priority/other jobs

export interface UnassignedJob {
  jobId: string;
  jobIndex: number;
  reason: UnassignedReason;
}

export type StepType = 'start' | 'job' | 'end';

export interface RouteStep {
  type: StepType;
  jobId?: string;
  jobIndex?: number;
  location: number;
  arrival: number;
  /** Start of service (arrival + waiting). */
  serviceStart: number;
  departure: number;
  waiting: number;
  /** Load on board when leaving this step, per dimension. */
  load: number[];
  /** Cumulated travel distance on arrival. */
  distance: number;
}

export interface RouteSolution {
  vehicleId: string;
  vehicleIndex: number;
  jobIds: string[];
  jobIndices: number[];
  steps: RouteStep[];
  /** Fixed cost + travel cost. */
  cost: number;
  distance: number;
  /** Travel time only. */
  travelTime: number;
  /** Arrival at end minus departure from start (includes service and waiting). */
  duration: number;
  /** Total delivered per dimension. */
  load: number[];
}

export interface SolutionSummary {
  cost: number;
  distance: number;
  travelTime: number;
  served: number;
  unserved: number;
  /** Sum of priorities of served jobs. */
  priorityServed: number;
  routes: number;
}

export interface SolveStats {
  seed: number;
  iterations: number;
  elapsedMs: number;
  /** Cost (and unserved count) of the Clarke-Wright construction the search started from. */
  initialCost: number;
  initialUnserved: number;
  stoppedBy: 'time' | 'iterations';
}

export interface Solution {
  routes: RouteSolution[];
  unassigned: UnassignedJob[];
  summary: SolutionSummary;
  stats: SolveStats;
}
