/**
 * Usage: npm run --silent vrp:solve -- FILE [--time-limit SECONDS] [--seed N] [--distance nint|real]
 * Reads a CVRPLIB (.vrp, EUC_2D) or Solomon (.txt) instance and prints the
 * solution in CVRPLIB solution format on stdout (nothing else).
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import {
  benchmarkToProblem,
  defaultConvention,
  formatSolution,
  parseBenchmark,
  sizeBasedTimeLimitMs,
  type DistanceConvention,
} from '../io/vrplib';
import { solve } from '../solver';

function usage(msg: string): never {
  process.stderr.write(`${msg}\nusage: vrp:solve FILE [--time-limit SECONDS] [--seed N] [--distance nint|real]\n`);
  process.exit(2);
}

function main(argv: string[]): void {
  let file: string | undefined;
  let timeLimit: number | undefined;
  let seed = 1;
  let convention: DistanceConvention | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) usage(`missing value for ${a}`);
      return v;
    };
    if (a === '--time-limit') timeLimit = Number(value());
    else if (a === '--seed') seed = Number(value());
    else if (a === '--distance') {
      const d = value();
      if (d !== 'nint' && d !== 'real') usage('--distance must be nint or real');
      convention = d;
    } else if (a.startsWith('--')) usage(`unknown option ${a}`);
    else file = a;
  }
  if (!file) usage('missing FILE');
  if (timeLimit !== undefined && !(timeLimit > 0)) usage('--time-limit must be a positive number of seconds');
  if (!Number.isInteger(seed)) usage('--seed must be an integer');
  const inst = parseBenchmark(readFileSync(file, 'utf8'), basename(file).replace(/\.[^.]+$/, ''));
  const problem = benchmarkToProblem(inst, convention ?? defaultConvention(inst));
  const solution = solve(problem, {
    timeLimitMs: timeLimit !== undefined ? timeLimit * 1000 : sizeBasedTimeLimitMs(problem.jobs.length),
    seed,
  });
  process.stdout.write(formatSolution(solution));
  if (solution.unassigned.length > 0) {
    process.stderr.write(
      `warning: ${solution.unassigned.length} customers unserved: ${solution.unassigned.map((u) => `${u.jobId} (${u.reason})`).join(', ')}\n`,
    );
    process.exitCode = 1;
  }
}

main(process.argv.slice(2));
