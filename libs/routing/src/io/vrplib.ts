import type { Job, Problem, Solution, Vehicle } from '../types';

/** A parsed benchmark instance (CVRPLIB `.vrp` or Solomon `.txt`). */
export interface BenchmarkInstance {
  name: string;
  format: 'cvrplib' | 'solomon';
  /** Node coordinates, depot first. */
  x: number[];
  y: number[];
  demand: number[];
  /** Customer label per node as used in solution files (depot: 0). */
  label: number[];
  depot: number;
  capacity: number;
  /** Number of vehicles, or undefined if unlimited. */
  vehicles?: number;
  serviceTime: number[];
  ready: number[];
  due: number[];
  /** Route length limit (travel + service), CMT style. */
  maxRouteLength?: number;
}

export type DistanceConvention = 'nint' | 'real';

function lines(text: string): string[] {
  return text.replace(/\r/g, '').split('\n');
}

export function parseCvrplib(text: string, fallbackName = ''): BenchmarkInstance {
  const header = new Map<string, string>();
  const ls = lines(text);
  let i = 0;
  for (; i < ls.length; i++) {
    const line = ls[i].trim();
    if (line === '') continue;
    if (/_SECTION\b/.test(line) || line === 'EOF') break;
    const m = /^([A-Z_]+)\s*:\s*(.*)$/.exec(line);
    if (m) header.set(m[1], m[2].trim());
  }
  const dim = Number(header.get('DIMENSION'));
  if (!Number.isInteger(dim) || dim < 1) throw new Error('VRPLIB: missing DIMENSION');
  const ewt = header.get('EDGE_WEIGHT_TYPE') ?? 'EUC_2D';
  if (ewt !== 'EUC_2D') throw new Error(`VRPLIB: unsupported EDGE_WEIGHT_TYPE ${ewt}`);
  const capacity = Number(header.get('CAPACITY'));
  const x = new Array<number>(dim).fill(0);
  const y = new Array<number>(dim).fill(0);
  const demand = new Array<number>(dim).fill(0);
  const depots: number[] = [];
  let section = '';
  for (; i < ls.length; i++) {
    const line = ls[i].trim();
    if (line === '' || line === 'EOF') continue;
    if (/^[A-Z_]+_SECTION/.test(line)) {
      section = line.split(/\s+/)[0];
      continue;
    }
    const tok = line.split(/\s+/).map(Number);
    if (section === 'NODE_COORD_SECTION') {
      x[tok[0] - 1] = tok[1];
      y[tok[0] - 1] = tok[2];
    } else if (section === 'DEMAND_SECTION') {
      demand[tok[0] - 1] = tok[1];
    } else if (section === 'DEPOT_SECTION') {
      for (const t of tok) if (t > 0) depots.push(t - 1);
    }
  }
  const depot = depots.length > 0 ? depots[0] : 0;
  const name = header.get('NAME') ?? fallbackName;
  const distLimit = header.get('DISTANCE');
  const svc = Number(header.get('SERVICE_TIME') ?? 0);
  const vehiclesHeader = header.get('VEHICLES');
  let vehicles: number | undefined = vehiclesHeader !== undefined ? Number(vehiclesHeader) : undefined;
  // Augerat A/B/P (and E/F/M…): the k in the name is the fleet size; X and CMT: unlimited fleet.
  const km = /^[ABEFMP]-n\d+-k(\d+)$/.exec(name);
  if (vehicles === undefined && km) vehicles = Number(km[1]);
  return {
    name,
    format: 'cvrplib',
    x,
    y,
    demand,
    // node ids are 1-based with the depot at 1; .sol files number customers node-1
    label: Array.from({ length: dim }, (_, k) => k),
    depot,
    capacity,
    vehicles,
    serviceTime: Array.from({ length: dim }, (_, k) => (k === depot ? 0 : svc)),
    ready: new Array<number>(dim).fill(0),
    due: new Array<number>(dim).fill(Infinity),
    maxRouteLength: distLimit !== undefined ? Number(distLimit) : undefined,
  };
}

export function parseSolomon(text: string): BenchmarkInstance {
  const ls = lines(text)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const name = ls[0];
  let vehicles = 25;
  let capacity = 0;
  const rows: number[][] = [];
  for (let i = 1; i < ls.length; i++) {
    if (ls[i].startsWith('NUMBER')) {
      const tok = ls[i + 1].split(/\s+/).map(Number);
      vehicles = tok[0];
      capacity = tok[1];
      i++;
      continue;
    }
    const tok = ls[i].split(/\s+/);
    if (tok.length >= 7 && tok.every((t) => /^-?\d+(\.\d+)?$/.test(t))) rows.push(tok.map(Number));
  }
  return {
    name,
    format: 'solomon',
    x: rows.map((r) => r[1]),
    y: rows.map((r) => r[2]),
    demand: rows.map((r) => r[3]),
    label: rows.map((r) => r[0]),
    depot: 0,
    capacity,
    vehicles,
    serviceTime: rows.map((r) => r[6]),
    ready: rows.map((r) => r[4]),
    due: rows.map((r) => r[5]),
  };
}

export function parseBenchmark(text: string, fileName = ''): BenchmarkInstance {
  return /^\s*(NAME|COMMENT|TYPE|DIMENSION)\b/m.test(text) && text.includes('NODE_COORD_SECTION')
    ? parseCvrplib(text, fileName)
    : parseSolomon(text);
}

/** Convention used by the published BKS: nint for CVRPLIB sets except CMT, real otherwise. */
export function defaultConvention(inst: BenchmarkInstance): DistanceConvention {
  return inst.format === 'cvrplib' && !/^CMT/i.test(inst.name) ? 'nint' : 'real';
}

export function benchmarkToProblem(inst: BenchmarkInstance, convention: DistanceConvention = defaultConvention(inst)): Problem {
  const n = inst.x.length;
  const mat = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const d = Math.hypot(inst.x[i] - inst.x[j], inst.y[i] - inst.y[j]);
      mat[i * n + j] = convention === 'nint' ? Math.round(d) : d;
    }
  }
  const jobs: Job[] = [];
  for (let k = 0; k < n; k++) {
    if (k === inst.depot) continue;
    const tw = inst.due[k] === Infinity ? undefined : [{ start: inst.ready[k], end: inst.due[k] }];
    jobs.push({
      id: String(inst.label[k]),
      location: k,
      demand: [inst.demand[k]],
      service: inst.serviceTime[k],
      timeWindows: tw,
    });
  }
  const fleet = inst.vehicles ?? jobs.length;
  const depotEnd = inst.due[inst.depot];
  const horizonEnd = Math.min(depotEnd, inst.maxRouteLength ?? Infinity);
  const vehicles: Vehicle[] = [];
  for (let v = 0; v < fleet; v++) {
    vehicles.push({
      id: `v${v + 1}`,
      start: inst.depot,
      end: inst.depot,
      capacity: [inst.capacity],
      timeWindow: { start: inst.ready[inst.depot], end: horizonEnd },
    });
  }
  return { jobs, vehicles, matrix: { durations: mat } };
}

export function formatCost(cost: number): string {
  return Number.isInteger(cost) ? String(cost) : String(Math.round(cost * 1000) / 1000);
}

/** CVRPLIB solution text: `Route #k: c1 c2 …` (customer labels) then `Cost X`. */
export function formatSolution(solution: Solution): string {
  const out: string[] = [];
  solution.routes.forEach((r, k) => out.push(`Route #${k + 1}: ${r.jobIds.join(' ')}`));
  out.push(`Cost ${formatCost(solution.summary.cost)}`);
  return out.join('\n') + '\n';
}

/** A time limit derived from instance size (close to VROOM's default run times). */
export function sizeBasedTimeLimitMs(customers: number): number {
  // at least 1 s: a fresh process spends the first ~100 ms warming up V8's JIT
  return Math.round(Math.min(60_000, Math.max(1000, 0.25 * customers * customers)));
}
