/**
 * Map endpoint benchmark: boots the API on a database holding all 94,922 INEI populated places and
 * the ~300 demo communities, then for several bounding boxes and zooms measures
 *   - GET /api/v1/communities/geo over HTTP with autocannon (50 connections), and
 *   - the very same SQL (apps/api/src/communities/geo.sql.ts) run directly with `pg`
 *     (50 concurrent callers on a pool the size of the app's),
 * and writes bench/results/communities.json. Target: app p95 ≤ 100 ms and ≤ 2× the raw query p95.
 *
 * usage: npm run bench:communities -- [--duration SECONDS] [--database-url URL]
 * Default database server: BENCH_DATABASE_URL or postgres://postgres@127.0.0.1:5432/postgres; a
 * scratch database minka_bench_communities is created on it and dropped afterwards.
 * Only 127.0.0.1 is targeted; the whole run is bounded (≈ 2 × duration × scenarios + boot).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { runLoad } from './support/load';
import { Client, Pool } from 'pg';
import { createApp } from '../apps/api/src/app.setup';
import { communitiesSql, type GeoFilters, placesSql } from '../apps/api/src/communities/geo.sql';
import { runMigrations } from '../apps/api/src/database/migrate';
import { seedDemoData } from '../apps/api/src/database/seed/demo-seed';
import { DataSource } from 'typeorm';
import { ENTITIES } from '../apps/api/src/database/entities';
import { testConfig } from '../test/support/app';

const CONNECTIONS = 50;
const POOL_SIZE = 10;

interface Scenario {
  name: string;
  layer: 'communities' | 'places';
  bbox: [number, number, number, number];
  zoom: number;
  filters?: GeoFilters;
}

const SCENARIOS: Scenario[] = [
  { name: 'places, all Peru, zoom 5 (clusters)', layer: 'places', bbox: [-82, -19, -68, 0.5], zoom: 5 },
  { name: 'places, southern Andes, zoom 8 (clusters)', layer: 'places', bbox: [-74, -16, -69, -12], zoom: 8 },
  { name: 'places, Cusco valley, zoom 11 (clusters)', layer: 'places', bbox: [-72.3, -13.8, -71.6, -13.3], zoom: 11 },
  { name: 'places, Pomacanchi, zoom 13 (points)', layer: 'places', bbox: [-71.7, -14.15, -71.45, -13.95], zoom: 13 },
  { name: 'communities, all Peru, zoom 5 (clusters)', layer: 'communities', bbox: [-82, -19, -68, 0.5], zoom: 5 },
  {
    name: 'communities, Puno, zoom 10 (points, urgency ≥ 3)',
    layer: 'communities',
    bbox: [-71.5, -17.5, -68.6, -13],
    zoom: 10,
    filters: { minUrgency: 3 },
  },
];

interface Stats {
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
}

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function rawRun(pool: Pool, s: Scenario, seconds: number): Promise<Stats> {
  const [minLon, minLat, maxLon, maxLat] = s.bbox;
  const bbox = { minLon, minLat, maxLon, maxLat };
  const sql = s.layer === 'places' ? placesSql(bbox, s.zoom, s.filters ?? {}) : communitiesSql(bbox, s.zoom, s.filters ?? {});
  const latencies: number[] = [];
  let errors = 0;
  const end = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (Date.now() < end) {
        const t = process.hrtime.bigint();
        try {
          await pool.query(sql.text, sql.values);
          latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
        } catch {
          errors++;
        }
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    rps: Math.round(latencies.length / seconds),
    p50: round(percentile(latencies, 50)),
    p95: round(percentile(latencies, 95)),
    p99: round(percentile(latencies, 99)),
    errors,
  };
}

async function httpRun(url: string, token: string, seconds: number): Promise<Stats> {
  // runLoad drives the load from a worker thread so autocannon does not share the app's event loop.
  const result = await runLoad({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    headers: { authorization: `Bearer ${token}` },
  });
  // autocannon reports p90, p97.5 and p99 but no p95: p97.5 stands in for it (conservative).
  const latency = result.latency as unknown as Record<string, number>;
  return {
    requests: result.requests.total,
    rps: Math.round(result.requests.average),
    p50: latency.p50,
    p95: latency.p97_5,
    p99: latency.p99,
    errors: result.errors + result.non2xx,
  };
}

const round = (n: number): number => Math.round(n * 100) / 100;

async function main(): Promise<void> {
  const seconds = Number(arg('duration', '4'));
  const server = arg('database-url', process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  const admin = new URL(server);
  if (!['127.0.0.1', 'localhost'].includes(admin.hostname)) throw new Error('the benchmark only targets 127.0.0.1');
  const dbName = 'minka_bench_communities';
  const dbUrl = new URL(server);
  dbUrl.pathname = `/${dbName}`;
  const adminClient = new Client({ connectionString: server });
  await adminClient.connect();
  await adminClient.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await adminClient.query(`CREATE DATABASE ${dbName}`);
  let app: Awaited<ReturnType<typeof createApp>> | null = null;
  try {
    let t = Date.now();
    await runMigrations(dbUrl.toString());
    const migrateMs = Date.now() - t;
    const ds = await new DataSource({ type: 'postgres', url: dbUrl.toString(), entities: ENTITIES }).initialize();
    t = Date.now();
    await seedDemoData(ds, 'test');
    const seedMs = Date.now() - t;
    await ds.destroy();
    const places = (await new Pool({ connectionString: dbUrl.toString(), max: 1 }).query('SELECT count(*)::int AS n FROM populated_places'))
      .rows[0] as { n: number };
    console.log(`migrated in ${migrateMs} ms (gazetteer included), demo seed ${seedMs} ms, ${places.n} places`);

    app = await createApp(testConfig(dbUrl.toString(), { databasePoolSize: POOL_SIZE, dashboardDir: null }));
    await app.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'coordinador@minka.demo', password: 'minka-demo-2026' }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const pool = new Pool({ connectionString: dbUrl.toString(), max: POOL_SIZE });
    const rows: Array<Record<string, unknown>> = [];
    for (const s of SCENARIOS) {
      const q = new URLSearchParams({ bbox: s.bbox.join(','), zoom: String(s.zoom), layer: s.layer });
      if (s.filters?.minUrgency) q.set('minUrgency', String(s.filters.minUrgency));
      const url = `${base}/api/v1/communities/geo?${q.toString()}`;
      const probe = (await (await fetch(url, { headers: { authorization: `Bearer ${accessToken}` } })).json()) as {
        features: unknown[];
        meta: { clustered: boolean };
      };
      await httpRun(url, accessToken, 1); // warm-up
      const httpStats = await httpRun(url, accessToken, seconds);
      const raw = await rawRun(pool, s, seconds);
      const row = {
        scenario: s.name,
        url: url.replace(base, ''),
        features: probe.features.length,
        clustered: probe.meta.clustered,
        http: httpStats,
        rawSql: raw,
        p95RatioHttpToRaw: raw.p95 > 0 ? round(httpStats.p95 / raw.p95) : null,
        meetsP95Target: httpStats.p95 <= 100,
      };
      rows.push(row);
      console.log(
        `${s.name.padEnd(52)} features ${String(row.features).padStart(5)}  http p50 ${httpStats.p50} p95 ${httpStats.p95} ms ${httpStats.rps} rps | raw p50 ${raw.p50} p95 ${raw.p95} ms ${raw.rps} rps | ×${row.p95RatioHttpToRaw}`,
      );
    }
    await pool.end();
    const out = join(resolve(__dirname), 'results', 'communities.json');
    mkdirSync(join(resolve(__dirname), 'results'), { recursive: true });
    writeFileSync(
      out,
      `${JSON.stringify(
        {
          benchmark: 'communities-geo',
          date: new Date().toISOString(),
          node: process.version,
          cpus: cpus().length,
          loadAverageAtEnd: loadavg().map((n) => Math.round(n * 100) / 100),
          connections: CONNECTIONS,
          poolSize: POOL_SIZE,
          durationSeconds: seconds,
          places: places.n,
          migrateMs,
          seedMs,
          note: 'http p95 is autocannon p97.5 (it reports no p95), i.e. conservative; raw = same SQL with pg, 50 concurrent callers, same pool size',
          target: { p95Ms: 100, maxRatioToRaw: 2 },
          scenarios: rows,
        },
        null,
        2,
      )}\n`,
    );
    console.log(`wrote ${out}`);
  } finally {
    if (app) await app.close();
    await adminClient.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await adminClient.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
