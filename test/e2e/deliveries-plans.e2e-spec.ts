import { unsealConfirmationCode } from '../../apps/api/src/deliveries/confirmation-codes';
import { bootApp, type BootedApp, TEST_JWT_SECRET } from '../support/app';
import { expectProblem, http, type HttpResult, login } from '../support/http';

interface Stop {
  id: string;
  communityName: string;
  status: string;
  routeId: string | null;
  sequence: number | null;
  eta: string | null;
  unservedReason: string | null;
  hasConfirmationCode: boolean;
  totalKits: number;
  lines: Array<{ id: string; kitTypeId: string; quantity: number; reserved: boolean; reservationId: string | null; dispatched: number }>;
}
interface Route {
  id: string;
  vehicleId: string;
  vehicleName: string;
  status: string;
  locked: boolean;
  stopIds: string[];
  distanceM: number;
  durationS: number;
  loadKits: number;
  departureAt: string | null;
  matrixSource: string | null;
  path: Array<{ lat: number; lon: number }>;
}
interface Plan {
  id: string;
  status: string;
  organizationName: string;
  vehicles: Array<{ id: string; name: string; effectiveSkills: string[] }>;
  stops: Stop[];
  routes: Route[];
}

const base = '/api/v1/deliveries';

/**
 * The planning and dispatch loop of a delivery plan over HTTP, on the demo network: plan → vehicles →
 * stops (from an approved need and by hand) → allocate (all or nothing) → network check →
 * optimise → edit routes → lock and re-optimise → load → start → deliver / fail → complete,
 * and the object-level checks for a coordinator of another organisation.
 */
describe('deliveries: planning and dispatch', () => {
  let app: BootedApp;
  let coordinator: string;
  let storekeeper: string;
  let otherCoordinator: string;
  let cusco: string;
  let huancayo: string;
  let hig: string;
  let med: string;
  let campaignId: string;
  const community: Record<string, string> = {};
  let kayraNeed: string;
  let plan: Plan;

  const call = <T = Plan>(method: string, path: string, body?: unknown, token = coordinator): Promise<HttpResult<T>> =>
    http<T>(app.url, method, `${base}${path}`, { token, body });
  const ok = async <T = Plan>(res: Promise<HttpResult<T>>, status = 200): Promise<T> => {
    const r = await res;
    if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const stopOf = (p: Plan, name: string): Stop => p.stops.find((s) => s.communityName === name && s.status !== 'cancelled') as Stop;
  const routeOf = (p: Plan, vehicle: string): Route => p.routes.find((r) => r.vehicleName === vehicle) as Route;
  const stockAt = async (warehouseId: string, kitTypeId: string): Promise<{ on_hand: number; reserved: number }> =>
    (
      await app.dataSource.query(
        `SELECT COALESCE(SUM(on_hand),0)::int AS on_hand, COALESCE(SUM(reserved),0)::int AS reserved FROM stock_lots WHERE warehouse_id = $1 AND kit_type_id = $2`,
        [warehouseId, kitTypeId],
      )
    )[0];

  beforeAll(async () => {
    app = await bootApp();
    coordinator = (await login(app.url, 'coordinador@minka.demo')).accessToken;
    storekeeper = (await login(app.url, 'almacen@minka.demo')).accessToken;
    const q = (sql: string, params: unknown[] = []): Promise<Array<Record<string, string>>> => app.dataSource.query(sql, params);
    cusco = (await q(`SELECT id FROM warehouses WHERE name LIKE '%Cusco%'`))[0].id;
    huancayo = (await q(`SELECT id FROM warehouses WHERE name LIKE '%Huancayo%'`))[0].id;
    hig = (await q(`SELECT id FROM kit_types WHERE code = 'KIT-HIG-FAM' AND is_current`))[0].id;
    med = (await q(`SELECT id FROM kit_types WHERE code = 'KIT-MED-BOT' AND is_current`))[0].id;
    campaignId = (await q(`SELECT id FROM donation_campaigns ORDER BY created_at LIMIT 1`))[0].id;
    for (const name of ['Kayra', 'Vidalpata', 'Huispan', 'Toctohuaylla', 'Quencomayo', 'Piñanccay']) {
      community[name] = (await q(`SELECT id FROM communities WHERE name = $1 AND district_ubigeo LIKE '08%'`, [name]))[0].id;
    }
    kayraNeed = (
      await q(
        `SELECT n.id FROM need_requests n JOIN need_request_lines l ON l.need_request_id = n.id
          WHERE n.community_id = $1 AND n.status IN ('approved','partially_fulfilled') AND l.kit_type_code = 'KIT-HIG-FAM' LIMIT 1`,
        [community.Kayra],
      )
    )[0].id;
    // Kits funded by a campaign, expiring first (FEFO takes them first), so the campaign reach is checked on loading.
    const receipt = await http(app.url, 'POST', '/api/v1/inventory/receipts', {
      token: storekeeper,
      body: {
        warehouseId: cusco,
        lines: [
          {
            kitTypeId: hig,
            quantity: 40,
            lotCode: 'E2E-HIG',
            expiryDate: '2026-12-31',
            fundingSourceType: 'campaign',
            fundingSourceId: campaignId,
          },
          { kitTypeId: med, quantity: 20, lotCode: 'E2E-MED', expiryDate: '2026-12-30' },
        ],
      },
    });
    expect(receipt.status).toBe(201);
    // A coordinator of another organisation (Colectivo Sumaq Kawsay), with the demo password.
    await app.dataSource.query(
      `INSERT INTO users (organization_id, email, full_name, password_hash, roles)
       SELECT o.id, 'coord.sumaq@minka.demo', 'Coordinadora Sumaq', u.password_hash, ARRAY['coordinator']::varchar[]
         FROM organizations o, users u WHERE o.slug = 'sumaq-kawsay' AND u.email = 'coordinador@minka.demo'`,
    );
    otherCoordinator = (await login(app.url, 'coord.sumaq@minka.demo')).accessToken;
  }, 120_000);
  afterAll(() => app.close(), 60_000);

  it('rejects without authentication and refuses roles other than coordinators and admins', async () => {
    expectProblem(await http(app.url, 'GET', `${base}/plans`), 401);
    expectProblem(await http(app.url, 'POST', `${base}/plans`, { body: {} }), 401);
    expectProblem(await call('GET', '/plans', undefined, storekeeper), 403);
  });

  it('creates a plan from a depot of the own organisation only', async () => {
    expectProblem(
      await call('POST', '/plans', { name: 'Ronda ajena', depotWarehouseId: huancayo, startDate: '2026-07-06', endDate: '2026-07-07' }),
      403,
      'WAREHOUSE_NOT_ACCESSIBLE',
    );
    expectProblem(
      await call('POST', '/plans', { name: 'Fechas', depotWarehouseId: cusco, startDate: '2026-07-06', endDate: '2026-07-01' }),
      400,
    );
    plan = await ok(
      call('POST', '/plans', { name: 'Ronda de heladas Cusco', depotWarehouseId: cusco, startDate: '2026-07-06', endDate: '2026-07-07' }),
      201,
    );
    expect(plan).toMatchObject({ status: 'draft', organizationName: 'Asociación Wayra Ayllu', stops: [], routes: [] });
    const list = await ok(call<{ items: Array<{ id: string }> }>('GET', '/plans'));
    expect(list.items.map((p) => p.id)).toContain(plan.id);
  });

  it('adds vehicles with their type’s access skills', async () => {
    await ok(
      call('POST', `/plans/${plan.id}/vehicles`, {
        name: 'Camión',
        type: 'truck',
        capacityKg: 3000,
        capacityM3: 20,
        capacityKits: 40,
        workStartMin: 360,
        workEndMin: 1080,
      }),
      201,
    );
    plan = await ok(
      call('POST', `/plans/${plan.id}/vehicles`, {
        name: 'Camioneta',
        type: 'pickup',
        capacityKg: 1500,
        capacityM3: 8,
        capacityKits: 20,
        workStartMin: 360,
        workEndMin: 1140,
      }),
      201,
    );
    expect(plan.vehicles.map((v) => v.effectiveSkills)).toEqual([['access:paved'], ['access:paved', 'access:unpaved']]);
    expectProblem(
      await call('POST', `/plans/${plan.id}/vehicles`, {
        name: 'X',
        type: 'truck',
        capacityKg: 1,
        capacityM3: 1,
        capacityKits: 1,
        workStartMin: 600,
        workEndMin: 500,
      }),
      400,
    );
  });

  it('suggests approved needs of partner communities by priority, with what the depot can cover', async () => {
    const res = await ok(
      call<{
        items: Array<{
          needRequestId: string;
          priority: { total: number };
          lines: Array<{ kitTypeId: string | null; requested: number; available: number; coverable: number }>;
        }>;
      }>('GET', `/plans/${plan.id}/suggestions`),
    );
    expect(res.items.length).toBeGreaterThan(0);
    const totals = res.items.map((i) => i.priority.total);
    expect([...totals].sort((a, b) => b - a)).toEqual(totals);
    for (const item of res.items) {
      expect(item.lines.some((l) => l.coverable > 0)).toBe(true);
      for (const l of item.lines) expect(l.coverable).toBe(Math.min(l.requested, l.available));
    }
    // Walking down the list, suggestions never promise more hygiene kits than the depot has.
    const { on_hand, reserved } = await stockAt(cusco, hig);
    const promised = res.items
      .flatMap((i) => i.lines)
      .filter((l) => l.kitTypeId === hig)
      .reduce((a, l) => a + l.coverable, 0);
    expect(promised).toBeLessThanOrEqual(on_hand - reserved);
  });

  it('adds stops from an approved need and by hand; refuses a repeated community', async () => {
    await ok(
      call('POST', `/plans/${plan.id}/stops`, {
        communityId: community.Kayra,
        needRequestId: kayraNeed,
        lines: [{ kitTypeId: hig, quantity: 10 }],
      }),
      201,
    );
    await ok(
      call('POST', `/plans/${plan.id}/stops`, {
        communityId: community.Vidalpata,
        lines: [
          { kitTypeId: hig, quantity: 8 },
          { kitTypeId: med, quantity: 4 },
        ],
      }),
      201,
    );
    await ok(call('POST', `/plans/${plan.id}/stops`, { communityId: community.Huispan, lines: [{ kitTypeId: med, quantity: 5 }] }), 201);
    plan = await ok(
      call('POST', `/plans/${plan.id}/stops`, { communityId: community.Toctohuaylla, lines: [{ kitTypeId: hig, quantity: 2 }] }),
      201,
    );
    expect(plan.stops.map((s) => s.communityName).sort()).toEqual(['Huispan', 'Kayra', 'Toctohuaylla', 'Vidalpata']);
    expect(plan.stops.every((s) => s.lines.every((l) => !l.reserved))).toBe(true);
    expectProblem(
      await call('POST', `/plans/${plan.id}/stops`, { communityId: community.Kayra, lines: [{ kitTypeId: med, quantity: 1 }] }),
      409,
      'DELIVERY_STOP_DUPLICATE',
    );
    // The need is now in an active plan: it is no longer suggested.
    const res = await ok(call<{ items: Array<{ needRequestId: string }> }>('GET', `/plans/${plan.id}/suggestions`));
    expect(res.items.map((i) => i.needRequestId)).not.toContain(kayraNeed);
  });

  it('allocates all or nothing: a shortage is 409 STOCK_INSUFFICIENT and reserves nothing', async () => {
    const before = { hig: await stockAt(cusco, hig), med: await stockAt(cusco, med) };
    const withShort = await ok(
      call('POST', `/plans/${plan.id}/stops`, { communityId: community.Quencomayo, lines: [{ kitTypeId: med, quantity: 5000 }] }),
      201,
    );
    const short = await call('POST', `/plans/${plan.id}/allocate`);
    expectProblem(short, 409, 'STOCK_INSUFFICIENT');
    expect(await stockAt(cusco, hig)).toEqual(before.hig);
    expect(await stockAt(cusco, med)).toEqual(before.med);
    // (The demo's planned round holds reservations of its own: only this plan's lines are counted.)
    const reservations = await app.dataSource.query(
      `SELECT 1 FROM stock_reservations r JOIN delivery_stop_lines l ON l.id = r.reference_id JOIN delivery_stops s ON s.id = l.stop_id
        WHERE r.reference_type = 'delivery_stop_line' AND s.plan_id = $1`,
      [plan.id],
    );
    expect(reservations).toHaveLength(0);
    expect((await ok(call('GET', `/plans/${plan.id}`))).status).toBe('draft');
    // Remove the stop that cannot be covered, then allocate.
    await ok(call('DELETE', `/plans/${plan.id}/stops/${stopOf(withShort, 'Quencomayo').id}`));
    plan = await ok(call('POST', `/plans/${plan.id}/allocate`));
    expect(plan.status).toBe('allocated');
    expect(plan.stops.filter((s) => s.status === 'pending').every((s) => s.lines.every((l) => l.reserved))).toBe(true);
    expect((await stockAt(cusco, hig)).reserved).toBe(before.hig.reserved + 20);
    expect((await stockAt(cusco, med)).reserved).toBe(before.med.reserved + 9);
  });

  it('reserves a stop added after allocation at once and releases one removed', async () => {
    const before = await stockAt(cusco, hig);
    const added = await ok(
      call('POST', `/plans/${plan.id}/stops`, { communityId: community.Quencomayo, lines: [{ kitTypeId: hig, quantity: 3 }] }),
      201,
    );
    expect(stopOf(added, 'Quencomayo').lines[0].reserved).toBe(true);
    expect((await stockAt(cusco, hig)).reserved).toBe(before.reserved + 3);
    plan = await ok(call('DELETE', `/plans/${plan.id}/stops/${stopOf(added, 'Quencomayo').id}`));
    expect((await stockAt(cusco, hig)).reserved).toBe(before.reserved);
    expect(plan.stops.find((s) => s.communityName === 'Quencomayo')?.status).toBe('cancelled');
  });

  it('network check: finds another organisation’s planned delivery of the same category (duplicate) and an uncovered need nearby (gap)', async () => {
    // Plant a duplicate: Sumaq Kawsay plans hygiene kits for Vidalpata on overlapping dates.
    const other = await ok(
      call(
        'POST',
        '/plans',
        { name: 'Ronda Sumaq', depotWarehouseId: huancayo, startDate: '2026-07-10', endDate: '2026-07-12' },
        otherCoordinator,
      ),
      201,
    );
    await ok(
      call(
        'POST',
        `/plans/${other.id}/stops`,
        { communityId: community.Vidalpata, lines: [{ kitTypeId: hig, quantity: 2 }] },
        otherCoordinator,
      ),
      201,
    );
    const check = await ok(
      call<{ duplicates: Array<Record<string, unknown>>; gaps: Array<Record<string, unknown>> }>(
        'GET',
        `/plans/${plan.id}/network-check?days=30`,
      ),
    );
    expect(check.duplicates).toEqual([
      expect.objectContaining({
        communityName: 'Vidalpata',
        category: 'hygiene',
        kind: 'planned',
        otherPlanId: other.id,
        otherOrganizationName: 'Colectivo Sumaq Kawsay',
        sameOrganization: false,
        kits: 2,
      }),
    ]);
    // Outside the window it is not a duplicate.
    const narrow = await ok(call<{ duplicates: unknown[] }>('GET', `/plans/${plan.id}/network-check?days=1`));
    expect(narrow.duplicates).toHaveLength(0);
    const gap = check.gaps.find((g) => g.communityName === 'Piñanccay');
    expect(gap).toEqual(expect.objectContaining({ needStatus: 'approved', partner: true }));
    expect(gap?.distanceKm as number).toBeLessThanOrEqual(50);
    expect(check.gaps.map((g) => g.communityName)).not.toContain('Kayra');
  });

  it('optimises: routes with order, ETAs and loads; a stop no vehicle can reach is unserved with the reason', async () => {
    plan = await ok(call('POST', `/plans/${plan.id}/optimise`, { timeLimitMs: 500 }));
    expect(plan.status).toBe('optimised');
    const truck = routeOf(plan, 'Camión');
    const pickup = routeOf(plan, 'Camioneta');
    // Unpaved communities need the pickup; the paved one may go with either.
    expect(pickup.stopIds).toEqual(expect.arrayContaining([stopOf(plan, 'Kayra').id, stopOf(plan, 'Huispan').id]));
    const routed = [...truck.stopIds, ...pickup.stopIds];
    expect(routed.sort()).toEqual([stopOf(plan, 'Kayra').id, stopOf(plan, 'Huispan').id, stopOf(plan, 'Vidalpata').id].sort());
    expect(stopOf(plan, 'Toctohuaylla')).toMatchObject({ routeId: null, unservedReason: 'skills' });
    for (const r of plan.routes) {
      expect(r).toMatchObject({ status: 'planned', locked: false, matrixSource: 'great-circle' });
      expect(r.distanceM).toBeGreaterThan(0);
      expect(r.loadKits).toBe(r.stopIds.reduce((a, id) => a + (plan.stops.find((s) => s.id === id) as Stop).totalKits, 0));
      expect(r.path).toHaveLength(r.stopIds.length + 2);
      const etas = r.stopIds.map((id) => Date.parse((plan.stops.find((s) => s.id === id) as Stop).eta as string));
      expect(etas[0]).toBeGreaterThan(Date.parse(r.departureAt as string));
      expect([...etas].sort((a, b) => a - b)).toEqual(etas);
      expect(r.stopIds.map((id) => (plan.stops.find((s) => s.id === id) as Stop).sequence)).toEqual(r.stopIds.map((_, i) => i + 1));
    }
  });

  it('lets the coordinator reorder and move stops, re-validated; an infeasible move is 422 naming the constraint', async () => {
    // Put Vidalpata on the truck, alone (it may be there already).
    // 27 kits do not fit the pickup (20): the solver put Vidalpata on the truck.
    expect(routeOf(plan, 'Camión').stopIds).toEqual([stopOf(plan, 'Vidalpata').id]);
    const pickup = routeOf(plan, 'Camioneta');
    const reversed = [stopOf(plan, 'Huispan').id, stopOf(plan, 'Kayra').id];
    const orderA = await ok(call('PUT', `/plans/${plan.id}/routes/${pickup.id}/stops`, { stopIds: reversed }));
    expect(routeOf(orderA, 'Camioneta').stopIds).toEqual(reversed);
    expect(stopOf(orderA, 'Huispan').sequence).toBe(1);
    const orderB = await ok(call('PUT', `/plans/${plan.id}/routes/${pickup.id}/stops`, { stopIds: [...reversed].reverse() }));
    expect(stopOf(orderB, 'Kayra').sequence).toBe(1);
    expect(stopOf(orderB, 'Kayra').eta).not.toBe(stopOf(orderA, 'Kayra').eta);
    plan = orderB;
    // Kayra (unpaved road) on the truck: the truck has no unpaved access.
    const skills = await call('PUT', `/plans/${plan.id}/routes/${routeOf(plan, 'Camión').id}/stops`, {
      stopIds: [stopOf(plan, 'Vidalpata').id, stopOf(plan, 'Kayra').id],
    });
    expectProblem(skills, 422, 'DELIVERY_ROUTE_SKILLS');
    expect((skills.body as unknown as { errors: Array<{ code: string }> }).errors[0].code).toBe('skills');
    // Everything on the pickup: 27 kits > 20.
    const capacity = await call('PUT', `/plans/${plan.id}/routes/${pickup.id}/stops`, {
      stopIds: [stopOf(plan, 'Kayra').id, stopOf(plan, 'Huispan').id, stopOf(plan, 'Vidalpata').id],
    });
    expectProblem(capacity, 422, 'DELIVERY_ROUTE_CAPACITY');
    expect((capacity.body as unknown as { errors: Array<{ code: string }> }).errors[0].code).toBe('capacity_kits');
    expect((await ok(call('GET', `/plans/${plan.id}`))).routes).toEqual(plan.routes);
  });

  it('keeps a locked route as it is when re-optimising the rest', async () => {
    const truck = routeOf(plan, 'Camión');
    await ok(call('POST', `/plans/${plan.id}/routes/${truck.id}/lock`));
    const again = await ok(call('POST', `/plans/${plan.id}/optimise`, { timeLimitMs: 300 }));
    expect(routeOf(again, 'Camión')).toMatchObject({ id: truck.id, locked: true, stopIds: truck.stopIds });
    expect(routeOf(again, 'Camioneta').stopIds.sort()).toEqual([stopOf(again, 'Kayra').id, stopOf(again, 'Huispan').id].sort());
    plan = again;
  });

  it('loads a route: stock leaves the depot through the reservations, codes are issued, the campaign reach grows', async () => {
    const pickup = routeOf(plan, 'Camioneta');
    const before = { hig: await stockAt(cusco, hig), med: await stockAt(cusco, med) };
    const kayra = stopOf(plan, 'Kayra');
    const [reachBefore] = await app.dataSource.query(
      `SELECT COALESCE(SUM(kits_dispatched), 0)::float AS n FROM donation_campaign_reach WHERE campaign_id = $1 AND district_ubigeo = (SELECT district_ubigeo FROM communities WHERE id = $2)`,
      [campaignId, community.Kayra],
    );
    plan = await ok(call('POST', `/routes/${pickup.id}/load`));
    expect(plan.status).toBe('dispatched');
    expect(routeOf(plan, 'Camioneta').status).toBe('loaded');
    expect(await stockAt(cusco, hig)).toEqual({ on_hand: before.hig.on_hand - 10, reserved: before.hig.reserved - 10 });
    expect(await stockAt(cusco, med)).toEqual({ on_hand: before.med.on_hand - 5, reserved: before.med.reserved - 5 });
    const [reservation] = await app.dataSource.query(`SELECT status FROM stock_reservations WHERE id = $1`, [kayra.lines[0].reservationId]);
    expect(reservation.status).toBe('dispatched');
    expect(stopOf(plan, 'Kayra').lines[0].dispatched).toBe(10);
    expect(stopOf(plan, 'Kayra').hasConfirmationCode).toBe(true);
    const [row] = await app.dataSource.query(
      `SELECT confirmation_code_hash, confirmation_code_sealed, code_expires_at, l.dispatched_lots
         FROM delivery_stops s JOIN delivery_stop_lines l ON l.stop_id = s.id WHERE s.id = $1`,
      [kayra.id],
    );
    expect(row.confirmation_code_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(unsealConfirmationCode(row.confirmation_code_sealed, TEST_JWT_SECRET)).toMatch(/^[0-9A-HJKMNP-TV-Z]{6}$/);
    expect(Math.abs(new Date(row.code_expires_at).getTime() - (Date.now() + 14 * 86_400_000))).toBeLessThan(120_000);
    expect(row.dispatched_lots.reduce((a: number, l: { quantity: number }) => a + l.quantity, 0)).toBe(10);
    const [reachAfter] = await app.dataSource.query(
      `SELECT COALESCE(SUM(kits_dispatched), 0)::float AS n FROM donation_campaign_reach WHERE campaign_id = $1 AND district_ubigeo = (SELECT district_ubigeo FROM communities WHERE id = $2)`,
      [campaignId, community.Kayra],
    );
    expect(reachAfter.n - reachBefore.n).toBe(10);
    // A loaded route cannot be edited or loaded again.
    expectProblem(await call('POST', `/routes/${pickup.id}/load`), 409, 'DELIVERY_ROUTE_STATUS');
    expectProblem(await call('PUT', `/plans/${plan.id}/routes/${pickup.id}/stops`, { stopIds: [] }), 409, 'DELIVERY_ROUTE_STATUS');
  });

  it('tracks the route: start, deliver, fail one, complete; close waits for every stop to be confirmed or failed', async () => {
    const pickup = routeOf(plan, 'Camioneta');
    expectProblem(await call('POST', `/stops/${stopOf(plan, 'Kayra').id}/deliver`, {}), 409, 'DELIVERY_ROUTE_STATUS');
    plan = await ok(call('POST', `/routes/${pickup.id}/start`));
    expect(routeOf(plan, 'Camioneta').status).toBe('in_transit');
    expectProblem(await call('POST', `/routes/${pickup.id}/complete`), 409, 'DELIVERY_ROUTE_OPEN_STOPS');
    const delivered = await ok<Stop>(call('POST', `/stops/${stopOf(plan, 'Kayra').id}/deliver`, {}));
    expect(delivered.status).toBe('delivered');
    const failed = await ok<Stop & { failureReason: string }>(
      call('POST', `/stops/${stopOf(plan, 'Huispan').id}/fail`, { reason: 'Puente caído en el acceso' }),
    );
    expect(failed).toMatchObject({ status: 'failed', failureReason: 'Puente caído en el acceso' });
    plan = await ok(call('POST', `/routes/${pickup.id}/complete`));
    expect(routeOf(plan, 'Camioneta').status).toBe('completed');
    expectProblem(await call('POST', `/routes/${pickup.id}/close`), 409, 'DELIVERY_ROUTE_OPEN_STOPS');
    const board = await ok<{ counts: Record<string, number>; items: Array<{ stopId: string; status: string }> }>(
      call('GET', `/board?planId=${plan.id}`),
    );
    expect(board.counts).toMatchObject({ pending: 2, delivered: 1, failed: 1, cancelled: 2 });
    const onlyFailed = await ok<{ items: Array<{ stopId: string }> }>(call('GET', `/board?planId=${plan.id}&status=failed`));
    expect(onlyFailed.items.map((i) => i.stopId)).toEqual([stopOf(plan, 'Huispan').id]);
  });

  it('keeps a timeline per plan and per stop', async () => {
    const timeline = await ok<{ items: Array<{ kind: string; actorName: string | null }> }>(call('GET', `/plans/${plan.id}/timeline`));
    const kinds = timeline.items.map((e) => e.kind);
    for (const k of [
      'plan.created',
      'vehicle.added',
      'stop.added',
      'stop.removed',
      'stops.allocated',
      'plan.optimised',
      'route.edited',
      'route.locked',
      'route.loaded',
      'plan.dispatched',
      'route.started',
      'stop.delivered',
      'stop.failed',
      'route.completed',
    ]) {
      expect(kinds).toContain(k);
    }
    expect(timeline.items[0].actorName).toBe('Jorge Condori Mamani');
    const stopTimeline = await ok<{ items: Array<{ kind: string; toStatus: string | null }> }>(
      call('GET', `/stops/${stopOf(plan, 'Huispan').id}/timeline`),
    );
    expect(stopTimeline.items.map((e) => [e.kind, e.toStatus])).toEqual([
      ['stop.added', 'pending'],
      ['stop.failed', 'failed'],
    ]);
  });

  it('refuses plan changes by a coordinator of another organisation (403, audit-logged)', async () => {
    const attempts = [
      await call('PATCH', `/plans/${plan.id}`, { name: 'Secuestrado' }, otherCoordinator),
      await call(
        'POST',
        `/plans/${plan.id}/stops`,
        { communityId: community.Quencomayo, lines: [{ kitTypeId: hig, quantity: 1 }] },
        otherCoordinator,
      ),
      await call('POST', `/plans/${plan.id}/cancel`, { reason: 'No es mío' }, otherCoordinator),
      await call('POST', `/routes/${routeOf(plan, 'Camión').id}/load`, undefined, otherCoordinator),
      await call('POST', `/stops/${stopOf(plan, 'Kayra').id}/fail`, { reason: 'No es mío' }, otherCoordinator),
      await call('GET', `/plans/${plan.id}`, undefined, otherCoordinator),
    ];
    for (const res of attempts) expectProblem(res, 403, 'DELIVERY_PLAN_NOT_OWN');
    const correlationId = (attempts[0].body as unknown as { correlationId: string }).correlationId;
    const rows = await app.dataSource.query(
      `SELECT a.action, a.summary FROM audit_log a JOIN users u ON u.id = a.actor_user_id WHERE a.correlation_id = $1 AND u.email = 'coord.sumaq@minka.demo'`,
      [correlationId],
    );
    expect(rows).toEqual([expect.objectContaining({ action: 'access.denied' })]);
    expect(
      (await ok(call('GET', `/plans/${plan.id}`))).stops.find((s) => s.communityName === 'Quencomayo' && s.status === 'pending'),
    ).toBeUndefined();
    const list = await ok(call<{ items: Array<{ id: string }> }>('GET', '/plans', undefined, otherCoordinator));
    expect(list.items.map((p) => p.id)).not.toContain(plan.id);
  });

  it('cancelling releases the reservations left and returns loaded goods that were not delivered', async () => {
    const before = { hig: await stockAt(cusco, hig), med: await stockAt(cusco, med) };
    const truckStops = routeOf(plan, 'Camión').stopIds.map((id) => plan.stops.find((s) => s.id === id) as Stop);
    const reservedOnTruck = (kit: string): number =>
      truckStops
        .flatMap((s) => s.lines)
        .filter((l) => l.kitTypeId === kit)
        .reduce((a, l) => a + l.quantity, 0);
    const unrouted = stopOf(plan, 'Toctohuaylla').lines[0].quantity;
    plan = await ok(call('POST', `/plans/${plan.id}/cancel`, { reason: 'Carretera cerrada por huaico' }));
    expect(plan.status).toBe('cancelled');
    expect(plan.routes.map((r) => r.status).sort()).toEqual(['cancelled', 'cancelled']);
    expect(stopOf(plan, 'Kayra').status).toBe('delivered');
    // The failed stop's 5 medical kits are back on hand; every open reservation is released.
    expect(await stockAt(cusco, med)).toEqual({ on_hand: before.med.on_hand + 5, reserved: before.med.reserved - reservedOnTruck(med) });
    expect(await stockAt(cusco, hig)).toEqual({
      on_hand: before.hig.on_hand,
      reserved: before.hig.reserved - reservedOnTruck(hig) - unrouted,
    });
    const active = await app.dataSource.query(
      `SELECT 1 FROM stock_reservations r JOIN delivery_stop_lines l ON l.reservation_id = r.id JOIN delivery_stops s ON s.id = l.stop_id
        WHERE s.plan_id = $1 AND r.status = 'active'`,
      [plan.id],
    );
    expect(active).toHaveLength(0);
    expectProblem(await call('POST', `/plans/${plan.id}/cancel`, { reason: 'otra vez' }), 409, 'DELIVERY_PLAN_STATUS');
    // Ledger and balances agree.
    const drift = await app.dataSource.query(`
      SELECT l.id FROM stock_lots l
      LEFT JOIN (SELECT lot_id, SUM(on_hand_delta) AS h, SUM(reserved_delta) AS r FROM stock_movements GROUP BY lot_id) m ON m.lot_id = l.id
      WHERE l.on_hand <> COALESCE(m.h, 0) OR l.reserved <> COALESCE(m.r, 0)`);
    expect(drift).toHaveLength(0);
  });
  it('closing a route returns the rejected units into the lots they left and completes the plan', async () => {
    const p = await ok(
      call('POST', '/plans', { name: 'Ronda corta', depotWarehouseId: cusco, startDate: '2026-07-20', endDate: '2026-07-20' }),
      201,
    );
    await ok(
      call('POST', `/plans/${p.id}/vehicles`, { name: 'Camioneta 2', type: 'pickup', capacityKg: 1500, capacityM3: 8, capacityKits: 20 }),
      201,
    );
    await ok(call('POST', `/plans/${p.id}/stops`, { communityId: community.Kayra, lines: [{ kitTypeId: hig, quantity: 10 }] }), 201);
    await ok(call('POST', `/plans/${p.id}/allocate`));
    let detail = await ok(call('POST', `/plans/${p.id}/optimise`, { timeLimitMs: 200 }));
    const route = detail.routes[0];
    detail = await ok(call('POST', `/routes/${route.id}/load`));
    const line = detail.stops[0].lines[0];
    await ok(call('POST', `/routes/${route.id}/start`));
    await ok(call<Stop>('POST', `/stops/${detail.stops[0].id}/deliver`, {}));
    // The leader's confirmation (confirmations use case) as the database leaves it: 8 accepted, 2 rejected damaged.
    await app.dataSource.query(
      `UPDATE delivery_stop_lines SET accepted = 8, rejected = 2, rejection_reason = 'damaged', missing = 0 WHERE id = $1`,
      [line.id],
    );
    await app.dataSource.query(`UPDATE delivery_stops SET status = 'confirmed', confirmed_at = now() WHERE id = $1`, [detail.stops[0].id]);
    await ok(call('POST', `/routes/${route.id}/complete`));
    const before = await stockAt(cusco, hig);
    const [lotsBefore] = await app.dataSource.query(`SELECT dispatched_lots FROM delivery_stop_lines WHERE id = $1`, [line.id]);
    const firstLot = lotsBefore.dispatched_lots[0].lotId as string;
    const [lotOnHand] = await app.dataSource.query(`SELECT on_hand FROM stock_lots WHERE id = $1`, [firstLot]);
    const closed = await ok(call('POST', `/routes/${route.id}/close`));
    expect(closed.status).toBe('completed');
    expect(closed.routes[0].status).toBe('closed');
    expect(closed.stops[0].lines[0]).toMatchObject({ dispatched: 10, returned: 2 });
    expect(await stockAt(cusco, hig)).toEqual({ on_hand: before.on_hand + 2, reserved: before.reserved });
    const [lotAfter] = await app.dataSource.query(`SELECT on_hand FROM stock_lots WHERE id = $1`, [firstLot]);
    expect(lotAfter.on_hand).toBe(lotOnHand.on_hand + 2);
    const [movement] = await app.dataSource.query(
      `SELECT kind, on_hand_delta FROM stock_movements WHERE reference_type = 'delivery_stop_line' AND reference_id = $1 AND kind = 'return'`,
      [line.id],
    );
    expect(movement).toEqual({ kind: 'return', on_hand_delta: 2 });
    expectProblem(await call('POST', `/routes/${route.id}/close`), 409, 'DELIVERY_ROUTE_STATUS');
  });
});
