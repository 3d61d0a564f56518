import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { DataSource } from 'typeorm';
import { CommunitiesService } from '../../apps/api/src/communities/communities.service';
import { CommunityImportService } from '../../apps/api/src/communities/community-import.service';
import { ENTITIES } from '../../apps/api/src/database/entities';
import { CampaignsService } from '../../apps/api/src/donations/campaigns.service';
import { DonationsService } from '../../apps/api/src/donations/donations.service';
import { CatalogExchangeService } from '../../apps/api/src/exchange/catalog-exchange.service';
import { CountExchangeService } from '../../apps/api/src/exchange/count-exchange.service';
import { DonationExchangeService } from '../../apps/api/src/exchange/donation-exchange.service';
import { CatalogService } from '../../apps/api/src/inventory/catalog.service';
import { CountsService } from '../../apps/api/src/inventory/counts.service';
import { StockLedgerService } from '../../apps/api/src/inventory/stock-ledger.service';
import { AuditService } from '../../apps/api/src/platform/audit/audit.service';
import type { AuthenticatedUser } from '../../apps/api/src/platform/auth/authenticated-user';
import { DomainError } from '../../apps/api/src/platform/errors/domain-error';
import { TransactionRunner } from '../../apps/api/src/platform/transaction/transaction-runner';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/** The services of one database, wired by hand like the app module does. */
function wire(ds: DataSource) {
  const tx = new TransactionRunner(ds);
  const audit = new AuditService(ds);
  const ledger = new StockLedgerService(audit);
  const catalog = new CatalogService(ds, tx, audit, ledger);
  const counts = new CountsService(ds, tx, audit, ledger);
  const donations = new DonationsService(ds, tx, audit, ledger);
  return {
    communities: new CommunityImportService(new CommunitiesService(ds, tx, audit), tx, audit),
    campaigns: new CampaignsService(ds, tx, audit),
    counts,
    catalogX: new CatalogExchangeService(tx, audit, catalog),
    countsX: new CountExchangeService(tx, audit, counts, ledger),
    donationsX: new DonationExchangeService(tx, audit, donations),
  };
}

/** CSV rows as objects without the columns that are not data of the import (ids, receipt numbers, read models), sorted. */
function normalised(csv: string, drop: string[] = []): Array<Record<string, string>> {
  const rows = parse<Record<string, string>>(csv, { columns: true, skip_empty_lines: true });
  return rows
    .map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !drop.includes(k))))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

async function rejection(work: Promise<unknown>): Promise<DomainError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected the import to be refused');
}

describe('CSV exchange round trips (PostgreSQL)', () => {
  let demoDb: TestDatabase;
  let freshDb: TestDatabase;
  let demo: DataSource;
  let fresh: DataSource;
  let A: ReturnType<typeof wire>;
  let B: ReturnType<typeof wire>;
  let adminA: AuthenticatedUser;
  let adminB: AuthenticatedUser;

  beforeAll(async () => {
    demoDb = await createTestDatabase({ demo: true });
    freshDb = await createTestDatabase();
    demo = await new DataSource({ type: 'postgres', url: demoDb.url, entities: ENTITIES, extra: { max: 4 } }).initialize();
    fresh = await new DataSource({ type: 'postgres', url: freshDb.url, entities: ENTITIES, extra: { max: 4 } }).initialize();
    A = wire(demo);
    B = wire(fresh);
    const [admin] = await demo.query(`SELECT id, organization_id FROM users WHERE email = 'admin@minka.demo'`);
    adminA = { id: admin.id, organizationId: admin.organization_id, email: 'admin@minka.demo', roles: ['admin'] };
    // The fresh database's organisation has the demo lead organisation's slug, so receipt numbers read alike.
    const [org] = await fresh.query(`INSERT INTO organizations (slug, name) VALUES ('red-minka', 'Red Minka (copia)') RETURNING id`);
    adminB = { id: randomUUID(), organizationId: org.id, email: 'admin@copia.pe', roles: ['admin'] };
  }, 120_000);
  afterAll(async () => {
    await demo?.destroy();
    await fresh?.destroy();
    await demoDb?.drop();
    await freshDb?.drop();
  });

  it('round-trips communities: the demo export imported into a fresh database exports the same rows', async () => {
    const exported = await A.communities.exportCsv();
    expect(normalised(exported).length).toBeGreaterThan(3);
    const report = await B.communities.importCsv(adminB, exported, false);
    expect(report.rejected).toBe(0);
    const again = await B.communities.exportCsv();
    const drop = ['id', 'last_delivery_at', 'total_kits'];
    expect(normalised(again, drop)).toEqual(normalised(exported, drop));
  });

  it('round-trips items and kit types into a fresh database, and a second import of the export changes nothing', async () => {
    const exported = await A.catalogX.exportCsv();
    const rows = normalised(exported);
    expect(rows.filter((r) => r.record === 'item').length).toBeGreaterThan(3);
    expect(rows.filter((r) => r.record === 'kit').length).toBeGreaterThan(3);

    const first = await B.catalogX.importCsv(exported, false);
    expect(first.rejected).toBe(0);
    expect(first.created).toBe(rows.length);
    expect(await B.catalogX.exportCsv()).toBe(exported);

    const second = await B.catalogX.importCsv(exported, false);
    expect(second.unchanged).toBe(rows.length);
    expect(second.rows.every((r) => r.status === 'unchanged')).toBe(true);
    expect(await fresh.query(`SELECT count(*)::int AS n FROM kit_types WHERE version > 1`)).toEqual([{ n: 0 }]);
  });

  it('upserts by code: a changed item is updated, a changed bill of materials becomes a new kit version', async () => {
    const exported = await B.catalogX.exportCsv();
    const rows = parse<Record<string, string>>(exported, { columns: true });
    const item = rows.find((r) => r.record === 'item') as Record<string, string>;
    const kitRow = rows.find((r) => r.record === 'kit') as Record<string, string>;
    const header = Object.keys(item);
    const line = (r: Record<string, string>) => header.map((h) => JSON.stringify(r[h] ?? '')).join(',');
    const kitRows = rows.filter((r) => r.record === 'kit' && r.code === kitRow.code);
    const csv = [
      header.join(','),
      line({ ...item, name_en: `${item.name_en} (new)` }),
      ...kitRows.map((r, i) => line(i === 0 ? { ...r, component_quantity: String(Number(r.component_quantity) + 1) } : r)),
    ].join('\n');
    const report = await B.catalogX.importCsv(csv, false);
    expect(report.rows.map((r) => r.status)).toEqual(['updated', ...kitRows.map(() => 'updated')]);
    const versions = await fresh.query(`SELECT version, is_current FROM kit_types WHERE code = $1 ORDER BY version`, [kitRow.code]);
    expect(versions).toEqual([
      { version: 1, is_current: false },
      { version: 2, is_current: true },
    ]);
  });

  it('reports every rejected catalogue row with its line and column, and writes nothing without partial', async () => {
    const before = await fresh.query(`SELECT count(*)::int AS n FROM inventory_items`);
    const csv = [
      'record,code,name_es,name_en,category,unit,unit_weight_kg,unit_volume_l,perishable,households_served,days_covered,component_sku,component_quantity',
      'item,HIG-NUEVO-01,Jabón nuevo,New soap,hygiene,unit,0.1,0.1,false,,,,',
      'item,HIG-MALO-02,Jabón malo,Bad soap,hygiene,barrel,0.1,0.1,false,,,,',
      'kit,KIT-NUEVO-01,Kit nuevo,New kit,hygiene,,,,,1,30,HIG-NUEVO-01,2',
      'kit,KIT-NUEVO-01,Kit nuevo,New kit,hygiene,,,,,1,30,NO-EXISTE,1',
    ].join('\n');
    const refused = await rejection(B.catalogX.importCsv(csv, false));
    expect(refused.code).toBe('EXCHANGE_IMPORT_REJECTED');
    expect(refused.errors?.map((e) => e.field)).toEqual(expect.arrayContaining(['line 3: unit', 'line 5: component_sku']));
    expect(await fresh.query(`SELECT count(*)::int AS n FROM inventory_items`)).toEqual(before);

    const partial = await B.catalogX.importCsv(csv, true);
    expect(partial.rows.map((r) => [r.line, r.status, r.errors[0]?.field ?? null])).toEqual([
      [2, 'created', null],
      [3, 'rejected', 'unit'],
      [4, 'rejected', 'line'],
      [5, 'rejected', 'component_sku'],
    ]);
  });

  it('round-trips a count sheet: counted quantities imported, exported back, re-imported as unchanged', async () => {
    const [warehouse] = await demo.query(
      `SELECT w.id FROM warehouses w JOIN stock_lots l ON l.warehouse_id = w.id WHERE l.on_hand > 0 GROUP BY w.id ORDER BY count(*) DESC LIMIT 1`,
    );
    const session = await A.counts.open(adminA, warehouse.id);
    expect(session.lines.length).toBeGreaterThan(1);
    const sheet = parse<Record<string, string>>(await A.countsX.exportCsv(session.id), { columns: true });
    expect(sheet.every((r) => r.counted === '')).toBe(true);
    const header = Object.keys(sheet[0]);
    const filled = sheet.map((r, i) => ({
      ...r,
      counted: String(i === 0 ? Number(r.expected) - 1 : Number(r.expected)),
      reason_code: i === 0 ? 'damaged' : '',
    }));
    const csvOf = (rows: Array<Record<string, string>>) =>
      [header.join(','), ...rows.map((r) => header.map((h) => JSON.stringify(r[h] ?? '')).join(','))].join('\n');

    const report = await A.countsX.importCsv(adminA, session.id, csvOf(filled), false);
    expect(report.updated).toBe(sheet.length);
    const exported = await A.countsX.exportCsv(session.id);
    expect(normalised(exported, ['reason_code', 'note'])).toEqual(normalised(csvOf(filled), ['reason_code', 'note']));

    const again = await A.countsX.importCsv(adminA, session.id, exported, false);
    expect(again.unchanged).toBe(sheet.length);
    const [adjusted] = await demo.query(`SELECT sum(adjusted)::int AS n FROM stock_count_lines WHERE session_id = $1`, [session.id]);
    expect(adjusted.n).toBe(-1);
  });

  it('rejects count rows for an unknown item or lot, a negative number, and every row once the count is closed', async () => {
    const [warehouse] = await demo.query(
      `SELECT w.id FROM warehouses w JOIN stock_lots l ON l.warehouse_id = w.id WHERE l.on_hand > 0 GROUP BY w.id ORDER BY count(*) ASC LIMIT 1`,
    );
    const session = await A.counts.open(adminA, warehouse.id);
    const sheet = parse<Record<string, string>>(await A.countsX.exportCsv(session.id), { columns: true });
    const line = sheet[0];
    const csv = [
      'kind,code,version,lot_code,counted',
      `${line.kind},NO-EXISTE,,${line.lot_code},1`,
      `${line.kind},${line.code},${line.version},LOTE-FANTASMA,1`,
      `${line.kind},${line.code},${line.version},${line.lot_code},-3`,
    ].join('\n');
    const report = await A.countsX.importCsv(adminA, session.id, csv, true);
    expect(report.rows.map((r) => [r.status, r.errors[0]?.field])).toEqual([
      ['rejected', 'code'],
      ['rejected', 'lot_code'],
      ['rejected', 'counted'],
    ]);

    const all = sheet.map((r) => `${r.kind},${r.code},${r.version},${r.lot_code},${r.expected}`);
    await A.countsX.importCsv(adminA, session.id, ['kind,code,version,lot_code,counted', ...all].join('\n'), false);
    await A.counts.close(adminA, session.id);
    const changed = [
      'kind,code,version,lot_code,counted',
      `${line.kind},${line.code},${line.version},${line.lot_code},${Number(line.expected) + 5}`,
    ];
    const closed = await A.countsX.importCsv(adminA, session.id, changed.join('\n'), true);
    expect(closed.rows[0]?.status).toBe('rejected');
    expect(closed.rows[0]?.errors[0]?.message).toMatch(/cerrad|closed/i);
  });

  it('round-trips donations into a fresh database; re-importing either export creates nothing', async () => {
    const [campaign] = await demo.query(
      `SELECT c.id, c.slug, c.organization_id FROM donation_campaigns c JOIN donations x ON x.campaign_id = c.id
        WHERE c.status = 'active' GROUP BY c.id ORDER BY count(*) DESC LIMIT 1`,
    );
    const reason = { reason: 'Prueba de ida y vuelta de donaciones', campaignId: campaign.id as string };
    const exported = await A.donationsX.exportCsv(adminA, reason, 'test');
    const rows = normalised(exported);
    expect(rows.length).toBeGreaterThan(2);
    const donations = async (ds: DataSource) => (await ds.query(`SELECT count(*)::int AS n FROM donations`))[0].n as number;

    const beforeA = await donations(demo);
    const same = await A.donationsX.importCsv(adminA, exported, false);
    expect(same.created + same.updated).toBe(0);
    expect(same.unchanged).toBe(rows.length);
    expect(await donations(demo)).toBe(beforeA);

    await B.campaigns.create(adminB, {
      slug: campaign.slug,
      titleEs: 'Campaña copiada',
      titleEn: 'Copied campaign',
      storyEs: 'Copia de la campaña para la prueba',
      storyEn: 'Copy of the campaign for the test',
      goalMinor: '100000000',
      startsOn: '2020-01-01',
      commission: 'Comisión de fondos',
      status: 'active',
    });
    const imported = await B.donationsX.importCsv(adminB, exported, false);
    expect(imported.rejected).toBe(0);
    expect(imported.created).toBe(rows.length);
    const exportedB = await B.donationsX.exportCsv(adminB, { reason: reason.reason }, 'test');
    expect(normalised(exportedB, ['receipt_number'])).toEqual(normalised(exported, ['receipt_number']));

    const beforeB = await donations(fresh);
    const again = await B.donationsX.importCsv(adminB, exportedB, false);
    expect(again.unchanged).toBe(rows.length);
    expect(await donations(fresh)).toBe(beforeB);

    const logged = await demo.query(
      `SELECT count(*)::int AS n FROM personal_data_access_log WHERE donor_id IS NOT NULL AND purpose LIKE '%ida y vuelta%'`,
    );
    expect(logged[0].n).toBeGreaterThan(0);
  });
});
