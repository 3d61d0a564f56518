import type { BootedApp } from '../../support/app';
import { http, type HttpResult } from '../../support/http';
import type { AuditCtx, AuditScenario } from './platform';

/**
 * Planning and dispatch of deliveries (deliveries/plans.controller.ts). One plan from the Cusco
 * depot walks every step; allocate, load and close also leave the inventory ledger's own rows
 * (inventory.stock_reserved / stock_dispatched / return_recorded) under the same correlation id.
 */
const base = '/api/v1/deliveries';

type Body = Record<string, unknown>;

async function setup(app: BootedApp, ctx: AuditCtx): Promise<void> {
  if (ctx.ids.dpCusco) return;
  const one = async (sql: string, params: unknown[] = []): Promise<string> =>
    (await app.dataSource.query<Array<{ id: string }>>(sql, params))[0].id;
  ctx.ids.dpCusco = await one(`SELECT id FROM warehouses WHERE name LIKE '%Cusco%'`);
  ctx.ids.dpHig = await one(`SELECT id FROM kit_types WHERE code = 'KIT-HIG-FAM' AND is_current`);
  for (const name of ['Kayra', 'Huispan', 'Vidalpata']) {
    ctx.ids[`dp${name}`] = await one(`SELECT id FROM communities WHERE name = $1 AND district_ubigeo LIKE '08%'`, [name]);
  }
}

const call = async (app: BootedApp, ctx: AuditCtx, method: string, path: string, body?: unknown): Promise<HttpResult<Body>> => {
  await setup(app, ctx);
  return http<Body>(app.url, method, `${base}${path}`, { token: await ctx.token('coordinador@minka.demo'), body });
};

const stopId = (plan: Body, communityId: string): string =>
  (plan.stops as Array<{ id: string; communityId: string; status: string }>).find(
    (s) => s.communityId === communityId && s.status !== 'cancelled',
  )?.id as string;

export const scenarios: Record<string, AuditScenario> = {
  'POST /api/v1/deliveries/plans': {
    action: 'deliveries.plan_created',
    run: async (app, ctx) => {
      await setup(app, ctx);
      const res = await call(app, ctx, 'POST', '/plans', {
        name: 'Ronda auditada',
        depotWarehouseId: ctx.ids.dpCusco,
        startDate: '2026-08-03',
        endDate: '2026-08-04',
      });
      ctx.ids.dpPlan = res.body.id as string;
      return res;
    },
  },
  'PATCH /api/v1/deliveries/plans/:id': {
    action: 'deliveries.plan_updated',
    run: (app, ctx) => call(app, ctx, 'PATCH', `/plans/${ctx.ids.dpPlan}`, { name: 'Ronda auditada (agosto)' }),
  },
  'POST /api/v1/deliveries/plans/:id/vehicles': {
    action: 'deliveries.vehicle_added',
    run: (app, ctx) =>
      call(app, ctx, 'POST', `/plans/${ctx.ids.dpPlan}/vehicles`, {
        name: 'Camioneta',
        type: 'pickup',
        capacityKg: 1500,
        capacityM3: 8,
        capacityKits: 50,
      }),
  },
  'DELETE /api/v1/deliveries/plans/:id/vehicles/:vehicleId': {
    action: 'deliveries.vehicle_removed',
    run: async (app, ctx) => {
      const added = await call(app, ctx, 'POST', `/plans/${ctx.ids.dpPlan}/vehicles`, {
        name: 'Mulas',
        type: 'animal_team',
        capacityKg: 300,
        capacityM3: 2,
        capacityKits: 10,
      });
      const vehicle = (added.body.vehicles as Array<{ id: string; name: string }>).find((v) => v.name === 'Mulas') as { id: string };
      return call(app, ctx, 'DELETE', `/plans/${ctx.ids.dpPlan}/vehicles/${vehicle.id}`);
    },
  },
  'POST /api/v1/deliveries/plans/:id/stops': {
    action: 'deliveries.stop_added',
    run: async (app, ctx) => {
      await call(app, ctx, 'POST', `/plans/${ctx.ids.dpPlan}/stops`, {
        communityId: ctx.ids.dpHuispan,
        lines: [{ kitTypeId: ctx.ids.dpHig, quantity: 1 }],
      });
      return call(app, ctx, 'POST', `/plans/${ctx.ids.dpPlan}/stops`, {
        communityId: ctx.ids.dpKayra,
        lines: [{ kitTypeId: ctx.ids.dpHig, quantity: 1 }],
      });
    },
  },
  'DELETE /api/v1/deliveries/plans/:id/stops/:stopId': {
    action: 'deliveries.stop_removed',
    run: async (app, ctx) => {
      const added = await call(app, ctx, 'POST', `/plans/${ctx.ids.dpPlan}/stops`, {
        communityId: ctx.ids.dpVidalpata,
        lines: [{ kitTypeId: ctx.ids.dpHig, quantity: 1 }],
      });
      return call(app, ctx, 'DELETE', `/plans/${ctx.ids.dpPlan}/stops/${stopId(added.body, ctx.ids.dpVidalpata)}`);
    },
  },
  'POST /api/v1/deliveries/plans/:id/allocate': {
    action: 'deliveries.plan_allocated',
    alsoActions: ['inventory.stock_reserved', 'inventory.stock_reserved'],
    run: (app, ctx) => call(app, ctx, 'POST', `/plans/${ctx.ids.dpPlan}/allocate`),
  },
  'POST /api/v1/deliveries/plans/:id/optimise': {
    action: 'deliveries.plan_optimised',
    run: async (app, ctx) => {
      const res = await call(app, ctx, 'POST', `/plans/${ctx.ids.dpPlan}/optimise`, { timeLimitMs: 200 });
      const [route] = res.body.routes as Array<{ id: string; stopIds: string[] }>;
      ctx.ids.dpRoute = route.id;
      ctx.ids.dpKayraStop = stopId(res.body, ctx.ids.dpKayra);
      ctx.ids.dpHuispanStop = stopId(res.body, ctx.ids.dpHuispan);
      return res;
    },
  },
  'PUT /api/v1/deliveries/plans/:id/routes/:routeId/stops': {
    action: 'deliveries.route_stops_set',
    run: (app, ctx) =>
      call(app, ctx, 'PUT', `/plans/${ctx.ids.dpPlan}/routes/${ctx.ids.dpRoute}/stops`, {
        stopIds: [ctx.ids.dpKayraStop, ctx.ids.dpHuispanStop],
      }),
  },
  'POST /api/v1/deliveries/plans/:id/routes/:routeId/lock': {
    action: 'deliveries.route_locked',
    run: (app, ctx) => call(app, ctx, 'POST', `/plans/${ctx.ids.dpPlan}/routes/${ctx.ids.dpRoute}/lock`),
  },
  'POST /api/v1/deliveries/plans/:id/routes/:routeId/unlock': {
    action: 'deliveries.route_unlocked',
    run: (app, ctx) => call(app, ctx, 'POST', `/plans/${ctx.ids.dpPlan}/routes/${ctx.ids.dpRoute}/unlock`),
  },
  'POST /api/v1/deliveries/routes/:routeId/load': {
    action: 'deliveries.route_loaded',
    alsoActions: ['inventory.stock_dispatched', 'inventory.stock_dispatched'],
    run: (app, ctx) => call(app, ctx, 'POST', `/routes/${ctx.ids.dpRoute}/load`),
  },
  'POST /api/v1/deliveries/routes/:routeId/start': {
    action: 'deliveries.route_started',
    run: (app, ctx) => call(app, ctx, 'POST', `/routes/${ctx.ids.dpRoute}/start`),
  },
  'POST /api/v1/deliveries/stops/:stopId/deliver': {
    action: 'deliveries.stop_delivered',
    run: (app, ctx) => call(app, ctx, 'POST', `/stops/${ctx.ids.dpKayraStop}/deliver`, {}),
  },
  'POST /api/v1/deliveries/stops/:stopId/fail': {
    action: 'deliveries.stop_failed',
    run: (app, ctx) => call(app, ctx, 'POST', `/stops/${ctx.ids.dpHuispanStop}/fail`, { reason: 'Camino bloqueado' }),
  },
  'POST /api/v1/deliveries/routes/:routeId/complete': {
    action: 'deliveries.route_completed',
    run: (app, ctx) => call(app, ctx, 'POST', `/routes/${ctx.ids.dpRoute}/complete`),
  },
  'POST /api/v1/deliveries/routes/:routeId/close': {
    action: 'deliveries.route_closed',
    alsoActions: ['inventory.return_recorded'],
    run: async (app, ctx) => {
      // The leader's confirmation (another use case) stands in here as a database update: all accepted.
      await app.dataSource.query(`UPDATE delivery_stop_lines SET accepted = dispatched, rejected = 0, missing = 0 WHERE stop_id = $1;`, [
        ctx.ids.dpKayraStop,
      ]);
      await app.dataSource.query(`UPDATE delivery_stops SET status = 'confirmed', confirmed_at = now() WHERE id = $1`, [
        ctx.ids.dpKayraStop,
      ]);
      return call(app, ctx, 'POST', `/routes/${ctx.ids.dpRoute}/close`);
    },
  },
  'POST /api/v1/deliveries/plans/:id/cancel': {
    action: 'deliveries.plan_cancelled',
    run: async (app, ctx) => {
      const plan = await call(app, ctx, 'POST', '/plans', {
        name: 'Ronda a cancelar',
        depotWarehouseId: ctx.ids.dpCusco,
        startDate: '2026-08-10',
        endDate: '2026-08-10',
      });
      return call(app, ctx, 'POST', `/plans/${plan.body.id as string}/cancel`, { reason: 'Duplicada con otra ronda' });
    },
  },
};
