import { createHmac } from 'node:crypto';
import { bootApp, TEST_JWT_SECRET, type BootedApp } from '../support/app';
import { expectProblem, http, login } from '../support/http';

function b64url(value: object | string): string {
  return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
}

function signHs256(payload: object, secret = TEST_JWT_SECRET, header: object = { alg: 'HS256', typ: 'JWT' }): string {
  const head = `${b64url(header)}.${b64url(payload)}`;
  return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
}

describe('authentication', () => {
  let app: BootedApp;
  let coordinatorId: string;
  let orgId: string;

  beforeAll(async () => {
    app = await bootApp();
    const rows = await app.dataSource.query(`SELECT id, organization_id FROM users WHERE email = 'coordinador@minka.demo'`);
    coordinatorId = rows[0].id;
    orgId = rows[0].organization_id;
  });
  afterAll(() => app.close());

  const now = () => Math.floor(Date.now() / 1000);
  const validClaims = () => ({
    sub: coordinatorId,
    org: orgId,
    sv: 0,
    jti: 'x',
    iat: now(),
    exp: now() + 600,
    aud: 'minka-api',
    iss: 'minka',
  });

  it('rejects GET /auth/me without authentication', async () => {
    expectProblem(await http(app.url, 'GET', '/api/v1/auth/me'), 401, 'AUTH_REQUIRED');
  });

  it('signs in with the demo password and returns a token pair; the access token lives at most 15 minutes', async () => {
    const res = await http<{ accessToken: string; refreshToken: string; expiresIn: number }>(app.url, 'POST', '/api/v1/auth/login', {
      body: { email: 'Coordinador@Minka.Demo ', password: 'minka-demo-2026' },
    });
    expect(res.status).toBe(200);
    expect(res.body.expiresIn).toBeLessThanOrEqual(900);
    const [header, payload] = res.body.accessToken
      .split('.')
      .slice(0, 2)
      .map((p) => JSON.parse(Buffer.from(p, 'base64url').toString()));
    expect(header.alg).toBe('HS256');
    expect(payload.exp - payload.iat).toBeLessThanOrEqual(900);
    expect(payload.aud).toBe('minka-api');
    const me = await http(app.url, 'GET', '/api/v1/auth/me', { token: res.body.accessToken });
    expect(me.status).toBe(200);
    expect(me.body).toEqual(expect.objectContaining({ email: 'coordinador@minka.demo', roles: ['coordinator'] }));
    expect(me.body).not.toHaveProperty('passwordHash');
  });

  it('answers a wrong password with 401 problem+json, in Spanish by default and English on request', async () => {
    const es = await http(app.url, 'POST', '/api/v1/auth/login', { body: { email: 'admin@minka.demo', password: 'wrong-password-1' } });
    expectProblem(es, 401, 'AUTH_INVALID_CREDENTIALS');
    expect((es.body as { detail: string }).detail).toMatch(/contraseña/);
    const en = await http(app.url, 'POST', '/api/v1/auth/login', {
      body: { email: 'admin@minka.demo', password: 'wrong-password-1' },
      headers: { 'accept-language': 'en-GB,en;q=0.9' },
    });
    expect((en.body as { detail: string }).detail).toMatch(/password/);
    const unknown = await http(app.url, 'POST', '/api/v1/auth/login', {
      body: { email: 'nadie@minka.demo', password: 'wrong-password-1' },
    });
    expectProblem(unknown, 401, 'AUTH_INVALID_CREDENTIALS');
  });

  it.each([
    ['expired', () => signHs256({ ...validClaims(), iat: now() - 3600, exp: now() - 60 })],
    ['alg none', () => `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(validClaims())}.`],
    ['wrong audience', () => signHs256({ ...validClaims(), aud: 'another-api' })],
    ['wrong signature', () => signHs256(validClaims(), 'another-secret-that-is-long-enough-0123456789')],
    [
      'HS512 instead of HS256',
      () => {
        const head = `${b64url({ alg: 'HS512', typ: 'JWT' })}.${b64url(validClaims())}`;
        return `${head}.${createHmac('sha512', TEST_JWT_SECRET).update(head).digest('base64url')}`;
      },
    ],
  ])('refuses a token that is %s with 401', async (_label, make) => {
    // The same claims signed correctly are accepted, so the 401 is due to the flaw alone.
    expect((await http(app.url, 'GET', '/api/v1/auth/me', { token: signHs256(validClaims()) })).status).toBe(200);
    expectProblem(await http(app.url, 'GET', '/api/v1/auth/me', { token: make() }), 401, 'AUTH_TOKEN_INVALID');
  });

  it('rotates the refresh token, and revokes the whole chain when an old one is reused', async () => {
    const first = await login(app.url, 'almacen@minka.demo');
    const second = await http<{ accessToken: string; refreshToken: string }>(app.url, 'POST', '/api/v1/auth/refresh', {
      body: { refreshToken: first.refreshToken },
    });
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.refreshToken);
    const third = await http<{ refreshToken: string }>(app.url, 'POST', '/api/v1/auth/refresh', {
      body: { refreshToken: second.body.refreshToken },
    });
    expect(third.status).toBe(200);

    // The first token again: theft assumed, the chain (including the newest token) is revoked.
    expectProblem(
      await http(app.url, 'POST', '/api/v1/auth/refresh', { body: { refreshToken: first.refreshToken } }),
      401,
      'AUTH_REFRESH_REUSED',
    );
    expectProblem(
      await http(app.url, 'POST', '/api/v1/auth/refresh', { body: { refreshToken: third.body.refreshToken } }),
      401,
      'AUTH_REFRESH_INVALID',
    );

    // Another login of the same user is another chain and still works.
    const other = await login(app.url, 'almacen@minka.demo');
    expect((await http(app.url, 'POST', '/api/v1/auth/refresh', { body: { refreshToken: other.refreshToken } })).status).toBe(200);
    const audit = await app.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'auth.refresh_reuse_detected'`);
    expect(audit[0].n).toBe(1);
  });

  it('ends the session chain on logout', async () => {
    const tokens = await login(app.url, 'fondos@minka.demo');
    expect((await http(app.url, 'POST', '/api/v1/auth/logout', { body: { refreshToken: tokens.refreshToken } })).status).toBe(204);
    expectProblem(
      await http(app.url, 'POST', '/api/v1/auth/refresh', { body: { refreshToken: tokens.refreshToken } }),
      401,
      'AUTH_REFRESH_INVALID',
    );
  });

  it('stores passwords as argon2id with m >= 19456 KiB and t >= 2', async () => {
    const rows = await app.dataSource.query(`SELECT password_hash FROM users WHERE email = 'admin@minka.demo'`);
    const hash: string = rows[0].password_hash;
    expect(hash.startsWith('$argon2id$v=19$')).toBe(true);
    // PHC string: the parameter list is "m=…,p=…,t=…" (order not fixed by the format).
    const params = Object.fromEntries(
      hash
        .split('$')[3]
        .split(',')
        .map((kv) => kv.split('=')),
    );
    expect(Number(params.m)).toBeGreaterThanOrEqual(19456);
    expect(Number(params.t)).toBeGreaterThanOrEqual(2);
  });

  it('ends every session of a user the moment an admin disables them', async () => {
    const admin = await login(app.url, 'admin@minka.demo');
    const donor = await login(app.url, 'donante@minka.demo');
    const donorId = (await app.dataSource.query(`SELECT id FROM users WHERE email = 'donante@minka.demo'`))[0].id;
    expect((await http(app.url, 'GET', '/api/v1/auth/me', { token: donor.accessToken })).status).toBe(200);

    const disabled = await http(app.url, 'POST', `/api/v1/admin/users/${donorId}/disable`, { token: admin.accessToken });
    expect(disabled.status).toBe(200);
    expect(disabled.body).toEqual(expect.objectContaining({ status: 'disabled' }));

    expectProblem(await http(app.url, 'GET', '/api/v1/auth/me', { token: donor.accessToken }), 401, 'AUTH_TOKEN_INVALID');
    expectProblem(
      await http(app.url, 'POST', '/api/v1/auth/refresh', { body: { refreshToken: donor.refreshToken } }),
      401,
      'AUTH_REFRESH_INVALID',
    );
    expectProblem(
      await http(app.url, 'POST', '/api/v1/auth/login', { body: { email: 'donante@minka.demo', password: 'minka-demo-2026' } }),
      401,
    );

    expect((await http(app.url, 'POST', `/api/v1/admin/users/${donorId}/enable`, { token: admin.accessToken })).status).toBe(200);
    await login(app.url, 'donante@minka.demo');
  });

  it('forbids a role from a route it does not hold (403)', async () => {
    const coordinator = await login(app.url, 'coordinador@minka.demo');
    expectProblem(await http(app.url, 'GET', '/api/v1/admin/users', { token: coordinator.accessToken }), 403, 'FORBIDDEN');
  });
});

describe('login throttling', () => {
  let app: BootedApp;
  beforeAll(async () => {
    app = await bootApp();
  });
  afterAll(() => app.close());

  it('answers 429 with Retry-After once an account sees too many attempts, whatever the address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const res = await http(app.url, 'POST', '/api/v1/auth/login', {
        body: { email: 'lider@minka.demo', password: `wrong-${i}-password` },
        headers: { 'x-forwarded-for': `10.0.0.${i + 1}` },
      });
      statuses.push(res.status);
      if (res.status === 429) {
        expectProblem(res, 429, 'TOO_MANY_REQUESTS');
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      }
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses[10]).toBe(429);
    // Even the right password is refused while the account is blocked.
    const blocked = await http(app.url, 'POST', '/api/v1/auth/login', { body: { email: 'lider@minka.demo', password: 'minka-demo-2026' } });
    expectProblem(blocked, 429, 'TOO_MANY_REQUESTS');
  });

  it('answers 429 with Retry-After once one address sends too many attempts across accounts', async () => {
    let last = 0;
    let retryAfter: string | null = null;
    for (let i = 0; i < 21; i++) {
      const res = await http(app.url, 'POST', '/api/v1/auth/login', {
        body: { email: `persona${i}@example.org`, password: 'wrong-password-1' },
      });
      last = res.status;
      retryAfter = res.headers.get('retry-after');
    }
    expect(last).toBe(429);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });
});
