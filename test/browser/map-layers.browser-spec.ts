import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { describeViolations, seriousAxeViolations } from '../support/axe';
import { launchChromium } from '../support/browser';
import { bootApp } from '../support/app';

// Issue #8: one map, its layers switched from the legend (keyboard), the switches kept in the URL
// (`?capas=…`) and every layer's features checked against what the API holds for the coordinator.
const artifacts = join(__dirname, '..', 'artifacts');
const PLACES = 94_922;
const COORDINATOR = { email: 'coordinador@minka.demo', password: 'minka-demo-2026' };

const panes = {
  necesidades: '[data-testid="map-communities"] path.community-marker',
  lugares: '[data-testid="map-places"] .place-cluster',
  almacenes: '[data-testid="map-warehouses"] .warehouse-marker',
  rutas: '[data-testid="map-routes"] path[data-route-id]',
  paradas: '[data-testid="map-stop-status"] path[data-stop-id]',
  cobertura: '[data-testid="map-coverage-districts"] path.coverage-district',
  brechas: '[data-testid="map-gaps"] .gap-marker',
};

interface Warehouse {
  id: string;
  name: string;
  active: boolean;
}
interface PlanDetail {
  routes: Array<{ id: string; stopIds: string[]; path: unknown[] }>;
}

/** The page's document, as the functions evaluated in the page see it (the test's tsconfig has no DOM lib). */
interface PageDocument {
  querySelectorAll(selector: string): ArrayLike<{ getAttribute(name: string): string | null }>;
  activeElement: unknown;
}

async function apiGet<T>(base: string, token: string, path: string): Promise<T> {
  const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  return (await res.json()) as T;
}

/** Waits until exactly `n` elements match (the layer drew or removed its features). */
async function waitForCount(page: Page, selector: string, n: number): Promise<void> {
  await page.waitForFunction(
    ([s, count]) => (globalThis as unknown as { document: PageDocument }).document.querySelectorAll(s).length === count,
    [selector, n] as const,
    {
      timeout: 20_000,
    },
  );
}

describe('map layers and their legend (Chromium)', () => {
  let app: Awaited<ReturnType<typeof bootApp>>;
  let browser: Browser;
  let page: Page;
  const expected = { warehouses: [] as Warehouse[], routes: 0, stops: 0, gaps: 0 };

  beforeAll(async () => {
    app = await bootApp();
    browser = await launchChromium();
    // bypassCSP only so axe-core can be injected (the app's CSP rightly forbids inline scripts).
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'es-PE', bypassCSP: true });

    // What the coordinator may see, asked of the API directly.
    const login = await fetch(`${app.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(COORDINATOR),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    expected.warehouses = (await apiGet<{ items: Warehouse[] }>(app.url, accessToken, '/api/v1/inventory/warehouses')).items.filter(
      (w) => w.active,
    );
    for (const status of ['optimised', 'dispatched']) {
      const plans = await apiGet<{ items: Array<{ id: string }> }>(
        app.url,
        accessToken,
        `/api/v1/deliveries/plans?status=${status}&pageSize=100`,
      );
      for (const { id } of plans.items) {
        const plan = await apiGet<PlanDetail>(app.url, accessToken, `/api/v1/deliveries/plans/${id}`);
        expected.routes += plan.routes.filter((r) => r.stopIds.length > 0 && r.path.length >= 2).length;
      }
    }
    const board = await apiGet<{ total: number; counts: { cancelled: number } }>(
      app.url,
      accessToken,
      '/api/v1/deliveries/board?pageSize=1',
    );
    expected.stops = board.total - board.counts.cancelled;
    expected.gaps = (await apiGet<{ gaps: unknown[] }>(app.url, accessToken, '/api/v1/reports/coverage')).gaps.length;
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('switches each layer on and off from the keyboard, keeps the switches in the URL and opens features', async () => {
    // The demo network has something on every layer, or the checks below would prove nothing.
    expect(expected.warehouses.length).toBeGreaterThan(0);
    expect(expected.routes).toBeGreaterThan(0);
    expect(expected.stops).toBeGreaterThan(0);
    expect(expected.gaps).toBeGreaterThan(0);

    await page.goto(`${app.url}/login`);
    await page.getByLabel('Correo electrónico').fill(COORDINATOR.email);
    await page.getByLabel('Contraseña', { exact: true }).fill(COORDINATOR.password);
    await page.getByRole('button', { name: 'Ingresar' }).click();
    await page.waitForURL((url) => !url.pathname.endsWith('/login'));
    await page.goto(`${app.url}/mapa`);
    await page.getByRole('heading', { name: 'Mapa' }).waitFor();

    // Default: needs by urgency on, everything else off.
    const toggles = page.getByRole('group', { name: 'Capas' });
    const box = (name: string) => toggles.getByRole('checkbox', { name });
    expect(await box('Necesidades por urgencia').isChecked()).toBe(true);
    await page.locator(panes.necesidades).first().waitFor({ state: 'attached', timeout: 20_000 });
    for (const name of [
      'Centros poblados (INEI)',
      'Almacenes',
      'Rutas por vehículo (planes en curso)',
      'Paradas por estado',
      'Cobertura por distrito',
      'Brechas de atención',
    ]) {
      expect(await box(name).isChecked()).toBe(false);
    }

    const pressSpace = async (name: string) => {
      await box(name).focus();
      await page.keyboard.press('Space');
    };
    const capas = () => new URL(page.url()).searchParams.get('capas');

    // Needs off and on again.
    await pressSpace('Necesidades por urgencia');
    await waitForCount(page, panes.necesidades, 0);
    expect(capas()).toBe('');
    await pressSpace('Necesidades por urgencia');
    await page.locator(panes.necesidades).first().waitFor({ state: 'attached' });
    expect(capas()).toBe('necesidades');

    // Populated places: at the country view the clusters account for every one of the 94,922 places.
    await pressSpace('Centros poblados (INEI)');
    await page.waitForFunction(
      (total) => {
        const counts = Array.from(
          (globalThis as unknown as { document: PageDocument }).document.querySelectorAll('[data-testid="map-places"] .place-cluster'),
        ).map((el) => Number(el.getAttribute('data-count')));
        return counts.length > 0 && counts.reduce((a, b) => a + b, 0) === total;
      },
      PLACES,
      { timeout: 20_000 },
    );
    const clusters = page.locator(panes.lugares);
    expect(await clusters.first().getAttribute('aria-label')).toMatch(/centros poblados; acercar$/);
    expect(capas()).toBe('necesidades,lugares');
    await pressSpace('Centros poblados (INEI)');
    await waitForCount(page, panes.lugares, 0);

    // Warehouses: one marker per active warehouse the API lists.
    await pressSpace('Almacenes');
    await waitForCount(page, panes.almacenes, expected.warehouses.length);
    await pressSpace('Almacenes');
    await waitForCount(page, panes.almacenes, 0);

    // Routes of the plans in progress, and stops by status.
    await pressSpace('Rutas por vehículo (planes en curso)');
    await waitForCount(page, panes.rutas, expected.routes);
    await pressSpace('Paradas por estado');
    await waitForCount(page, panes.paradas, expected.stops);
    expect(await page.getByRole('list', { name: 'Estado de las paradas' }).textContent()).toContain('Confirmada');
    await pressSpace('Rutas por vehículo (planes en curso)');
    await waitForCount(page, panes.rutas, 0);
    await pressSpace('Paradas por estado');
    await waitForCount(page, panes.paradas, 0);
    expect(capas()).toBe('necesidades');

    // Coverage by district and the gaps of the coverage report (the reports API).
    await pressSpace('Cobertura por distrito');
    await page.locator(panes.cobertura).first().waitFor({ state: 'attached', timeout: 20_000 });
    await pressSpace('Brechas de atención');
    await waitForCount(page, panes.brechas, expected.gaps);
    expect(capas()).toBe('necesidades,cobertura,brechas');
    await pressSpace('Cobertura por distrito');
    await waitForCount(page, panes.cobertura, 0);
    await pressSpace('Brechas de atención');
    await waitForCount(page, panes.brechas, 0);

    // The URL reproduces the view: open a link with every layer on.
    await page.goto(`${app.url}/mapa?capas=necesidades,lugares,almacenes,rutas,paradas,brechas`);
    await waitForCount(page, panes.almacenes, expected.warehouses.length);
    await waitForCount(page, panes.rutas, expected.routes);
    await waitForCount(page, panes.paradas, expected.stops);
    await waitForCount(page, panes.brechas, expected.gaps);
    await page.locator(panes.lugares).first().waitFor({ state: 'attached', timeout: 20_000 });
    await page.locator(panes.necesidades).first().waitFor({ state: 'attached', timeout: 20_000 });
    for (const name of [
      'Necesidades por urgencia',
      'Centros poblados (INEI)',
      'Almacenes',
      'Rutas por vehículo (planes en curso)',
      'Paradas por estado',
    ]) {
      expect(await box(name).isChecked()).toBe(true);
    }

    await mkdir(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'map-layers.png') });
    const violations = await seriousAxeViolations(page);
    expect(describeViolations(violations)).toBe('');

    // A warehouse opens its details from the keyboard, with a link to the inventory.
    const warehouse = expected.warehouses[0];
    const marker = page.locator(`${panes.almacenes}[data-warehouse-id="${warehouse.id}"]`);
    expect(await marker.getAttribute('aria-label')).toBe(`Almacén ${warehouse.name}`);
    await marker.focus();
    await page.keyboard.press('Enter');
    const popup = page.locator('.leaflet-popup');
    await popup.getByText(warehouse.name, { exact: true }).waitFor();
    const link = popup.getByRole('link', { name: 'Ver inventario' });
    expect(await link.evaluate((el) => el === (globalThis as unknown as { document: PageDocument }).document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/inventario$/);

    // A community opens its page.
    await page.goto(`${app.url}/mapa?capas=necesidades`);
    const community = page.locator('[data-testid="map-communities"] path[data-community-id]').first();
    await community.waitFor({ state: 'attached', timeout: 20_000 });
    const id = await community.getAttribute('data-community-id');
    await community.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/comunidades/${id}$`));
    await page.getByRole('heading', { level: 1 }).waitFor();
  }, 180_000);
});
