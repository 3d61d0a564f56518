/**
 * Donations benchmark: loads 1,000,000 donations (generate_series, in PEN and USD, ~50,000 donors) into
 * one campaign of a scratch database, then measures
 *   - campaign progress as the app reads it (the per-campaign aggregate: progress row, milestones,
 *     in-kind) — `CampaignsService.get`, sequential calls, and the public page endpoint
 *     GET /api/v1/public/campaigns/:slug over HTTP with autocannon (10 connections);
 *   - the same page requested one at a time (200 sequential GETs), the latency a phone sees;
 *   - a raw `SUM(amount_pen_minor)` + `count(DISTINCT donor_id)` over the same donations;
 * and checks that the aggregate equals the raw sum, also after 200 concurrent donations recorded
 * through the real use case. Writes bench/results/donations.json. Target: progress p95 ≤ 50 ms.
 *
 * usage: npm run bench:donations -- [--rows N] [--duration SECONDS] [--database-url URL]
 * Default server: BENCH_DATABASE_URL or postgres://postgres@127.0.0.1:5432/postgres; a scratch
 * database minka_bench_donations is created there and dropped afterwards. Only 127.0.0.1 is targeted.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { runLoad } from './support/load';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createApp } from '../apps/api/src/app.setup';
import { ENTITIES } from '../apps/api/src/database/entities';
import { runMigrations } from '../apps/api/src/database/migrate';
import { CampaignsService } from '../apps/api/src/donations/campaigns.service';
import { DonationsService } from '../apps/api/src/donations/donations.service';
import { StockLedgerService } from '../apps/api/src/inventory/stock-ledger.service';
import { AuditService } from '../apps/api/src/platform/audit/audit.service';
import type { AuthenticatedUser } from '../apps/api/src/platform/auth/authenticated-user';
import { TransactionRunner } from '../apps/api/src/platform/transaction/transaction-runner';
import { testConfig } from '../test/support/app';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? (process.argv[i + 1]) : fallback;
}

const round = (n: number): number => Math.round(n * 100) / 100;

function percentiles(samples: number[]): { p50: number; p95: number; p99: number; max: number; n: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
  return { p50: round(at(0.5)), p95: round(at(0.95)), p99: round(at(0.99)), max: round(s[s.length - 1] ?? 0), n: s.length };
}

async function timeIt(n: number, work: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    await work();
    out.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return out;
}

async function main(): Promise<void> {
  const rows = Number(arg('rows', '1000000'));
  const seconds = Number(arg('duration', '5'));
  const server = arg('database-url', process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  if (!['127.0.0.1', 'localhost'].includes(new URL(server).hostname)) throw new Error('the benchmark only targets 127.0.0.1');
  const dbName = 'minka_bench_donations';
  const dbUrl = new URL(server);
  dbUrl.pathname = `/${dbName}`;
  const admin = new Client({ connectionString: server });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${dbName}`);
  let app: Awaited<ReturnType<typeof createApp>> | null = null;
  let ds: DataSource | null = null;
  try {
    await runMigrations(dbUrl.toString());
    ds = await new DataSource({ type: 'postgres', url: dbUrl.toString(), entities: ENTITIES, extra: { max: 20 } }).initialize();
    const audit = new AuditService(ds);
    const tx = new TransactionRunner(ds);
    const campaigns = new CampaignsService(ds, tx, audit);
    const donations = new DonationsService(ds, tx, audit, new StockLedgerService(audit));
    const orgId = (await ds.query(`INSERT INTO organizations (slug, name) VALUES ('red-bench', 'Red Bench') RETURNING id`))[0].id as string;
    const user: AuthenticatedUser = { id: randomUUID(), organizationId: orgId, email: 'bench@minka.demo', roles: ['fundraiser'] };
    const campaign = await campaigns.create(user, {
      slug: 'bench-friaje',
      titleEs: 'Campaña de carga',
      titleEn: 'Load campaign',
      storyEs: 'Un millón de donaciones para medir el avance.',
      storyEn: 'A million donations to measure progress.',
      goalMinor: '500000000',
      milestonesMinor: ['50000000', '300000000', '500000000'],
      startsOn: '2026-01-01',
      commission: 'Comisión de fondos',
      status: 'active',
    });

    // ── load ──────────────────────────────────────────────────────────────────────────────────
    const donorCount = Math.max(1, Math.min(50_000, Math.floor(rows / 20)));
    let t0 = Date.now();
    await ds.query(
      `INSERT INTO donors (organization_id, kind, name, consent_to_be_public)
       SELECT $1, 'individual', 'Donante ' || g, g % 3 = 0 FROM generate_series(1, $2) g`,
      [orgId, donorCount],
    );
    await ds.query(
      `WITH d AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM donors WHERE organization_id = $1)
       INSERT INTO donations (organization_id, campaign_id, donor_id, kind, entry_type, amount_minor, currency, exchange_rate,
                              amount_pen_minor, method, received_on, receipt_year, receipt_seq, created_at)
       SELECT $1, $2, d.id, 'money', 'donation', a.amount, a.currency, a.rate,
              CASE WHEN a.currency = 'PEN' THEN a.amount ELSE round(a.amount * a.rate)::bigint END,
              (ARRAY['bank_transfer','yape','plin','card','cash'])[1 + g % 5], DATE '2026-01-01' + (g % 300), 2026, g,
              TIMESTAMPTZ '2026-01-01' + g * interval '1 second'
         FROM generate_series(1, $3) g
         CROSS JOIN LATERAL (SELECT (1000 + (g::bigint * 7919) % 500000) AS amount,
                                    CASE WHEN g % 5 = 0 THEN 'USD' ELSE 'PEN' END AS currency,
                                    CASE WHEN g % 5 = 0 THEN 3.75::numeric ELSE NULL END AS rate) a
         JOIN d ON d.n = 1 + (g % $4)`,
      [orgId, campaign.id, rows, donorCount],
    );
    // A bulk load backfills the aggregate once, from the ledger; every later write keeps it current.
    await ds.query(`INSERT INTO donation_receipt_counters (organization_id, year, last_seq) VALUES ($1, 2026, $2)`, [orgId, rows]);
    await ds.query(
      `INSERT INTO donation_campaign_donors (campaign_id, donor_id, donation_count)
       SELECT campaign_id, donor_id, count(*) FROM donations WHERE campaign_id = $1 GROUP BY 1, 2`,
      [campaign.id],
    );
    await ds.query(
      `UPDATE donation_campaign_progress p
          SET raised_minor = s.raised, donation_count = s.n, donor_count = s.donors, updated_at = now()
         FROM (SELECT sum(amount_pen_minor) AS raised, count(*) AS n, count(DISTINCT donor_id) AS donors
                 FROM donations WHERE campaign_id = $1) s
        WHERE p.campaign_id = $1`,
      [campaign.id],
    );
    await ds.query(
      `UPDATE donation_campaign_milestones m SET reached_at = now()
        WHERE campaign_id = $1 AND amount_minor <= (SELECT raised_minor FROM donation_campaign_progress WHERE campaign_id = $1)`,
      [campaign.id],
    );
    await ds.query('ANALYZE');
    const loadSeconds = (Date.now() - t0) / 1000;
    console.log(`loaded ${rows} donations (${donorCount} donors) in ${loadSeconds.toFixed(1)} s`);

    // ── 200 concurrent donations through the real use case on top ─────────────────────────────
    const donorIds = await ds.query<Array<{ id: string }>>(`SELECT id FROM donors WHERE organization_id = $1 LIMIT 20`, [orgId]);
    t0 = Date.now();
    await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        donations.record(user, {
          campaignId: campaign.id,
          donorId: (donorIds[i % donorIds.length]).id,
          kind: 'money',
          amountMinor: String(5000 + i),
          currency: i % 4 === 0 ? 'USD' : 'PEN',
          exchangeRate: i % 4 === 0 ? '3.7512' : undefined,
          method: 'yape',
          receivedOn: '2026-11-20',
        }),
      ),
    );
    const recordSeconds = (Date.now() - t0) / 1000;

    // ── measure ───────────────────────────────────────────────────────────────────────────────
    const rawSql = `SELECT sum(amount_pen_minor)::text AS raised, count(DISTINCT donor_id)::int AS donors FROM donations WHERE campaign_id = $1`;
    const raw = (await ds.query(rawSql, [campaign.id]))[0] as { raised: string; donors: number };
    const viaAggregate = await campaigns.get(campaign.id);
    const consistent = viaAggregate.progress.raisedMinor === raw.raised && viaAggregate.progress.donorCount === raw.donors;
    await timeIt(20, () => campaigns.get(campaign.id)); // warm-up
    const progressMs = await timeIt(500, () => campaigns.get(campaign.id));
    const rawMs = await timeIt(10, () => ds?.query(rawSql, [campaign.id]) ?? Promise.resolve());

    app = await createApp(testConfig(dbUrl.toString(), { dashboardDir: null, databasePoolSize: 10 }), { logger: false });
    await app.listen(0, '127.0.0.1');
    const url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}/api/v1/public/campaigns/bench-friaje`;
    await timeIt(10, () => fetch(url).then((r) => r.text())); // warm-up
    const pageMs = await timeIt(200, () => fetch(url).then((r) => r.text()));
    const http = await runLoad({ url, connections: 10, duration: seconds });
    const result = {
      benchmark: 'donations',
      when: new Date().toISOString(),
      rows,
      donors: donorCount,
      loadSeconds: round(loadSeconds),
      concurrentRecord: { donations: 200, seconds: round(recordSeconds) },
      consistent,
      raisedMinor: viaAggregate.progress.raisedMinor,
      progressMs: percentiles(progressMs),
      rawSumMs: percentiles(rawMs),
      publicPageSequentialMs: percentiles(pageMs),
      publicPageHttp: {
        connections: 10,
        seconds,
        requests: http.requests.total,
        rps: Math.round(http.requests.average),
        latencyMs: { p50: http.latency.p50, p97_5: http.latency.p97_5, p99: http.latency.p99, max: http.latency.max },
        non2xx: http.non2xx,
      },
      target: { progressP95Ms: 50, met: percentiles(progressMs).p95 <= 50 && consistent },
    };
    const outDir = resolve(__dirname, 'results');
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, 'donations.json'), `${JSON.stringify(result, null, 2)}\n`);
    console.log(JSON.stringify(result, null, 2));
    if (!consistent) process.exitCode = 1;
  } finally {
    await app?.close();
    await ds?.destroy();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
