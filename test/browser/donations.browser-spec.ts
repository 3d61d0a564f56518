import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { bootApp } from '../support/app';
import { http } from '../support/http';

// A fundraiser records a USD donation big enough to cross the next milestone; the public campaign
// page (no login, phone-sized) then shows the new total and the milestone reached.
const artifacts = join(__dirname, '..', 'artifacts');
const SLUG = 'agua-segura-amazonia';

interface PublicProgress {
  progress: { raisedMinor: string; milestones: Array<{ amountMinor: string; reachedAt: string | null }> };
}

describe('donations (Chromium)', () => {
  let app: Awaited<ReturnType<typeof bootApp>>;
  let browser: Browser;

  beforeAll(async () => {
    app = await bootApp();
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('records a USD donation and the public page shows the new total and the milestone reached', async () => {
    const before = (await http<PublicProgress>(app.url, 'GET', `/api/v1/public/campaigns/${SLUG}`)).body.progress;
    const next = before.milestones.find((m) => m.reachedAt === null);
    expect(next).toBeDefined();
    // Enough dollars at 3.75 to pass the next milestone, plus a margin.
    const neededPen = BigInt(next?.amountMinor ?? '0') - BigInt(before.raisedMinor);
    const usdMinor = neededPen / 375n * 100n + 100_000n;
    const usdText = `${usdMinor / 100n}.00`;

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'es-PE' });
    await page.goto(`${app.url}/login`);
    await page.getByLabel('Correo electrónico').fill('fondos@minka.demo');
    await page.getByLabel('Contraseña', { exact: true }).fill('minka-demo-2026');
    await page.getByRole('button', { name: 'Ingresar' }).click();
    await page.waitForURL(/\/inicio$/);
    await page.goto(`${app.url}/donaciones`);
    const card = page.locator('article', { hasText: 'Agua segura para comunidades amazónicas' });
    await card.getByRole('button', { name: 'Ver campaña' }).click();
    await page.getByRole('heading', { name: 'Registrar donación en dinero' }).waitFor();
    await page.getByLabel('Donante', { exact: true }).selectOption({ index: 1 });
    await page.getByLabel('Monto', { exact: true }).fill(usdText);
    await page.getByLabel('Moneda', { exact: true }).selectOption('USD');
    await page.getByLabel('Tipo de cambio (S/ por 1 USD)').fill('3.75');
    await page.getByLabel('Referencia bancaria (opcional)').fill('BCP-USD-778899');
    await page.getByRole('button', { name: 'Registrar donación' }).click();
    const status = page.getByRole('status').filter({ hasText: 'Donación registrada' });
    await status.waitFor({ timeout: 15_000 });
    expect(await status.textContent()).toMatch(/recibo RED-MINKA-\d{4}-\d{6}/);
    await page.close();

    const after = (await http<PublicProgress>(app.url, 'GET', `/api/v1/public/campaigns/${SLUG}`)).body.progress;
    const addedPen = (usdMinor * 375n + 50n) / 100n;
    expect(BigInt(after.raisedMinor) - BigInt(before.raisedMinor)).toBe(addedPen);

    // The public page on a phone, without logging in.
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'es-PE', isMobile: true, hasTouch: true });
    const pub = await phone.newPage();
    const requested: string[] = [];
    pub.on('request', (r) => requested.push(r.url()));
    await pub.goto(`${app.url}/campanas/${SLUG}`);
    await pub.getByRole('heading', { name: 'Agua segura para comunidades amazónicas', level: 1 }).waitFor({ timeout: 15_000 });
    const raisedText = (await pub.getByTestId('raised').textContent()) ?? '';
    expect(raisedText.replace(/\D/g, '')).toBe(after.raisedMinor);
    const reached = pub.locator('[data-testid="milestone"][data-reached="true"]');
    expect(await reached.count()).toBe(before.milestones.filter((m) => m.reachedAt).length + 1);
    expect(await reached.last().textContent()).toMatch(/alcanzado el/);
    // Small and private: no login, no map code, no personal data on screen.
    expect(pub.url()).toContain(`/campanas/${SLUG}`);
    expect(requested.some((u) => /leaflet|MapPage/i.test(u))).toBe(false);
    expect(await pub.locator('body').textContent()).not.toMatch(/@/);
    await mkdir(artifacts, { recursive: true });
    await pub.screenshot({ path: join(artifacts, 'donations-public-campaign.png'), fullPage: true });
    await phone.close();
  }, 90_000);
});
