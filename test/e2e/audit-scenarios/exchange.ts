import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { http } from '../../support/http';
import type { AuditScenario } from './platform';

/** CSV imports of the exchange domain: each leaves its own row plus the rows of the use cases it ran. */
export const scenarios: Record<string, AuditScenario> = {
  'POST /api/v1/inventory/catalog/import': {
    action: 'exchange.catalog_imported',
    alsoActions: ['inventory.item_created'],
    run: (app, ctx) =>
      http(app.url, 'POST', '/api/v1/inventory/catalog/import', {
        token: ctx.admin,
        body: {
          csv: 'record,code,name_es,name_en,category,unit,unit_weight_kg,unit_volume_l,perishable\nitem,AUD-JAB-001,Jabón auditado,Audited soap,hygiene,unit,0.1,0.1,false\n',
        },
      }),
  },
  'POST /api/v1/inventory/counts/:id/import': {
    action: 'exchange.count_imported',
    alsoActions: ['inventory.count_recorded'],
    run: async (app, ctx) => {
      const [warehouse] = await app.dataSource.query(
        `SELECT warehouse_id AS id FROM stock_lots WHERE on_hand > 0 AND warehouse_id NOT IN
           (SELECT warehouse_id FROM stock_count_sessions WHERE status = 'open') LIMIT 1`,
      );
      const opened = await http<{ id: string }>(app.url, 'POST', '/api/v1/inventory/counts', {
        token: ctx.admin,
        body: { warehouseId: warehouse.id },
      });
      const sheet = await http<string>(app.url, 'GET', `/api/v1/inventory/counts/${opened.body.id}/export.csv`, { token: ctx.admin });
      const [line] = parse<Record<string, string>>(sheet.body, { columns: true });
      const row = stringify([[line?.kind, line?.code, line?.version, line?.lot_code, line?.expected]]);
      return http(app.url, 'POST', `/api/v1/inventory/counts/${opened.body.id}/import`, {
        token: ctx.admin,
        body: { csv: `kind,code,version,lot_code,counted\n${row}` },
      });
    },
  },
  'POST /api/v1/donations/import': {
    action: 'exchange.donations_imported',
    alsoActions: ['donations.donor_created', 'donations.donation_recorded'],
    run: (app, ctx) =>
      http(app.url, 'POST', '/api/v1/donations/import', {
        token: ctx.admin,
        body: {
          csv: 'reference,received_on,campaign_slug,kind,amount,currency,method,donor_kind,donor_name\nAUD-OP-0001,2026-10-02,agua-segura-amazonia,money,150.00,PEN,bank_transfer,individual,Donante Auditada Quispe\n',
        },
      }),
  },
};
