import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { bootApp } from '../support/app';
import { http } from '../support/http';
import { type CodeStop, createCodeStop } from '../support/offline-fixture';

// Issue #7, point 9: a community leader opens the confirmation page from the manifest's QR code,
// loses the signal, confirms, reloads (the page comes from the service worker and still shows the
// pending confirmation), gets the signal back and the confirmation syncs: the server holds exactly
// one confirmation (channel "code"). The page must weigh under 150 KB transferred, everything included.
const artifacts = join(__dirname, '..', 'artifacts');
const dist = join(__dirname, '..', '..', 'dist', 'dashboard');
const BUDGET_BYTES = 150 * 1024;
const CONFIRM_PATH = '/api/v1/public/deliveries/confirm';

/** Same-origin files an HTML document loads (src=/href=), as the build writes them. */
function shellUrls(html: string): string[] {
  const urls = new Set<string>();
  for (const match of html.matchAll(/\s(?:src|href)="([^"]+)"/g)) {
    const url = new URL(match[1] ?? '', 'http://x/confirmar/');
    if (url.host === 'x') urls.add(url.pathname);
  }
  return [...urls];
}

/** Width × height of a baseline or progressive JPEG (from its SOF marker). */
function jpegSize(bytes: Buffer): { width: number; height: number } {
  let offset = 2;
  while (offset < bytes.length) {
    const marker = bytes.readUInt16BE(offset);
    const length = bytes.readUInt16BE(offset + 2);
    if (marker === 0xffc0 || marker === 0xffc2) return { height: bytes.readUInt16BE(offset + 5), width: bytes.readUInt16BE(offset + 7) };
    offset += 2 + length;
  }
  throw new Error('no SOF marker');
}

describe('offline confirmation page (Chromium, 360 px phone)', () => {
  let app: Awaited<ReturnType<typeof bootApp>>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let stop: CodeStop;
  const cspViolations: string[] = [];
  const confirmPosts: Request[] = [];

  beforeAll(async () => {
    if (!existsSync(join(dist, 'confirmar', 'index.html')) || !existsSync(join(dist, 'confirmar', 'sw.js'))) {
      throw new Error('dist/dashboard/confirmar is missing: run `npm run build:dashboard` first (npm test builds before the browser tier)');
    }
    app = await bootApp();
    stop = await createCodeStop(app.dataSource);
    browser = await launchChromium();
    context = await browser.newContext({
      viewport: { width: 360, height: 780 },
      isMobile: true,
      hasTouch: true,
      locale: 'es-PE',
      serviceWorkers: 'allow',
      permissions: ['geolocation'],
      geolocation: { latitude: -14.0539, longitude: -71.4338 },
    });
    context.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === CONFIRM_PATH) confirmPosts.push(request);
    });
    page = await context.newPage();
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('keeps the built page (HTML, script, style, icon and service worker) under 150 KB gzipped', async () => {
    const html = await readFile(join(dist, 'confirmar', 'index.html'), 'utf8');
    const urls = shellUrls(html);
    // Its own entry: plain TypeScript, nothing of the React dashboard bundle.
    expect(urls.some((u) => /^\/confirmar\/assets\/.+\.js$/.test(u))).toBe(true);
    expect(urls.filter((u) => u.endsWith('.js')).every((u) => u.startsWith('/confirmar/') || /modulepreload-polyfill/.test(u))).toBe(true);
    const files = [join(dist, 'confirmar', 'index.html'), join(dist, 'confirmar', 'sw.js'), ...urls.map((u) => join(dist, u))];
    let total = 0;
    for (const file of files) total += gzipSync(await readFile(file), { level: 9 }).length;
    expect(total).toBeGreaterThan(2_000);
    expect(total).toBeLessThan(BUDGET_BYTES);
  }, 30_000);

  it('is served with the right headers: the page and the service worker are always revalidated', async () => {
    const shell = await fetch(`${app.url}/confirmar/?c=${stop.code}`);
    expect(shell.status).toBe(200);
    expect(shell.headers.get('cache-control')).toBe('no-cache');
    expect(await shell.text()).toContain('/confirmar/assets/');
    const sw = await fetch(`${app.url}/confirmar/sw.js`);
    expect(sw.status).toBe(200);
    expect(sw.headers.get('content-type')).toMatch(/javascript/);
    expect(sw.headers.get('cache-control')).toBe('no-cache');
    expect(sw.headers.get('content-security-policy')).toContain("worker-src 'self'");
  }, 30_000);

  it('confirms offline, survives a reload offline, syncs when back online, and the server has one confirmation', async () => {
    // ---- online: open the link of the QR code; the data loads and the service worker takes control
    const transfers: Array<Promise<{ url: string; bytes: number }>> = [];
    const measure = (request: Request) => {
      transfers.push(request.sizes().then((sizes) => ({ url: request.url(), bytes: sizes.responseBodySize + sizes.responseHeadersSize })));
    };
    context.on('requestfinished', measure);
    await page.goto(`${app.url}/confirmar/?c=${stop.code}`);
    await page.getByRole('heading', { level: 2, name: stop.communityName }).waitFor();
    await page.evaluate('navigator.serviceWorker.ready.then(() => true)');
    if (!(await page.evaluate<boolean>('navigator.serviceWorker.controller !== null'))) {
      await page.reload();
      await page.getByRole('heading', { level: 2, name: stop.communityName }).waitFor();
    }
    await page.waitForFunction('navigator.serviceWorker.controller !== null');
    context.off('requestfinished', measure);
    // Everything the first visit transferred (bodies as sent, i.e. compressed, plus headers), the API
    // data and the service worker with its precache included.
    const transferred = await Promise.all(transfers);
    const firstVisit = transferred.reduce((sum, t) => sum + t.bytes, 0);
    await mkdir(artifacts, { recursive: true });
    await writeFile(
      join(artifacts, 'deliveries-offline-weight.json'),
      JSON.stringify({ budgetBytes: BUDGET_BYTES, firstVisit, transferred }, null, 2),
    );
    expect(transferred.some((t) => t.url.endsWith('/confirmar/sw.js'))).toBe(true);
    expect(firstVisit).toBeGreaterThan(2_000);
    expect(firstVisit).toBeLessThan(BUDGET_BYTES);
    // Nothing from another origin (no CDN, no web font).
    expect(transferred.every((t) => t.url.startsWith(app.url))).toBe(true);

    const hygiene = stop.lines.find((l) => l.category === 'hygiene');
    const food = stop.lines.find((l) => l.category === 'food');
    if (!hygiene || !food) throw new Error('fixture lines missing');
    const hygieneLine = page.getByRole('group', { name: hygiene.kitTypeName });
    const foodLine = page.getByRole('group', { name: food.kitTypeName });
    await expect(hygieneLine.getByLabel('Recibidos bien', { exact: true }).inputValue()).resolves.toBe(String(hygiene.dispatched));
    await expect(hygieneLine.locator('svg.kit-icon').count()).resolves.toBe(1);

    // ---- the signal goes away
    await context.setOffline(true);
    await expect(page.evaluate<boolean>('navigator.onLine')).resolves.toBe(false);

    // 2 hygiene kits rejected as damaged (accepted follows: 8), 1 food kit missing (accepted: 5).
    await hygieneLine.getByRole('button', { name: 'Más: Rechazados' }).click();
    await hygieneLine.getByRole('button', { name: 'Más: Rechazados' }).click();
    await expect(hygieneLine.getByLabel('Recibidos bien', { exact: true }).inputValue()).resolves.toBe(String(hygiene.dispatched - 2));
    // Without a reason, and without a name, nothing is queued.
    await page.getByRole('button', { name: 'Confirmar', exact: true }).click();
    await page.getByText('Elija el motivo del rechazo.').waitFor();
    await page.getByText('Escriba el nombre de quien recibe (al menos 2 letras).').waitFor();
    await hygieneLine.getByLabel('Motivo del rechazo').selectOption({ label: 'Dañado' });
    // A count that does not add up is refused before anything is queued.
    await foodLine.getByRole('button', { name: 'Menos: Recibidos bien' }).click();
    await page.getByRole('button', { name: 'Confirmar', exact: true }).click();
    await foodLine.getByText(`Recibidos + rechazados + faltan debe ser igual a enviados (${food.dispatched}).`).waitFor();
    await foodLine.getByRole('button', { name: 'Más: Faltan' }).click();
    await expect(foodLine.getByLabel('Recibidos bien', { exact: true }).inputValue()).resolves.toBe(String(food.dispatched - 1));
    // The message follows the correction.
    await expect(foodLine.getByText(/debe ser igual a enviados/).count()).resolves.toBe(0);

    await page.getByLabel('Nombre de quien recibe').fill('Rosa Quispe Mamani');
    await page.getByLabel('Cargo').fill('Presidenta comunal');
    await page.getByLabel('Nota (opcional)').fill('Dos kits de higiene llegaron mojados.');
    // A 2000×1500 camera photo: downscaled on the phone to a JPEG of at most 1280 px.
    // (Scripts run in the page are strings: the test project is typed for Node, not the DOM.)
    await page.evaluate(`(async () => {
      const canvas = document.createElement('canvas');
      canvas.width = 2000;
      canvas.height = 1500;
      const g = canvas.getContext('2d');
      g.fillStyle = '#0b5d7a';
      g.fillRect(0, 0, 2000, 1500);
      g.fillStyle = '#f5b700';
      g.fillRect(400, 300, 1200, 900);
      const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
      const input = document.querySelector('input[type=file]');
      const files = new DataTransfer();
      files.items.add(new File([blob], 'foto.png', { type: 'image/png' }));
      input.files = files.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    })()`);
    await page.locator('img.preview').waitFor();
    await page.getByRole('button', { name: 'Agregar ubicación' }).click();
    await page.getByText('-14.05390, -71.43380').waitFor();
    await page.screenshot({ path: join(artifacts, 'deliveries-offline-form.png'), fullPage: true });

    await page.getByRole('button', { name: 'Confirmar', exact: true }).click();
    const status = page.getByTestId('confirmation-status');
    await status.getByText(/pendiente de sincronizar/i).waitFor();
    // What will be sent is shown with the pending item.
    await status.getByText(`${hygiene.kitTypeName}: ${hygiene.dispatched - 2} recibidos bien, 2 rechazados (dañado), 0 faltan`).waitFor();
    await page.screenshot({ path: join(artifacts, 'deliveries-offline-pending.png'), fullPage: true });
    const none = await app.dataSource.query('SELECT count(*)::int AS n FROM delivery_confirmations WHERE stop_id = $1', [stop.stopId]);
    expect(none[0].n).toBe(0);

    // ---- reload with no signal: the shell comes from the service worker, the item from IndexedDB
    const reloaded = await page.reload();
    expect(reloaded?.fromServiceWorker()).toBe(true);
    await status.getByText(/pendiente de sincronizar/i).waitFor();
    await status.getByText(stop.communityName).waitFor();
    await expect(page.evaluate<boolean>('navigator.onLine')).resolves.toBe(false);

    // ---- the signal comes back: the outbox syncs by itself
    await context.setOffline(false);
    await status.getByRole('heading', { name: 'Confirmado' }).waitFor({ timeout: 45_000 });
    await page.screenshot({ path: join(artifacts, 'deliveries-offline-synced.png'), fullPage: true });

    const rows = await app.dataSource.query(
      `SELECT channel, received_by_name, received_by_role, notes, photo, gps_lat, gps_lon, recorded_by
         FROM delivery_confirmations WHERE stop_id = $1`,
      [stop.stopId],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toEqual(
      expect.objectContaining({
        channel: 'code',
        received_by_name: 'Rosa Quispe Mamani',
        received_by_role: 'Presidenta comunal',
        notes: 'Dos kits de higiene llegaron mojados.',
        gps_lat: -14.0539,
        gps_lon: -71.4338,
        recorded_by: null,
      }),
    );
    const photo = String(rows[0].photo);
    expect(photo.startsWith('data:image/jpeg;base64,')).toBe(true);
    expect(jpegSize(Buffer.from(photo.slice('data:image/jpeg;base64,'.length), 'base64'))).toEqual({ width: 1280, height: 960 });
    const lines = await app.dataSource.query(
      'SELECT id, dispatched, accepted, rejected, rejection_reason, missing FROM delivery_stop_lines WHERE stop_id = $1',
      [stop.stopId],
    );
    expect(lines.find((l: { id: string }) => l.id === hygiene.lineId)).toEqual(
      expect.objectContaining({ accepted: hygiene.dispatched - 2, rejected: 2, rejection_reason: 'damaged', missing: 0 }),
    );
    expect(lines.find((l: { id: string }) => l.id === food.lineId)).toEqual(
      expect.objectContaining({ accepted: food.dispatched - 1, rejected: 0, rejection_reason: null, missing: 1 }),
    );
    const [stopRow] = await app.dataSource.query('SELECT status FROM delivery_stops WHERE id = $1', [stop.stopId]);
    expect(stopRow.status).toBe('confirmed');

    // Every attempt carried the one Idempotency-Key made on the phone at the tap.
    const keys = new Set(confirmPosts.map((r) => r.headers()['idempotency-key']));
    expect(keys.size).toBe(1);
    const [key] = [...keys];
    expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

    // A late duplicate of the same request (a retry whose answer was lost) gets the first answer back…
    const replay = await http(app.url, 'POST', CONFIRM_PATH, {
      rawBody: confirmPosts[0]?.postData() ?? '',
      headers: { 'content-type': 'application/json', 'idempotency-key': String(key) },
    });
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    // …and the used code cannot confirm again: still exactly one confirmation.
    const again = await http(app.url, 'POST', CONFIRM_PATH, {
      rawBody: confirmPosts[0]?.postData() ?? '',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'another-key-0001' },
    });
    expect(again.status).toBeGreaterThanOrEqual(400);
    const after = await app.dataSource.query('SELECT count(*)::int AS n FROM delivery_confirmations WHERE stop_id = $1', [stop.stopId]);
    expect(after[0].n).toBe(1);

    // A later visit of the same link shows it confirmed (from the phone's own record) and the queue is empty.
    await page.reload();
    await status.getByRole('heading', { name: 'Confirmado' }).waitFor();
    const queued = await page.evaluate<number>(`new Promise((resolve, reject) => {
      const open = indexedDB.open('minka-confirmar');
      open.onsuccess = () => {
        const count = open.result.transaction('outbox').objectStore('outbox').count();
        count.onsuccess = () => resolve(count.result);
        count.onerror = () => reject(count.error);
      };
      open.onerror = () => reject(open.error);
    })`);
    expect(queued).toBe(0);
    expect(cspViolations).toEqual([]);
  }, 120_000);

  it('shows the problem the server found and keeps the confirmation editable; a corrected one goes through', async () => {
    const second = await createCodeStop(app.dataSource, { community: 1 });
    await page.goto(`${app.url}/confirmar/?c=${second.code}`);
    await page.getByRole('heading', { level: 2, name: second.communityName }).waitFor();
    await page.getByLabel('Nombre de quien recibe').fill('Juan Huamán');
    // The code lapses between opening the page and confirming: the server refuses with 410.
    await app.dataSource.query(`UPDATE delivery_stops SET code_expires_at = now() - interval '1 day' WHERE id = $1`, [second.stopId]);
    await page.getByRole('button', { name: 'Confirmar', exact: true }).click();
    const problem = page.getByRole('alert').filter({ hasText: 'El código de confirmación venció' });
    await problem.waitFor();
    await problem.getByRole('heading', { name: 'Código vencido' }).waitFor();
    await expect(page.getByLabel('Nombre de quien recibe').inputValue()).resolves.toBe('Juan Huamán');
    await page.screenshot({ path: join(artifacts, 'deliveries-offline-refused.png'), fullPage: true });

    // The coordinator extends the code; the person taps again: a new key, and it is confirmed.
    await app.dataSource.query(`UPDATE delivery_stops SET code_expires_at = now() + interval '1 day' WHERE id = $1`, [second.stopId]);
    const postsBefore = confirmPosts.length;
    await page.getByRole('button', { name: 'Confirmar', exact: true }).click();
    await page.getByTestId('confirmation-status').getByRole('heading', { name: 'Confirmado' }).waitFor();
    const keys = confirmPosts.slice(postsBefore - 1).map((r) => r.headers()['idempotency-key']);
    expect(new Set(keys).size).toBe(2);
    const rows = await app.dataSource.query('SELECT channel, received_by_name FROM delivery_confirmations WHERE stop_id = $1', [
      second.stopId,
    ]);
    expect(rows).toEqual([{ channel: 'code', received_by_name: 'Juan Huamán' }]);
  }, 60_000);

  it('switches its labels to Quechua and back', async () => {
    await page.goto(`${app.url}/confirmar/`);
    await page.getByLabel('Código de confirmación (6 letras o números)').waitFor();
    await page.getByRole('button', { name: /Runasimi/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Chaskisqata takyachiy' }).waitFor();
    await expect(page.evaluate<string>('document.documentElement.lang')).resolves.toBe('qu');
    await page.getByRole('button', { name: /Español/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Confirmar entrega' }).waitFor();
  }, 30_000);
});
