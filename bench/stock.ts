/**
 * Stock reservation benchmark on one hot row: boots the API on a scratch database with the demo
 * data, then measures
 *   - POST /api/v1/inventory/reservations (quantity 1 of one item with one lot) over HTTP with
 *     autocannon, 50 connections — the full use case: auth, validation, transaction, row lock,
 *     balance update, ledger row, reservation row, audit row;
 *   - the bare conditional UPDATE (`reserved = reserved + 1 WHERE on_hand - reserved >= 1`) on another
 *     hot lot, run directly with `pg`, 50 concurrent callers on a pool the size of the app's;
 * and an oversell check for both: 1,000 attempts on a stock of 500 must reserve exactly 500.
 * Writes bench/results/stock.json. Target: app throughput ≥ 50% of raw, 0 oversell.
 *
 * usage: npm run bench:stock -- [--duration SECONDS] [--database-url URL]
 * Default server: BENCH_DATABASE_URL or postgres://postgres@127.0.0.1:5432/postgres; a scratch
 * database minka_bench_stock is created there and dropped afterwards. Only 127.0.0.1 is targeted.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import type autocannon from 'autocannon';
import { runLoad } from './support/load';
import { Client, Pool } from 'pg';
import { DataSource } from 'typeorm';
import { createApp } from '../apps/api/src/app.setup';
import { ENTITIES } from '../apps/api/src/database/entities';
import { runMigrations } from '../apps/api/src/database/migrate';
import { seedDemoData } from '../apps/api/src/database/seed/demo-seed';
import { verifyStock } from '../apps/api/src/inventory/stock-verify';
import { testConfig } from '../test/support/app';

const CONNECTIONS = 50;
const POOL_SIZE = 10;
const RAW_SQL = 'UPDATE stock_lots SET reserved = reserved + 1 WHERE id = $1 AND on_hand - reserved >= 1';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const round = (n: number): number => Math.round(n * 100) / 100;

async function rawRun(
  pool: Pool,
  lotId: string,
  opts: { seconds?: number; attempts?: number },
): Promise<{ ops: number; ok: number; refused: number; rps: number }> {
  let ok = 0;
  let refused = 0;
  let started = 0;
  const end = Date.now() + (opts.seconds ?? 0) * 1000;
  const t0 = Date.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      for (;;) {
        if (opts.attempts !== undefined ? started >= opts.attempts : Date.now() >= end) return;
        started++;
        const res = await pool.query(RAW_SQL, [lotId]);
        if (res.rowCount === 1) ok++;
        else refused++;
      }
    }),
  );
  const seconds = (Date.now() - t0) / 1000;
  return { ops: ok + refused, ok, refused, rps: Math.round((ok + refused) / seconds) };
}

async function main(): Promise<void> {
  const seconds = Number(arg('duration', '5'));
  const server = arg('database-url', process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  if (!['127.0.0.1', 'localhost'].includes(new URL(server).hostname)) throw new Error('the benchmark only targets 127.0.0.1');
  const dbName = 'minka_bench_stock';
  const dbUrl = new URL(server);
  dbUrl.pathname = `/${dbName}`;
  const adminClient = new Client({ connectionString: server });
  await adminClient.connect();
  await adminClient.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await adminClient.query(`CREATE DATABASE ${dbName}`);
  let app: Awaited<ReturnType<typeof createApp>> | null = null;
  try {
    await runMigrations(dbUrl.toString());
    const ds = await new DataSource({ type: 'postgres', url: dbUrl.toString(), entities: ENTITIES, extra: { max: 2 } }).initialize();
    await seedDemoData(ds, 'test');
    app = await createApp(testConfig(dbUrl.toString(), { databasePoolSize: POOL_SIZE, dashboardDir: null }));
    await app.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    const token = async (email: string): Promise<string> => {
      const res = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: 'minka-demo-2026' }),
      });
      return ((await res.json()) as { accessToken: string }).accessToken;
    };
    const admin = await token('admin@minka.demo');
    const storekeeper = await token('almacen@minka.demo');
    const call = async (t: string, path: string, body: unknown): Promise<Record<string, unknown>> => {
      const res = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${t}` },
        body: JSON.stringify(body),
      });
      if (res.status >= 300) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as Record<string, unknown>;
    };
    const [cusco] = await ds.query<Array<{ id: string }>>(`SELECT id FROM warehouses WHERE name LIKE '%Cusco%'`);
    const warehouseId = cusco.id;
    const hotItem = async (sku: string, quantity: number): Promise<{ itemId: string; lotId: string }> => {
      const item = await call(admin, '/api/v1/inventory/items', {
        sku,
        nameEs: `Bench ${sku}`,
        nameEn: `Bench ${sku}`,
        category: 'hygiene',
        unit: 'unit',
        unitWeightKg: 0.1,
        unitVolumeL: 0.1,
        perishable: false,
      });
      const op = await call(storekeeper, '/api/v1/inventory/receipts', {
        warehouseId,
        lines: [{ itemId: item.id, quantity, lotCode: sku }],
      });
      return { itemId: item.id as string, lotId: (op.movements as Array<{ lotId: string }>)[0]?.lotId };
    };
    const reserveRequest = (itemId: string): autocannon.Options => ({
      url: `${base}/api/v1/inventory/reservations`,
      method: 'POST',
      connections: CONNECTIONS,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${storekeeper}` },
      body: JSON.stringify({ warehouseId, itemId, quantity: 1 }),
    });

    // Throughput on one hot row.
    const appHot = await hotItem('BENCH-HOT-APP', 10_000_000);
    // Uncontended latency first: 20 sequential reservations.
    const sequentialMs: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t0 = performance.now();
      await call(storekeeper, '/api/v1/inventory/reservations', { warehouseId, itemId: appHot.itemId, quantity: 1 });
      sequentialMs.push(Math.round(performance.now() - t0));
    }
    console.log(`sequential reservation latency (ms): ${sequentialMs.join(' ')}`);
    await runLoad({ ...reserveRequest(appHot.itemId), duration: 1 }); // warm-up
    const http = await runLoad({ ...reserveRequest(appHot.itemId), duration: seconds });
    // The same use case with no contention (each request reserves a different item, one row each): if
    // the hot-row figure is close to this one, the row lock is not what limits the app.
    const coldItems: string[] = [];
    for (let i = 0; i < CONNECTIONS; i++) coldItems.push((await hotItem(`BENCH-COLD-${i}`, 1_000_000)).itemId);
    const cold = await runLoad({
      ...reserveRequest(coldItems[0]),
      requests: coldItems.map((itemId) => ({ method: 'POST', body: JSON.stringify({ warehouseId, itemId, quantity: 1 }) })),
      duration: seconds,
    });
    const pool = new Pool({ connectionString: dbUrl.toString(), max: POOL_SIZE });
    const rawHot = await hotItem('BENCH-HOT-RAW', 10_000_000);
    await rawRun(pool, rawHot.lotId, { seconds: 1 });
    const raw = await rawRun(pool, rawHot.lotId, { seconds });

    // Oversell: 1,000 attempts on a stock of 500.
    const appSmall = await hotItem('BENCH-500-APP', 500);
    const burst = await runLoad({ ...reserveRequest(appSmall.itemId), amount: 1000 });
    const statusCodes = burst.statusCodeStats as unknown as Record<string, { count: number }>;
    const appOk = statusCodes['201']?.count ?? 0;
    const appRefused = statusCodes['409']?.count ?? 0;
    const [appLot] = await ds.query<Array<{ on_hand: number; reserved: number }>>(
      'SELECT on_hand, reserved FROM stock_lots WHERE id = $1',
      [appSmall.lotId],
    );
    const rawSmall = await hotItem('BENCH-500-RAW', 500);
    const rawBurst = await rawRun(pool, rawSmall.lotId, { attempts: 1000 });
    const [rawLot] = await ds.query<Array<{ on_hand: number; reserved: number }>>(
      'SELECT on_hand, reserved FROM stock_lots WHERE id = $1',
      [rawSmall.lotId],
    );
    await pool.end();
    const verify = await verifyStock(ds.manager);
    // The raw UPDATEs bypass the ledger on purpose: only the app's lots must match it.
    const appDrift = verify.differences.filter((d) => d.lotId !== rawHot.lotId && d.lotId !== rawSmall.lotId);
    await ds.destroy();

    const httpRps = Math.round(http.requests.average);
    const ratio = raw.rps > 0 ? round(httpRps / raw.rps) : null;
    const result = {
      benchmark: 'stock-reservations-hot-row',
      date: new Date().toISOString(),
      node: process.version,
      connections: CONNECTIONS,
      poolSize: POOL_SIZE,
      durationSeconds: seconds,
      http: {
        rps: httpRps,
        requests: http.requests.total,
        non2xx: http.non2xx,
        errors: http.errors,
        latencyMs: { p50: http.latency.p50, p97_5: (http.latency as unknown as Record<string, number>).p97_5, p99: http.latency.p99 },
      },
      httpNoContention: {
        rps: Math.round(cold.requests.average),
        non2xx: cold.non2xx,
        latencyMs: { p50: cold.latency.p50, p99: cold.latency.p99 },
        note: 'the same reservations spread over 50 items (no shared row): the ceiling of the HTTP pipeline itself',
      },
      hotToNoContentionRatio: cold.requests.average > 0 ? round(http.requests.average / cold.requests.average) : null,
      sequentialLatencyMs: sequentialMs,
      rawConditionalUpdate: { sql: RAW_SQL, rps: raw.rps, ops: raw.ops },
      ratioHttpToRaw: ratio,
      oversell: {
        app: {
          stock: 500,
          attempts: 1000,
          reserved: appLot?.reserved,
          ok: appOk,
          refused409: appRefused,
          oversold: Math.max(0, (appLot?.reserved ?? 0) - 500),
        },
        raw: {
          stock: 500,
          attempts: 1000,
          reserved: rawLot?.reserved,
          ok: rawBurst.ok,
          oversold: Math.max(0, (rawLot?.reserved ?? 0) - 500),
        },
      },
      ledgerMatchesBalances: appDrift.length === 0,
      target: { minRatioToRaw: 0.5, oversold: 0 },
      meetsTarget: ratio !== null && ratio >= 0.5 && appLot?.reserved === 500 && appDrift.length === 0,
      note: 'http = the whole reservation use case through HTTP (auth, validation, transaction, FOR UPDATE, balance, ledger, reservation and audit rows); raw = only the conditional UPDATE with pg.',
    };
    console.log(JSON.stringify(result, null, 2));
    const dir = join(resolve(__dirname), 'results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'stock.json'), `${JSON.stringify(result, null, 2)}\n`);
  } finally {
    if (app) await app.close();
    await adminClient.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => undefined);
    await adminClient.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
