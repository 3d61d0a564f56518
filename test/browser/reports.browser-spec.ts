import { readFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { bootApp } from '../support/app';
import { describeViolations, seriousAxeViolations } from '../support/axe';

// Issue #9: a coordinator downloads the 3W (HXL) file from /reportes and finds, on the coverage map
// and in the gaps table, a community whose approved need has waited more than 30 days with no delivery.
const artifacts = join(__dirname, '..', 'artifacts');
const GAP_COMMUNITY = 'Comunidad olvidada de Chachapoyas';
/** Chachapoyas (Amazonas): no demo activity there. */
const DISTRICT = '010101';
const WAITED_DAYS = 45;

describe('reports (Chromium)', () => {
  let app: Awaited<ReturnType<typeof bootApp>>;
  let browser: Browser;
  let page: Page;
  let gapCommunityId: string;

  const q = <T = unknown>(sql: string, params: unknown[] = []): Promise<T[]> => app.dataSource.query(sql, params);

  beforeAll(async () => {
    app = await bootApp();
    browser = await launchChromium();
    // The planted gap: an approved need (approved 45 days ago) of a community that has never had a delivery.
    const [kit] = await q<{ code: string }>(`SELECT code FROM kit_types WHERE is_current AND category = 'hygiene' ORDER BY code LIMIT 1`);
    [{ id: gapCommunityId }] = await q<{ id: string }>(
      `INSERT INTO communities (name, district_ubigeo, lat, lon) VALUES ($1, $2, -6.23, -77.87) RETURNING id`,
      [GAP_COMMUNITY, DISTRICT],
    );
    const [need] = await q<{ id: string }>(
      `INSERT INTO need_requests (community_id, status, urgency, cause, households_affected)
       VALUES ($1, 'approved', 5, 'frost', 40) RETURNING id`,
      [gapCommunityId],
    );
    await q(`INSERT INTO need_request_lines (need_request_id, kit_type_code, quantity) VALUES ($1, $2, 20)`, [need.id, kit.code]);
    await q(
      `INSERT INTO need_request_events (need_request_id, from_status, to_status, reason, occurred_at)
       VALUES ($1, 'submitted', 'approved', 'prueba', now() - make_interval(days => $2::int))`,
      [need.id, WAITED_DAYS],
    );
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('downloads the 3W as HXL CSV and shows the planted gap on the coverage map and in the gaps table', async () => {
    // bypassCSP only so axe-core can be injected (the app's CSP rightly forbids inline scripts).
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'es-PE', acceptDownloads: true, bypassCSP: true });
    await page.goto(`${app.url}/login`);
    await page.getByLabel('Correo electrónico').fill('coordinador@minka.demo');
    await page.getByLabel('Contraseña', { exact: true }).fill('minka-demo-2026');
    await page.getByRole('button', { name: 'Ingresar' }).click();
    await page.waitForURL((url) => !url.pathname.endsWith('/login'));
    await page.getByRole('link', { name: 'Reportes' }).click();
    await page.waitForURL(/\/reportes$/);
    await page.getByRole('heading', { name: 'Reportes', level: 1 }).waitFor({ timeout: 20_000 });

    // 3W: CSV (the default format), saved under the server's file name with the bearer token's data.
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Descargar 3W' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^minka-3w-\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv$/);
    const path = await download.path();
    const rows: string[][] = parse(await readFile(path, 'utf8'));
    expect(rows[0][0]).toBe('Organización implementadora');
    expect(rows[1][0]).toBe('#org+impl+name');
    expect(rows.length).toBeGreaterThan(2);
    const adm3 = rows[1].indexOf('#adm3+code');
    const adm1 = rows[1].indexOf('#adm1+code');
    expect(adm3).toBeGreaterThan(0);
    for (const data of rows.slice(2)) {
      expect(data[adm1]).toMatch(/^PE\d{2}$/);
      expect(data[adm3]).toMatch(/^PE\d{6}$/);
      expect(data[adm3].startsWith(data[adm1])).toBe(true);
    }
    await page.getByRole('status').filter({ hasText: download.suggestedFilename() }).waitFor();

    // Coverage: the planted gap is a marker in the gaps pane named after the community, with its wait.
    const marker = page.locator('[data-testid="map-gaps"] [aria-label*="' + GAP_COMMUNITY + '"]');
    await marker.waitFor({ timeout: 20_000 });
    expect(await marker.getAttribute('aria-label')).toMatch(new RegExp(`^${GAP_COMMUNITY}: brecha, (4[5-6]) días esperando$`));
    const gapRow = page.getByTestId('coverage-gaps').getByRole('row', { name: new RegExp(GAP_COMMUNITY) });
    await gapRow.waitFor();
    expect(await gapRow.textContent()).toMatch(/4[5-6] días/);
    // The choropleth drew the gap's province (Chachapoyas) and its district as "unmet".
    expect(await page.locator('[data-testid="map-coverage-provinces"] path.coverage--unmet').count()).toBeGreaterThanOrEqual(1);
    await page.locator('[data-testid="map-coverage-districts"] path[aria-label^="Chachapoyas"]').waitFor({ timeout: 20_000 });
    const districtRow = page
      .getByTestId('coverage-districts')
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: 'Chachapoyas', exact: true }) });
    expect(await districtRow.textContent()).toContain('PE010101');
    expect(await districtRow.textContent()).toContain('Ninguno: necesidades sin alcance');

    await mkdir(artifacts, { recursive: true });
    // The coverage block (filters, map, legend) in view: the tables below run long with the demo data.
    await page.getByRole('heading', { name: 'Cobertura', level: 2 }).evaluate((h) => h.scrollIntoView());
    await page.screenshot({ path: join(artifacts, 'reports-coverage.png') });

    const violations = await seriousAxeViolations(page);
    expect(describeViolations(violations)).toBe('');

    // The marker opens the community's page; from the keyboard too (other gaps may sit on top of it at this zoom).
    await marker.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/comunidades/${gapCommunityId}$`));
    await page.getByRole('heading', { name: GAP_COMMUNITY }).waitFor({ timeout: 20_000 });
  }, 120_000);

  it('downloads a campaign donor report (PDF) and a warehouse stock report and ledger (CSV) with the same session', async () => {
    await page.goto(`${app.url}/reportes`);
    const save = async (button: string): Promise<{ name: string; body: Buffer }> => {
      const downloading = page.waitForEvent('download');
      await page.getByRole('button', { name: button }).click();
      const download = await downloading;
      return { name: download.suggestedFilename(), body: await readFile(await download.path()) };
    };

    await page.getByLabel('Campaña', { exact: true }).selectOption({ index: 1 });
    const donor = await save('Descargar reporte de donantes');
    expect(donor.name).toMatch(/\.pdf$/);
    expect(donor.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    await page.getByLabel('Almacén', { exact: true }).selectOption({ index: 1 });
    await page.getByRole('group', { name: 'Formato' }).nth(2).getByLabel('CSV (hoja de cálculo)').check();
    const stock = await save('Descargar stock');
    expect(stock.name).toMatch(/\.csv$/);
    // A document: title row, facts, then tables (rows of different lengths).
    const stockRows: string[][] = parse(stock.body.toString('utf8'), { relax_column_count: true });
    expect(stockRows.length).toBeGreaterThan(2);
    expect(stockRows[0][0]).not.toBe('');
    const ledger = await save('Descargar kardex');
    expect(ledger.name).toMatch(/\.csv$/);
    const ledgerRows: string[][] = parse(ledger.body.toString('utf8'), { relax_column_count: true });
    expect(ledgerRows.length).toBeGreaterThanOrEqual(1);
    await page.getByRole('heading', { name: 'Reportes de donantes y de almacén' }).evaluate((h) => h.scrollIntoView());
    await page.screenshot({ path: join(artifacts, 'reports-downloads.png') });
  }, 90_000);
});
