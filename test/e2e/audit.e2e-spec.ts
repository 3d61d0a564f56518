import { bootApp, type BootedApp } from '../support/app';
import { http, login, type HttpResult } from '../support/http';
import { listRoutes } from '../support/routes';

interface Ctx {
  admin: string;
  orgId: string;
  userId: string;
  refreshToken: string;
}

/** One successful call per mutation route, with the audit action it must leave behind. */
const SCENARIOS: Record<string, { action: string; run: (app: BootedApp, ctx: Ctx) => Promise<HttpResult> }> = {
  'POST /api/v1/auth/login': {
    action: 'auth.login',
    run: (app) => http(app.url, 'POST', '/api/v1/auth/login', { body: { email: 'coordinador@minka.demo', password: 'minka-demo-2026' } }),
  },
  'POST /api/v1/auth/refresh': {
    action: 'auth.refresh',
    run: async (app, ctx) => {
      const res = await http<{ refreshToken: string }>(app.url, 'POST', '/api/v1/auth/refresh', {
        body: { refreshToken: ctx.refreshToken },
      });
      ctx.refreshToken = res.body.refreshToken;
      return res;
    },
  },
  'POST /api/v1/auth/logout': {
    action: 'auth.logout',
    run: (app, ctx) => http(app.url, 'POST', '/api/v1/auth/logout', { body: { refreshToken: ctx.refreshToken } }),
  },
  'POST /api/v1/admin/organizations': {
    action: 'organization.created',
    run: async (app, ctx) => {
      const res = await http<{ id: string }>(app.url, 'POST', '/api/v1/admin/organizations', {
        token: ctx.admin,
        body: { name: 'Asociación Pachamama', slug: 'pachamama', kind: 'ngo', taxId: '20123456789' },
      });
      ctx.orgId = res.body.id;
      return res;
    },
  },
  'PATCH /api/v1/admin/organizations/:id': {
    action: 'organization.updated',
    run: (app, ctx) =>
      http(app.url, 'PATCH', `/api/v1/admin/organizations/${ctx.orgId}`, {
        token: ctx.admin,
        body: { description: 'Trabaja en Apurímac' },
      }),
  },
  'POST /api/v1/admin/users': {
    action: 'user.created',
    run: async (app, ctx) => {
      const res = await http<{ id: string }>(app.url, 'POST', '/api/v1/admin/users', {
        token: ctx.admin,
        body: {
          organizationId: ctx.orgId,
          email: 'maria@pachamama.pe',
          fullName: 'María Ccori',
          password: 'ayni-kawsay-2026',
          roles: ['coordinator'],
        },
      });
      ctx.userId = res.body.id;
      return res;
    },
  },
  'PATCH /api/v1/admin/users/:id': {
    action: 'user.updated',
    run: (app, ctx) =>
      http(app.url, 'PATCH', `/api/v1/admin/users/${ctx.userId}`, { token: ctx.admin, body: { roles: ['coordinator', 'storekeeper'] } }),
  },
  'POST /api/v1/admin/users/:id/disable': {
    action: 'user.disabled',
    run: (app, ctx) => http(app.url, 'POST', `/api/v1/admin/users/${ctx.userId}/disable`, { token: ctx.admin }),
  },
  'POST /api/v1/admin/users/:id/enable': {
    action: 'user.enabled',
    run: (app, ctx) => http(app.url, 'POST', `/api/v1/admin/users/${ctx.userId}/enable`, { token: ctx.admin }),
  },
  'POST /api/v1/admin/users/:id/password': {
    action: 'user.password_set',
    run: (app, ctx) =>
      http(app.url, 'POST', `/api/v1/admin/users/${ctx.userId}/password`, { token: ctx.admin, body: { password: 'nuevo-ayllu-2027' } }),
  },
};

describe('audit log', () => {
  let app: BootedApp;
  let ctx: Ctx;
  beforeAll(async () => {
    app = await bootApp();
    const admin = await login(app.url, 'admin@minka.demo');
    const other = await login(app.url, 'fondos@minka.demo');
    ctx = { admin: admin.accessToken, orgId: '', userId: '', refreshToken: other.refreshToken };
  });
  afterAll(() => app.close());

  it('has a scenario for every mutation route (a new mutation must be added here)', () => {
    const mutations = listRoutes(app.app)
      .filter((r) => r.method !== 'GET')
      .map((r) => `${r.method} ${r.path}`);
    expect(mutations.sort()).toEqual(Object.keys(SCENARIOS).sort());
  });

  it('records actor, organisation, action, entity, summary and correlation id for every mutation', async () => {
    for (const [route, scenario] of Object.entries(SCENARIOS)) {
      const res = await scenario.run(app, ctx);
      expect([200, 201, 204]).toContain(res.status);
      const correlationId = res.headers.get('x-correlation-id');
      const rows = await app.dataSource.query(
        `SELECT action, entity_type, entity_id, actor_user_id, organization_id, summary, occurred_at FROM audit_log WHERE correlation_id = $1`,
        [correlationId],
      );
      expect({ route, actions: rows.map((r: { action: string }) => r.action) }).toEqual({ route, actions: [scenario.action] });
      expect(rows[0].actor_user_id).toEqual(expect.any(String));
      expect(rows[0].summary.length).toBeGreaterThan(3);
      expect(rows[0].entity_type).toEqual(expect.any(String));
    }
  });

  it('lets admins list and filter the log, and nobody else', async () => {
    const res = await http<{ items: Array<{ action: string; entityId: string }>; total: number }>(
      app.url,
      'GET',
      `/api/v1/admin/audit-log?action=user.disabled&entityId=${ctx.userId}`,
      { token: ctx.admin },
    );
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(1);
    expect(res.body.items[0]).toEqual(expect.objectContaining({ action: 'user.disabled', entityId: ctx.userId }));
    const coordinator = await login(app.url, 'coordinador@minka.demo');
    expect((await http(app.url, 'GET', '/api/v1/admin/audit-log', { token: coordinator.accessToken })).status).toBe(403);
  });

  it('caps the page size of the listing', async () => {
    const res = await http(app.url, 'GET', '/api/v1/admin/audit-log?pageSize=1000', { token: ctx.admin });
    expect(res.status).toBe(400);
    expect((res.body as { errors: Array<{ field: string }> }).errors[0].field).toBe('pageSize');
  });
});
