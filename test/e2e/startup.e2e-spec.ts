import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { Client } from 'pg';
import { findFreePort } from '../../apps/api/src/database/embedded-postgres';

const root = path.resolve(__dirname, '../..');
const main = path.join(root, 'dist/apps/api/apps/api/src/main.js');

/** `npm start` as a user runs it: the built app, no DATABASE_URL, an empty data folder. */
function start(dataDir: string, port: number): { child: ChildProcess; output: () => string } {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/root',
    MINKA_DATA_DIR: dataDir,
    PORT: String(port),
    LOG_LEVEL: 'warn',
  };
  const child = spawn(process.execPath, [main], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  return { child, output: () => output };
}

async function waitReady(base: string, timeoutMs: number, output: () => string, child: ChildProcess): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode} before ready:\n${output().slice(-3000)}`);
    try {
      if ((await fetch(`${base}/health/ready`)).status === 200) return Date.now() - started;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`not ready within ${timeoutMs} ms:\n${output().slice(-3000)}`);
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));
}

function postgresProcessesFor(dataDir: string): string[] {
  const out = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' });
  return out.split('\n').filter((line) => line.includes('postgres') && line.includes(dataDir));
}

async function demoUserCount(dataDir: string): Promise<number> {
  const secrets = JSON.parse(readFileSync(path.join(dataDir, 'secrets.json'), 'utf8')) as { pgPassword: string };
  // The embedded server picks a free port at each start; postmaster.pid (line 4) says which.
  const pidFile = readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n');
  const client = new Client({
    host: '127.0.0.1',
    port: Number(pidFile[3]),
    user: 'postgres',
    password: secrets.pgPassword,
    database: 'minka',
  });
  await client.connect();
  try {
    return (await client.query(`SELECT count(*)::int AS n FROM users WHERE email LIKE '%@minka.demo'`)).rows[0].n as number;
  } finally {
    await client.end();
  }
}

describe('npm start on a machine with no PostgreSQL server', () => {
  let dataDir: string;
  beforeAll(() => {
    if (!existsSync(main)) throw new Error(`${main} is missing: run npm run build first (npm test does)`);
    dataDir = mkdtempSync(path.join(tmpdir(), 'minka-start-'));
    chmodSync(dataDir, 0o755);
  });
  afterAll(() => {
    for (const line of postgresProcessesFor(dataDir)) process.kill(Number(line.trim().split(/\s+/)[0]), 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('boots on embedded PostgreSQL within 60 s, serves dashboard and contract, stops cleanly, and reuses its data', async () => {
    const port = await findFreePort();
    const base = `http://127.0.0.1:${port}`;
    const first = start(dataDir, port);
    const tookMs = await waitReady(base, 60_000, first.output, first.child);
    expect(tookMs).toBeLessThan(60_000);

    const home = await fetch(`${base}/`);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('<div id="root">');
    const deepLink = await fetch(`${base}/mapa`);
    expect(deepLink.status).toBe(200);
    expect(deepLink.headers.get('content-type')).toMatch(/text\/html/);
    const spec = (await (await fetch(`${base}/api/openapi.json`)).json()) as { openapi: string };
    expect(spec.openapi).toMatch(/^3\./);
    await expect(SwaggerParser.validate(JSON.parse(JSON.stringify(spec)))).resolves.toBeDefined();
    expect((await fetch(`${base}/api/docs`)).status).toBe(200);
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'coordinador@minka.demo', password: 'minka-demo-2026' }),
    });
    expect(login.status).toBe(200);
    expect(await demoUserCount(dataDir)).toBe(6);

    first.child.kill('SIGINT');
    expect(await exitOf(first.child)).toBe(0);
    expect(postgresProcessesFor(dataDir)).toEqual([]);

    const second = start(dataDir, port);
    await waitReady(base, 60_000, second.output, second.child);
    expect(await demoUserCount(dataDir)).toBe(6);
    second.child.kill('SIGTERM');
    expect(await exitOf(second.child)).toBe(0);
    expect(postgresProcessesFor(dataDir)).toEqual([]);
  }, 150_000);
});
