import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { createApp } from '../../apps/api/src/app.setup';
import { ENTITIES } from '../../apps/api/src/database/entities';
import { seedDemoData } from '../../apps/api/src/database/seed/demo-seed';
import { testConfig } from '../support/app';
import { login } from '../support/http';
import { startPgProcess, type PgProcess } from '../support/pg-process';
import { drive, makeJobs } from './support/load-driver';
import { recordFigures } from './support/report';
import { WRITE_PATHS } from './support/write-paths';

async function readyWithin(base: string, ms: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < ms) {
    try {
      if ((await fetch(`${base}/health/ready`)).status === 200) return Date.now() - started;
    } catch {
      /* keep polling */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return Infinity;
}

describe('PostgreSQL restart under load', () => {
  let dataDir: string;
  let pg: PgProcess;
  let app: NestExpressApplication;
  let base: string;
  let db: DataSource;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'minka-dbrestart-'));
    chmodSync(dataDir, 0o755);
    pg = await startPgProcess(dataDir, { migrate: true });
    const seed = await new DataSource({ type: 'postgres', url: pg.url, entities: ENTITIES }).initialize();
    await seedDemoData(seed, 'test');
    await seed.destroy();
    app = await createApp(testConfig(pg.url, { databasePoolSize: 8, logLevel: (process.env.REL_LOG_LEVEL ?? 'silent') as 'silent' }), { logger: Boolean(process.env.REL_LOG_LEVEL) });
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  }, 90_000);

  afterAll(async () => {
    await app?.close();
    if (db?.isInitialized) await db.destroy();
    await pg?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it.each([
    ['immediate', 'SIGQUIT'],
    ['fast', 'SIGINT'],
  ] as const)('stays up through a %s stop: 503 problem+json while away, ready again within 10 s, nothing acknowledged lost', async (mode, signal) => {
    const run = `${mode}-${Date.now().toString(36)}`;
    if (!db?.isInitialized) db = await new DataSource({ type: 'postgres', url: pg.url, entities: ENTITIES, extra: { max: 2 } }).initialize();
    const plans = [];
    const per = Math.ceil(120 / WRITE_PATHS.length);
    for (const wp of WRITE_PATHS) plans.push({ wp, token: (await login(base, wp.as)).accessToken, ids: await wp.prepare(db, run, per) });
    const jobs = plans.flatMap(({ wp, token, ids }) => makeJobs(per, (i) => ({ ...wp.request(run, i, ids), token })).map((job, i) => ({ ...job, wp, i })));
    const readStatuses: number[] = [];
    const badReads: string[] = [];
    let reading = true;
    const reader = (async () => {
      while (reading) {
        try {
          const res = await fetch(`${base}/api/v1/geography/departments`);
          readStatuses.push(res.status);
          const type = res.headers.get('content-type') ?? '';
          const text = await res.text();
          if (res.status !== 200 && (res.status !== 503 || !type.includes('problem+json') || /ECONN|stack|127\.0\.0\.1/.test(text))) {
            badReads.push(`${res.status} ${text.slice(0, 120)}`);
          }
        } catch (error) {
          badReads.push(`request failed: ${String(error)}`);
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const port = pg.port;
    let readyAfterMs = Infinity;
    const outage = (async () => {
      await new Promise((r) => setTimeout(r, 500));
      const pid = Number(readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
      process.kill(pid, signal);
      await pg.stop();
      await new Promise((r) => setTimeout(r, 1500));
      expect((await fetch(`${base}/health/ready`)).status).toBe(503);
      pg = await startPgProcess(dataDir, { port });
      readyAfterMs = await readyWithin(base, 10_000);
    })();
    const result = await drive(jobs, () => base, { concurrency: 6, deadlineMs: 60_000 });
    await outage;
    reading = false;
    await reader;

    // The pool's connections died with the server: verify through a fresh connection.
    await db.destroy();
    db = await new DataSource({ type: 'postgres', url: pg.url, entities: ENTITIES, extra: { max: 2 } }).initialize();
    let lost = 0;
    let duplicated = result.conflictsAfterCommit;
    for (const job of jobs) {
      const rows = await job.wp.rowsFor(db, run, job.i);
      if (job.acknowledged && rows === 0) lost++;
      if (rows > 1) duplicated++;
    }
    recordFigures(`db-restart-${mode}`, { sent: result.sent, acknowledged: result.acknowledged, lost, duplicated, reads: readStatuses.length, reads503: readStatuses.filter((s) => s === 503).length });
    expect(readyAfterMs).toBeLessThan(10_000);
    expect(readStatuses.filter((s) => s === 503).length).toBeGreaterThan(0);
    expect(badReads.slice(0, 5)).toEqual([]);
    expect(result.serverErrors).toBe(0);
    expect(result.unfinished).toBe(0);
    expect(lost).toBe(0);
    expect(duplicated).toBe(0);
  }, 120_000);
});
