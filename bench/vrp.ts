/**
 * VRP benchmark: solves the CVRPLIB / Solomon instances of the shared
 * benchmark folder, checks every solution with an independent checker (its
 * own parser and arithmetic, no solver code), compares with the best-known
 * solutions and VROOM 1.14, writes bench/results/vrp.json and prints a table
 * per set.
 *
 * usage: npm run bench:vrp -- [--dir PATH] [--set A,B,P,CMT,X,Solomon] [--only NAME,…]
 *                            [--time-limit SECONDS | --time-factor F] [--seed N] [--via-cli] [--no-warmup]
 *
 * --cpu-clock measures the time limit and the reported seconds in process CPU time instead of wall
 * time (for comparisons on a busy machine; VROOM's times were taken on an idle 2-vCPU VM).
 * --via-cli runs `libs/routing/src/cli/solve.ts` in a fresh process per instance and checks its stdout;
 * --cli-default-time does the same without --time-limit (the CLI then picks its own limit).
 *
 * Default per-instance time limit: VROOM 1.14's recorded solve time (-x 5) for that instance.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { benchmarkToProblem, formatSolution, parseBenchmark, sizeBasedTimeLimitMs } from '../libs/routing/src/io/vrplib';
import { solve } from '../libs/routing/src/solver';

const repoRoot = resolve(__dirname, '..');

interface Args {
  dir: string;
  sets: string[] | null;
  only: string[] | null;
  timeLimit: number | null;
  timeFactor: number;
  seed: number;
  viaCli: boolean;
  noWarmup: boolean;
  cpuClock: boolean;
  cliDefaultTime: boolean;
  out: string;
  /** Search parameter overrides (JSON), for tuning experiments. */
  params: Record<string, number>;
}

function parseArgs(argv: string[]): Args {
  const a: Args = {
    dir: resolve(repoRoot, '../shared/bench/vrp'),
    sets: null,
    only: null,
    timeLimit: null,
    timeFactor: 1,
    seed: 1,
    viaCli: false,
    noWarmup: false,
    cpuClock: false,
    cliDefaultTime: false,
    out: join(repoRoot, 'bench/results/vrp.json'),
    params: {},
  };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const v = (): string => {
      const x = argv[++i];
      if (x === undefined) throw new Error(`missing value for ${k}`);
      return x;
    };
    if (k === '--dir') a.dir = resolve(v());
    else if (k === '--set') a.sets = v().split(',');
    else if (k === '--only') a.only = v().split(',');
    else if (k === '--time-limit') a.timeLimit = Number(v());
    else if (k === '--time-factor') a.timeFactor = Number(v());
    else if (k === '--seed') a.seed = Number(v());
    else if (k === '--via-cli') a.viaCli = true;
    else if (k === '--no-warmup') a.noWarmup = true;
    else if (k === '--cpu-clock') a.cpuClock = true;
    else if (k === '--cli-default-time') {
      a.viaCli = true;
      a.cliDefaultTime = true;
    } else if (k === '--out') a.out = resolve(v());
    else if (k === '--params') a.params = JSON.parse(v()) as Record<string, number>;
    else throw new Error(`unknown option ${k}`);
  }
  return a;
}

// ---------------------------------------------------------------------------
// Independent checker: own parsing and arithmetic, nothing from libs/routing.
// ---------------------------------------------------------------------------

interface CheckInstance {
  xs: number[];
  ys: number[];
  demand: number[];
  service: number[];
  ready: number[];
  due: number[];
  capacity: number;
  depot: number;
  fleet: number;
  routeLimit: number;
  /** customer label in solution files -> node index */
  labelToNode: Map<number, number>;
  rounded: boolean;
}

function loadCheckInstance(path: string, name: string, set: string): CheckInstance {
  const text = readFileSync(path, 'utf8').replace(/\r/g, '');
  if (set === 'Solomon') {
    const rows = text
      .split('\n')
      .map((l) => l.trim().split(/\s+/))
      .filter((t) => t.length === 7 && t.every((x) => /^\d+(\.\d+)?$/.test(x)))
      .map((t) => t.map(Number));
    const veh = /NUMBER\s+CAPACITY\s+(\d+)\s+(\d+)/.exec(text);
    if (!veh) throw new Error('checker: bad Solomon header');
    const labelToNode = new Map<number, number>();
    rows.forEach((r, k) => {
      if (k > 0) labelToNode.set(r[0], k); // row 0 is the depot
    });
    return {
      xs: rows.map((r) => r[1]),
      ys: rows.map((r) => r[2]),
      demand: rows.map((r) => r[3]),
      ready: rows.map((r) => r[4]),
      due: rows.map((r) => r[5]),
      service: rows.map((r) => r[6]),
      capacity: Number(veh[2]),
      depot: 0,
      fleet: Number(veh[1]),
      routeLimit: Infinity,
      labelToNode,
      rounded: false,
    };
  }
  const tokens = text.split(/\s+/).filter((t) => t !== '');
  const header = (key: string): string | undefined => {
    const m = new RegExp(`^\\s*${key}\\s*:\\s*(\\S+)`, 'm').exec(text);
    return m ? m[1] : undefined;
  };
  const dim = Number(header('DIMENSION'));
  const xs = new Array<number>(dim).fill(0);
  const ys = new Array<number>(dim).fill(0);
  const demand = new Array<number>(dim).fill(0);
  let p = tokens.indexOf('NODE_COORD_SECTION') + 1;
  for (let k = 0; k < dim; k++, p += 3) {
    xs[Number(tokens[p]) - 1] = Number(tokens[p + 1]);
    ys[Number(tokens[p]) - 1] = Number(tokens[p + 2]);
  }
  p = tokens.indexOf('DEMAND_SECTION') + 1;
  for (let k = 0; k < dim; k++, p += 2) demand[Number(tokens[p]) - 1] = Number(tokens[p + 1]);
  const depot = Number(tokens[tokens.indexOf('DEPOT_SECTION') + 1]) - 1;
  const svc = Number(header('SERVICE_TIME') ?? 0);
  const limit = header('DISTANCE');
  const km = /-k(\d+)$/.exec(name);
  const fleet = (set === 'A' || set === 'B' || set === 'P') && km ? Number(km[1]) : Infinity;
  const labelToNode = new Map<number, number>();
  for (let k = 0; k < dim; k++) if (k !== depot) labelToNode.set(k, k); // .sol customer c = node c+1 (1-based) = index c
  return {
    xs,
    ys,
    demand,
    service: xs.map((_, k) => (k === depot ? 0 : svc)),
    ready: xs.map(() => 0),
    due: xs.map(() => Infinity),
    capacity: Number(header('CAPACITY')),
    depot,
    fleet,
    routeLimit: limit !== undefined ? Number(limit) : Infinity,
    labelToNode,
    rounded: set !== 'CMT',
  };
}

interface CheckResult {
  ok: boolean;
  errors: string[];
  cost: number;
  routes: number;
  reportedCost: number;
}

function checkSolutionText(ci: CheckInstance, text: string): CheckResult {
  const errors: string[] = [];
  const d = (a: number, b: number): number => {
    const e = Math.sqrt((ci.xs[a] - ci.xs[b]) ** 2 + (ci.ys[a] - ci.ys[b]) ** 2);
    return ci.rounded ? Math.floor(e + 0.5) : e;
  };
  const seen = new Map<number, number>();
  let cost = 0;
  let routes = 0;
  let reportedCost = NaN;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    const cm = /^Cost\s+(\S+)$/.exec(line);
    if (cm) {
      reportedCost = Number(cm[1]);
      continue;
    }
    const rm = /^Route\s+#(\d+):(.*)$/.exec(line);
    if (!rm) {
      errors.push(`unexpected line: ${line}`);
      continue;
    }
    const labels = rm[2]
      .trim()
      .split(/\s+/)
      .filter((t) => t !== '')
      .map(Number);
    if (labels.length === 0) continue;
    routes++;
    let load = 0;
    let time = Math.max(0, ci.ready[ci.depot]);
    let length = 0;
    let prev = ci.depot;
    for (const lab of labels) {
      const node = ci.labelToNode.get(lab);
      if (node === undefined) {
        errors.push(`route ${rm[1]}: unknown customer ${lab}`);
        continue;
      }
      seen.set(node, (seen.get(node) ?? 0) + 1);
      load += ci.demand[node];
      const leg = d(prev, node);
      cost += leg;
      length += leg + ci.service[node];
      time = Math.max(time + leg, ci.ready[node]);
      if (time > ci.due[node] + 1e-6) errors.push(`route ${rm[1]}: customer ${lab} served at ${time.toFixed(2)} after due ${ci.due[node]}`);
      time += ci.service[node];
      prev = node;
    }
    const back = d(prev, ci.depot);
    cost += back;
    length += back;
    time += back;
    if (time > ci.due[ci.depot] + 1e-6) errors.push(`route ${rm[1]}: back at depot at ${time.toFixed(2)} after ${ci.due[ci.depot]}`);
    if (load > ci.capacity) errors.push(`route ${rm[1]}: load ${load} > capacity ${ci.capacity}`);
    if (length > ci.routeLimit + 1e-6) errors.push(`route ${rm[1]}: length ${length.toFixed(3)} > limit ${ci.routeLimit}`);
  }
  for (const [, node] of ci.labelToNode) {
    const c = seen.get(node) ?? 0;
    if (c !== 1) errors.push(`customer node ${node} visited ${c} times`);
  }
  if (routes > ci.fleet) errors.push(`${routes} routes > fleet ${ci.fleet}`);
  if (!(Math.abs(reportedCost - cost) <= 0.01 + 1e-9 * cost)) errors.push(`reported cost ${reportedCost} != recomputed ${cost}`);
  return { ok: errors.length === 0, errors, cost, routes, reportedCost };
}

// ---------------------------------------------------------------------------

interface Meta {
  set: string;
  customers: number;
  best_known_cost: number;
  distance_only_bks?: { routes: number; cost: number };
}
interface VroomEntry {
  x5: { cost: number; routes: number; unassigned: number; solve_ms: number };
}

interface Row {
  instance: string;
  set: string;
  customers: number;
  ok: boolean;
  errors: string[];
  cost: number;
  routes: number;
  bks: number;
  gapBksPct: number;
  vroomCost: number;
  vroomUnassigned: number;
  gapVroomPct: number;
  seconds: number;
  timeLimitSeconds: number;
  vroomSeconds: number;
}

const SET_ORDER = ['A', 'B', 'P', 'CMT', 'X', 'Solomon'];

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const meta = JSON.parse(readFileSync(join(args.dir, 'bks-meta.json'), 'utf8')) as Record<string, Meta>;
  const vroom = (JSON.parse(readFileSync(join(args.dir, 'vroom-1.14-results.json'), 'utf8')) as { results: Record<string, VroomEntry> })
    .results;
  const cvrpFiles = new Set(readdirSync(join(args.dir, 'cvrp')));
  const tw = new Set(readdirSync(join(args.dir, 'vrptw')));
  const names = Object.keys(meta)
    .filter((n) => !args.sets || args.sets.includes(meta[n].set))
    .filter((n) => !args.only || args.only.includes(n))
    .sort(
      (a, b) =>
        SET_ORDER.indexOf(meta[a].set) - SET_ORDER.indexOf(meta[b].set) || meta[a].customers - meta[b].customers || a.localeCompare(b),
    );
  if (!args.viaCli && !args.noWarmup) warmUp(args.dir);
  const rows: Row[] = [];
  for (const name of names) {
    const m = meta[name];
    const path = m.set === 'Solomon' ? join(args.dir, 'vrptw', `${name}.txt`) : join(args.dir, 'cvrp', `${name}.vrp`);
    if (!(m.set === 'Solomon' ? tw.has(`${name}.txt`) : cvrpFiles.has(`${name}.vrp`))) continue;
    const v = vroom[name]?.x5;
    const vroomMs = v ? v.solve_ms : 1000;
    const limitMs = args.cliDefaultTime
      ? sizeBasedTimeLimitMs(m.customers)
      : args.timeLimit !== null
        ? args.timeLimit * 1000
        : Math.max(1, vroomMs * args.timeFactor);
    const text = readFileSync(path, 'utf8');
    let solText: string;
    const clock = args.cpuClock ? cpuClockMs : (): number => performance.now();
    const t0 = clock();
    if (args.viaCli) {
      const r = spawnSync(
        process.execPath,
        [
          '--import',
          'tsx',
          join(repoRoot, 'libs/routing/src/cli/solve.ts'),
          path,
          ...(args.cliDefaultTime ? [] : ['--time-limit', String(limitMs / 1000)]),
          '--seed',
          String(args.seed),
        ],
        { encoding: 'utf8', cwd: repoRoot },
      );
      solText = r.stdout;
    } else {
      const problem = benchmarkToProblem(parseBenchmark(text, name));
      solText = formatSolution(solve(problem, { timeLimitMs: limitMs, seed: args.seed, params: args.params, clock }));
    }
    const seconds = (clock() - t0) / 1000;
    const check = checkSolutionText(loadCheckInstance(path, name, m.set), solText);
    const bks = m.set === 'Solomon' && m.distance_only_bks ? m.distance_only_bks.cost : m.best_known_cost;
    const row: Row = {
      instance: name,
      set: m.set,
      customers: m.customers,
      ok: check.ok,
      errors: check.errors.slice(0, 5),
      cost: Math.round(check.cost * 1000) / 1000,
      routes: check.routes,
      bks,
      gapBksPct: round2((100 * (check.cost - bks)) / bks),
      vroomCost: v ? v.cost : NaN,
      vroomUnassigned: v ? v.unassigned : 0,
      gapVroomPct: v ? round2((100 * (check.cost - v.cost)) / v.cost) : NaN,
      seconds: Math.round(seconds * 1000) / 1000,
      timeLimitSeconds: limitMs / 1000,
      vroomSeconds: vroomMs / 1000,
    };
    rows.push(row);
    process.stderr.write(
      `${name.padEnd(12)} ${row.ok ? 'ok ' : 'BAD'} cost ${String(row.cost).padStart(9)} bks ${String(bks).padStart(9)} gap ${row.gapBksPct.toFixed(2).padStart(6)}% vroom ${row.gapVroomPct.toFixed(2).padStart(6)}% ${row.seconds.toFixed(2)}s${row.ok ? '' : ' ' + row.errors.join('; ')}\n`,
    );
  }
  const summary = summarise(rows);
  mkdirSync(join(args.out, '..'), { recursive: true });
  writeFileSync(
    args.out,
    JSON.stringify(
      {
        generatedAt: new Date().toISOString(),
        command: `npm run bench:vrp -- ${process.argv.slice(2).join(' ')}`.trim(),
        timeLimit: args.cliDefaultTime
          ? 'CLI default (max(1 s, 0.25 ms × customers²))'
          : args.timeLimit !== null
            ? `${args.timeLimit} s`
            : `VROOM -x5 time × ${args.timeFactor}`,
        clock: args.cpuClock ? 'process CPU time' : 'wall clock',
        seed: args.seed,
        node: process.version,
        summary,
        instances: rows,
      },
      null,
      1,
    ) + '\n',
  );
  process.stdout.write(table(summary) + '\n');
  const bad = rows.filter((r) => !r.ok);
  if (bad.length > 0) {
    process.stdout.write(`\n${bad.length} solution(s) failed the independent check: ${bad.map((r) => r.instance).join(', ')}\n`);
    process.exitCode = 1;
  }
}

/**
 * JIT warm-up (not timed): the API runs the solver in a long-lived process, so
 * the per-instance times should not include V8's first optimisation passes.
 * One CVRP and one VRPTW instance are solved for a second each first.
 */
function warmUp(dir: string): void {
  for (const file of [join(dir, 'cvrp', 'A-n80-k10.vrp'), join(dir, 'vrptw', 'R101.txt')]) {
    try {
      const problem = benchmarkToProblem(parseBenchmark(readFileSync(file, 'utf8')));
      solve(problem, { timeLimitMs: 1000, seed: 12345 });
    } catch {
      // missing file: skip the warm-up
    }
  }
}

function cpuClockMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

interface SetSummary {
  set: string;
  instances: number;
  valid: number;
  meanGapBksPct: number;
  worstGapBksPct: number;
  meanGapVroomPct: number;
  vroomMeanGapBksPct: number;
  meanSeconds: number;
  vroomMeanSeconds: number;
}

function summarise(rows: Row[]): SetSummary[] {
  const out: SetSummary[] = [];
  for (const set of SET_ORDER) {
    const rs = rows.filter((r) => r.set === set);
    if (rs.length === 0) continue;
    const mean = (f: (r: Row) => number): number => rs.reduce((s, r) => s + f(r), 0) / rs.length;
    out.push({
      set,
      instances: rs.length,
      valid: rs.filter((r) => r.ok).length,
      meanGapBksPct: round2(mean((r) => r.gapBksPct)),
      worstGapBksPct: round2(Math.max(...rs.map((r) => r.gapBksPct))),
      meanGapVroomPct: round2(mean((r) => r.gapVroomPct)),
      vroomMeanGapBksPct: round2(mean((r) => (100 * (r.vroomCost - r.bks)) / r.bks)),
      meanSeconds: Math.round(mean((r) => r.seconds) * 1000) / 1000,
      vroomMeanSeconds: Math.round(mean((r) => r.vroomSeconds) * 1000) / 1000,
    });
  }
  return out;
}

function table(sum: SetSummary[]): string {
  const head = [
    'set',
    'n',
    'valid',
    'mean gap BKS',
    'worst gap BKS',
    'mean gap vs VROOM',
    'VROOM mean gap BKS',
    'mean time s',
    'VROOM mean time s',
  ];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  for (const s of sum) {
    lines.push(
      `| ${s.set} | ${s.instances} | ${s.valid} | ${s.meanGapBksPct.toFixed(2)}% | ${s.worstGapBksPct.toFixed(2)}% | ${s.meanGapVroomPct.toFixed(2)}% | ${s.vroomMeanGapBksPct.toFixed(2)}% | ${s.meanSeconds.toFixed(2)} | ${s.vroomMeanSeconds.toFixed(2)} |`,
    );
  }
  return lines.join('\n');
}

main();
