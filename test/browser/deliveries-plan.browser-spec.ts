import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { bootApp } from '../support/app';
import { http, login } from '../support/http';

// The coordinator's plan builder on the real app (built dashboard served by the API, no tile server):
// create a plan → add the top suggested need and two stops by hand → add a vehicle → reserve stock →
// network check → optimise → the route drawn on the map and listed in order in the side panel, the
// unreachable need listed with its reason → reorder a stop by hand.
const artifacts = join(__dirname, '..', 'artifacts');

interface PlanBody {
  id: string;
  status: string;
  stops: Array<{ id: string; communityName: string; status: string; sequence: number | null; routeId: string | null; unservedReason: string | null }>;
  routes: Array<{ id: string; vehicleName: string; stopIds: string[]; path: unknown[] }>;
}

describe('delivery plan builder (Chromium)', () => {
  let app: Awaited<ReturnType<typeof bootApp>>;
  let browser: Browser;
  let page: Page;
  let token: string;
  let hig: string;
  let planId = '';
  const community: Record<string, string> = {};

  beforeAll(async () => {
    app = await bootApp();
    // Fresh hygiene kits at the coordinator's Cusco depot, so the approved needs around Cusco are coverable.
    const [{ id: cusco }] = await app.dataSource.query(`SELECT id FROM warehouses WHERE name LIKE '%Cusco%'`);
    [{ id: hig }] = await app.dataSource.query(`SELECT id FROM kit_types WHERE code = 'KIT-HIG-FAM' AND is_current`);
    for (const name of ['Kayra', 'Huispan']) {
      [{ id: community[name] }] = await app.dataSource.query(`SELECT id FROM communities WHERE name = $1 AND district_ubigeo LIKE '08%'`, [name]);
    }
    const storekeeper = (await login(app.url, 'almacen@minka.demo')).accessToken;
    const receipt = await http(app.url, 'POST', '/api/v1/inventory/receipts', {
      token: storekeeper,
      body: { warehouseId: cusco, lines: [{ kitTypeId: hig, quantity: 60, lotCode: 'BROWSER-HIG', expiryDate: '2027-06-30' }] },
    });
    expect(receipt.status).toBe(201);
    token = (await login(app.url, 'coordinador@minka.demo')).accessToken;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'es-PE' });
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const planOnServer = async (id: string): Promise<PlanBody> => {
    const res = await http<PlanBody>(app.url, 'GET', `/api/v1/deliveries/plans/${id}`, { token });
    expect(res.status).toBe(200);
    return res.body;
  };
  const panelOrder = async (): Promise<string[]> =>
    (await page.getByTestId('route-card').first().getByTestId('route-stop').locator('a').allTextContents()).map((s) => s.trim());

  it('a coordinator builds and optimises a plan on the map; screenshot saved', async () => {
    await page.goto(`${app.url}/login`);
    await page.getByLabel('Correo electrónico').fill('coordinador@minka.demo');
    await page.getByLabel('Contraseña', { exact: true }).fill('minka-demo-2026');
    await page.getByRole('button', { name: 'Ingresar' }).click();
    await page.waitForURL(/\/inicio$/);

    // The menu entry of the coordinator leads to the plans.
    await page.getByRole('navigation', { name: 'Principal' }).getByRole('link', { name: 'Entregas' }).click();
    await page.getByRole('heading', { name: 'Entregas', level: 1 }).waitFor();

    // New plan from the Cusco depot.
    await page.getByLabel('Nombre del plan').fill('Ronda de heladas Cusco (navegador)');
    const depot = page.getByLabel('Almacén de salida');
    await depot.locator('option', { hasText: 'Cusco' }).first().waitFor({ state: 'attached' });
    const cuscoValue = await depot.locator('option', { hasText: 'Cusco' }).first().getAttribute('value');
    await depot.selectOption(cuscoValue as string);
    await page.getByRole('button', { name: 'Crear plan' }).click();
    await page.waitForURL(/\/entregas\/planes\/[0-9a-f-]{36}$/);
    planId = page.url().split('/').pop() as string;
    await page.getByRole('heading', { name: 'Ronda de heladas Cusco (navegador)' }).waitFor();
    expect(await page.getByTestId('plan-status').textContent()).toBe('Borrador');

    // The suggested needs are in the side list and on the map (one marker each), highest priority first.
    const suggestions = page.getByTestId('suggestions').locator(':scope > li');
    await suggestions.first().waitFor({ timeout: 20_000 });
    const suggested = await suggestions.count();
    expect(await page.locator('[data-testid="map-suggestions"] path.dl-suggestion-marker').count()).toBe(suggested);
    const priorities = (await suggestions.locator('.dl-priority').allTextContents()).map((t) => Number(/\d+/.exec(t)?.[0]));
    expect([...priorities].sort((x, y) => y - x)).toEqual(priorities);

    // The top need becomes a stop…
    const planStops = page.getByTestId('plan-stops').locator(':scope > li');
    const topNeed = (await suggestions.first().locator('h3').textContent()) as string;
    await suggestions.first().getByRole('button', { name: `Agregar ${topNeed} al plan` }).click();
    await page.getByTestId('plan-stops').getByRole('link', { name: topNeed }).waitFor();
    // …and is no longer offered, in the list nor on the map.
    const remaining = await suggestions.locator('h3').allTextContents();
    expect(remaining).not.toContain(topNeed);
    expect(await page.locator('[data-testid="map-suggestions"] path.dl-suggestion-marker').count()).toBe(remaining.length);

    // Two communities near the depot, added by hand: 5 hygiene kits each.
    await page.getByText('Agregar una parada a mano').click();
    for (const name of ['Kayra', 'Huispan']) {
      await page.getByLabel('Buscar comunidad').fill(name);
      const option = page.getByLabel('Comunidad', { exact: true }).locator(`option[value="${community[name]}"]`);
      await option.waitFor({ state: 'attached' });
      await page.getByLabel('Comunidad', { exact: true }).selectOption(community[name]);
      await page.getByLabel('Kit', { exact: true }).selectOption(hig);
      await page.getByLabel('Cantidad', { exact: true }).fill('5');
      await page.getByRole('button', { name: 'Agregar kit' }).click();
      await page.getByRole('button', { name: 'Agregar parada' }).click();
      await page.getByTestId('plan-stops').getByRole('link', { name, exact: true }).waitFor();
    }
    expect(await planStops.count()).toBe(3);

    // One pickup with 4x4: it reaches paved and unpaved roads, not mule trails.
    await page.getByRole('tab', { name: /^Vehículos/ }).click();
    await page.getByLabel('Nombre o placa').fill('Camioneta 4x4 — ABC-123');
    await page.getByLabel('Tipo', { exact: true }).selectOption('pickup');
    await page.getByLabel('Capacidad (kg)').fill('3000');
    await page.getByLabel('Capacidad (m³)').fill('15');
    await page.getByLabel('Capacidad (kits)').fill('400');
    await page.getByLabel('4x4 (trocha)').check();
    await page.getByRole('button', { name: 'Agregar vehículo' }).click();
    await page.getByTestId('vehicles').getByText('Camioneta 4x4 — ABC-123').waitFor();

    // Reserve the stock of every stop; the builder moves on to the network check.
    await page.getByRole('button', { name: 'Reservar stock' }).click();
    await page.getByTestId('plan-status').filter({ hasText: 'Stock reservado' }).waitFor();
    const check = page.getByTestId('network-check');
    await check.getByRole('heading', { name: /duplicado/ }).waitFor();
    await check.getByRole('heading', { name: /sin plan/ }).waitFor();

    // Optimise: the route is drawn as a polyline through numbered stops and listed in order with ETAs;
    // the far need no vehicle can serve is listed with the optimiser's reason.
    await page.getByRole('button', { name: 'Optimizar rutas' }).click();
    await page.getByTestId('plan-status').filter({ hasText: 'Rutas optimizadas' }).waitFor({ timeout: 30_000 });
    const server = await planOnServer(planId);
    const drawn = server.routes.filter((r) => r.stopIds.length > 0);
    expect(drawn).toHaveLength(1);
    const byId = new Map(server.stops.map((s) => [s.id, s.communityName]));
    const serverOrder = drawn[0].stopIds.map((id) => byId.get(id) as string);
    expect([...serverOrder].sort()).toEqual(['Huispan', 'Kayra']);

    const routeStops = page.getByTestId('route-card').first().getByTestId('route-stop');
    await routeStops.nth(1).waitFor();
    expect(await page.locator('[data-testid="map-routes"] path.dl-route-line').count()).toBe(1);
    expect(await page.locator('[data-testid="map-routes"] path.dl-route-line').getAttribute('data-route-id')).toBe(drawn[0].id);
    // Numbered pins 1 and 2 for the route, "!" for the unserved stop.
    expect((await page.locator('[data-testid="map-stops"] .dl-stop-marker span').allTextContents()).sort()).toEqual(['!', '1', '2']);
    expect(await panelOrder()).toEqual(serverOrder);
    expect(await routeStops.locator('.dl-seq').allTextContents()).toEqual(['1', '2']);
    expect(await routeStops.first().textContent()).toMatch(/llega \d{2}:\d{2}/);
    expect(await page.getByTestId('route-load').textContent()).toMatch(/^10 kits \(3 %\)/);
    const unserved = server.stops.find((s) => s.communityName === topNeed);
    expect(unserved?.routeId).toBeNull();
    const reasons: Record<string, string> = {
      skills: 'Ningún vehículo tiene el acceso que pide la comunidad',
      time_window: 'No se llega dentro del horario de trabajo.',
    };
    expect(Object.keys(reasons)).toContain(unserved?.unservedReason);
    await page.getByTestId('unserved').getByText(reasons[unserved?.unservedReason as string]).waitFor();
    await page.getByTestId('unserved').getByRole('link', { name: topNeed }).waitFor();

    await mkdir(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'deliveries-plan.png') });

    // Reorder by hand: the second stop goes first, on the server and in the panel.
    const [first, second] = serverOrder;
    await page.getByRole('button', { name: `Bajar ${first}` }).click();
    await routeStops.first().getByRole('link', { name: second, exact: true }).waitFor({ timeout: 15_000 });
    expect(await panelOrder()).toEqual([second, first]);
    const edited = await planOnServer(planId);
    expect(edited.routes.find((r) => r.id === drawn[0].id)?.stopIds.map((id) => byId.get(id))).toEqual([second, first]);
  }, 150_000);

  it('dispatches the route, records a phone confirmation on the stop and sees it on the board', async () => {
    expect(planId).not.toBe('');
    const card = page.getByTestId('route-card').first();
    const dialog = page.getByRole('dialog');
    await card.getByRole('button', { name: 'Cargar' }).click();
    await dialog.getByRole('heading', { name: '¿Cargar la ruta de Camioneta 4x4 — ABC-123?' }).waitFor();
    await dialog.getByRole('button', { name: 'Cargar' }).click();
    await card.getByText('Cargada', { exact: true }).waitFor();
    await card.getByRole('button', { name: 'Iniciar viaje' }).click();
    await dialog.getByRole('button', { name: 'Iniciar viaje' }).click();
    await card.getByText('En camino', { exact: true }).waitFor();
    expect(await page.getByTestId('plan-status').textContent()).toBe('Despachado');

    // Kayra's leader read out on the phone: 4 accepted, 1 damaged.
    await card.getByRole('link', { name: 'Kayra', exact: true }).click();
    await page.getByRole('heading', { name: 'Kayra', level: 1 }).waitFor();
    expect(await page.getByTestId('stop-status').textContent()).toBe('Pendiente');
    await page.getByLabel('Aceptado de Kit de higiene familiar').fill('4');
    await page.getByLabel('Rechazado de Kit de higiene familiar').fill('1');
    await page.getByLabel('Motivo del rechazo de Kit de higiene familiar').selectOption('damaged');
    await page.getByLabel('Nombre de quien recibió').fill('Rosa Quispe Huamán');
    await page.getByLabel('Cargo (opcional)').fill('presidenta comunal');
    await page.getByRole('button', { name: 'Registrar confirmación' }).click();
    await page.getByTestId('stop-status').filter({ hasText: 'Confirmada' }).waitFor();
    const proof = page.getByTestId('proof');
    await proof.getByText('Llamada telefónica').waitFor();
    await proof.getByText('Rosa Quispe Huamán (presidenta comunal)').waitFor();
    expect(await page.getByTestId('proof-totals').textContent()).toBe('4 aceptados, 1 rechazados, 0 faltantes de 5 despachados');
    await page.getByRole('row').filter({ hasText: 'Kit de higiene familiar' }).getByText('1 (dañado)').waitFor();
    await page.getByTestId('timeline').getByText(/^Recepción confirmada/).waitFor();
    await page.screenshot({ path: join(artifacts, 'deliveries-stop.png'), fullPage: true });

    const plan = await planOnServer(planId);
    const kayra = plan.stops.find((x) => x.communityName === 'Kayra');
    const stop = await http<{ status: string; confirmation: { channel: string; receivedByName: string } | null }>(
      app.url,
      'GET',
      `/api/v1/deliveries/stops/${kayra?.id}`,
      { token },
    );
    expect(stop.body).toMatchObject({ status: 'confirmed', confirmation: { channel: 'phone', receivedByName: 'Rosa Quispe Huamán' } });

    // The board, filtered by this plan: Kayra confirmed, Huispan still pending, the unreachable need too.
    await page.goto(`${app.url}/entregas/tablero?plan=${planId}`);
    await page.getByRole('heading', { name: 'Tablero de entregas' }).waitFor();
    const confirmed = page.getByTestId('board-confirmed');
    await confirmed.getByRole('link', { name: 'Kayra', exact: true }).waitFor();
    expect(await confirmed.getByRole('listitem').count()).toBe(1);
    const pending = page.getByTestId('board-pending');
    await pending.getByRole('link', { name: 'Huispan', exact: true }).waitFor();
    expect(await pending.getByRole('listitem').count()).toBe(2);
  }, 90_000);
});
