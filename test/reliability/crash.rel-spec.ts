import { DataSource } from 'typeorm';
import { findFreePort } from '../../apps/api/src/database/embedded-postgres';
import { ENTITIES } from '../../apps/api/src/database/entities';
import { login } from '../support/http';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { startAppProcess, type AppProcess } from './support/app-process';
import { drive, makeJobs } from './support/load-driver';
import { recordFigures } from './support/report';
import { WRITE_PATHS } from './support/write-paths';

const WRITES_PER_PATH = Number(process.env.CRASH_WRITES_PER_PATH ?? 80);

describe('crash under load', () => {
  let db: TestDatabase;
  let ds: DataSource;
  beforeAll(async () => {
    db = await createTestDatabase({ demo: true });
    ds = await new DataSource({ type: 'postgres', url: db.url, entities: ENTITIES, extra: { max: 2 } }).initialize();
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('keeps every acknowledged write exactly once when the API is killed with SIGKILL mid-run and restarted', async () => {
    const port = await findFreePort();
    let app: AppProcess = startAppProcess('crash-1', port, { DATABASE_URL: db.url });
    await app.waitReady();
    const run = Date.now().toString(36);
    const tokens = new Map<string, string>();
    for (const wp of WRITE_PATHS) if (!tokens.has(wp.as)) tokens.set(wp.as, (await login(app.base, wp.as)).accessToken);
    const prepared = new Map<string, Record<string, string>>();
    for (const wp of WRITE_PATHS) prepared.set(wp.name, await wp.prepare(ds, run, WRITES_PER_PATH));
    const jobs = WRITE_PATHS.flatMap((wp) =>
      makeJobs(WRITES_PER_PATH, (i) => ({ ...wp.request(run, i, prepared.get(wp.name) ?? {}), token: tokens.get(wp.as) as string })).map((job, i) => ({
        ...job,
        wp,
        i,
      })),
    );
    const total = jobs.length;
    let killed = false;
    const restart = async (): Promise<void> => {
      app.child.kill('SIGKILL');
      await app.exited();
      app = startAppProcess('crash-2', port, { DATABASE_URL: db.url });
      await app.waitReady();
    };
    const restarting: { done: Promise<void> | null } = { done: null };
    const result = await drive(jobs, () => app.base, {
      concurrency: 8,
      deadlineMs: 120_000,
      onAck: (acked) => {
        if (!killed && acked >= total / 3) {
          killed = true;
          restarting.done = restart();
        }
      },
    });
    if (restarting.done) await restarting.done;
    app.child.kill('SIGTERM');
    await app.exited();

    let lost = 0;
    let duplicated = 0;
    for (const job of jobs) {
      const rows = await job.wp.rowsFor(ds, run, job.i);
      if (job.acknowledged && rows === 0) lost++;
      if (rows > 1) duplicated++;
    }
    duplicated += result.conflictsAfterCommit;
    const stuck = (await ds.query(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory'`))[0].n as number;
    recordFigures('crash', { sent: result.sent, acknowledged: result.acknowledged, lost, duplicated, unfinished: result.unfinished, killed: killed ? 1 : 0 });
    expect(killed).toBe(true);
    expect(result.unfinished).toBe(0);
    expect(result.acknowledged).toBe(total);
    expect(lost).toBe(0);
    expect(duplicated).toBe(0);
    expect(result.serverErrors).toBe(0);
    expect(stuck).toBe(0);
  }, 240_000);
});
