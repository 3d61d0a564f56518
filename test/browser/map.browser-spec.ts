import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { bootApp } from '../support/app';

// The coordinator's landing page: Peru's outlines drawn from the bundled GeoJSON, with no tile server
// configured, so the whole screen must work without a single request leaving the machine.
const artifacts = join(__dirname, '..', 'artifacts');
const DEPARTMENTS = 25;
const PROVINCES = 196;
const VIEWPORT = { width: 1280, height: 860 };

describe('map page (Chromium)', () => {
  let app: Awaited<ReturnType<typeof bootApp>>;
  let browser: Browser;
  let page: Page;
  const requested: string[] = [];

  beforeAll(async () => {
    app = await bootApp();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: VIEWPORT, locale: 'es-PE' });
    page.on('request', (request) => requested.push(request.url()));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('shows a coordinator the department and province outlines offline, with their attribution', async () => {
    await page.goto(app.url);

    // Not signed in: the dashboard sends us to the login page.
    await page.waitForURL(/\/login$/);
    await page.getByLabel('Correo electrónico').fill('coordinador@minka.demo');
    await page.getByLabel('Contraseña', { exact: true }).fill('minka-demo-2026');
    await page.getByRole('button', { name: 'Ingresar' }).click();

    // Coordinators land on their home (/inicio); this test is about the map page itself.
    await page.waitForURL(/\/inicio$/);
    await page.goto(`${app.url}/mapa`);
    const outlines = page.locator('[data-testid="map-outlines"] path');
    await outlines.nth(DEPARTMENTS + PROVINCES - 1).waitFor({ state: 'attached', timeout: 20_000 });
    expect(await page.locator('[data-testid="map-outlines"] path.outline--department').count()).toBe(DEPARTMENTS);
    expect(await page.locator('[data-testid="map-outlines"] path.outline--province').count()).toBe(PROVINCES);
    // Departments answer hover/tap; provinces are drawing only.
    expect(await page.locator('path.leaflet-interactive').count()).toBeGreaterThanOrEqual(DEPARTMENTS);

    const attribution = page.locator('.leaflet-control-attribution');
    expect(await attribution.isVisible()).toBe(true);
    // …and inside the window, not pushed below the fold.
    const box = await attribution.boundingBox();
    expect(box).not.toBeNull();
    expect((box?.y ?? Infinity) + (box?.height ?? 0)).toBeLessThanOrEqual(VIEWPORT.height);
    expect(await attribution.textContent()).toContain('Límites: INEI (vía geogpsperu.com; josedaniel-cb/limites-peru-geojson, MIT)');

    await mkdir(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'map.png') });

    const origin = new URL(app.url).origin;
    const foreign = requested.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith('data:'));
    expect(foreign).toEqual([]);
    // Sanity check that the recorder saw the page's traffic at all.
    expect(requested.some((url) => url.endsWith('/geo/peru_provincias.geojson'))).toBe(true);
  }, 60_000);
});
