/**
 * `npm run bench:api [-- --duration 30 --connections 50]`: the main read and write paths under
 * autocannon on 127.0.0.1, against the real app on a real PostgreSQL (embedded in a temporary folder
 * unless BENCH_DATABASE_URL points at an empty database). Writes bench/results/api.json.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { DataSource } from 'typeorm';
import { createApp } from '../apps/api/src/app.setup';
import type { AppConfig } from '../apps/api/src/config/app-config';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../apps/api/src/database/embedded-postgres';
import { ENTITIES } from '../apps/api/src/database/entities';
import { runMigrations } from '../apps/api/src/database/migrate';
import { seedDemoData } from '../apps/api/src/database/seed/demo-seed';

const args = process.argv.slice(2);
const arg = (name: string, fallback: number): number => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const DURATION = arg('duration', 30);
const CONNECTIONS = arg('connections', 50);

interface Scenario {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  auth: boolean;
  body?: () => string;
}

const SCENARIOS: Scenario[] = [
  { name: 'read: districts of Cusco (public, paginated)', method: 'GET', path: '/api/v1/geography/districts?department=08&pageSize=50', auth: false },
  { name: 'read: current user (authenticated)', method: 'GET', path: '/api/v1/auth/me', auth: true },
  { name: 'read: audit log page (admin)', method: 'GET', path: '/api/v1/admin/audit-log?pageSize=50', auth: true },
  {
    name: 'write: create organisation (idempotent, audited)',
    method: 'POST',
    path: '/api/v1/admin/organizations',
    auth: true,
    body: () => {
      const id = randomUUID().slice(0, 18);
      return JSON.stringify({ name: `Bench ${id}`, slug: `bench-${id}` });
    },
  },
];

async function main(): Promise<void> {
  let embedded: EmbeddedPostgresHandle | null = null;
  let tmp: string | null = null;
  let url = process.env.BENCH_DATABASE_URL;
  if (!url) {
    tmp = mkdtempSync(path.join(tmpdir(), 'minka-bench-api-'));
    chmodSync(tmp, 0o755);
    embedded = await startEmbeddedPostgres({ dataDir: tmp });
    url = embedded.url;
  }
  try {
    await runMigrations(url);
    const ds = await new DataSource({ type: 'postgres', url, entities: ENTITIES }).initialize();
    await seedDemoData(ds, 'development');
    await ds.destroy();
    const config: AppConfig = {
      nodeEnv: 'production',
      port: 0,
      databaseUrl: url,
      embeddedDatabase: embedded !== null,
      dataDir: tmp ?? '.',
      jwtSecret: 'bench-secret-that-is-long-enough-0123456789abcdef',
      corsOrigins: [],
      mapTileUrl: null,
      mapTileAttribution: null,
      logLevel: 'silent',
      routingOsrmUrl: null,
      databasePoolSize: 20,
      statementTimeoutMs: 30000,
      seedDemo: false,
      dashboardDir: null,
      version: 'bench',
      shutdownDrainMs: 0,
      smsWebhookSecret: null,
      publicUrl: 'http://localhost:3000',
      deliveryCodeTtlDays: 14,
      deliveryOverdueDays: 3,
    };
    const app = await createApp(config, { logger: false });
    await app.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@minka.demo', password: 'minka-demo-2026' }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const results = [];
    for (const scenario of SCENARIOS) {
      process.stderr.write(`${scenario.name}: ${CONNECTIONS} connections for ${DURATION} s…\n`);
      const result = await autocannon({
        url: `${base}${scenario.path}`,
        method: scenario.method,
        connections: CONNECTIONS,
        duration: DURATION,
        headers: { 'content-type': 'application/json', ...(scenario.auth ? { authorization: `Bearer ${accessToken}` } : {}) },
        requests: [
          {
            setupRequest: (req) =>
              scenario.body ? { ...req, body: scenario.body(), headers: { ...req.headers, 'idempotency-key': randomUUID() } } : req,
          },
        ],
      });
      results.push({
        scenario: scenario.name,
        method: scenario.method,
        path: scenario.path,
        requests: result.requests.total,
        throughputRps: result.requests.average,
        latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p97_5: result.latency.p97_5, p99: result.latency.p99, max: result.latency.max },
        non2xx: result.non2xx,
        errors: result.errors,
        timeouts: result.timeouts,
      });
    }
    await app.close();
    const out = {
      date: new Date().toISOString(),
      command: `npm run bench:api -- --duration ${DURATION} --connections ${CONNECTIONS}`,
      machine: { cpus: cpus().length, node: process.version },
      database: embedded ? 'embedded PostgreSQL (same machine)' : 'BENCH_DATABASE_URL',
      note: 'autocannon reports p90 and p97.5 (no p95); both are kept',
      results,
    };
    mkdirSync(path.resolve(__dirname, 'results'), { recursive: true });
    writeFileSync(path.resolve(__dirname, 'results/api.json'), `${JSON.stringify(out, null, 2)}\n`);
    for (const r of results) {
      process.stdout.write(`${r.scenario.padEnd(52)} ${String(Math.round(r.throughputRps)).padStart(6)} req/s  p50 ${r.latencyMs.p50} ms  p99 ${r.latencyMs.p99} ms  non-2xx ${r.non2xx}\n`);
    }
  } finally {
    await embedded?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
