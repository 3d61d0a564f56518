import { readFileSync } from 'node:fs';
import path from 'node:path';
import { bootApp, type BootedApp } from '../support/app';
import { http, login } from '../support/http';
import { concretePath, listRoutes } from '../support/routes';
import { makeResolver, type Schema } from './support/openapi-fuzz';
import { recordFigures } from './support/report';

const ROLES = ['admin', 'coordinator', 'storekeeper', 'fundraiser', 'leader', 'donor'] as const;
const DEMO_EMAIL: Record<(typeof ROLES)[number], string> = {
  admin: 'admin@minka.demo',
  coordinator: 'coordinador@minka.demo',
  storekeeper: 'almacen@minka.demo',
  fundraiser: 'fondos@minka.demo',
  leader: 'lider@minka.demo',
  donor: 'donante@minka.demo',
};
/**
 * Public routes that authenticate the caller by a signature instead of a session (the SMS gateway's
 * webhook: HMAC of the body). Unsigned, every caller — with or without a session — gets 401. Their
 * body is the gateway's payload: providers add fields of their own, only `from` and `text` are read
 * and nothing is assigned from it, so the mass-assignment probe does not apply.
 */
const SIGNATURE_ROUTES = new Set(['POST /api/v1/webhooks/sms']);
const MASS_ASSIGNMENT_FIELDS = ['role', 'roles', 'organizationId', 'onHand', 'status', 'id', 'createdAt', 'passwordHash', 'isAdmin'];

const spec = JSON.parse(readFileSync(path.resolve(__dirname, '../../openapi.json'), 'utf8')) as {
  paths: Record<string, Record<string, { requestBody?: { content: { 'application/json'?: { schema: Schema } } } }>>;
  components: { schemas: Record<string, Schema> };
};

describe('authorisation matrix (generated from the route list)', () => {
  let app: BootedApp;
  const tokens = new Map<string, string>();
  beforeAll(async () => {
    app = await bootApp();
    for (const role of ROLES) tokens.set(role, (await login(app.url, DEMO_EMAIL[role])).accessToken);
  }, 60_000);
  afterAll(() => app.close());

  it('allows exactly the declared roles on every route, 401 without a session and 403 for every other role', async () => {
    const wrong: string[] = [];
    let cells = 0;
    for (const route of listRoutes(app.app)) {
      // Routes that would end the caller's own session are checked with a random id (404 = allowed past the guard).
      const url = concretePath(route.path);
      const body = route.method === 'GET' ? {} : { body: {} };
      for (const who of ['anonymous', ...ROLES] as const) {
        const res = await http(app.url, route.method, url, { ...body, token: who === 'anonymous' ? undefined : tokens.get(who) });
        cells++;
        const signed = SIGNATURE_ROUTES.has(`${route.method} ${route.path}`);
        const allowed = !signed && (route.isPublic || (who !== 'anonymous' && (route.roles ?? []).includes(who)));
        const expected = signed ? 401 : allowed ? 'allowed' : who === 'anonymous' ? 401 : 403;
        const ok = allowed ? res.status !== 401 && res.status !== 403 : res.status === expected;
        if (!ok) wrong.push(`${route.method} ${route.path} as ${who}: expected ${expected}, got ${res.status}`);
        if (res.status >= 500) wrong.push(`${route.method} ${route.path} as ${who}: ${res.status}`);
      }
    }
    recordFigures('authz-matrix', { matrixCells: cells });
    expect(wrong).toEqual([]);
  }, 300_000);

  it('refuses mass-assignment of fields a request body does not declare (role, organizationId, onHand, status …)', async () => {
    const resolve = makeResolver(spec.components.schemas);
    const wrong: string[] = [];
    let probes = 0;
    for (const route of listRoutes(app.app).filter(
      (r) => ['POST', 'PATCH', 'PUT'].includes(r.method) && !SIGNATURE_ROUTES.has(`${r.method} ${r.path}`),
    )) {
      const openApiPath = route.path.replace(/:(\w+)/g, '{$1}');
      const schema = spec.paths[openApiPath]?.[route.method.toLowerCase()]?.requestBody?.content['application/json']?.schema;
      // A route without a request body assigns nothing from it; only declared bodies are probed.
      if (!schema) continue;
      const declared = new Set(Object.keys(resolve(schema).properties ?? {}));
      const role = route.isPublic ? undefined : (route.roles ?? [])[0];
      for (const field of MASS_ASSIGNMENT_FIELDS.filter((f) => !declared.has(f))) {
        const res = await http(app.url, route.method, concretePath(route.path), {
          token: role ? tokens.get(role) : undefined,
          body: { [field]: 'x' },
          // Distinct client addresses (trusted from loopback) keep sign-in throttling out of the probe.
          headers: { 'x-forwarded-for': `10.9.${probes % 250}.${(probes * 7) % 250}`, 'idempotency-key': `probe-${route.method}-${field}-${probes}` },
        });
        probes++;
        const errors = (res.body as { errors?: Array<{ field: string; code: string }> }).errors ?? [];
        if (res.status !== 400 || !errors.some((e) => e.field === field && e.code === 'UNKNOWN_FIELD')) {
          wrong.push(`${route.method} ${route.path} accepted or ignored "${field}" (status ${res.status}: ${JSON.stringify(res.body).slice(0, 200)})`);
        }
      }
    }
    recordFigures('mass-assignment', { massAssignmentProbes: probes });
    expect(probes).toBeGreaterThan(20);
    expect(wrong).toEqual([]);
  }, 300_000);
});
