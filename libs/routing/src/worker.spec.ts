import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';
import { solve } from './solver';
import { randomProblem } from './testing/random-problem.test-util';
import { validateSolution } from './validate';
import { solveInWorker } from './worker-client';

const problem = randomProblem({
  seed: 11,
  jobs: 40,
  vehicles: 5,
  dims: 2,
  timeWindows: true,
  skills: true,
  priorities: true,
  limits: true,
  openEnds: true,
  fixedCosts: true,
});

describe('solveInWorker', () => {
  jest.setTimeout(30_000);

  it('solves in a worker thread (TypeScript sources through tsx) without blocking the event loop', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 20);
    // the iteration budget binds (not the time limit), so the result is reproducible
    const sol = await solveInWorker(problem, { timeLimitMs: 20_000, maxIterations: 300, seed: 3 });
    expect(sol.stats.stoppedBy).toBe('iterations');
    clearInterval(timer);
    expect(validateSolution(problem, sol)).toEqual([]);
    expect(ticks).toBeGreaterThan(3);
    // same seed and iteration budget as in-process: same result
    const local = solve(problem, { timeLimitMs: 20_000, maxIterations: 300, seed: 3 });
    expect(sol.routes.map((r) => r.jobIds)).toEqual(local.routes.map((r) => r.jobIds));
  });

  it('rejects with AbortError when cancelled', async () => {
    const ac = new AbortController();
    const pending = solveInWorker(problem, { timeLimitMs: 20_000, signal: ac.signal });
    setTimeout(() => ac.abort(), 200);
    const t0 = Date.now();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(Date.now() - t0).toBeLessThan(5000);
  });

  it('rejects immediately for an already aborted signal', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(solveInWorker(problem, { signal: ac.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('solveInWorker from compiled JavaScript', () => {
  jest.setTimeout(30_000);

  it('starts worker.js next to the compiled file (as in the tsc/Nest build)', () => {
    const out = mkdtempSync(join(tmpdir(), 'minka-routing-js-'));
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
    for (const file of walk(__dirname)) {
      if (!file.endsWith('.ts') || file.endsWith('.spec.ts')) continue;
      const js = ts.transpileModule(readFileSync(file, 'utf8'), {
        compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
      }).outputText;
      const dest = join(out, relative(__dirname, file)).replace(/\.ts$/, '.js');
      mkdirSync(dirname(dest), { recursive: true });
      writeFileSync(dest, js);
    }
    const script = `
      const { solveInWorker, validateSolution } = require(${JSON.stringify(join(out, 'index.js'))});
      const { randomProblem } = require(${JSON.stringify(join(out, 'testing/random-problem.test-util.js'))});
      const p = randomProblem({ seed: 2, jobs: 20, vehicles: 3, dims: 1, timeWindows: true, skills: false, priorities: false, limits: false, openEnds: false, fixedCosts: false });
      solveInWorker(p, { timeLimitMs: 300 }).then((s) => {
        process.stdout.write(JSON.stringify({ violations: validateSolution(p, s).length, served: s.summary.served }));
      }, (e) => { process.stderr.write(String(e)); process.exit(1); });`;
    const res = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 20_000 });
    rmSync(out, { recursive: true, force: true });
    expect(res.stderr).toBe('');
    const parsed = JSON.parse(res.stdout) as { violations: number; served: number };
    expect(parsed.violations).toBe(0);
    expect(parsed.served).toBeGreaterThan(0);
  });
});
