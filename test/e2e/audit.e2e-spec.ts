import { bootApp, type BootedApp } from '../support/app';
import { http, login } from '../support/http';
import { loadAuditScenarios, type AuditCtx } from './audit-scenarios';
import { listRoutes } from '../support/routes';

describe('audit log', () => {
  let app: BootedApp;
  let ctx: AuditCtx;
  const SCENARIOS = loadAuditScenarios();
  beforeAll(async () => {
    app = await bootApp();
    const admin = await login(app.url, 'admin@minka.demo');
    const other = await login(app.url, 'fondos@minka.demo');
    const tokens = new Map<string, string>();
    ctx = {
      admin: admin.accessToken,
      refreshToken: other.refreshToken,
      ids: {},
      token: async (email) => {
        if (!tokens.has(email)) tokens.set(email, (await login(app.url, email)).accessToken);
        return tokens.get(email) as string;
      },
    };
  });
  afterAll(() => app.close());

  it('has a scenario for every mutation route (a new mutation must be added here)', () => {
    const mutations = listRoutes(app.app)
      .filter((r) => r.method !== 'GET')
      .map((r) => `${r.method} ${r.path}`);
    expect(mutations.sort()).toEqual(Object.keys(SCENARIOS).sort());
  });

  it('records actor, organisation, action, entity, summary and correlation id for every mutation', async () => {
    // Every route is run and every mismatch reported at once (scenarios build on each other's ids).
    const wrong: unknown[] = [];
    for (const [route, scenario] of Object.entries(SCENARIOS)) {
      const res = await scenario.run(app, ctx);
      if (![200, 201, 204].includes(res.status)) {
        wrong.push({ route, status: res.status, body: JSON.stringify(res.body).slice(0, 300) });
        continue;
      }
      const correlationId = res.headers.get('x-correlation-id');
      const rows = await app.dataSource.query(
        `SELECT action, entity_type, entity_id, actor_user_id, organization_id, summary, occurred_at FROM audit_log WHERE correlation_id = $1`,
        [correlationId],
      );
      const actions = rows.map((r: { action: string }) => r.action).sort();
      const expected = [scenario.action, ...(scenario.alsoActions ?? [])].sort();
      if (JSON.stringify(actions) !== JSON.stringify(expected)) wrong.push({ route, actions, expected });
      for (const row of rows) {
        const actorOk = scenario.anonymousActor ? row.actor_user_id === null : typeof row.actor_user_id === 'string';
        if (!actorOk || row.summary.length <= 3 || typeof row.entity_type !== 'string') {
          wrong.push({ route, row });
        }
      }
    }
    expect(wrong).toEqual([]);
  }, 180_000);

  it('lets admins list and filter the log, and nobody else', async () => {
    const res = await http<{ items: Array<{ action: string; entityId: string }>; total: number }>(
      app.url,
      'GET',
      `/api/v1/admin/audit-log?action=user.disabled&entityId=${ctx.ids.userId}`,
      { token: ctx.admin },
    );
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(1);
    expect(res.body.items[0]).toEqual(expect.objectContaining({ action: 'user.disabled', entityId: ctx.ids.userId }));
    const coordinator = await login(app.url, 'coordinador@minka.demo');
    expect((await http(app.url, 'GET', '/api/v1/admin/audit-log', { token: coordinator.accessToken })).status).toBe(403);
  });

  it('caps the page size of the listing', async () => {
    const res = await http(app.url, 'GET', '/api/v1/admin/audit-log?pageSize=1000', { token: ctx.admin });
    expect(res.status).toBe(400);
    expect((res.body as { errors: Array<{ field: string }> }).errors[0].field).toBe('pageSize');
  });
});
