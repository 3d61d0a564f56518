import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { ReportDocumentsService } from '../../apps/api/src/reports/report-documents.service';
import { bootApp, type BootedApp } from '../support/app';
import { expectProblem, http, login } from '../support/http';

// Boots one app and reads several reports over the demo data; a loaded 2-core machine needs slack.
jest.setTimeout(60_000);

const MONTHS = 'Dinero recaudado por mes (soles; mes calendario de Lima)';
const DISTRICTS = 'Kits por distrito (financiados por la campaña)';
const STOCK = 'Stock por artículo y tipo de kit';

function limaDay(offset: number): string {
  return new Date(Date.now() - 5 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);
}

/** Céntimos → "1234.50", by BigInt (no float rounding). */
function soles(minor: string | bigint): string {
  const v = BigInt(minor);
  const abs = v < 0n ? -v : v;
  return `${v < 0n ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

function csv(body: string): string[][] {
  return parse(body, { relax_column_count: true });
}

/** The rows of one table of a report CSV: the row after its heading is the header, data runs to the blank row. */
function table(rows: string[][], heading: string): { header: string[]; data: Array<Record<string, string>> } {
  const at = rows.findIndex((r) => r.length === 1 && r[0] === heading);
  expect(at).toBeGreaterThan(0);
  const header = rows[at + 1];
  const data: Array<Record<string, string>> = [];
  for (let i = at + 2; i < rows.length && rows[i].length === header.length; i++) {
    data.push(Object.fromEntries(header.map((h, j) => [h, rows[i][j]])));
  }
  return { header, data };
}

/** The text drawn by a pdfkit PDF (standard fonts: hex strings in TJ arrays inside deflated content streams). */
function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const out: string[] = [];
  const marker = /stream\r?\n/g;
  for (let m = marker.exec(raw); m; m = marker.exec(raw)) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    let content: string;
    try {
      content = inflateSync(pdf.subarray(start, end)).toString('latin1');
    } catch {
      continue;
    }
    for (const tj of content.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
      out.push([...(tj[1] ?? '').matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => Buffer.from(h[1] ?? '', 'hex').toString('latin1')).join(''));
    }
  }
  return out.join('\n');
}

/** Keeps a copy of each document for review (test/artifacts is not committed). */
function keep(name: string, body: Buffer): void {
  const dir = path.resolve(__dirname, '../artifacts/reports');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, name), body);
}

async function download(
  url: string,
  path: string,
  token: string,
): Promise<{ status: number; type: string | null; disposition: string | null; body: Buffer }> {
  const res = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    disposition: res.headers.get('content-disposition'),
    body: Buffer.from(await res.arrayBuffer()),
  };
}

describe('reports: donor report, stock report and ledger export', () => {
  let booted: BootedApp;
  let url: string;
  let admin: string;
  let storekeeper: string;
  let campaign: { id: string; title_es: string; slug: string };
  let cusco: { id: string; name: string };
  let planted: { smallPcode: string; mixedPcode: string; householdsServed: number };
  let storekeeperId: string;
  let received: { itemId: string; sku: string; before: Record<string, string> };

  const q = <T = unknown>(sql: string, params: unknown[] = []): Promise<T[]> => booted.dataSource.query(sql, params);

  beforeAll(async () => {
    booted = await bootApp();
    url = booted.url;
    admin = (await login(url, 'admin@minka.demo')).accessToken;
    storekeeper = (await login(url, 'almacen@minka.demo')).accessToken;
    [{ id: storekeeperId }] = await q<{ id: string }>(`SELECT id FROM users WHERE email = 'almacen@minka.demo'`);
    [campaign] = await q<{ id: string; title_es: string; slug: string }>(
      `SELECT id, title_es, slug FROM donation_campaigns WHERE slug = 'emergencia-friaje-heladas-2026'`,
    );
    [cusco] = await q<{ id: string; name: string }>(`SELECT id, name FROM warehouses WHERE name LIKE 'Almacén Cusco%'`);

    // One demo money donation refunded through the API: a "Devoluciones" entry in this month.
    const fundraiser = (await login(url, 'fondos@minka.demo')).accessToken;
    const [gift] = await q<{ id: string }>(
      `SELECT id FROM donations WHERE campaign_id = $1 AND kind = 'money' AND entry_type = 'donation' ORDER BY received_on, id LIMIT 1`,
      [campaign.id],
    );
    const reversal = await http(url, 'POST', `/api/v1/donations/${gift.id}/reversal`, {
      token: fundraiser,
      body: { reason: 'Devolución de prueba del informe' },
      headers: { 'idempotency-key': `reports-documents-${Date.now()}` },
    });
    expect(reversal.status).toBe(201);

    // Deliveries funded by the campaign in two districts of Amazonas (no demo activity there):
    // 3 kits confirmed in one (every count suppressed), and a line of 10 kits of which 8 came from the
    // campaign's lot and 2 from an unfunded one, 9 accepted and 1 missing, in the other (7.2 kits attributed).
    const [kit] = await q<{ id: string; households_served: number }>(
      `SELECT id, households_served FROM kit_types WHERE code = 'KIT-HIG-FAM' AND is_current`,
    );
    const [lima] = await q<{ id: string; organization_id: string }>(
      `SELECT w.id, w.organization_id FROM warehouses w JOIN organizations o ON o.id = w.organization_id WHERE o.slug = 'red-minka' ORDER BY w.name LIMIT 1`,
    );
    const [[funded], [unfunded]] = await Promise.all([
      q<{ id: string }>(
        `INSERT INTO stock_lots (warehouse_id, kit_type_id, lot_code, funding_source_type, funding_source_id)
         VALUES ($1, $2, 'PRUEBA-DONANTES', 'campaign', $3) RETURNING id`,
        [lima.id, kit.id, campaign.id],
      ),
      q<{ id: string }>(`INSERT INTO stock_lots (warehouse_id, kit_type_id, lot_code) VALUES ($1, $2, 'PRUEBA-SIN-FONDOS') RETURNING id`, [
        lima.id,
        kit.id,
      ]),
    ]);
    const [small, mixed] = await q<{ ubigeo: string; pcode: string }>(
      `SELECT ubigeo, pcode FROM districts WHERE department_ubigeo = '01' ORDER BY ubigeo LIMIT 2`,
    );
    const [plan] = await q<{ id: string }>(
      `INSERT INTO delivery_plans (organization_id, name, depot_warehouse_id, start_date, end_date, status)
       VALUES ($1, 'Plan informe donantes (prueba)', $2, $3, $3, 'completed') RETURNING id`,
      [lima.organization_id, lima.id, limaDay(-1)],
    );
    const stop = async (
      ubigeo: string,
      line: { dispatched: number; accepted: number; missing: number; lots: Array<[string, number]> },
    ): Promise<void> => {
      const [community] = await q<{ id: string }>(
        `INSERT INTO communities (name, district_ubigeo, lat, lon) VALUES ($1, $2, -6.2, -77.9) RETURNING id`,
        [`Comunidad informe ${ubigeo}`, ubigeo],
      );
      const [s] = await q<{ id: string }>(
        `INSERT INTO delivery_stops (plan_id, community_id, status, delivered_at, confirmed_at)
         VALUES ($1, $2, 'confirmed', now() - interval '1 day', now() - interval '1 day') RETURNING id`,
        [plan.id, community.id],
      );
      await q(
        `INSERT INTO delivery_stop_lines (stop_id, kit_type_id, quantity, dispatched, accepted, rejected, missing, dispatched_lots)
         VALUES ($1, $2, $3, $3, $4, 0, $5, $6::jsonb)`,
        [
          s.id,
          kit.id,
          line.dispatched,
          line.accepted,
          line.missing,
          JSON.stringify(line.lots.map(([lotId, quantity]) => ({ lotId, quantity }))),
        ],
      );
    };
    await stop(small.ubigeo, { dispatched: 3, accepted: 3, missing: 0, lots: [[funded.id, 3]] });
    await stop(mixed.ubigeo, {
      dispatched: 10,
      accepted: 9,
      missing: 1,
      lots: [
        [funded.id, 8],
        [unfunded.id, 2],
      ],
    });
    planted = { smallPcode: small.pcode, mixedPcode: mixed.pcode, householdsServed: kit.households_served };

    // Goods received into Cusco today through the API: 7 expiring in 10 days, 4 in 60 days.
    const [item] = await q<{ id: string; sku: string }>(
      `SELECT i.id, i.sku FROM inventory_items i JOIN stock_lots l ON l.item_id = i.id AND l.warehouse_id = $1 ORDER BY i.sku LIMIT 1`,
      [cusco.id],
    );
    const before = table(
      csv((await download(url, `/api/v1/reports/warehouses/${cusco.id}/stock`, storekeeper)).body.toString('utf8')),
      STOCK,
    );
    const row = before.data.find((r) => r['Código'] === item.sku);
    expect(row).toBeDefined();
    const receipt = await http(url, 'POST', '/api/v1/inventory/receipts', {
      token: storekeeper,
      body: {
        warehouseId: cusco.id,
        lines: [
          { itemId: item.id, quantity: 7, lotCode: 'PRUEBA-30D', expiryDate: limaDay(10) },
          { itemId: item.id, quantity: 4, lotCode: 'PRUEBA-60D', expiryDate: limaDay(60) },
        ],
        note: 'Ingreso de prueba del informe de stock',
      },
      headers: { 'idempotency-key': `reports-documents-receipt-${Date.now()}` },
    });
    expect(receipt.status).toBe(201);
    received = { itemId: item.id, sku: item.sku, before: row ?? {} };
  }, 180_000);

  afterAll(async () => {
    await booted?.close();
  });

  it('exports the donor report as CSV: money by month equals the donations, small counts as "<5", no personal data', async () => {
    const res = await download(url, `/api/v1/reports/campaigns/${campaign.id}/donor-report?format=csv`, admin);
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^text\/csv/);
    expect(res.disposition).toBe(`attachment; filename="minka-donantes-${campaign.slug}-inicio_${limaDay(0)}.csv"`);
    keep('donor-report.csv', res.body);
    const body = res.body.toString('utf8');
    const rows = csv(body);
    expect(rows[0][0]).toContain(campaign.title_es);

    const expected = await q<{ month: string; donations: number; gross: string; reversed: string; net: string }>(
      `SELECT to_char(received_on, 'YYYY-MM') AS month, count(*) FILTER (WHERE entry_type = 'donation')::int AS donations,
              coalesce(sum(amount_pen_minor) FILTER (WHERE entry_type = 'donation'), 0)::text AS gross,
              coalesce(sum(amount_pen_minor) FILTER (WHERE entry_type = 'reversal'), 0)::text AS reversed,
              sum(amount_pen_minor)::text AS net
         FROM donations WHERE campaign_id = $1 AND kind = 'money' GROUP BY 1 ORDER BY 1`,
      [campaign.id],
    );
    expect(expected.some((m) => BigInt(m.reversed) < 0n)).toBe(true);
    const months = table(rows, MONTHS).data;
    expect(months.map((m) => m['Mes'])).toEqual([...expected.map((m) => m.month), 'Total']);
    for (const m of expected) {
      const row = months.find((r) => r['Mes'] === m.month);
      expect(row).toEqual({
        Mes: m.month,
        Donaciones: m.donations > 0 && m.donations < 5 ? '<5' : String(m.donations),
        'Recibido (S/)': soles(m.gross),
        'Devoluciones (S/)': soles(m.reversed),
        'Neto (S/)': soles(m.net),
      });
    }
    // The total is what the campaign's progress says was raised (money, net of refunds).
    const progress = await http<{ progress: { raisedMinor: string } }>(url, 'GET', `/api/v1/donations/campaigns/${campaign.id}`, {
      token: admin,
    });
    const total = months.find((r) => r['Mes'] === 'Total');
    expect(total?.['Neto (S/)']).toBe(soles(progress.body.progress.raisedMinor));
    expect(rows.find((r) => r[0] === 'Recaudado en el periodo (S/)')?.[1]).toBe(soles(progress.body.progress.raisedMinor));

    const districts = table(rows, DISTRICTS).data;
    const small = districts.find((d) => d['Código distrito'] === planted.smallPcode);
    expect(small).toEqual(
      expect.objectContaining({
        Departamento: 'Amazonas',
        'Kits entregados': '<5',
        'Kits confirmados': '<5',
        'Hogares alcanzados': 3 * planted.householdsServed < 5 ? '<5' : String(3 * planted.householdsServed),
      }),
    );
    const mixed = districts.find((d) => d['Código distrito'] === planted.mixedPcode);
    // 9 handed over (10 − 1 missing) and 9 accepted, 8 of every 10 funded by the campaign.
    expect(mixed?.['Kits entregados']).toBe('7.2');
    expect(mixed?.['Kits confirmados']).toBe('7.2');
    expect(mixed?.['Hogares alcanzados']).toBe(String(Math.round(7.2 * planted.householdsServed)));

    // Aggregated only: no donor names or e-mails, no leader names or phones.
    const donors = await q<{ name: string; email: string | null }>(
      `SELECT DISTINCT d.name, d.email FROM donors d JOIN donations x ON x.donor_id = d.id WHERE x.campaign_id = $1`,
      [campaign.id],
    );
    expect(donors.length).toBeGreaterThan(10);
    for (const d of donors) {
      expect(body).not.toContain(d.name);
      if (d.email) expect(body).not.toContain(d.email);
    }
    const leaders = await q<{ full_name: string; phone: string | null }>('SELECT full_name, phone FROM community_leaders');
    for (const l of leaders) {
      expect(body).not.toContain(l.full_name);
      if (l.phone) expect(body).not.toContain(l.phone);
    }
  });

  it('limits the donor report to the range and answers a reversed range with 400 naming "to"', async () => {
    const old = csv(
      (await download(url, `/api/v1/reports/campaigns/${campaign.id}/donor-report?from=2026-05-01&to=2026-06-30`, admin)).body.toString(
        'utf8',
      ),
    );
    const months = table(old, MONTHS).data.map((m) => m['Mes']);
    expect(months.filter((m) => m !== 'Total').every((m) => m >= '2026-05' && m <= '2026-06')).toBe(true);
    expect(table(old, DISTRICTS).data.some((d) => d['Código distrito'] === planted.smallPcode)).toBe(false);

    const reversed = await http<{ errors: Array<{ field: string }> }>(
      url,
      'GET',
      `/api/v1/reports/campaigns/${campaign.id}/donor-report?from=2026-05-10&to=2026-05-01`,
      { token: admin },
    );
    expectProblem(reversed, 400);
    expect(reversed.body.errors.map((e) => e.field)).toEqual(['to']);
  });

  it('renders the donor report and the stock report as PDFs naming the campaign and the warehouse', async () => {
    const donor = await download(url, `/api/v1/reports/campaigns/${campaign.id}/donor-report?format=pdf`, admin);
    expect(donor.status).toBe(200);
    expect(donor.type).toBe('application/pdf');
    expect(donor.disposition).toMatch(/^attachment; filename="minka-donantes-.*\.pdf"$/);
    keep('donor-report.pdf', donor.body);
    expect(donor.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const donorText = pdfText(donor.body);
    expect(donorText).toContain(campaign.title_es);
    expect(donorText).toContain('<5');

    const stock = await download(url, `/api/v1/reports/warehouses/${cusco.id}/stock?format=pdf`, storekeeper);
    expect(stock.status).toBe(200);
    expect(stock.type).toBe('application/pdf');
    expect(stock.disposition).toBe(
      `attachment; filename="minka-stock-${cusco.name
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '')}-${limaDay(0)}.pdf"`,
    );
    keep('stock.pdf', stock.body);
    expect(stock.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const stockText = pdfText(stock.body);
    expect(stockText).toContain(cusco.name);
    expect(stockText).toContain(received.sku);
  });

  it('reports the same stock as the inventory API, with the expiry buckets of the received lots', async () => {
    const res = await download(url, `/api/v1/reports/warehouses/${cusco.id}/stock`, storekeeper);
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^text\/csv/);
    keep('stock.csv', res.body);
    const rows = table(csv(res.body.toString('utf8')), STOCK).data;
    const api = await http<{
      items: Array<{
        code: string;
        onHand: number;
        reserved: number;
        available: number;
        expiredAvailable: number;
        nextExpiry: string | null;
        reorderLevel: number | null;
        belowReorder: boolean;
      }>;
      total: number;
    }>(url, 'GET', `/api/v1/inventory/stock?warehouseId=${cusco.id}&pageSize=100`, { token: storekeeper });
    expect(api.status).toBe(200);
    expect(api.body.total).toBeLessThanOrEqual(100);
    expect(rows).toHaveLength(api.body.total);
    for (const item of api.body.items) {
      const row = rows.find((r) => r['Código'] === item.code);
      expect({ code: item.code, ...row }).toEqual(
        expect.objectContaining({
          code: item.code,
          Existencias: String(item.onHand),
          Reservado: String(item.reserved),
          Disponible: String(item.available),
          'Disponible vencido': String(item.expiredAvailable),
          'Vencimiento más próximo': item.nextExpiry ?? '',
          'Nivel de reposición': item.reorderLevel === null ? '' : String(item.reorderLevel),
          'Bajo el nivel': item.belowReorder ? 'Sí' : 'No',
        }),
      );
    }
    const after = rows.find((r) => r['Código'] === received.sku);
    const delta = (col: string): number => Number(after?.[col]) - Number(received.before[col]);
    expect(delta('Existencias')).toBe(11);
    expect(delta('Vence en 30 días')).toBe(7);
    expect(delta('Vence en 90 días')).toBe(11);
    expect(delta('Lotes con stock')).toBe(2);
    const previous = received.before['Vencimiento más próximo'];
    expect(after?.['Vencimiento más próximo']).toBe(previous && previous < limaDay(10) ? previous : limaDay(10));
  });

  it('exports the ledger with a running balance per item that ends at the on-hand quantity, across batches', async () => {
    const service = booted.app.get(ReportDocumentsService);
    const batch = service.ledgerBatchSize;
    service.ledgerBatchSize = 7; // many batches over the demo's movements
    const res = await download(url, `/api/v1/reports/warehouses/${cusco.id}/ledger.csv`, storekeeper).finally(() => {
      service.ledgerBatchSize = batch;
    });
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^text\/csv/);
    expect(res.disposition).toMatch(new RegExp(`^attachment; filename="minka-kardex-.*-${limaDay(-365)}_${limaDay(0)}\\.csv"$`));
    keep('ledger.csv', res.body);
    const body = res.body.toString('utf8');
    const [header, ...data] = csv(body);
    expect(header).toContain('Saldo existencias');
    const col = (name: string): number => header.indexOf(name);
    const [{ n }] = await q<{ n: number }>(
      `SELECT count(*)::int AS n FROM stock_movements WHERE warehouse_id = $1 AND created_at >= ($2::date)::timestamp AT TIME ZONE 'America/Lima'`,
      [cusco.id, limaDay(-365)],
    );
    const movements = data.filter((r) => r[col('Tipo (código)')] !== 'opening_balance');
    expect(n).toBeGreaterThan(14);
    expect(movements).toHaveLength(n);
    const seqs = movements.map((r) => Number(r[col('N.º de movimiento')]));
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);

    // Each balance is the previous one of the same item plus the movement; the last one is the stock on hand.
    const last = new Map<string, number>();
    for (const r of data) {
      const code = r[col('Código')];
      const balance = Number(r[col('Saldo existencias')]);
      if (r[col('Tipo (código)')] !== 'opening_balance') {
        expect(balance).toBe((last.get(code) ?? 0) + Number(r[col('Variación existencias')]));
      }
      last.set(code, balance);
    }
    const api = await http<{ items: Array<{ code: string; onHand: number }> }>(
      url,
      'GET',
      `/api/v1/inventory/stock?warehouseId=${cusco.id}&pageSize=100`,
      { token: storekeeper },
    );
    for (const item of api.body.items) expect([item.code, last.get(item.code)]).toEqual([item.code, item.onHand]);

    // The receipt made above: the acting user's id (not the name), Lima time, the document it came from.
    const receipt = movements.filter((r) => r[col('Lote')] === 'PRUEBA-30D');
    expect(receipt).toHaveLength(1);
    const [movement] = await q<{ at: string; reference_type: string | null; reference_id: string | null }>(
      `SELECT to_char(created_at AT TIME ZONE 'America/Lima', 'YYYY-MM-DD HH24:MI:SS') AS at, reference_type, reference_id
         FROM stock_movements WHERE seq = $1`,
      [receipt[0][col('N.º de movimiento')]],
    );
    expect(receipt[0][col('Usuario (id)')]).toBe(storekeeperId);
    expect(receipt[0][col('Fecha y hora (America/Lima)')]).toBe(movement.at);
    expect(receipt[0][col('Fecha y hora (America/Lima)')].slice(0, 10)).toBe(limaDay(0));
    expect(receipt[0][col('Tipo (código)')]).toBe('receipt');
    expect(receipt[0][col('Documento')]).toBe(movement.reference_type ?? '');
    expect(receipt[0][col('Referencia')]).toBe(movement.reference_id ?? '');
    const [user] = await q<{ full_name: string }>('SELECT full_name FROM users WHERE id = $1', [storekeeperId]);
    expect(body).not.toContain(user.full_name);

    // A range after every movement: only the opening balances, which are the stock on hand.
    const later = csv(
      (
        await download(url, `/api/v1/reports/warehouses/${cusco.id}/ledger.csv?from=${limaDay(1)}&to=${limaDay(1)}`, storekeeper)
      ).body.toString('utf8'),
    ).slice(1);
    expect(later.every((r) => r[col('Tipo (código)')] === 'opening_balance')).toBe(true);
    const opening = new Map(later.map((r) => [r[col('Código')], Number(r[col('Saldo existencias')])]));
    for (const item of api.body.items) expect([item.code, opening.get(item.code)]).toEqual([item.code, item.onHand]);
  });

  it('gates the documents by role, 404s unknown objects and 400s bad parameters', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    const donorReport = `/api/v1/reports/campaigns/${campaign.id}/donor-report`;
    const stock = `/api/v1/reports/warehouses/${cusco.id}/stock`;
    const ledger = `/api/v1/reports/warehouses/${cusco.id}/ledger.csv`;
    expectProblem(await http(url, 'GET', donorReport), 401);
    expectProblem(await http(url, 'GET', ledger), 401);
    for (const email of ['donante@minka.demo', 'lider@minka.demo']) {
      const token = (await login(url, email)).accessToken;
      for (const path of [donorReport, stock, ledger]) expectProblem(await http(url, 'GET', path, { token }), 403);
    }
    expectProblem(await http(url, 'GET', donorReport, { token: storekeeper }), 403);
    const fundraiser = (await login(url, 'fondos@minka.demo')).accessToken;
    expectProblem(await http(url, 'GET', stock, { token: fundraiser }), 403);
    expectProblem(await http(url, 'GET', ledger, { token: fundraiser }), 403);
    const coordinator = (await login(url, 'coordinador@minka.demo')).accessToken;
    for (const path of [donorReport, stock, ledger]) expect((await download(url, path, coordinator)).status).toBe(200);
    expect((await download(url, donorReport, fundraiser)).status).toBe(200);

    expectProblem(
      await http(url, 'GET', `/api/v1/reports/campaigns/${missing}/donor-report?format=pdf`, { token: admin }),
      404,
      'NOT_FOUND',
    );
    expectProblem(await http(url, 'GET', `/api/v1/reports/warehouses/${missing}/stock`, { token: admin }), 404, 'NOT_FOUND');
    expectProblem(await http(url, 'GET', `/api/v1/reports/warehouses/${missing}/ledger.csv`, { token: admin }), 404, 'NOT_FOUND');
    const notUuid = await http<{ errors: Array<{ field: string }> }>(url, 'GET', '/api/v1/reports/warehouses/almacen/stock', {
      token: admin,
    });
    expectProblem(notUuid, 400);
    expect(notUuid.body.errors.map((e) => e.field)).toEqual(['id']);
    const badFormat = await http<{ errors: Array<{ field: string }> }>(url, 'GET', `${stock}?format=xlsx`, { token: admin });
    expectProblem(badFormat, 400);
    expect(badFormat.body.errors.map((e) => e.field)).toEqual(['format']);
    const reversed = await http<{ errors: Array<{ field: string }> }>(url, 'GET', `${ledger}?from=2026-05-10&to=2026-05-01`, {
      token: admin,
    });
    expectProblem(reversed, 400);
    expect(reversed.body.errors.map((e) => e.field)).toEqual(['to']);
  });
});
