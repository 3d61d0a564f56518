import { randomUUID } from 'node:crypto';
import { bootApp, type BootedApp } from '../support/app';
import { expectProblem, http, login } from '../support/http';
import { recordFigures } from './support/report';

/** Two API instances on one PostgreSQL, as behind a load balancer: no state only one of them sees. */
describe('two API instances on one database', () => {
  let a: BootedApp;
  let b: BootedApp;
  beforeAll(async () => {
    a = await bootApp();
    b = await bootApp({ db: a.db });
  }, 60_000);
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  it('shares sessions: a token from A works on B, a refresh on B rotates A’s chain, reuse on A revokes it', async () => {
    const tokens = await login(a.url, 'coordinador@minka.demo');
    expect((await http(b.url, 'GET', '/api/v1/auth/me', { token: tokens.accessToken })).status).toBe(200);
    const rotated = await http<{ refreshToken: string }>(b.url, 'POST', '/api/v1/auth/refresh', { body: { refreshToken: tokens.refreshToken } });
    expect(rotated.status).toBe(200);
    expectProblem(await http(a.url, 'POST', '/api/v1/auth/refresh', { body: { refreshToken: tokens.refreshToken } }), 401, 'AUTH_REFRESH_REUSED');
    expectProblem(await http(b.url, 'POST', '/api/v1/auth/refresh', { body: { refreshToken: rotated.body.refreshToken } }), 401, 'AUTH_REFRESH_INVALID');
  });

  it('shares idempotency keys: a replay on B returns A’s response, and concurrent sends to both write once', async () => {
    const admin = (await login(a.url, 'admin@minka.demo')).accessToken;
    const key = randomUUID();
    const body = { name: 'Red Ayni Sur', slug: 'red-ayni-sur' };
    const first = await http<{ id: string }>(a.url, 'POST', '/api/v1/admin/organizations', { token: admin, body, headers: { 'idempotency-key': key } });
    const replay = await http<{ id: string }>(b.url, 'POST', '/api/v1/admin/organizations', { token: admin, body, headers: { 'idempotency-key': key } });
    expect(first.status).toBe(201);
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body.id).toBe(first.body.id);

    const key2 = randomUUID();
    const body2 = { name: 'Red Ayni Norte', slug: 'red-ayni-norte' };
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        http<{ id: string }>(i % 2 ? a.url : b.url, 'POST', '/api/v1/admin/organizations', { token: admin, body: body2, headers: { 'idempotency-key': key2 } }),
      ),
    );
    for (const r of results) expect([201, 409]).toContain(r.status);
    const rows = await a.dataSource.query(`SELECT count(*)::int AS n FROM organizations WHERE slug = 'red-ayni-norte'`);
    expect(rows[0].n).toBe(1);
    recordFigures('two-instances', { sent: 22, acknowledged: results.filter((r) => r.status === 201).length + 2, lost: 0, duplicated: rows[0].n - 1 });
  });

  it('shares sign-in throttling: attempts on A and B count together', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const res = await http(i % 2 ? a.url : b.url, 'POST', '/api/v1/auth/login', {
        body: { email: 'almacen@minka.demo', password: `wrong-pass-${i}` },
        headers: { 'x-forwarded-for': `10.1.1.${i + 1}` },
      });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  it('ends a disabled user’s sessions on both instances at once', async () => {
    const admin = (await login(b.url, 'admin@minka.demo')).accessToken;
    const donor = await login(a.url, 'donante@minka.demo');
    const donorId = (await a.dataSource.query(`SELECT id FROM users WHERE email = 'donante@minka.demo'`))[0].id;
    expect((await http(b.url, 'POST', `/api/v1/admin/users/${donorId}/disable`, { token: admin })).status).toBe(200);
    expect((await http(a.url, 'GET', '/api/v1/auth/me', { token: donor.accessToken })).status).toBe(401);
    expect((await http(b.url, 'GET', '/api/v1/auth/me', { token: donor.accessToken })).status).toBe(401);
  });
});
