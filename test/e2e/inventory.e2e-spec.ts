import { randomUUID } from 'node:crypto';
import { bootApp, type BootedApp } from '../support/app';
import { expectProblem, http, type HttpResult, login } from '../support/http';

/** Ledger sums per lot must equal the balance rows, everywhere. */
async function ledgerDrift(app: BootedApp): Promise<number> {
  const rows = await app.dataSource.query(`
    SELECT l.id FROM stock_lots l
    LEFT JOIN (SELECT lot_id, SUM(on_hand_delta) AS h, SUM(reserved_delta) AS r FROM stock_movements GROUP BY lot_id) m ON m.lot_id = l.id
    WHERE l.on_hand <> COALESCE(m.h, 0) OR l.reserved <> COALESCE(m.r, 0)`);
  return rows.length;
}

/** mulberry32, for reproducible jitter. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('inventory API', () => {
  let app: BootedApp;
  let admin: string;
  let storekeeper: string;
  let coordinator: string;
  let lima: string;
  let cusco: string;
  let puno: string;
  let hygieneKit: string;

  beforeAll(async () => {
    app = await bootApp();
    admin = (await login(app.url, 'admin@minka.demo')).accessToken;
    storekeeper = (await login(app.url, 'almacen@minka.demo')).accessToken;
    coordinator = (await login(app.url, 'coordinador@minka.demo')).accessToken;
    const warehouses = await app.dataSource.query(`SELECT id, name FROM warehouses`);
    const find = (s: string): string => (warehouses as Array<{ id: string; name: string }>).find((w) => w.name.includes(s))?.id as string;
    lima = find('Lima');
    cusco = find('Cusco');
    puno = find('Puno');
    hygieneKit = (await app.dataSource.query(`SELECT id FROM kit_types WHERE code = 'KIT-HIG-FAM' AND is_current`))[0].id;
  }, 120_000);
  afterAll(() => app.close(), 60_000);

  const newItem = async (perishable = false): Promise<string> => {
    const sku = `T-${randomUUID().slice(0, 8).toUpperCase()}`;
    const res = await http<{ id: string }>(app.url, 'POST', '/api/v1/inventory/items', {
      token: admin,
      body: {
        sku,
        nameEs: `Prueba ${sku}`,
        nameEn: `Test ${sku}`,
        category: 'hygiene',
        unit: 'unit',
        unitWeightKg: 0.1,
        unitVolumeL: 0.1,
        perishable,
      },
    });
    expect(res.status).toBe(201);
    return res.body.id;
  };
  const receive = (token: string, warehouseId: string, lines: object[], key?: string): Promise<HttpResult<{ operationId: string }>> =>
    http(app.url, 'POST', '/api/v1/inventory/receipts', {
      token,
      body: { warehouseId, lines },
      headers: key ? { 'idempotency-key': key } : {},
    });
  const lotBalance = async (itemId: string, warehouseId: string): Promise<{ on_hand: number; reserved: number }> =>
    (
      await app.dataSource.query(
        `SELECT COALESCE(SUM(on_hand),0)::int AS on_hand, COALESCE(SUM(reserved),0)::int AS reserved FROM stock_lots WHERE item_id = $1 AND warehouse_id = $2`,
        [itemId, warehouseId],
      )
    )[0];

  it('rejects without authentication', async () => {
    expectProblem(await http(app.url, 'GET', '/api/v1/inventory/stock'), 401);
    expectProblem(await http(app.url, 'POST', '/api/v1/inventory/reservations', { body: {} }), 401);
  });

  it('refuses roles without stock duties and warehouses of another organisation', async () => {
    const donor = (await login(app.url, 'donante@minka.demo')).accessToken;
    expectProblem(await http(app.url, 'GET', '/api/v1/inventory/stock', { token: donor }), 403);
    const item = await newItem();
    const denied = await receive(storekeeper, lima, [{ itemId: item, quantity: 5 }]);
    expectProblem(denied, 403, 'WAREHOUSE_NOT_ACCESSIBLE');
    // Both denials are audit-logged although nothing else of the request was kept.
    const correlationId = (denied.body as unknown as { correlationId: string }).correlationId;
    const [row] = await app.dataSource.query(
      `SELECT a.action, a.summary, u.email FROM audit_log a JOIN users u ON u.id = a.actor_user_id WHERE a.correlation_id = $1`,
      [correlationId],
    );
    expect(row).toMatchObject({ action: 'access.denied', email: 'almacen@minka.demo' });
    expect(row.summary).toMatch(/^POST \/api\/v1\/inventory\/receipts denied \(WAREHOUSE_NOT_ACCESSIBLE\)$/);
    const roleDenials = await app.dataSource.query(
      `SELECT 1 FROM audit_log a JOIN users u ON u.id = a.actor_user_id
        WHERE a.action = 'access.denied' AND u.email = 'donante@minka.demo' AND a.summary LIKE 'GET /api/v1/inventory/stock denied (FORBIDDEN)'`,
    );
    expect(roleDenials).toHaveLength(1);
  });

  it('answers 400 naming the field for bad input', async () => {
    const res = await receive(storekeeper, cusco, [{ quantity: 0 }]);
    expectProblem(res, 400, 'VALIDATION_FAILED');
    const perishable = await newItem(true);
    const noExpiry = await receive(storekeeper, cusco, [{ itemId: perishable, quantity: 3 }]);
    expectProblem(noExpiry, 400, 'EXPIRY_REQUIRED');
    expect(JSON.stringify(noExpiry.body)).toContain('lines[0].expiryDate');
    const both = await http(app.url, 'POST', '/api/v1/inventory/reservations', {
      token: storekeeper,
      body: { warehouseId: cusco, quantity: 1 },
    });
    expectProblem(both, 400, 'VALIDATION_FAILED');
  });

  it.each(['reservations', 'dispatches'])(
    'lets exactly 10 of 50 concurrent %s of 1 unit through on a stock of 10, over 20 seeds',
    async (route) => {
      for (let seed = 1; seed <= 20; seed++) {
        const random = rng(seed * 7919 + route.length);
        const item = await newItem();
        expect((await receive(storekeeper, cusco, [{ itemId: item, quantity: 10, lotCode: `S${seed}` }])).status).toBe(201);
        const results = await Promise.all(
          Array.from({ length: 50 }, async () => {
            await new Promise((r) => setTimeout(r, Math.floor(random() * 5)));
            return http<{ code?: string; detail?: string }>(app.url, 'POST', `/api/v1/inventory/${route}`, {
              token: storekeeper,
              body: { warehouseId: cusco, itemId: item, quantity: 1 },
            });
          }),
        );
        const statuses = results.map((r) => r.status);
        const summary = `seed ${seed} (${route}): ${JSON.stringify(statuses.reduce<Record<number, number>>((m, s) => ({ ...m, [s]: (m[s] ?? 0) + 1 }), {}))}`;
        if (statuses.filter((s) => s === 201).length !== 10) console.log(summary);
        expect(statuses.filter((s) => s === 201)).toHaveLength(10);
        const refused = results.filter((r) => r.status === 409);
        expect(refused).toHaveLength(40);
        for (const r of refused) expect(r.body.code).toBe('STOCK_INSUFFICIENT');
        expect(refused[0]?.body.detail).toContain('Prueba');
        const balance = await lotBalance(item, cusco);
        if (route === 'reservations') expect(balance).toEqual({ on_hand: 10, reserved: 10 });
        else expect(balance).toEqual({ on_hand: 0, reserved: 0 });
        expect(await ledgerDrift(app)).toBe(0);
      }
    },
    180_000,
  );

  it('records a receipt once when replayed ten times with one Idempotency-Key, sequentially and concurrently', async () => {
    const item = await newItem();
    const key = randomUUID();
    const first = await receive(storekeeper, cusco, [{ itemId: item, quantity: 25, lotCode: 'IDEM-1' }], key);
    expect(first.status).toBe(201);
    for (let i = 0; i < 9; i++) {
      const again = await receive(storekeeper, cusco, [{ itemId: item, quantity: 25, lotCode: 'IDEM-1' }], key);
      expect(again.status).toBe(201);
      expect(again.body.operationId).toBe(first.body.operationId);
    }
    const concurrentKey = randomUUID();
    const burst = await Promise.all(
      Array.from({ length: 10 }, () => receive(storekeeper, cusco, [{ itemId: item, quantity: 5, lotCode: 'IDEM-2' }], concurrentKey)),
    );
    for (const r of burst) expect([201, 409]).toContain(r.status);
    const winners = new Set(burst.filter((r) => r.status === 201).map((r) => r.body.operationId));
    expect(winners.size).toBe(1);
    const movements = await app.dataSource.query(`SELECT kind, on_hand_delta FROM stock_movements WHERE item_id = $1 ORDER BY seq`, [item]);
    expect(movements).toEqual([
      { kind: 'receipt', on_hand_delta: 25 },
      { kind: 'receipt', on_hand_delta: 5 },
    ]);
    expect(await lotBalance(item, cusco)).toEqual({ on_hand: 30, reserved: 0 });
  });

  it('refuses an assembly that lacks one component with 409 naming it, and consumes nothing', async () => {
    const soap = await newItem();
    const towel = await newItem();
    const kit = await http<{ id: string }>(app.url, 'POST', '/api/v1/inventory/kit-types', {
      token: admin,
      body: {
        code: `KIT-T-${randomUUID().slice(0, 6).toUpperCase()}`,
        nameEs: 'Kit de prueba',
        nameEn: 'Test kit',
        category: 'hygiene',
        householdsServed: 1,
        daysCovered: 30,
        components: [
          { itemId: soap, quantity: 2 },
          { itemId: towel, quantity: 1 },
        ],
      },
    });
    expect(kit.status).toBe(201);
    await receive(storekeeper, cusco, [
      { itemId: soap, quantity: 40 },
      { itemId: towel, quantity: 3 },
    ]);
    const before = await app.dataSource.query(`SELECT count(*)::int AS n FROM stock_movements`);
    const res = await http<{ detail: string; errors: Array<{ field: string }> }>(app.url, 'POST', '/api/v1/inventory/assemblies', {
      token: storekeeper,
      body: { warehouseId: cusco, kitTypeId: kit.body.id, count: 5 },
    });
    expectProblem(res, 409, 'STOCK_INSUFFICIENT');
    expect(res.body.detail).toContain('Prueba');
    expect(res.body.detail).toContain('5');
    expect(res.body.detail).toContain('3');
    expect(res.body.errors.map((e) => e.field)).toEqual([`itemId:${towel}`]);
    expect(await app.dataSource.query(`SELECT count(*)::int AS n FROM stock_movements`)).toEqual(before);
    expect(await lotBalance(soap, cusco)).toEqual({ on_hand: 40, reserved: 0 });
    // Three kits are possible; the capacity endpoint says so and names the towel as the limit.
    const capacity = await http<{ items: Array<{ kitTypeId: string; kitsPossible: number; limitingItemId: string }> }>(
      app.url,
      'GET',
      `/api/v1/inventory/assembly-capacity?warehouseId=${cusco}`,
      { token: storekeeper },
    );
    expect(capacity.body.items.find((c) => c.kitTypeId === kit.body.id)).toMatchObject({ kitsPossible: 3, limitingItemId: towel });
    const ok = await http<{ movements: Array<{ kind: string; onHandDelta: number }> }>(app.url, 'POST', '/api/v1/inventory/assemblies', {
      token: storekeeper,
      body: { warehouseId: cusco, kitTypeId: kit.body.id, count: 3 },
    });
    expect(ok.status).toBe(201);
    expect(ok.body.movements.map((m) => [m.kind, m.onHandDelta]).sort()).toEqual(
      [
        ['assembly_consume', -6],
        ['assembly_consume', -3],
        ['assembly_produce', 3],
      ].sort(),
    );
  });

  it('assembles first-expiry-first-out and gives the kit lot the earliest consumed expiry', async () => {
    const preview = await http<{ possible: boolean; kitExpiry: string; consumed: Array<{ expiryDate: string | null }> }>(
      app.url,
      'GET',
      `/api/v1/inventory/assembly-preview?warehouseId=${cusco}&kitTypeId=${hygieneKit}&count=2`,
      { token: storekeeper },
    );
    expect(preview.status).toBe(200);
    expect(preview.body.possible).toBe(true);
    const expiries = preview.body.consumed
      .map((c) => c.expiryDate)
      .filter((d): d is string => d !== null)
      .sort();
    expect(preview.body.kitExpiry).toBe(expiries[0]);
    const res = await http<{ movements: Array<{ kind: string; lotId: string }> }>(app.url, 'POST', '/api/v1/inventory/assemblies', {
      token: storekeeper,
      body: { warehouseId: cusco, kitTypeId: hygieneKit, count: 2 },
    });
    expect(res.status).toBe(201);
    const produced = res.body.movements.find((m) => m.kind === 'assembly_produce');
    const [lot] = await app.dataSource.query(`SELECT expiry_date::text AS e FROM stock_lots WHERE id = $1`, [produced?.lotId]);
    expect(lot.e).toBe(preview.body.kitExpiry);
  });

  it('keeps assembled kits on their version when the bill of materials changes', async () => {
    const current = await http<{ id: string; version: number; components: Array<{ itemId: string; quantity: number }> }>(
      app.url,
      'GET',
      `/api/v1/inventory/kit-types/${hygieneKit}`,
      { token: admin },
    );
    const v2 = await http<{ id: string; version: number; weightKg: number }>(
      app.url,
      'POST',
      `/api/v1/inventory/kit-types/${hygieneKit}/versions`,
      {
        token: admin,
        body: { components: current.body.components.map((c) => ({ itemId: c.itemId, quantity: c.quantity + 1 })) },
      },
    );
    expect(v2.status).toBe(201);
    expect(v2.body.version).toBe(current.body.version + 1);
    const oldLots = await app.dataSource.query(`SELECT count(*)::int AS n FROM stock_lots WHERE kit_type_id = $1 AND on_hand > 0`, [
      hygieneKit,
    ]);
    expect(oldLots[0].n).toBeGreaterThan(0);
    expectProblem(
      await http(app.url, 'POST', '/api/v1/inventory/assemblies', {
        token: storekeeper,
        body: { warehouseId: cusco, kitTypeId: hygieneKit, count: 1 },
      }),
      409,
      'KIT_TYPE_NOT_CURRENT',
    );
    hygieneKit = v2.body.id;
  });

  it('moves stock between warehouses through an in-transit state', async () => {
    const item = await newItem();
    await receive(storekeeper, cusco, [{ itemId: item, quantity: 12, lotCode: 'TR-1' }]);
    const shipped = await http<{ id: string; status: string }>(app.url, 'POST', '/api/v1/inventory/transfers', {
      token: storekeeper,
      body: { fromWarehouseId: cusco, toWarehouseId: puno, lines: [{ itemId: item, quantity: 7 }] },
    });
    expect(shipped.status).toBe(201);
    expect(shipped.body.status).toBe('in_transit');
    expect(await lotBalance(item, cusco)).toEqual({ on_hand: 5, reserved: 0 });
    expect(await lotBalance(item, puno)).toEqual({ on_hand: 0, reserved: 0 });
    const received = await http<{ status: string }>(app.url, 'POST', `/api/v1/inventory/transfers/${shipped.body.id}/receive`, {
      token: storekeeper,
    });
    expect(received.status).toBe(200);
    expect(received.body.status).toBe('received');
    expect(await lotBalance(item, puno)).toEqual({ on_hand: 7, reserved: 0 });
    const [lot] = await app.dataSource.query(`SELECT lot_code FROM stock_lots WHERE item_id = $1 AND warehouse_id = $2`, [item, puno]);
    expect(lot.lot_code).toBe('TR-1');
    expectProblem(
      await http(app.url, 'POST', `/api/v1/inventory/transfers/${shipped.body.id}/receive`, { token: storekeeper }),
      409,
      'TRANSFER_ALREADY_RECEIVED',
    );
  });

  it('reserves, releases, dispatches a reservation and takes a return; the stock card shows the running balance', async () => {
    const item = await newItem();
    await receive(storekeeper, cusco, [{ itemId: item, quantity: 20, lotCode: 'CARD' }]);
    const r1 = await http<{ id: string }>(app.url, 'POST', '/api/v1/inventory/reservations', {
      token: coordinator,
      body: { warehouseId: cusco, itemId: item, quantity: 8, referenceType: 'delivery', referenceId: randomUUID() },
    });
    expect(r1.status).toBe(201);
    const released = await http<{ status: string }>(app.url, 'POST', `/api/v1/inventory/reservations/${r1.body.id}/release`, {
      token: coordinator,
    });
    expect(released.body.status).toBe('released');
    expectProblem(
      await http(app.url, 'POST', `/api/v1/inventory/reservations/${r1.body.id}/release`, { token: coordinator }),
      409,
      'RESERVATION_NOT_ACTIVE',
    );
    const r2 = await http<{ id: string; allocations: Array<{ lotId: string }> }>(app.url, 'POST', '/api/v1/inventory/reservations', {
      token: coordinator,
      body: { warehouseId: cusco, itemId: item, quantity: 6 },
    });
    expect(
      (await http(app.url, 'POST', '/api/v1/inventory/dispatches', { token: coordinator, body: { reservationId: r2.body.id } })).status,
    ).toBe(201);
    const ret = await http(app.url, 'POST', '/api/v1/inventory/returns', {
      token: storekeeper,
      body: { warehouseId: cusco, lotId: r2.body.allocations[0]?.lotId, quantity: 2 },
    });
    expect(ret.status).toBe(201);
    expect(await lotBalance(item, cusco)).toEqual({ on_hand: 16, reserved: 0 });
    const card = await http<{ items: Array<{ kind: string; onHandAfter: number; reservedAfter: number }> }>(
      app.url,
      'GET',
      `/api/v1/inventory/stock-card?warehouseId=${cusco}&itemId=${item}`,
      { token: storekeeper },
    );
    expect(card.body.items.map((e) => [e.kind, e.onHandAfter, e.reservedAfter])).toEqual([
      ['return', 16, 0],
      ['dispatch', 14, 0],
      ['reservation', 20, 6],
      ['release', 20, 0],
      ['reservation', 20, 8],
      ['receipt', 20, 0],
    ]);
  });

  it('adjusts with a reason code and refuses to take more than is available', async () => {
    const item = await newItem();
    const rec = await receive(storekeeper, cusco, [{ itemId: item, quantity: 4, lotCode: 'ADJ' }]);
    const [lot] = await app.dataSource.query(`SELECT id FROM stock_lots WHERE item_id = $1`, [item]);
    expect(rec.status).toBe(201);
    expectProblem(
      await http(app.url, 'POST', '/api/v1/inventory/adjustments', {
        token: storekeeper,
        body: { warehouseId: cusco, lotId: lot.id, delta: -5, reasonCode: 'damaged' },
      }),
      409,
      'STOCK_INSUFFICIENT',
    );
    const ok = await http(app.url, 'POST', '/api/v1/inventory/adjustments', {
      token: storekeeper,
      body: { warehouseId: cusco, lotId: lot.id, delta: -1, reasonCode: 'damaged', note: 'Caja mojada' },
    });
    expect(ok.status).toBe(201);
    expect(await lotBalance(item, cusco)).toEqual({ on_hand: 3, reserved: 0 });
  });

  it('refuses to edit or delete the ledger', async () => {
    await expect(app.dataSource.query(`UPDATE stock_movements SET on_hand_delta = 0 WHERE true`)).rejects.toThrow(/append-only/);
    await expect(app.dataSource.query(`DELETE FROM stock_movements`)).rejects.toThrow(/append-only/);
  });

  it('closes a physical count only when every difference is explained by a reason-coded adjustment', async () => {
    const opened = await http<{ id: string; lines: Array<{ id: string; expected: number; name: string }> }>(
      app.url,
      'POST',
      '/api/v1/inventory/counts',
      {
        token: storekeeper,
        body: { warehouseId: puno },
      },
    );
    expect(opened.status).toBe(201);
    expect(opened.body.lines.length).toBeGreaterThan(5);
    const [first, second, ...rest] = opened.body.lines;
    if (!first || !second) throw new Error('count lines expected');
    await http(app.url, 'POST', `/api/v1/inventory/counts/${opened.body.id}/lines/${first.id}`, {
      token: storekeeper,
      body: { counted: first.expected - 1 },
    });
    for (const l of [second, ...rest]) {
      await http(app.url, 'POST', `/api/v1/inventory/counts/${opened.body.id}/lines/${l.id}`, {
        token: storekeeper,
        body: { counted: l.expected },
      });
    }
    expectProblem(
      await http(app.url, 'POST', `/api/v1/inventory/counts/${opened.body.id}/close`, { token: storekeeper }),
      409,
      'COUNT_UNEXPLAINED_DIFFERENCES',
    );
    const explained = await http<{ lines: Array<{ id: string; explained: boolean; adjusted: number }> }>(
      app.url,
      'POST',
      `/api/v1/inventory/counts/${opened.body.id}/lines/${first.id}`,
      { token: storekeeper, body: { counted: first.expected - 1, reasonCode: 'lost' } },
    );
    expect(explained.body.lines.find((l) => l.id === first.id)).toMatchObject({ explained: true, adjusted: -1 });
    const closed = await http<{ status: string }>(app.url, 'POST', `/api/v1/inventory/counts/${opened.body.id}/close`, {
      token: storekeeper,
    });
    expect(closed.body.status).toBe('closed');
    expect(await ledgerDrift(app)).toBe(0);
  });

  it('raises alerts once per condition, lists them and lets a storekeeper acknowledge one', async () => {
    const run = await http<{ ran: boolean; alertsRaised: number }>(app.url, 'POST', '/api/v1/inventory/alerts/run', { token: storekeeper });
    expect(run.status).toBe(200);
    expect(run.body.ran).toBe(true);
    expect(run.body.alertsRaised).toBeGreaterThan(0);
    const again = await app.app
      .get((await import('../../apps/api/src/inventory/alerts.service')).AlertsService)
      .run(`test:${randomUUID()}`);
    expect(again.alertsRaised).toBe(0);
    const list = await http<{ items: Array<{ id: string; kind: string; warehouseId: string }> }>(
      app.url,
      'GET',
      `/api/v1/inventory/alerts?warehouseId=${puno}&pageSize=100`,
      { token: storekeeper },
    );
    const kinds = new Set(list.body.items.map((a) => a.kind));
    expect(kinds).toEqual(expect.objectContaining({}));
    expect([...kinds]).toEqual(expect.arrayContaining(['below_reorder', 'expired_available']));
    const target = list.body.items[0];
    const ack = await http(app.url, 'POST', `/api/v1/inventory/alerts/${target?.id}/acknowledge`, { token: storekeeper });
    expect(ack.status).toBe(200);
    expectProblem(
      await http(app.url, 'POST', `/api/v1/inventory/alerts/${target?.id}/acknowledge`, { token: storekeeper }),
      409,
      'ALERT_ALREADY_ACKNOWLEDGED',
    );
  });

  it('shows stock by warehouse and category, with expired and below-reorder flags', async () => {
    const res = await http<{
      items: Array<{ kind: string; available: number; onHand: number; reserved: number; belowReorder: boolean; category: string }>;
    }>(app.url, 'GET', `/api/v1/inventory/stock?warehouseId=${puno}&kind=kit&pageSize=100`, { token: coordinator });
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBe(3);
    for (const r of res.body.items) expect(r.available).toBe(r.onHand - r.reserved);
    expect(res.body.items.every((r) => r.belowReorder)).toBe(true);
    expect(await ledgerDrift(app)).toBe(0);
  });
});
