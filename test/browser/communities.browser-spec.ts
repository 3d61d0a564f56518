import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { bootApp } from '../support/app';

// A coordinator finds a community by typing its name without the accent, opens it and approves its
// pending need with a reason; the decision is stored and audited. Everything runs offline.
const artifacts = join(__dirname, '..', 'artifacts');

describe('communities and needs (Chromium)', () => {
  let app: Awaited<ReturnType<typeof bootApp>>;
  let browser: Browser;
  let page: Page;
  const requested: string[] = [];

  beforeAll(async () => {
    app = await bootApp();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'es-PE' });
    page.on('request', (request) => requested.push(request.url()));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('lets a coordinator search a community, open it and approve its need', async () => {
    await page.goto(app.url);
    await page.waitForURL(/\/login$/);
    await page.getByLabel('Correo electrónico').fill('coordinador@minka.demo');
    await page.getByLabel('Contraseña', { exact: true }).fill('minka-demo-2026');
    await page.getByRole('button', { name: 'Ingresar' }).click();
    await page.waitForURL(/\/inicio$/);
    await page.goto(`${app.url}/mapa`);
    // The communities layer draws the demo communities (clustered) on the coordinator's map.
    await page.locator('[data-testid="map-communities"] path').first().waitFor({ state: 'attached', timeout: 20_000 });
    await mkdir(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'communities-map.png') });

    await page.getByRole('link', { name: 'Comunidades' }).click();
    await page.waitForURL(/\/comunidades$/);
    await page.getByLabel('Buscar comunidad').fill('pomacanchi');
    const link = page.getByRole('link', { name: 'Pomacanchi', exact: true });
    await link.waitFor({ timeout: 15_000 });
    await link.click();
    await page.waitForURL(/\/comunidades\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { level: 1, name: 'Pomacanchi' }).waitFor();
    // Partner coordinators see the leaders (personal data, logged).
    await page.getByRole('heading', { name: 'Autoridades y líderes' }).waitFor();
    await page.getByText('Teodoro Ccahuana Huarcaya').waitFor();

    const pending = page
      .locator('article.need')
      .filter({ has: page.locator('.status--submitted') })
      .first();
    await pending.waitFor();
    await pending.getByRole('button', { name: 'Aprobar' }).click();
    await pending.getByLabel('Motivo para «Aprobar»').fill('Heladas verificadas por la comisión distrital');
    await pending.getByRole('button', { name: 'Confirmar: Aprobar' }).click();
    await page.locator('article.need .status--approved').filter({ hasText: 'Aprobada' }).first().waitFor();
    await page.getByText('Motivo: Heladas verificadas por la comisión distrital').waitFor();
    await page.screenshot({ path: join(artifacts, 'communities-approve.png'), fullPage: true });

    const rows = await app.dataSource.query<Array<{ status: string; action: string }>>(
      `SELECT n.status, a.action FROM need_requests n JOIN audit_log a ON a.entity_id = n.id::text
       WHERE n.status_reason = 'Heladas verificadas por la comisión distrital'`,
    );
    expect(rows).toEqual([{ status: 'approved', action: 'need.approved' }]);

    // The needs board lists pending requests, highest priority first.
    await page.getByRole('link', { name: 'Necesidades' }).click();
    await page.waitForURL(/\/necesidades$/);
    // Wait for the board itself (the community page also shows need cards while the lazy route loads).
    await page.locator('article.need .priority summary').nth(5).waitFor();
    const priorities = await page.locator('article.need .priority summary').allTextContents();
    const totals = priorities.map((text) => Number(/([\d.]+) \/ 100/.exec(text)?.[1]));
    expect(totals.length).toBeGreaterThan(5);
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
    await page.screenshot({ path: join(artifacts, 'needs-board.png') });

    const origin = new URL(app.url).origin;
    expect(requested.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith('data:'))).toEqual([]);
  }, 90_000);
});
