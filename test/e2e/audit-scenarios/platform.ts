import type { BootedApp } from '../../support/app';
import { http, type HttpResult } from '../../support/http';

/**
 * Audit scenarios: one successful call per mutation route, with the audit action it must leave.
 * Each domain keeps its own file in this folder exporting `scenarios`; the audit test loads them all
 * and fails when a mutation route has none. `ctx` is shared (in file order) to pass ids along.
 */
export interface AuditCtx {
  admin: string;
  refreshToken: string;
  ids: Record<string, string>;
  /** Access tokens by demo email, created on demand. */
  token(email: string): Promise<string>;
}

export interface AuditScenario {
  action: string;
  /**
   * Rows other domains write in the same transaction when a use case calls them (a delivery plan's
   * allocation reserves stock through the inventory ledger, which audits each reservation). Exact: the
   * request must leave `action` plus exactly these, in any order.
   */
  alsoActions?: string[];
  /** Requests without a user (a confirmation code, the SMS gateway): the rows carry no actor. */
  anonymousActor?: boolean;
  run: (app: BootedApp, ctx: AuditCtx) => Promise<HttpResult>;
}

export const scenarios: Record<string, AuditScenario> = {
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
      ctx.ids.orgId = res.body.id;
      return res;
    },
  },
  'PATCH /api/v1/admin/organizations/:id': {
    action: 'organization.updated',
    run: (app, ctx) =>
      http(app.url, 'PATCH', `/api/v1/admin/organizations/${ctx.ids.orgId}`, {
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
          organizationId: ctx.ids.orgId,
          email: 'maria@pachamama.pe',
          fullName: 'María Ccori',
          password: 'ayni-kawsay-2026',
          roles: ['coordinator'],
        },
      });
      ctx.ids.userId = res.body.id;
      return res;
    },
  },
  'PATCH /api/v1/admin/users/:id': {
    action: 'user.updated',
    run: (app, ctx) =>
      http(app.url, 'PATCH', `/api/v1/admin/users/${ctx.ids.userId}`, { token: ctx.admin, body: { roles: ['coordinator', 'storekeeper'] } }),
  },
  'POST /api/v1/admin/users/:id/disable': {
    action: 'user.disabled',
    run: (app, ctx) => http(app.url, 'POST', `/api/v1/admin/users/${ctx.ids.userId}/disable`, { token: ctx.admin }),
  },
  'POST /api/v1/admin/users/:id/enable': {
    action: 'user.enabled',
    run: (app, ctx) => http(app.url, 'POST', `/api/v1/admin/users/${ctx.ids.userId}/enable`, { token: ctx.admin }),
  },
  'POST /api/v1/admin/users/:id/password': {
    action: 'user.password_set',
    run: (app, ctx) =>
      http(app.url, 'POST', `/api/v1/admin/users/${ctx.ids.userId}/password`, { token: ctx.admin, body: { password: 'nuevo-ayllu-2027' } }),
  },
};

