import { randomUUID } from 'node:crypto';
import { verifyStock } from '../../apps/api/src/inventory/stock-verify';
import { bootApp, type BootedApp } from '../support/app';
import { http, login } from '../support/http';

/**
 * The whole delivery loop over HTTP, as the acceptance describes it: an approved need → plan →
 * suggest → allocate → optimise → load → deliver → partial confirmation (8 accepted, 2 rejected as
 * damaged) → stock, ledger, reservations, need status, coverage and campaign roll-up all right → the 2
 * rejected kits return to the depot when the route closes.
 */
describe('deliveries: the whole loop over HTTP', () => {
  let app: BootedApp;
  let coordinator: string;
  let storekeeper: string;
  const base = '/api/v1/deliveries';
  beforeAll(async () => {
    app = await bootApp();
    coordinator = (await login(app.url, 'coordinador@minka.demo')).accessToken;
    storekeeper = (await login(app.url, 'almacen@minka.demo')).accessToken;
  }, 60_000);
  afterAll(() => app.close());

  const q = async <T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> => app.dataSource.query(sql, params);
  const ok = <T>(res: { status: number; body: unknown }, status: number): T => {
    if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body).slice(0, 600)}`);
    return res.body as T;
  };
  const lot = async (id: string): Promise<{ on_hand: number; reserved: number }> =>
    (await q<{ on_hand: number; reserved: number }>('SELECT on_hand, reserved FROM stock_lots WHERE id = $1', [id]))[0];

  it('plans, dispatches, confirms 8 + 2 damaged, rolls up, and returns the 2 at close', async () => {
    // --- The depot, a partner community near it, a kit type and a campaign that funds the kits.
    const [depot] = await q<{ id: string }>(`SELECT id FROM warehouses WHERE name LIKE 'Almacén Cusco%'`);
    const [kit] = await q<{ id: string; code: string }>(`SELECT id, code FROM kit_types WHERE code = 'KIT-HIG-FAM' AND is_current`);
    const [community] = await q<{ id: string; district_ubigeo: string }>(
      `SELECT c.id, c.district_ubigeo FROM communities c
         JOIN community_partners p ON p.community_id = c.id JOIN organizations o ON o.id = p.organization_id
        WHERE o.slug = 'wayra-ayllu' AND c.district_ubigeo LIKE '08%' ORDER BY c.name LIMIT 1`,
    );
    const [campaign] = await q<{ id: string }>(`SELECT id FROM donation_campaigns ORDER BY created_at LIMIT 1`);
    expect([depot, kit, community, campaign].every(Boolean)).toBe(true);

    // Ten kits funded by the campaign, in a lot that expires first (so first-expiry-first-out takes it).
    const expiry = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
    const receipt = ok<{ movements: Array<{ lotId: string }> }>(
      await http(app.url, 'POST', '/api/v1/inventory/receipts', {
        token: storekeeper,
        body: {
          warehouseId: depot.id,
          lines: [{ kitTypeId: kit.id, quantity: 10, lotCode: 'LOOP-HIG-01', expiryDate: expiry, fundingSourceType: 'campaign', fundingSourceId: campaign.id }],
        },
      }),
      201,
    );
    const lotId = receipt.movements[0].lotId;
    expect(await lot(lotId)).toEqual({ on_hand: 10, reserved: 0 });

    // --- An approved need for 10 hygiene kits.
    const need = ok<{ id: string }>(
      await http(app.url, 'POST', `/api/v1/communities/${community.id}/needs`, {
        token: coordinator,
        body: { lines: [{ kitTypeCode: kit.code, quantity: 10 }], householdsAffected: 10, urgency: 5, cause: 'frost' },
      }),
      201,
    );
    ok(
      await http(app.url, 'POST', `/api/v1/needs/${need.id}/transitions`, {
        token: coordinator,
        body: { status: 'approved', reason: 'Helada confirmada por la posta de salud' },
      }),
      200,
    );
    // A quiet network: no other open need competes for the depot's hygiene kits in the suggestions
    // (they are ranked by priority and each takes its share of the stock).
    await q(`UPDATE need_requests SET status = 'cancelled' WHERE id <> $1 AND status IN ('approved', 'partially_fulfilled')`, [need.id]);
    const coverageBefore = (await q<{ total_kits: number; kits_by_category: Record<string, number> }>(
      'SELECT total_kits, kits_by_category FROM community_coverage WHERE community_id = $1',
      [community.id],
    ))[0];
    const reachBefore = await q<{ kits_dispatched: string; kits_confirmed: string; households_reached: number }>(
      'SELECT kits_dispatched, kits_confirmed, households_reached FROM donation_campaign_reach WHERE campaign_id = $1 AND district_ubigeo = $2',
      [campaign.id, community.district_ubigeo],
    );
    const reach0 = reachBefore[0] ?? { kits_dispatched: '0', kits_confirmed: '0', households_reached: 0 };

    // --- Plan, vehicle, suggestion → stop.
    const today = new Date().toISOString().slice(0, 10);
    const plan = ok<{ id: string; status: string }>(
      await http(app.url, 'POST', `${base}/plans`, {
        token: coordinator,
        body: { name: 'Ronda de heladas — Canchis', depotWarehouseId: depot.id, startDate: today, endDate: today },
      }),
      201,
    );
    expect(plan.status).toBe('draft');
    ok(
      await http(app.url, 'POST', `${base}/plans/${plan.id}/vehicles`, {
        token: coordinator,
        body: { name: 'Camioneta 4x4', type: 'pickup', capacityKg: 1000, capacityM3: 6, capacityKits: 120, skills: ['4x4'] },
      }),
      201,
    );
    const suggestions = ok<{ items: Array<{ needRequestId: string; lines: Array<{ kitTypeId: string; coverable: number }> }> }>(
      await http(app.url, 'GET', `${base}/plans/${plan.id}/suggestions`, { token: coordinator }),
      200,
    );
    const suggestion = suggestions.items.find((s) => s.needRequestId === need.id);
    expect(suggestion?.lines).toEqual([expect.objectContaining({ kitTypeId: kit.id, coverable: 10 })]);
    const withStop = ok<{ stops: Array<{ id: string; communityId: string }> }>(
      await http(app.url, 'POST', `${base}/plans/${plan.id}/stops`, {
        token: coordinator,
        body: { communityId: community.id, needRequestId: need.id, lines: [{ kitTypeId: kit.id, quantity: 10 }] },
      }),
      201,
    );
    expect(withStop.stops).toHaveLength(1);
    const stop = withStop.stops[0];

    // --- Allocate: the ten kits of the campaign lot are reserved.
    const allocated = ok<{ status: string }>(await http(app.url, 'POST', `${base}/plans/${plan.id}/allocate`, { token: coordinator }), 200);
    expect(allocated.status).toBe('allocated');
    expect(await lot(lotId)).toEqual({ on_hand: 10, reserved: 10 });
    const [reservation] = await q<{ id: string; status: string; quantity: number }>(
      `SELECT r.id, r.status, r.quantity FROM stock_reservations r JOIN delivery_stop_lines l ON l.reservation_id = r.id WHERE l.stop_id = $1`,
      [stop.id],
    );
    expect(reservation).toMatchObject({ status: 'active', quantity: 10 });

    // --- Optimise: one route, the stop first, with an ETA.
    type Detail = {
      status: string;
      routes: Array<{ id: string; status: string; stopIds: string[] }>;
      stops: Array<{ id: string; status: string; sequence: number | null; eta: string | null; lines: Array<{ id: string; dispatched: number }> }>;
    };
    const optimised = ok<Detail>(await http(app.url, 'POST', `${base}/plans/${plan.id}/optimise`, { token: coordinator, body: {} }), 200);
    expect(optimised.status).toBe('optimised');
    expect(optimised.routes).toHaveLength(1);
    const route = optimised.routes[0];
    expect(route.stopIds).toEqual([stop.id]);
    expect(optimised.stops[0]).toMatchObject({ sequence: 1 });
    expect(optimised.stops[0].eta).not.toBeNull();

    // --- Load: the reservation is dispatched (on hand −10, reserved −10), the campaign's kits dispatched.
    ok(await http(app.url, 'POST', `${base}/routes/${route.id}/load`, { token: coordinator }), 200);
    expect(await lot(lotId)).toEqual({ on_hand: 0, reserved: 0 });
    expect((await q<{ status: string }>('SELECT status FROM stock_reservations WHERE id = $1', [reservation.id]))[0].status).toBe('dispatched');
    const dispatchMovements = await q<{ on_hand_delta: number }>(
      `SELECT on_hand_delta FROM stock_movements WHERE lot_id = $1 AND kind = 'dispatch'`,
      [lotId],
    );
    expect(dispatchMovements).toEqual([{ on_hand_delta: -10 }]);
    const [reachLoaded] = await q<{ kits_dispatched: string }>(
      'SELECT kits_dispatched FROM donation_campaign_reach WHERE campaign_id = $1 AND district_ubigeo = $2',
      [campaign.id, community.district_ubigeo],
    );
    expect(Number(reachLoaded.kits_dispatched) - Number(reach0.kits_dispatched)).toBeCloseTo(10, 4);

    // --- On the road, delivered, confirmed by phone: 8 accepted, 2 rejected as damaged.
    ok(await http(app.url, 'POST', `${base}/routes/${route.id}/start`, { token: coordinator }), 200);
    ok(await http(app.url, 'POST', `${base}/stops/${stop.id}/deliver`, { token: coordinator, body: {} }), 200);
    const detail = ok<Detail>(await http(app.url, 'GET', `${base}/plans/${plan.id}`, { token: coordinator }), 200);
    const line = detail.stops[0].lines[0];
    expect(line.dispatched).toBe(10);
    const key = randomUUID();
    const proof = {
      channel: 'phone',
      receivedByName: 'Presidenta de la comunidad',
      receivedByRole: 'presidente comunal',
      lines: [{ lineId: line.id, accepted: 8, rejected: 2, rejectionReason: 'damaged', missing: 0 }],
    };
    const confirmed = await http(app.url, 'POST', `${base}/stops/${stop.id}/confirmation`, {
      token: coordinator,
      body: proof,
      headers: { 'idempotency-key': key },
    });
    expect(confirmed.status).toBe(201);
    // The same key replays the first answer; a new attempt is a 409 with a Spanish message.
    const replay = await http(app.url, 'POST', `${base}/stops/${stop.id}/confirmation`, {
      token: coordinator,
      body: proof,
      headers: { 'idempotency-key': key },
    });
    expect(replay.status).toBe(201);
    const again = await http<{ code: string; detail: string }>(app.url, 'POST', `${base}/stops/${stop.id}/confirmation`, {
      token: coordinator,
      body: proof,
      headers: { 'idempotency-key': randomUUID(), 'accept-language': 'es' },
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('DELIVERY_ALREADY_CONFIRMED');
    expect(again.body.detail).toMatch(/confirm/i);
    expect(await q('SELECT channel FROM delivery_confirmations WHERE stop_id = $1', [stop.id])).toEqual([{ channel: 'phone' }]);

    // Need: 8 of 10 fulfilled → partially_fulfilled.
    const [needRow] = await q<{ status: string; fulfilled: number }>(
      `SELECT n.status, l.quantity_fulfilled AS fulfilled FROM need_requests n JOIN need_request_lines l ON l.need_request_id = n.id WHERE n.id = $1`,
      [need.id],
    );
    expect(needRow).toEqual({ status: 'partially_fulfilled', fulfilled: 8 });
    // Coverage: 8 hygiene kits more.
    const [coverage] = await q<{ total_kits: number; kits_by_category: Record<string, number>; last_delivery_at: Date | null }>(
      'SELECT total_kits, kits_by_category, last_delivery_at FROM community_coverage WHERE community_id = $1',
      [community.id],
    );
    expect(coverage.total_kits - (coverageBefore?.total_kits ?? 0)).toBe(8);
    expect((coverage.kits_by_category.hygiene ?? 0) - (coverageBefore?.kits_by_category?.hygiene ?? 0)).toBe(8);
    expect(coverage.last_delivery_at).not.toBeNull();
    // Campaign roll-up: 8 kits confirmed, 8 households (1 household per hygiene kit) in that district.
    const [reach] = await q<{ kits_confirmed: string; households_reached: number }>(
      'SELECT kits_confirmed, households_reached FROM donation_campaign_reach WHERE campaign_id = $1 AND district_ubigeo = $2',
      [campaign.id, community.district_ubigeo],
    );
    expect(Number(reach.kits_confirmed) - Number(reach0.kits_confirmed)).toBeCloseTo(8, 4);
    expect(reach.households_reached - reach0.households_reached).toBe(8);
    // Nothing has come back yet.
    expect(await lot(lotId)).toEqual({ on_hand: 0, reserved: 0 });

    // --- Route completed and closed: the 2 damaged kits return to the lot they left.
    ok(await http(app.url, 'POST', `${base}/routes/${route.id}/complete`, { token: coordinator }), 200);
    ok(await http(app.url, 'POST', `${base}/routes/${route.id}/close`, { token: coordinator }), 200);
    expect(await lot(lotId)).toEqual({ on_hand: 2, reserved: 0 });
    const returns = await q<{ on_hand_delta: number }>(`SELECT on_hand_delta FROM stock_movements WHERE lot_id = $1 AND kind = 'return'`, [lotId]);
    expect(returns).toEqual([{ on_hand_delta: 2 }]);
    const finalPlan = ok<Detail>(await http(app.url, 'GET', `${base}/plans/${plan.id}`, { token: coordinator }), 200);
    expect(finalPlan.status).toBe('completed');
    expect(finalPlan.routes[0].status).toBe('closed');
    expect(finalPlan.stops[0].status).toBe('confirmed');
    expect(await q(`SELECT 1 FROM stock_reservations WHERE reference_id IN (SELECT id FROM delivery_stop_lines WHERE stop_id = $1) AND status = 'active'`, [stop.id])).toEqual([]);

    // The ledger still explains every balance.
    const verify = await verifyStock(app.dataSource.manager);
    expect(verify.differences).toEqual([]);

    // A timeline tells the story.
    const timeline = ok<{ items: Array<{ kind: string }> }>(await http(app.url, 'GET', `${base}/stops/${stop.id}/timeline`, { token: coordinator }), 200);
    expect(timeline.items.map((e) => e.kind)).toEqual(expect.arrayContaining(['stop.delivered', 'stop.confirmed']));
  }, 120_000);
});
