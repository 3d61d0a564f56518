import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { bootApp } from '../support/app';

const artifacts = join(__dirname, '..', 'artifacts');

describe('inventory page (Chromium)', () => {
  let app: Awaited<ReturnType<typeof bootApp>>;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    app = await bootApp();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, locale: 'es-PE' });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('lets a storekeeper assemble 20 hygiene kits and see the stock and the stock card change', async () => {
    await page.goto(`${app.url}/login`);
    await page.getByLabel('Correo electrónico').fill('almacen@minka.demo');
    await page.getByLabel('Contraseña', { exact: true }).fill('minka-demo-2026');
    await page.getByRole('button', { name: 'Ingresar' }).click();
    await page.waitForURL((url) => !url.pathname.endsWith('/login'));
    await page.goto(`${app.url}/inventario`);
    await page.getByRole('heading', { name: 'Inventario' }).waitFor();

    const warehouse = page.getByLabel('Almacén', { exact: true });
    const cuscoValue = await warehouse.locator('option', { hasText: 'Cusco' }).getAttribute('value');
    await warehouse.selectOption(cuscoValue as string);

    const kitRow = page.getByTestId('stock-row-KIT-HIG-FAM v1');
    await kitRow.waitFor();
    const before = Number(await kitRow.getByTestId('on-hand').textContent());

    await page.getByRole('tab', { name: 'Armado de kits' }).click();
    await page.getByLabel('Tipo de kit').selectOption({ label: 'Kit de higiene familiar (v1)' });
    await page.getByLabel('Cantidad', { exact: true }).fill('20');
    // The preview lists what will be consumed, lot by lot (soap: 6 per kit → 120).
    const consumption = page.getByRole('table', { name: 'Se consumirá' });
    await consumption.waitFor();
    await page.getByRole('row').filter({ hasText: 'Jabón de tocador 90 g' }).first().waitFor();
    const soapRows = consumption.getByRole('row').filter({ hasText: 'Jabón de tocador 90 g' });
    let soap = 0;
    for (let i = 0; i < (await soapRows.count()); i++) soap += Number(await soapRows.nth(i).locator('td.num').textContent());
    expect(soap).toBe(120);
    await page.getByRole('button', { name: 'Armar kits' }).click();
    await page.getByRole('status').filter({ hasText: 'Se armaron 20' }).waitFor();

    await page.getByRole('tab', { name: 'Stock' }).click();
    await kitRow.waitFor();
    await kitRow
      .getByTestId('on-hand')
      .filter({ hasText: new RegExp(`^${before + 20}$`) })
      .waitFor();
    await kitRow.getByRole('button', { name: 'Kit de higiene familiar' }).click();
    const card = page.getByRole('table', { name: 'Kárdex' });
    await card.waitFor();
    const newest = card.getByRole('row').nth(1);
    await expect(newest.textContent()).resolves.toContain('Armado de kits');
    await expect(newest.textContent()).resolves.toContain('+20');
    await expect(newest.textContent()).resolves.toContain(String(before + 20));

    await mkdir(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'inventory-assembly.png'), fullPage: true });
  }, 90_000);
});
