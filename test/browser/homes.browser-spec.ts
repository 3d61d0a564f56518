import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { describeViolations, seriousAxeViolations } from '../support/axe';
import { launchChromium } from '../support/browser';
import { bootApp } from '../support/app';
import { createLoadedRoute } from '../support/deliveries-fixture';
import { http, login } from '../support/http';

// Issue #8: every role lands on its own home (/inicio) after login and sees its key numbers at a
// glance. Each case checks what the home shows against what the API (or the database) says, saves a
// full-page screenshot and runs axe (serious and critical WCAG 2.1 A/AA violations must be none).
const artifacts = join(__dirname, '..', 'artifacts');
const PASSWORD = 'minka-demo-2026';
const NBSP = '\u00a0';

/** Integers the way the dashboard writes them in Spanish: `1 234` with a no-break space. */
const esInt = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
/** Soles from céntimos, Spanish: `S/ 1 234,50`. */
const esSoles = (minor: bigint): string => {
  const sign = minor < 0n ? '-' : '';
  const abs = minor < 0n ? -minor : minor;
  return `${sign}S/${NBSP}${esInt(Number(abs / 100n))},${String(abs % 100n).padStart(2, '0')}`;
};

interface Page100<T> {
  items: T[];
  total: number;
}

describe('home pages per role (Chromium)', () => {
  let app: Awaited<ReturnType<typeof bootApp>>;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    app = await bootApp();
    browser = await launchChromium();
    await mkdir(artifacts, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await app?.close();
  });

  const api = async <T>(email: string, path: string): Promise<T> => {
    const { accessToken } = await login(app.url, email);
    const res = await http<T>(app.url, 'GET', path, { token: accessToken });
    expect(res.status).toBe(200);
    return res.body;
  };

  /** A fresh browser (own storage), logged in through the form; returns once on /inicio. */
  async function signIn(email: string): Promise<Page> {
    // bypassCSP only so that axe-core can be injected (the app's CSP forbids inline scripts, as it should).
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'es-PE', bypassCSP: true });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${app.url}/login`);
    await page.getByLabel('Correo electrónico').fill(email);
    await page.getByLabel('Contraseña', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Ingresar' }).click();
    await page.waitForURL(/\/inicio$/);
    return page;
  }

  async function shotAndAxe(page: Page, role: string): Promise<void> {
    // Nothing still loading when the picture is taken.
    // (A string: it runs in the page, and the test project's TypeScript has no DOM types.)
    await page.waitForFunction(
      `[...document.querySelectorAll('[role="status"]')].every((e) => !/Cargando|Suyay|Loading/.test(e.textContent || ''))`,
    );
    await page.screenshot({ path: join(artifacts, `home-${role}.png`), fullPage: true });
    const violations = await seriousAxeViolations(page);
    expect(describeViolations(violations)).toBe('');
  }

  /** The value cell of a row of a chart's text alternative (its visually hidden table). */
  const chartCell = (page: Page, table: string, row: string, column = 1): Locator =>
    page
      .getByRole('table', { name: table })
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: row, exact: true }) })
      .getByRole('cell')
      .nth(column - 1);

  it('coordinator: needs map, plans in progress, stops by status and overdue confirmations', async () => {
    const board = await api<{ counts: Record<string, number> }>('coordinador@minka.demo', '/api/v1/deliveries/board?pageSize=1');
    const alerts = await api<Page100<{ communityName: string }>>('coordinador@minka.demo', '/api/v1/deliveries/alerts');
    const page = await signIn('coordinador@minka.demo');
    const home = page.getByTestId('home-coordinator');

    // The map of open needs: outlines and the communities layer drawn inside the home.
    await home.locator('[data-testid="map-communities"] path').first().waitFor({ state: 'attached', timeout: 20_000 });
    expect(await home.getByRole('region', { name: 'Mapa de comunidades con necesidades abiertas, por urgencia' }).count()).toBe(1);

    // The demo's Puno round (optimised, next week) is in progress; the completed Cusco round is not.
    const plans = page.getByTestId('home-plans');
    await plans.getByRole('link', { name: 'Ronda Altiplano — Ilave y Juli' }).waitFor();
    expect(await plans.getByRole('link', { name: 'Ronda heladas Canchis y Acomayo' }).count()).toBe(0);

    // Stops by status: the chart's table holds the board's counts.
    const chart = 'Paradas de entrega por estado — Datos del gráfico';
    await page.getByRole('table', { name: chart }).waitFor({ state: 'attached' });
    expect(board.counts.confirmed).toBeGreaterThan(0);
    expect(await chartCell(page, chart, 'Confirmada').textContent()).toBe(esInt(board.counts.confirmed));
    expect(await chartCell(page, chart, 'Pendiente').textContent()).toBe(esInt(board.counts.pending));
    expect(await page.getByRole('img', { name: /^Paradas de entrega por estado\./ }).count()).toBe(1);

    const overdue = page.getByTestId('home-overdue');
    if (alerts.total === 0) await overdue.getByText('Ninguna entrega lleva demasiados días sin confirmar.').waitFor();
    else
      await overdue
        .getByText(alerts.items[0]?.communityName ?? '')
        .first()
        .waitFor();

    await shotAndAxe(page, 'coordinator');
  }, 90_000);

  it('storekeeper: stock by warehouse and category, kits that can be assembled, alerts', async () => {
    const stock = [
      ...(
        await api<Page100<{ warehouseName: string; available: number }>>(
          'almacen@minka.demo',
          '/api/v1/inventory/stock?pageSize=100&page=1',
        )
      ).items,
      ...(
        await api<Page100<{ warehouseName: string; available: number }>>(
          'almacen@minka.demo',
          '/api/v1/inventory/stock?pageSize=100&page=2',
        )
      ).items,
    ];
    const cusco = 'Almacén Cusco (Wanchaq)';
    const cuscoUnits = stock.filter((r) => r.warehouseName === cusco).reduce((s, r) => s + r.available, 0);
    expect(cuscoUnits).toBeGreaterThan(0);
    const [warehouse] = await app.dataSource.query<Array<{ id: string }>>(`SELECT id FROM warehouses WHERE name = $1`, [cusco]);
    const capacity = await api<{ items: Array<{ nameEs: string; kitsPossible: number }> }>(
      'almacen@minka.demo',
      `/api/v1/inventory/assembly-capacity?warehouseId=${warehouse?.id}`,
    );

    const page = await signIn('almacen@minka.demo');
    // The chart of stock: the Cusco depot's row of its table adds up to the API's available units.
    const chart = 'Stock disponible por almacén y categoría (unidades) — Datos del gráfico';
    await page.getByRole('table', { name: chart }).waitFor({ state: 'attached', timeout: 20_000 });
    const cuscoRow = page
      .getByRole('table', { name: chart })
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: cusco }) });
    expect(await cuscoRow.getByRole('cell').last().textContent()).toBe(esInt(cuscoUnits));
    expect(await page.getByRole('img', { name: /^Stock disponible por almacén y categoría/ }).count()).toBe(1);

    // Kits that can still be assembled at the Cusco depot, as the API computes them.
    const list = page.getByRole('list', { name: `Kits que se pueden armar en ${cusco}` });
    await list.waitFor();
    const first = [...capacity.items].sort((a, b) => b.kitsPossible - a.kitsPossible)[0];
    expect(first).toBeDefined();
    const item = list
      .getByRole('listitem')
      .filter({ hasText: first?.nameEs ?? '' })
      .first();
    expect(await item.textContent()).toContain(`${first?.kitsPossible} kit`);

    await page.getByTestId('home-stock-alerts').getByRole('heading', { name: 'Alertas de inventario' }).waitFor();
    await shotAndAxe(page, 'storekeeper');
  }, 90_000);

  it('fundraiser: campaign thermometers, donations by month and the latest donations', async () => {
    const campaigns = await api<Page100<{ titleEs: string; progress: { raisedMinor: string } }>>(
      'fondos@minka.demo',
      '/api/v1/donations/campaigns',
    );
    const frost = campaigns.items.find((c) => c.titleEs === 'Emergencia por friaje y heladas 2026');
    expect(frost).toBeDefined();
    const page = await signIn('fondos@minka.demo');

    // The thermometer of the frost campaign shows its raised amount in soles.
    const card = page
      .getByTestId('home-campaign')
      .filter({ has: page.getByRole('heading', { name: 'Emergencia por friaje y heladas 2026' }) });
    const raised = card.getByTestId('raised');
    await raised.waitFor();
    expect(await raised.textContent()).toBe(esSoles(BigInt(frost?.progress.raisedMinor ?? '0')));
    expect(await card.getByRole('progressbar').count()).toBe(1);

    // Donations by month: a bar chart with a table behind it, one row per month.
    const chart = 'Donaciones en dinero por mes (S/) — Datos del gráfico';
    await page.getByRole('table', { name: chart }).waitFor({ state: 'attached', timeout: 20_000 });
    expect(await page.getByRole('table', { name: chart }).getByRole('rowheader').count()).toBeGreaterThan(3);
    expect(await page.getByRole('img', { name: /^Donaciones en dinero por mes \(S\/\)\. \d+ donaciones entre/ }).count()).toBe(1);

    // The latest donations, newest received first, with amounts in soles.
    const latest = page.getByRole('table', { name: 'Últimas donaciones' });
    await latest.waitFor();
    expect(await latest.getByRole('row').count()).toBe(7);
    expect(await latest.getByRole('row').nth(1).getByRole('cell').last().textContent()).toMatch(/^S\/\u00a0[\d\u00a0]+,\d{2}$/);

    await shotAndAxe(page, 'fundraiser');
  }, 90_000);

  it('leader: the big confirm-receipt action (in Quechua) and the delivery on its way to their community', async () => {
    const q = <T>(sql: string, params: unknown[] = []): Promise<T[]> => app.dataSource.query(sql, params);
    const [community] = await q<{ id: string; name: string }>(
      `SELECT c.id, c.name FROM community_leaders l JOIN users u ON u.id = l.user_id JOIN communities c ON c.id = l.community_id
        WHERE u.email = 'lider@minka.demo' AND l.active LIMIT 1`,
    );
    const [cusco] = await q<{ id: string }>(`SELECT id FROM warehouses WHERE name LIKE '%Cusco%'`);
    const [kit] = await q<{ id: string; name_es: string }>(`SELECT id, name_es FROM kit_types WHERE is_current AND code = 'KIT-HIG-FAM'`);
    expect(community && cusco && kit).toBeTruthy();
    // Stock for the fixture's route, then a route on its way to the leader's community with 7 kits.
    const storekeeper = (await login(app.url, 'almacen@minka.demo')).accessToken;
    const receipt = await http(app.url, 'POST', '/api/v1/inventory/receipts', {
      token: storekeeper,
      body: { warehouseId: cusco?.id, lines: [{ kitTypeId: kit?.id, quantity: 7 }] },
    });
    expect(receipt.status).toBe(201);
    await createLoadedRoute(app, {
      depotWarehouseId: cusco?.id,
      routeStatus: 'in_transit',
      stops: [{ communityId: community?.id, lines: [{ kitTypeId: kit?.id, quantity: 7 }] }],
    });

    const page = await signIn('lider@minka.demo');
    // The account's language is Quechua: the home speaks it.
    const confirm = page.getByRole('link', { name: 'Chaskisqata takyachiy' });
    await confirm.waitFor();
    expect(await confirm.getAttribute('href')).toBe('/confirmar/');
    const stop = page.getByTestId('home-my-stop');
    await stop.waitFor();
    expect(await stop.count()).toBe(1);
    expect(await stop.textContent()).toContain(community?.name);
    expect(await stop.textContent()).toContain(`7 kit, ${kit?.name_es}`);
    await page.getByText('1 apachisqa takyachiyniykita suyachkan.').waitFor();
    await shotAndAxe(page, 'leader');

    // The action leads to the confirmation page that exists (code channel), not to a page of its own.
    await confirm.click();
    await page.waitForURL(/\/confirmar\/$/);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
  }, 90_000);

  it('admin: organisations, users and the latest audit entries', async () => {
    const orgs = await api<Page100<{ name: string }>>('admin@minka.demo', '/api/v1/admin/organizations');
    const users = await api<Page100<unknown>>('admin@minka.demo', '/api/v1/admin/users?pageSize=1');
    const page = await signIn('admin@minka.demo');
    const orgCount = page.getByTestId('home-org-count');
    await orgCount.waitFor();
    expect(await orgCount.textContent()).toContain(String(orgs.total));
    for (const o of orgs.items) await page.getByTestId('home-organizations').getByText(o.name, { exact: true }).waitFor();
    expect(await page.getByTestId('home-user-count').textContent()).toContain(String(users.total));
    // The admin's own login is the newest audit entry.
    const audit = page.getByRole('table', { name: 'Registro de auditoría: lo último' });
    await audit.waitFor();
    expect(await audit.getByRole('row').nth(1).textContent()).toContain('auth.login');
    await shotAndAxe(page, 'admin');
  }, 90_000);

  it('donor: what they gave, with receipts, and the campaigns they can support', async () => {
    const mine = await api<Page100<{ kind: string; amountPenMinor: string }>>('donante@minka.demo', '/api/v1/donations/mine');
    expect(mine.total).toBeGreaterThan(0);
    const given = mine.items.filter((d) => d.kind === 'money').reduce((s, d) => s + BigInt(d.amountPenMinor), 0n);
    const page = await signIn('donante@minka.demo');
    const total = page.getByTestId('home-given');
    await total.waitFor();
    expect(await total.textContent()).toContain(esSoles(given));
    expect(await page.getByRole('table', { name: 'Tus donaciones' }).getByRole('row').count()).toBe(mine.items.length + 1);
    const frost = page
      .getByTestId('home-campaign')
      .filter({ has: page.getByRole('heading', { name: 'Emergencia por friaje y heladas 2026' }) });
    await frost.getByTestId('raised').waitFor();
    expect(await frost.getByTestId('raised').textContent()).toMatch(/^S\/\u00a0[\d\u00a0]+,\d{2}$/);
    await shotAndAxe(page, 'donor');
  }, 90_000);
});
