import { SchedulerRegistry } from '@nestjs/schedule';
import { AlertsService } from '../../apps/api/src/inventory/alerts.service';
import { bootApp, type BootedApp } from '../support/app';

describe('inventory alert scheduler with three instances on one database', () => {
  let apps: BootedApp[];

  beforeAll(async () => {
    const first = await bootApp();
    apps = [first, await bootApp({ db: first.db }), await bootApp({ db: first.db })];
  }, 120_000);
  afterAll(async () => {
    for (const app of [...apps].reverse()) await app.close();
  }, 60_000);

  it('registers the daily job on every instance', () => {
    for (const app of apps) expect(app.app.get(SchedulerRegistry).getCronJob('inventory.alerts')).toBeDefined();
  });

  it('runs the alerts exactly once per tick when every instance fires at the same time', async () => {
    for (let tick = 0; tick < 5; tick++) {
      // Past days that can never be today's tick (the cron handler's tick is today on the Lima calendar).
      const name = `daily:1999-01-0${tick + 1}`;
      const results = await Promise.all(apps.map((app) => app.app.get(AlertsService).run(name)));
      expect(results.filter((r) => r.ran)).toHaveLength(1);
      const rows = await apps[0]?.dataSource.query(`SELECT count(*)::int AS n FROM inventory_job_runs WHERE tick = $1`, [name]);
      expect(rows[0].n).toBe(1);
    }
  });

  it('runs the cron handler once for today across the three instances', async () => {
    await Promise.all(apps.map((app) => app.app.get(AlertsService).daily()));
    const rows = await apps[0]?.dataSource.query(
      `SELECT count(*)::int AS n FROM inventory_job_runs WHERE tick LIKE 'daily:%' AND tick NOT LIKE 'daily:1999-01-0%'`,
    );
    expect(rows[0].n).toBe(1);
    // The first run raised the demo alerts; the open-alert index keeps them from being raised twice.
    const dupes = await apps[0]?.dataSource.query(
      `SELECT kind, subject_key FROM stock_alerts WHERE resolved_at IS NULL GROUP BY 1, 2 HAVING count(*) > 1`,
    );
    expect(dupes).toEqual([]);
  });
});
