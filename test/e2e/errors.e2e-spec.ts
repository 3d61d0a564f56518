import { bootApp, type BootedApp } from '../support/app';
import { expectProblem, http, login } from '../support/http';

describe('errors are RFC 9457 problem+json', () => {
  let app: BootedApp;
  let admin: string;
  beforeAll(async () => {
    app = await bootApp();
    admin = (await login(app.url, 'admin@minka.demo')).accessToken;
  });
  afterAll(() => app.close());

  it('rejects an unknown body field with 400 naming it', async () => {
    const res = await http(app.url, 'POST', '/api/v1/admin/organizations', {
      token: admin,
      body: { name: 'Org', slug: 'org-x', organizationId: 'x', onHand: 5 },
    });
    expectProblem(res, 400, 'UNKNOWN_FIELD');
    expect((res.body as { detail: string }).detail).toMatch(/organizationId/);
    const fields = (res.body as { errors: Array<{ field: string; code: string }> }).errors
      .filter((e) => e.code === 'UNKNOWN_FIELD')
      .map((e) => e.field);
    expect(fields.sort()).toEqual(['onHand', 'organizationId']);
  });

  it('names every invalid field with a message in the caller language', async () => {
    const res = await http(app.url, 'POST', '/api/v1/admin/users', {
      token: admin,
      headers: { 'accept-language': 'en' },
      body: { organizationId: 'not-a-uuid', email: 'nope', fullName: 'A', password: 'x', roles: ['captain'] },
    });
    expectProblem(res, 400, 'VALIDATION_FAILED');
    const fields = new Set((res.body as { errors: Array<{ field: string }> }).errors.map((e) => e.field));
    expect([...fields].sort()).toEqual(['email', 'fullName', 'organizationId', 'password', 'roles']);
    expect((res.body as { title: string }).title).toBe('Invalid data');
  });

  it('refuses a common password with a clear code', async () => {
    const orgId = (await app.dataSource.query(`SELECT id FROM organizations LIMIT 1`))[0].id;
    const res = await http(app.url, 'POST', '/api/v1/admin/users', {
      token: admin,
      body: { organizationId: orgId, email: 'debil@minka.demo', fullName: 'Clave Débil', password: 'password123', roles: ['donor'] },
    });
    expectProblem(res, 400, 'PASSWORD_TOO_WEAK');
    expect((res.body as { errors: Array<{ field: string }> }).errors[0].field).toBe('password');
  });

  it('answers a body over 1 MB with 413', async () => {
    const res = await http(app.url, 'POST', '/api/v1/auth/login', {
      rawBody: JSON.stringify({ email: 'a@b.pe', password: 'x'.repeat(1_100_000) }),
    });
    expectProblem(res, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('answers malformed JSON with 400', async () => {
    expectProblem(await http(app.url, 'POST', '/api/v1/auth/login', { rawBody: '{"email": ' }), 400, 'MALFORMED_JSON');
  });

  it('answers an unknown API route with 404 problem+json, and a bad path parameter with 400 naming it', async () => {
    expectProblem(await http(app.url, 'GET', '/api/v1/no-such-thing', { token: admin }), 404);
    const bad = await http(app.url, 'GET', '/api/v1/admin/users/123', { token: admin });
    expectProblem(bad, 400, 'VALIDATION_FAILED');
    expect((bad.body as { errors: Array<{ field: string }> }).errors[0].field).toBe('id');
  });

  it('echoes a well-formed caller correlation id in the header and the problem', async () => {
    const res = await http(app.url, 'POST', '/api/v1/auth/login', {
      body: { email: 'x@y.pe', password: 'nope-nope' },
      headers: { 'x-correlation-id': 'trace-abc-12345' },
    });
    expect(res.headers.get('x-correlation-id')).toBe('trace-abc-12345');
    expect((res.body as { correlationId: string }).correlationId).toBe('trace-abc-12345');
  });

  it('sets security headers (helmet)', async () => {
    const res = await http(app.url, 'GET', '/api/v1/config');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('serves the OpenAPI document and the public client configuration', async () => {
    const doc = await http<{ openapi: string; paths: Record<string, unknown> }>(app.url, 'GET', '/api/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    const config = await http(app.url, 'GET', '/api/v1/config');
    expect(config.body).toEqual({ mapTileUrl: null, mapTileAttribution: null, version: 'test' });
  });
});
