import { randomUUID } from 'node:crypto';
import { bootApp, type BootedApp } from '../support/app';
import { expectProblem, http, login } from '../support/http';

describe('idempotency keys', () => {
  let app: BootedApp;
  let admin: string;
  let secondAdmin: string;
  let adminId: string;

  beforeAll(async () => {
    app = await bootApp();
    admin = (await login(app.url, 'admin@minka.demo')).accessToken;
    const orgId = (await app.dataSource.query(`SELECT id FROM organizations WHERE slug = 'red-minka'`))[0].id;
    adminId = (await app.dataSource.query(`SELECT id FROM users WHERE email = 'admin@minka.demo'`))[0].id;
    const created = await http(app.url, 'POST', '/api/v1/admin/users', {
      token: admin,
      body: {
        organizationId: orgId,
        email: 'segundo.admin@minka.demo',
        fullName: 'Segundo Admin',
        password: 'otra-clave-segura-2026',
        roles: ['admin'],
      },
    });
    expect(created.status).toBe(201);
    secondAdmin = (await login(app.url, 'segundo.admin@minka.demo', 'otra-clave-segura-2026')).accessToken;
  });
  afterAll(() => app.close());

  const orgCount = async (slug: string): Promise<number> =>
    (await app.dataSource.query(`SELECT count(*)::int AS n FROM organizations WHERE slug = $1`, [slug]))[0].n;
  const post = (token: string, key: string, body: object) =>
    http<{ id: string }>(app.url, 'POST', '/api/v1/admin/organizations', { token, body, headers: { 'idempotency-key': key } });

  it('replays the first response for the same key and body, writing once', async () => {
    const key = randomUUID();
    const body = { name: 'Ayni Perú', slug: 'ayni-peru' };
    const first = await post(admin, key, body);
    expect(first.status).toBe(201);
    const again = await post(admin, key, { slug: 'ayni-peru', name: 'Ayni Perú' }); // same body, other key order
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await orgCount('ayni-peru')).toBe(1);
    const audits = await app.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'organization.created' AND entity_id = $1`,
      [first.body.id],
    );
    expect(audits[0].n).toBe(1);
  });

  it('answers 422 when the same key comes with another body', async () => {
    const key = randomUUID();
    expect((await post(admin, key, { name: 'Kusi Warmi', slug: 'kusi-warmi' })).status).toBe(201);
    expectProblem(await post(admin, key, { name: 'Kusi Warmi 2', slug: 'kusi-warmi-2' }), 422, 'IDEMPOTENCY_KEY_REUSED');
    expect(await orgCount('kusi-warmi-2')).toBe(0);
  });

  it('answers 409 while the first request with the key is still running, and runs a retry once it is gone', async () => {
    const key = randomUUID();
    const body = { name: 'Inti Raymi', slug: 'inti-raymi' };
    // Stand in for a request that is mid-flight on another instance: it holds the key's transaction lock.
    const { IDEMPOTENCY_LOCK_SQL, idempotencyLockName } = await import('../../apps/api/src/platform/idempotency/idempotency.interceptor');
    const inFlight = app.dataSource.createQueryRunner();
    await inFlight.connect();
    await inFlight.startTransaction();
    await inFlight.query(`SELECT pg_advisory_xact_lock(${IDEMPOTENCY_LOCK_SQL})`, [idempotencyLockName(`user:${adminId}`, key)]);
    try {
      const res = await post(admin, key, body);
      expectProblem(res, 409, 'IDEMPOTENCY_REQUEST_IN_PROGRESS');
      expect(res.headers.get('retry-after')).toBe('1');
      expect(await orgCount('inti-raymi')).toBe(0);
    } finally {
      // The in-flight request dies (its transaction rolls back): nothing is left stuck.
      await inFlight.rollbackTransaction();
      await inFlight.release();
    }
    expect((await post(admin, key, body)).status).toBe(201);
    expect(await orgCount('inti-raymi')).toBe(1);
  });

  it('scopes keys per user: another user may use the same key for their own request', async () => {
    const key = randomUUID();
    expect((await post(admin, key, { name: 'Wiñay Kawsay', slug: 'winay-kawsay' })).status).toBe(201);
    const other = await post(secondAdmin, key, { name: 'Sumaq Yaku', slug: 'sumaq-yaku' });
    expect(other.status).toBe(201);
    expect(other.headers.get('idempotent-replayed')).toBeNull();
    expect(await orgCount('sumaq-yaku')).toBe(1);
  });

  it('writes exactly once when the same request is sent 10 times at once', async () => {
    const key = randomUUID();
    const body = { name: 'Qhapaq Ñan', slug: 'qhapaq-nan' };
    const results = await Promise.all(Array.from({ length: 10 }, () => post(admin, key, body)));
    for (const r of results) expect([201, 409]).toContain(r.status);
    expect(results.filter((r) => r.status === 201).length).toBeGreaterThanOrEqual(1);
    expect(await orgCount('qhapaq-nan')).toBe(1);
    const ids = new Set(results.filter((r) => r.status === 201).map((r) => r.body.id));
    expect(ids.size).toBe(1);
  });

  it('releases the key when the request fails, so a corrected retry is not blocked', async () => {
    const key = randomUUID();
    const taken = await post(admin, key, { name: 'Duplicada', slug: 'red-minka' });
    expectProblem(taken, 409, 'ORGANIZATION_SLUG_TAKEN');
    const rows = await app.dataSource.query(`SELECT count(*)::int AS n FROM idempotency_keys WHERE key = $1`, [key]);
    expect(rows[0].n).toBe(0);
    const retried = await post(admin, key, { name: 'Duplicada', slug: 'red-minka' });
    expectProblem(retried, 409, 'ORGANIZATION_SLUG_TAKEN');
  });

  it('refuses a malformed key with 400 naming the header', async () => {
    const res = await post(admin, 'short', { name: 'X org', slug: 'x-org' });
    expectProblem(res, 400, 'IDEMPOTENCY_KEY_INVALID');
    expect((res.body as unknown as { errors: Array<{ field: string }> }).errors[0].field).toBe('Idempotency-Key');
  });
});
