import { randomUUID } from 'node:crypto';
import { bootApp, type BootedApp } from '../support/app';
import { expectProblem, http, login } from '../support/http';

interface Progress {
  raisedMinor: string;
  donorCount: number;
  milestones: Array<{ amountMinor: string; reachedAt: string | null }>;
}
interface Donation {
  id: string;
  receiptNumber: string | null;
  amountPenMinor: string;
}

describe('donations API', () => {
  let app: BootedApp;
  let fundraiser: string;
  let donor: string;
  let coordinator: string;
  let campaignId: string;
  let donorId: string;

  beforeAll(async () => {
    app = await bootApp();
    fundraiser = (await login(app.url, 'fondos@minka.demo')).accessToken;
    donor = (await login(app.url, 'donante@minka.demo')).accessToken;
    coordinator = (await login(app.url, 'coordinador@minka.demo')).accessToken;
    campaignId = (await app.dataSource.query(`SELECT id FROM donation_campaigns WHERE slug = 'agua-segura-amazonia'`))[0].id;
    const created = await http<{ id: string }>(app.url, 'POST', '/api/v1/donations/donors', {
      token: fundraiser,
      body: { kind: 'individual', name: 'Eusebio Tito Layme', email: 'eusebio@correo.pe', taxIdType: 'DNI', taxId: '47581236' },
    });
    expect(created.status).toBe(201);
    donorId = created.body.id;
  });
  afterAll(() => app.close());

  const record = (key: string, body: object, token = fundraiser) =>
    http<Donation>(app.url, 'POST', '/api/v1/donations', { token, body, headers: { 'idempotency-key': key } });
  const money = (amountMinor: string, extra: object = {}) => ({
    campaignId,
    donorId,
    kind: 'money',
    amountMinor,
    currency: 'PEN',
    method: 'yape',
    receivedOn: '2026-10-01',
    ...extra,
  });
  const count = async (): Promise<number> =>
    (await app.dataSource.query(`SELECT count(*)::int AS n FROM donations WHERE donor_id = $1`, [donorId]))[0].n;

  it('rejects without authentication', async () => {
    expectProblem(await http(app.url, 'POST', '/api/v1/donations', { body: money('100') }), 401, 'AUTH_REQUIRED');
    expectProblem(await http(app.url, 'GET', '/api/v1/donations/mine'), 401, 'AUTH_REQUIRED');
  });

  it('requires an Idempotency-Key to record a donation', async () => {
    expectProblem(
      await http(app.url, 'POST', '/api/v1/donations', { token: fundraiser, body: money('100') }),
      400,
      'IDEMPOTENCY_KEY_REQUIRED',
    );
  });

  it('refuses donors and coordinators recording donations (403)', async () => {
    expectProblem(await record(randomUUID(), money('100'), donor), 403);
    expectProblem(await record(randomUUID(), money('100'), coordinator), 403);
  });

  it('records one donation for one key replayed 10 times sequentially', async () => {
    const before = await count();
    const key = randomUUID();
    const first = await record(key, money('2500'));
    expect(first.status).toBe(201);
    for (let i = 0; i < 9; i++) {
      const again = await record(key, money('2500'));
      expect(again.status).toBe(201);
      expect(again.body.id).toBe(first.body.id);
    }
    expect(await count()).toBe(before + 1);
  });

  it('records one donation for one key sent 10 times concurrently', async () => {
    const before = await count();
    const key = randomUUID();
    const results = await Promise.all(Array.from({ length: 10 }, () => record(key, money('3100'))));
    const ok = results.filter((r) => r.status === 201);
    // The first wins; the others are replays (201) or told to retry while it runs (409).
    expect(ok.length).toBeGreaterThanOrEqual(1);
    for (const r of results) expect([201, 409]).toContain(r.status);
    expect(new Set(ok.map((r) => r.body.id)).size).toBe(1);
    expect(await count()).toBe(before + 1);
    // After the first commits, a retry replays it.
    const retry = await record(key, money('3100'));
    expect(retry.body.id).toBe(ok[0]?.body.id);
    expect(await count()).toBe(before + 1);
  });

  it('names the field when a USD donation lacks its exchange rate', async () => {
    const res = await record(randomUUID(), money('1000', { currency: 'USD', method: 'bank_transfer' }));
    expectProblem(res, 400, 'DONATION_RATE_REQUIRED');
    expect((res.body as unknown as { errors: Array<{ field: string }> }).errors[0]?.field).toBe('exchangeRate');
    expectProblem(await record(randomUUID(), money('10.5')), 400, 'VALIDATION_FAILED');
  });

  it('converts a USD donation with the recorded rate and moves public progress by exactly that much', async () => {
    const before = (await http<{ progress: Progress }>(app.url, 'GET', '/api/v1/public/campaigns/agua-segura-amazonia')).body.progress;
    const res = await record(
      randomUUID(),
      money('20000', { currency: 'USD', exchangeRate: '3.745', method: 'bank_transfer', bankReference: 'E2E-USD-1' }),
    );
    expect(res.status).toBe(201);
    expect(res.body.amountPenMinor).toBe('74900');
    const after = (await http<{ progress: Progress }>(app.url, 'GET', '/api/v1/public/campaigns/agua-segura-amazonia')).body.progress;
    expect(BigInt(after.raisedMinor) - BigInt(before.raisedMinor)).toBe(74900n);
    // A refund is a reversing entry that takes exactly the same amount back.
    const reversal = await http<Donation>(app.url, 'POST', `/api/v1/donations/${res.body.id}/reversal`, {
      token: fundraiser,
      body: { reason: 'Transferencia devuelta por el banco' },
      headers: { 'idempotency-key': randomUUID() },
    });
    expect(reversal.status).toBe(201);
    expect(reversal.body.amountPenMinor).toBe('-74900');
    const reverted = (await http<{ progress: Progress }>(app.url, 'GET', '/api/v1/public/campaigns/agua-segura-amazonia')).body.progress;
    expect(reverted.raisedMinor).toBe(before.raisedMinor);
  });

  it('serves the receipt PDF to the fundraiser and to the donor who gave, and hides it from other donors', async () => {
    const mine = await http<{ items: Donation[]; total: number }>(app.url, 'GET', '/api/v1/donations/mine', { token: donor });
    expect(mine.status).toBe(200);
    expect(mine.body.total).toBeGreaterThanOrEqual(2);
    const own = mine.body.items[0];
    expect(own.receiptNumber).toMatch(/^RED-MINKA-2026-\d{6}$/);
    const pdf = await fetch(`${app.url}/api/v1/donations/${own.id}/receipt`, { headers: { authorization: `Bearer ${donor}` } });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    const other = (await record(randomUUID(), money('900'))).body;
    expectProblem(await http(app.url, 'GET', `/api/v1/donations/${other.id}/receipt`, { token: donor }), 404);
    const staff = await fetch(`${app.url}/api/v1/donations/${other.id}/receipt`, { headers: { authorization: `Bearer ${fundraiser}` } });
    expect(staff.status).toBe(200);
  });

  it('lists campaigns with progress for staff, and the demo campaign has reached two of its three milestones', async () => {
    expectProblem(await http(app.url, 'GET', '/api/v1/donations/campaigns'), 401, 'AUTH_REQUIRED');
    const res = await http<{ items: Array<{ slug: string; progress: Progress }> }>(app.url, 'GET', '/api/v1/donations/campaigns', {
      token: fundraiser,
    });
    expect(res.status).toBe(200);
    const friaje = res.body.items.find((c) => c.slug === 'emergencia-friaje-heladas-2026');
    expect(friaje?.progress.milestones.map((m) => m.reachedAt !== null)).toEqual([true, true, false]);
  });

  it('never puts donor or beneficiary personal data in public responses', async () => {
    const list = await http<{ items: Array<{ slug: string }> }>(app.url, 'GET', '/api/v1/public/campaigns');
    expect(list.status).toBe(200);
    expect(list.body.items.length).toBe(3);
    const bodies = [JSON.stringify(list.body)];
    for (const c of list.body.items) {
      const detail = await http(app.url, 'GET', `/api/v1/public/campaigns/${c.slug}`);
      expect(detail.status).toBe(200);
      bodies.push(JSON.stringify(detail.body));
    }
    const text = bodies.join('\n');
    const donors: Array<{ name: string; email: string | null; phone: string | null; tax_id: string | null; public: boolean }> =
      await app.dataSource.query(`SELECT name, email, phone, tax_id, (consent_to_be_public AND NOT anonymous) AS public FROM donors`);
    const leaders: Array<{ email: string; full_name: string }> = await app.dataSource.query(
      `SELECT email, full_name FROM users WHERE 'leader' = ANY(roles) OR 'donor' = ANY(roles)`,
    );
    const secrets = [
      ...donors.flatMap((d) => [d.email, d.phone, d.tax_id, d.public ? null : d.name]),
      ...leaders.flatMap((u) => [u.email]),
      ...leaders.filter((u) => u.email !== 'donante@minka.demo').map((u) => u.full_name),
    ].filter((s): s is string => typeof s === 'string' && s.length > 0);
    // Names shared by a consenting and a non-consenting donor may legitimately appear; check the rest.
    const consentingNames = new Set(donors.filter((d) => d.public).map((d) => d.name));
    const leaked = secrets.filter((s) => !consentingNames.has(s) && text.includes(s));
    expect(leaked).toEqual([]);
    expect(text).not.toMatch(/@/);
    expect(text).not.toMatch(/"(email|phone|taxId|donorId|userId)"/);
    // Those who consented (and only they) are thanked by name.
    const thanked = bodies
      .slice(1)
      .flatMap((b) => (JSON.parse(b) as { recentDonors: Array<{ name: string }> }).recentDonors.map((d) => d.name));
    expect(thanked.length).toBeGreaterThan(0);
    for (const name of thanked) expect(consentingNames.has(name)).toBe(true);
  });

  it('shows "< 5" for districts with fewer than five households and zero deliveries honestly', async () => {
    const [{ id: friaje }] = await app.dataSource.query(`SELECT id FROM donation_campaigns WHERE slug = 'emergencia-friaje-heladas-2026'`);
    await app.dataSource.query(
      `INSERT INTO donation_campaign_reach (campaign_id, district_ubigeo, kits_dispatched, kits_confirmed, households_reached)
       VALUES ($1, '210101', 10, 8, 3), ($1, '080101', 40, 40, 37)`,
      [friaje],
    );
    const res = await http<{ whereItWent: { households: string; districts: Array<{ ubigeo: string; households: string }> } }>(
      app.url,
      'GET',
      '/api/v1/public/campaigns/emergencia-friaje-heladas-2026',
    );
    expect(res.body.whereItWent.districts.find((d) => d.ubigeo === '210101')?.households).toBe('< 5');
    expect(res.body.whereItWent.districts.find((d) => d.ubigeo === '080101')?.households).toBe('37');
    expect(res.body.whereItWent.households).toBe('40');
    const agua = await http<{ whereItWent: { kitsDispatched: number; households: string; inKindUnits: number } }>(
      app.url,
      'GET',
      '/api/v1/public/campaigns/agua-segura-amazonia',
    );
    expect(agua.body.whereItWent).toEqual(expect.objectContaining({ kitsDispatched: 0, households: '0', inKindUnits: 300 }));
  });

  it('receives an in-kind gift into a warehouse as a stock lot funded by the donation, in the same transaction', async () => {
    const [{ id: warehouseId }] = await app.dataSource.query(
      `SELECT w.id FROM warehouses w JOIN organizations o ON o.id = w.organization_id WHERE o.slug = 'red-minka' LIMIT 1`,
    );
    const [{ id: kitTypeId }] = await app.dataSource.query(`SELECT id FROM kit_types WHERE code = 'KIT-HIG-FAM'`);
    const where = async () =>
      (
        await http<{ whereItWent: { unitsInStock: number; kitsFunded: number } }>(
          app.url,
          'GET',
          '/api/v1/public/campaigns/agua-segura-amazonia',
        )
      ).body.whereItWent;
    const before = await where();
    const gift = {
      campaignId,
      donorId,
      kind: 'in_kind',
      warehouseId,
      receivedOn: '2026-10-03',
      lines: [
        {
          description: 'Kit de higiene familiar',
          category: 'higiene',
          quantity: 25,
          unitValueMinor: '3800',
          kitTypeId,
          expiryDate: '2028-01-31',
        },
      ],
    };
    const res = await record(randomUUID(), gift);
    expect(res.status).toBe(201);
    expect(res.body).toEqual(expect.objectContaining({ receivedIntoStock: true, amountPenMinor: '95000' }));
    const lots = await app.dataSource.query(
      `SELECT on_hand, funding_source_type, funding_source_id FROM stock_lots WHERE funding_source_id = $1`,
      [res.body.id],
    );
    expect(lots).toEqual([expect.objectContaining({ on_hand: 25, funding_source_type: 'donation', funding_source_id: res.body.id })]);
    const after = await where();
    expect(after.unitsInStock - before.unitsInStock).toBe(25);
    expect(after.kitsFunded - before.kitsFunded).toBe(25); // donated kits are kits funded by the campaign
    // A bad line (no catalogue reference) rolls everything back: no donation, no receipt number used.
    const donationsBefore = await count();
    const bad = await record(randomUUID(), {
      ...gift,
      lines: [{ description: 'Frazadas', category: 'abrigo', quantity: 5, unitValueMinor: '4500' }],
    });
    expectProblem(bad, 400, 'VALIDATION_FAILED');
    expect(await count()).toBe(donationsBefore);
    // Goods in stock are corrected in inventory, not by reversing the gift.
    const reversal = await http(app.url, 'POST', `/api/v1/donations/${res.body.id}/reversal`, {
      token: fundraiser,
      body: { reason: 'Error de registro' },
      headers: { 'idempotency-key': randomUUID() },
    });
    expectProblem(reversal, 409, 'DONATION_IN_STOCK');
  });

  it('attributes assembled kits to the campaign in proportion to the component units it funded', async () => {
    const q = (sql: string, params: unknown[] = []) => app.dataSource.query(sql, params);
    const [{ id: campaign }] = await q(`SELECT id FROM donation_campaigns WHERE slug = 'botiquines-altoandinos-2025'`);
    const [{ id: warehouse }] = await q(`SELECT id FROM warehouses ORDER BY name LIMIT 1`);
    const [{ id: item }] = await q(`SELECT id FROM inventory_items ORDER BY sku LIMIT 1`);
    const [{ id: kit }] = await q(`SELECT id FROM kit_types ORDER BY code LIMIT 1`);
    const kitsFunded = async () =>
      (await http<{ whereItWent: { kitsFunded: number } }>(app.url, 'GET', '/api/v1/public/campaigns/botiquines-altoandinos-2025')).body
        .whereItWent.kitsFunded;
    const before = await kitsFunded();
    // Fixture written as inventory's assembly writes it: one operation consuming 30 units from a lot the
    // campaign bought and 10 from an unfunded lot, producing 5 kits → 5 × 30/40 = 3.75 kits funded.
    const lot = async (code: string, subject: 'item' | 'kit', funded: boolean) =>
      (
        await q(
          `INSERT INTO stock_lots (warehouse_id, item_id, kit_type_id, lot_code, funding_source_type, funding_source_id, on_hand)
           VALUES ($1, $2, $3, $4, $5, $6, 0) RETURNING id`,
          [
            warehouse,
            subject === 'item' ? item : null,
            subject === 'kit' ? kit : null,
            code,
            funded ? 'campaign' : null,
            funded ? campaign : null,
          ],
        )
      )[0].id as string;
    const funded = await lot('E2E-FUNDED', 'item', true);
    const other = await lot('E2E-OTHER', 'item', false);
    const kits = await lot('E2E-KITS', 'kit', false);
    const op = randomUUID();
    for (const [kind, lotId, delta, subject] of [
      ['assembly_consume', funded, -30, 'item'],
      ['assembly_consume', other, -10, 'item'],
      ['assembly_produce', kits, 5, 'kit'],
    ] as const) {
      await q(
        `INSERT INTO stock_movements (operation_id, kind, warehouse_id, lot_id, item_id, kit_type_id, on_hand_delta, reserved_delta)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 0)`,
        [op, kind, warehouse, lotId, subject === 'item' ? item : null, subject === 'kit' ? kit : null, delta],
      );
    }
    expect(Math.round((await kitsFunded()) * 100) - Math.round(before * 100)).toBe(375);
  });

  it('answers 404 for unknown or draft campaigns on the public API', async () => {
    expectProblem(await http(app.url, 'GET', '/api/v1/public/campaigns/no-existe'), 404);
    expectProblem(await http(app.url, 'GET', '/api/v1/public/campaigns/Bad%20Slug'), 404);
  });
});
