import type { BootedApp } from '../../support/app';
import { http, type HttpResult } from '../../support/http';
import type { AuditCtx, AuditScenario } from './platform';

const base = '/api/v1/inventory';

async function ids(app: BootedApp, ctx: AuditCtx): Promise<void> {
  if (ctx.ids.invCusco) return;
  const [cusco] = await app.dataSource.query(`SELECT id FROM warehouses WHERE name LIKE '%Cusco%'`);
  const [puno] = await app.dataSource.query(`SELECT id FROM warehouses WHERE name LIKE '%Puno%'`);
  ctx.ids.invCusco = cusco.id;
  ctx.ids.invPuno = puno.id;
}

const post = async (app: BootedApp, ctx: AuditCtx, path: string, body?: object): Promise<HttpResult<Record<string, unknown>>> => {
  await ids(app, ctx);
  return http(app.url, 'POST', `${base}${path}`, { token: await ctx.token('almacen@minka.demo'), body });
};

export const scenarios: Record<string, AuditScenario> = {
  'POST /api/v1/inventory/items': {
    action: 'inventory.item_created',
    run: async (app, ctx) => {
      const res = await http<{ id: string }>(app.url, 'POST', `${base}/items`, {
        token: ctx.admin,
        body: {
          sku: 'AUD-MAN-001',
          nameEs: 'Manta polar',
          nameEn: 'Fleece blanket',
          category: 'shelter',
          unit: 'unit',
          unitWeightKg: 0.8,
          unitVolumeL: 4,
          perishable: false,
        },
      });
      ctx.ids.invItem = res.body.id;
      return res;
    },
  },
  'POST /api/v1/inventory/kit-types': {
    action: 'inventory.kit_type_created',
    run: async (app, ctx) => {
      const res = await http<{ id: string }>(app.url, 'POST', `${base}/kit-types`, {
        token: ctx.admin,
        body: {
          code: 'KIT-ABR-AUD',
          nameEs: 'Kit de abrigo',
          nameEn: 'Winter kit',
          category: 'shelter',
          householdsServed: 1,
          daysCovered: 90,
          components: [{ itemId: ctx.ids.invItem, quantity: 2 }],
        },
      });
      ctx.ids.invKit = res.body.id;
      return res;
    },
  },
  'POST /api/v1/inventory/kit-types/:id/versions': {
    action: 'inventory.kit_type_versioned',
    run: async (app, ctx) => {
      const res = await http<{ id: string }>(app.url, 'POST', `${base}/kit-types/${ctx.ids.invKit}/versions`, {
        token: ctx.admin,
        body: { components: [{ itemId: ctx.ids.invItem, quantity: 1 }] },
      });
      ctx.ids.invKit = res.body.id;
      return res;
    },
  },
  'POST /api/v1/inventory/warehouses': {
    action: 'inventory.warehouse_created',
    run: async (app, ctx) => {
      const res = await http<{ id: string }>(app.url, 'POST', `${base}/warehouses`, {
        token: await ctx.token('coordinador@minka.demo'),
        body: { name: 'Almacén Abancay', latitude: -13.6339, longitude: -72.8814, districtUbigeo: '030101', capacityM3: 90 },
      });
      ctx.ids.invWarehouse = res.body.id;
      return res;
    },
  },
  'PATCH /api/v1/inventory/warehouses/:id': {
    action: 'inventory.warehouse_updated',
    run: async (app, ctx) =>
      http(app.url, 'PATCH', `${base}/warehouses/${ctx.ids.invWarehouse}`, {
        token: await ctx.token('coordinador@minka.demo'),
        body: { capacityM3: 120 },
      }),
  },
  'POST /api/v1/inventory/reorder-levels': {
    action: 'inventory.reorder_level_set',
    run: async (app, ctx) => {
      await ids(app, ctx);
      return post(app, ctx, '/reorder-levels', { warehouseId: ctx.ids.invCusco, itemId: ctx.ids.invItem, level: 10 });
    },
  },
  'POST /api/v1/inventory/receipts': {
    action: 'inventory.receipt_recorded',
    run: async (app, ctx) => {
      await ids(app, ctx);
      const res = await post(app, ctx, '/receipts', {
        warehouseId: ctx.ids.invCusco,
        lines: [{ itemId: ctx.ids.invItem, quantity: 30, lotCode: 'AUD-1' }],
      });
      ctx.ids.invLot = (res.body.movements as Array<{ lotId: string }>)[0]?.lotId;
      return res;
    },
  },
  'POST /api/v1/inventory/assemblies': {
    action: 'inventory.kits_assembled',
    run: async (app, ctx) => post(app, ctx, '/assemblies', { warehouseId: ctx.ids.invCusco, kitTypeId: ctx.ids.invKit, count: 4 }),
  },
  'POST /api/v1/inventory/disassemblies': {
    action: 'inventory.kits_disassembled',
    run: async (app, ctx) => post(app, ctx, '/disassemblies', { warehouseId: ctx.ids.invCusco, kitTypeId: ctx.ids.invKit, count: 1 }),
  },
  'POST /api/v1/inventory/reservations': {
    action: 'inventory.stock_reserved',
    run: async (app, ctx) => {
      const res = await post(app, ctx, '/reservations', { warehouseId: ctx.ids.invCusco, itemId: ctx.ids.invItem, quantity: 3 });
      ctx.ids.invReservation = res.body.id as string;
      return res;
    },
  },
  'POST /api/v1/inventory/reservations/:id/release': {
    action: 'inventory.reservation_released',
    run: async (app, ctx) => post(app, ctx, `/reservations/${ctx.ids.invReservation}/release`),
  },
  'POST /api/v1/inventory/dispatches': {
    action: 'inventory.stock_dispatched',
    run: async (app, ctx) => post(app, ctx, '/dispatches', { warehouseId: ctx.ids.invCusco, itemId: ctx.ids.invItem, quantity: 2 }),
  },
  'POST /api/v1/inventory/returns': {
    action: 'inventory.return_recorded',
    run: async (app, ctx) => post(app, ctx, '/returns', { warehouseId: ctx.ids.invCusco, lotId: ctx.ids.invLot, quantity: 1 }),
  },
  'POST /api/v1/inventory/adjustments': {
    action: 'inventory.stock_adjusted',
    run: async (app, ctx) =>
      post(app, ctx, '/adjustments', { warehouseId: ctx.ids.invCusco, lotId: ctx.ids.invLot, delta: -1, reasonCode: 'damaged' }),
  },
  'POST /api/v1/inventory/transfers': {
    action: 'inventory.transfer_shipped',
    run: async (app, ctx) => {
      const res = await post(app, ctx, '/transfers', {
        fromWarehouseId: ctx.ids.invCusco,
        toWarehouseId: ctx.ids.invPuno,
        lines: [{ itemId: ctx.ids.invItem, quantity: 2 }],
      });
      ctx.ids.invTransfer = res.body.id as string;
      return res;
    },
  },
  'POST /api/v1/inventory/transfers/:id/receive': {
    action: 'inventory.transfer_received',
    run: async (app, ctx) => post(app, ctx, `/transfers/${ctx.ids.invTransfer}/receive`),
  },
  'POST /api/v1/inventory/counts': {
    action: 'inventory.count_opened',
    run: async (app, ctx) => {
      const res = await post(app, ctx, '/counts', { warehouseId: ctx.ids.invPuno });
      ctx.ids.invCount = res.body.id as string;
      ctx.ids.invCountLine = (res.body.lines as Array<{ id: string }>)[0]?.id;
      return res;
    },
  },
  'POST /api/v1/inventory/counts/:id/lines/:lineId': {
    action: 'inventory.count_recorded',
    run: async (app, ctx) => {
      const [line] = await app.dataSource.query(`SELECT expected FROM stock_count_lines WHERE id = $1`, [ctx.ids.invCountLine]);
      return post(app, ctx, `/counts/${ctx.ids.invCount}/lines/${ctx.ids.invCountLine}`, { counted: line.expected });
    },
  },
  'POST /api/v1/inventory/counts/:id/close': {
    action: 'inventory.count_closed',
    run: async (app, ctx) => {
      // Every line must be counted before closing: count the rest as expected, directly.
      await app.dataSource.query(`UPDATE stock_count_lines SET counted = expected WHERE session_id = $1`, [ctx.ids.invCount]);
      return post(app, ctx, `/counts/${ctx.ids.invCount}/close`);
    },
  },
  'POST /api/v1/inventory/alerts/run': {
    action: 'inventory.alerts_run',
    run: async (app, ctx) => post(app, ctx, '/alerts/run'),
  },
  'POST /api/v1/inventory/alerts/:id/acknowledge': {
    action: 'inventory.alert_acknowledged',
    run: async (app, ctx) => {
      const [alert] = await app.dataSource.query(
        `SELECT a.id FROM stock_alerts a JOIN warehouses w ON w.id = a.warehouse_id JOIN organizations o ON o.id = w.organization_id
         WHERE o.slug = 'wayra-ayllu' AND a.acknowledged_at IS NULL LIMIT 1`,
      );
      return post(app, ctx, `/alerts/${alert.id}/acknowledge`);
    },
  },
};
