import { createHmac, randomUUID } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import { OverdueAlertsService } from '../../apps/api/src/deliveries/overdue-alerts.service';
import { bootApp, type BootedApp, TEST_SMS_WEBHOOK_SECRET } from '../support/app';
import { createLoadedRoute, type FixtureStop, type LoadedRoute } from '../support/deliveries-fixture';
import { expectProblem, http, type HttpResult, login } from '../support/http';

interface Confirmation {
  id: string;
  stopId: string;
  channel: string;
  recordedByUserId: string | null;
  recordedByName: string | null;
  totals: { dispatched: number; accepted: number; rejected: number; missing: number };
  lines: Array<{ lineId: string; accepted: number; rejected: number; rejectionReason: string | null; missing: number }>;
}

/** The text pdfkit drew: every content stream inflated, the hex strings of each TJ joined. */
function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const out: string[] = [];
  const marker = /stream\r?\n/g;
  for (let m = marker.exec(raw); m; m = marker.exec(raw)) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    let content: string;
    try {
      content = inflateSync(pdf.subarray(start, end)).toString('latin1');
    } catch {
      continue;
    }
    for (const tj of content.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
      out.push([...(tj[1] ?? '').matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => Buffer.from(h[1] ?? '', 'hex').toString('latin1')).join(''));
    }
  }
  return out.join('\n');
}

// Each case boots nothing but writes a loaded route and confirms it; a loaded 2-core machine needs slack.
jest.setTimeout(30_000);

const sign = (body: string, secret = TEST_SMS_WEBHOOK_SECRET): string =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

describe('deliveries: proof of delivery and its channels', () => {
  let app: BootedApp;
  let admin: string;
  let coordinator: string;
  let leader: string;
  let donor: string;
  let leaderUserId: string;
  let coordinatorUserId: string;
  let cusco: string;
  let kit: { hygiene: string; food: string; medical: string };
  let pomacanchi: string;
  let other: string;
  let donation: { id: string; campaignId: string };

  const route = (
    stops: FixtureStop[],
    extra: { routeStatus?: 'planned' | 'loaded' | 'in_transit' | 'completed' } = {},
  ): Promise<LoadedRoute> => createLoadedRoute(app, { depotWarehouseId: cusco, stops, ...extra });
  const confirm = (token: string, stopId: string, body: object, headers: Record<string, string> = {}): Promise<HttpResult<Confirmation>> =>
    http<Confirmation>(app.url, 'POST', `/api/v1/deliveries/stops/${stopId}/confirmation`, { token, body, headers });
  const sms = (body: string, contentType = 'application/json', signature = sign(body)): Promise<HttpResult<{ reply: string }>> =>
    http<{ reply: string }>(app.url, 'POST', '/api/v1/webhooks/sms', {
      rawBody: body,
      headers: { 'content-type': contentType, 'x-minka-signature': signature },
    });
  const stopRow = async (id: string): Promise<Record<string, unknown>> =>
    (await app.dataSource.query('SELECT * FROM delivery_stops WHERE id = $1', [id]))[0];

  beforeAll(async () => {
    app = await bootApp();
    admin = (await login(app.url, 'admin@minka.demo')).accessToken;
    coordinator = (await login(app.url, 'coordinador@minka.demo')).accessToken;
    leader = (await login(app.url, 'lider@minka.demo')).accessToken;
    donor = (await login(app.url, 'donante@minka.demo')).accessToken;
    const q = <T>(sql: string, params: unknown[] = []): Promise<T[]> => app.dataSource.query(sql, params);
    leaderUserId = (await q<{ id: string }>(`SELECT id FROM users WHERE email = 'lider@minka.demo'`))[0]?.id;
    coordinatorUserId = (await q<{ id: string }>(`SELECT id FROM users WHERE email = 'coordinador@minka.demo'`))[0]?.id;
    cusco = (await q<{ id: string }>(`SELECT id FROM warehouses WHERE name LIKE '%Cusco%'`))[0]?.id;
    const kits = await q<{ id: string; code: string }>(`SELECT id, code FROM kit_types WHERE is_current`);
    const kitId = (code: string): string => kits.find((k) => k.code === code)?.id as string;
    kit = { hygiene: kitId('KIT-HIG-FAM'), food: kitId('KIT-ALI-F5-15'), medical: kitId('KIT-MED-BOT') };
    pomacanchi = (await q<{ community_id: string }>(`SELECT community_id FROM community_leaders WHERE user_id = $1`, [leaderUserId]))[0]
      ?.community_id;
    // A partner community of the coordinator's organisation that the demo leader does not lead.
    other = (
      await q<{ id: string }>(
        `SELECT c.id FROM communities c JOIN community_partners p ON p.community_id = c.id JOIN organizations o ON o.id = p.organization_id
          WHERE o.slug = 'wayra-ayllu' AND c.id <> $1 AND EXISTS (SELECT 1 FROM community_leaders l WHERE l.community_id = c.id AND l.phone IS NOT NULL)
          ORDER BY c.name LIMIT 1`,
        [pomacanchi],
      )
    )[0]?.id;
    const [d] = await q<{ id: string; campaign_id: string }>(`SELECT id, campaign_id FROM donations WHERE campaign_id IS NOT NULL LIMIT 1`);
    donation = { id: d?.id, campaignId: d?.campaign_id };
    // Enough unfunded stock in the coordinator's depot for every stop of this file.
    const storekeeper = (await login(app.url, 'almacen@minka.demo')).accessToken;
    const receipt = await http(app.url, 'POST', '/api/v1/inventory/receipts', {
      token: storekeeper,
      body: { warehouseId: cusco, lines: Object.values(kit).map((kitTypeId) => ({ kitTypeId, quantity: 300 })) },
    });
    expect(receipt.status).toBe(201);
  }, 120_000);
  afterAll(() => app.close(), 60_000);

  it('rejects without authentication', async () => {
    const id = randomUUID();
    expectProblem(await http(app.url, 'POST', `/api/v1/deliveries/stops/${id}/confirmation`, { body: {} }), 401);
    expectProblem(await http(app.url, 'GET', `/api/v1/deliveries/stops/${id}`), 401);
    expectProblem(await http(app.url, 'GET', '/api/v1/deliveries/my-stops'), 401);
    expectProblem(await http(app.url, 'GET', '/api/v1/deliveries/alerts'), 401);
    expectProblem(await http(app.url, 'POST', '/api/v1/deliveries/alerts/run'), 401);
    expectProblem(await http(app.url, 'GET', `/api/v1/deliveries/routes/${id}/manifest.pdf`), 401);
  });

  it('lets a leader confirm 8 accepted + 2 rejected (damaged) in the app: coverage, need and campaign reach follow, once', async () => {
    const [need] = await app.dataSource.query(
      `SELECT n.id, l.id AS line_id, l.quantity_fulfilled FROM need_requests n JOIN need_request_lines l ON l.need_request_id = n.id
        WHERE n.community_id = $1 AND n.status = 'approved' AND l.kit_type_code = 'KIT-HIG-FAM'`,
      [pomacanchi],
    );
    const fixture = await route([
      {
        communityId: pomacanchi,
        needRequestId: need.id,
        // 6 of the 10 kits come from a lot the donation funded, 4 from unfunded stock.
        lines: [{ kitTypeId: kit.hygiene, quantity: 10, funding: { type: 'donation', id: donation.id, quantity: 6 } }],
      },
    ]);
    const stop = fixture.stops[0];
    expect(stop.lines[0].dispatchedLots).toHaveLength(2);
    const [district] = await app.dataSource.query('SELECT district_ubigeo FROM communities WHERE id = $1', [pomacanchi]);
    const reachBefore = await app.dataSource.query(
      'SELECT kits_confirmed, households_reached FROM donation_campaign_reach WHERE campaign_id = $1 AND district_ubigeo = $2',
      [donation.campaignId, district.district_ubigeo],
    );
    const [coverageBefore] = await app.dataSource.query('SELECT * FROM community_coverage WHERE community_id = $1', [pomacanchi]);

    const mine = await http<{ items: Array<{ id: string; communityName: string; lines: Array<{ lineId: string; dispatched: number }> }> }>(
      app.url,
      'GET',
      '/api/v1/deliveries/my-stops',
      { token: leader },
    );
    expect(mine.status).toBe(200);
    expect(mine.body.items.find((s) => s.id === stop.id)?.lines).toEqual([
      expect.objectContaining({ lineId: stop.lines[0].id, dispatched: 10 }),
    ]);

    const key = `confirm-${randomUUID()}`;
    const body = {
      receivedByName: 'Teodoro Ccahuana',
      receivedByRole: 'presidente comunal',
      notes: 'Dos cajas mojadas por la lluvia',
      gps: { lat: -14.03, lon: -71.57 },
      lines: [{ lineId: stop.lines[0].id, accepted: 8, rejected: 2, rejectionReason: 'damaged' }],
    };
    const res = await confirm(leader, stop.id, body, { 'idempotency-key': key });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      stopId: stop.id,
      channel: 'app',
      recordedByUserId: leaderUserId,
      totals: { dispatched: 10, accepted: 8, rejected: 2, missing: 0 },
      lines: [{ lineId: stop.lines[0].id, accepted: 8, rejected: 2, rejectionReason: 'damaged', missing: 0 }],
    });

    const [line] = await app.dataSource.query(
      'SELECT accepted, rejected, rejection_reason, missing FROM delivery_stop_lines WHERE id = $1',
      [stop.lines[0].id],
    );
    expect(line).toEqual({ accepted: 8, rejected: 2, rejection_reason: 'damaged', missing: 0 });
    const row = await stopRow(stop.id);
    expect(row).toMatchObject({ status: 'confirmed', confirmation_code_hash: null, confirmation_code_sealed: null });
    expect(row.confirmed_at).toBeInstanceOf(Date);
    expect(row.delivered_at).toBeInstanceOf(Date);
    const [coverage] = await app.dataSource.query('SELECT * FROM community_coverage WHERE community_id = $1', [pomacanchi]);
    expect(coverage.total_kits).toBe(coverageBefore.total_kits + 8);
    expect(coverage.delivery_count).toBe(coverageBefore.delivery_count + 1);
    expect(coverage.kits_by_category.hygiene).toBe((coverageBefore.kits_by_category.hygiene ?? 0) + 8);
    const [needAfter] = await app.dataSource.query(
      `SELECT n.status, l.quantity_fulfilled FROM need_requests n JOIN need_request_lines l ON l.need_request_id = n.id WHERE l.id = $1`,
      [need.line_id],
    );
    expect(needAfter).toEqual({ status: 'partially_fulfilled', quantity_fulfilled: need.quantity_fulfilled + 8 });
    const needEvents = await app.dataSource.query(
      `SELECT from_status, to_status, actor_user_id FROM need_request_events WHERE need_request_id = $1 AND to_status = 'partially_fulfilled'`,
      [need.id],
    );
    expect(needEvents).toEqual([{ from_status: 'approved', to_status: 'partially_fulfilled', actor_user_id: leaderUserId }]);
    // 8 accepted × 6/10 funded by the donation's campaign = 4.8 kits and (1 household per kit) 5 households.
    const [reach] = await app.dataSource.query(
      'SELECT kits_confirmed, households_reached FROM donation_campaign_reach WHERE campaign_id = $1 AND district_ubigeo = $2',
      [donation.campaignId, district.district_ubigeo],
    );
    expect(Number(reach.kits_confirmed) - Number(reachBefore[0]?.kits_confirmed ?? 0)).toBeCloseTo(4.8, 4);
    expect(reach.households_reached - (reachBefore[0]?.households_reached ?? 0)).toBe(5);
    const events = await app.dataSource.query('SELECT kind, to_status FROM delivery_events WHERE stop_id = $1 ORDER BY created_at, kind', [
      stop.id,
    ]);
    expect(events.map((e: { kind: string }) => e.kind).sort()).toEqual(['stop.confirmed', 'stop.delivered']);
    const audit = await app.dataSource.query(`SELECT action, summary, actor_user_id FROM audit_log WHERE correlation_id = $1`, [
      res.headers.get('x-correlation-id'),
    ]);
    expect(audit).toEqual([
      {
        action: 'deliveries.stop_confirmed',
        summary: expect.stringContaining('via app: 8 accepted, 2 rejected'),
        actor_user_id: leaderUserId,
      },
    ]);
    expect(audit[0].summary).not.toContain('Teodoro');

    // Same key, same body: the first 201 again, nothing written twice.
    const replay = await confirm(leader, stop.id, body, { 'idempotency-key': key });
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(res.body);
    // Any other attempt: 409 with a Spanish (or English) explanation.
    const again = await confirm(leader, stop.id, body, { 'idempotency-key': `confirm-${randomUUID()}` });
    expectProblem(again, 409, 'DELIVERY_ALREADY_CONFIRMED');
    expect((again.body as unknown as { detail: string }).detail).toMatch(
      /^Esta entrega ya fue confirmada el .* \(canal: app\)\. Una entrega se confirma una sola vez\.$/,
    );
    const english = await confirm(leader, stop.id, body, { 'accept-language': 'en' });
    expectProblem(english, 409, 'DELIVERY_ALREADY_CONFIRMED');
    expect((english.body as unknown as { detail: string }).detail).toContain('already confirmed');
    expect(await app.dataSource.query('SELECT 1 FROM delivery_confirmations WHERE stop_id = $1', [stop.id])).toHaveLength(1);
    const [coverageAfter] = await app.dataSource.query('SELECT total_kits FROM community_coverage WHERE community_id = $1', [pomacanchi]);
    expect(coverageAfter.total_kits).toBe(coverageBefore.total_kits + 8);

    // The stop detail carries the proof, for the leader and for the coordinator.
    for (const token of [leader, coordinator]) {
      const detail = await http<{ status: string; confirmation: Confirmation & { receivedByName: string; gps: unknown } }>(
        app.url,
        'GET',
        `/api/v1/deliveries/stops/${stop.id}`,
        { token },
      );
      expect(detail.status).toBe(200);
      expect(detail.body.status).toBe('confirmed');
      expect(detail.body.confirmation).toMatchObject({
        channel: 'app',
        receivedByName: 'Teodoro Ccahuana',
        gps: { lat: -14.03, lon: -71.57 },
      });
    }
    expectProblem(await http(app.url, 'GET', `/api/v1/deliveries/stops/${stop.id}`, { token: donor }), 403);
  });

  it('answers 422 naming the field when the proof does not add up, and writes nothing', async () => {
    const fixture = await route([
      {
        communityId: pomacanchi,
        lines: [
          { kitTypeId: kit.hygiene, quantity: 10 },
          { kitTypeId: kit.food, quantity: 4 },
        ],
      },
    ]);
    const stop = fixture.stops[0];
    const [h, f] = stop.lines;
    const ok = { lineId: f.id, accepted: 4 };
    const cases: Array<[object[], string]> = [
      [[{ lineId: h.id, accepted: 10 }], 'lines'],
      [[{ lineId: h.id, accepted: 11 }, ok], 'lines[0].accepted'],
      [[{ lineId: h.id, accepted: 8, rejected: 3, rejectionReason: 'expired' }, ok], 'lines[0].rejected'],
      [[{ lineId: h.id, accepted: 8, rejected: 2 }, ok], 'lines[0].rejectionReason'],
      [[{ lineId: h.id, accepted: 10, rejectionReason: 'damaged' }, ok], 'lines[0].rejectionReason'],
      [[{ lineId: h.id, accepted: 5, rejected: 2, rejectionReason: 'damaged', missing: 2 }, ok], 'lines[0].missing'],
      [[ok, { lineId: randomUUID(), accepted: 10 }], 'lines[1].lineId'],
      [[ok, ok], 'lines[1].lineId'],
    ];
    for (const [lines, field] of cases) {
      const res = await confirm(leader, stop.id, { receivedByName: 'Teodoro', lines });
      expectProblem(res, 422, 'DELIVERY_PROOF_INVALID');
      expect({ field, got: (res.body as unknown as { errors: Array<{ field: string }> }).errors.map((e) => e.field) }).toEqual({
        field,
        got: expect.arrayContaining([field]),
      });
    }
    const valid = [{ lineId: h.id, accepted: 10 }, ok];
    const future = await confirm(leader, stop.id, {
      receivedByName: 'Teodoro',
      receivedAt: new Date(Date.now() + 3_600_000).toISOString(),
      lines: valid,
    });
    expectProblem(future, 422, 'DELIVERY_PROOF_INVALID');
    expect(JSON.stringify(future.body)).toContain('"field":"receivedAt"');
    // A PNG declared as JPEG: the bytes decide.
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex').toString('base64');
    const lying = await confirm(leader, stop.id, { receivedByName: 'Teodoro', photo: `data:image/jpeg;base64,${png}`, lines: valid });
    expectProblem(lying, 422, 'DELIVERY_PROOF_INVALID');
    expect(JSON.stringify(lying.body)).toContain('"field":"photo"');
    const gif = await confirm(leader, stop.id, { receivedByName: 'Teodoro', photo: 'data:image/gif;base64,R0lGODlh', lines: valid });
    expectProblem(gif, 400, 'VALIDATION_FAILED');
    expect(JSON.stringify(gif.body)).toContain('"field":"photo"');
    const huge = await confirm(leader, stop.id, {
      receivedByName: 'Teodoro',
      photo: `data:image/jpeg;base64,/9j/${'A'.repeat(900_000)}`,
      lines: valid,
    });
    expectProblem(huge, 400, 'VALIDATION_FAILED');
    expect(JSON.stringify(huge.body)).toContain('"field":"photo"');
    expect((await stopRow(stop.id)).status).toBe('pending');
    expect(await app.dataSource.query('SELECT 1 FROM delivery_confirmations WHERE stop_id = $1', [stop.id])).toHaveLength(0);

    // With a real photo and missing left out (derived), it goes through.
    const jpeg = `data:image/jpeg;base64,${Buffer.from('ffd8ffe000104a464946000101', 'hex').toString('base64')}`;
    const res = await confirm(leader, stop.id, { receivedByName: 'Teodoro', photo: jpeg, lines: [{ lineId: h.id, accepted: 7 }, ok] });
    expect(res.status).toBe(201);
    expect(res.body.lines.find((l) => l.lineId === h.id)).toMatchObject({ accepted: 7, rejected: 0, missing: 3 });
    const [photo] = await app.dataSource.query('SELECT photo FROM delivery_confirmations WHERE stop_id = $1', [stop.id]);
    expect(photo.photo).toBe(jpeg);
  });

  it("denies a leader another community's stop (403, audit-logged) and asks coordinators for the phone channel", async () => {
    const fixture = await route([{ communityId: other, lines: [{ kitTypeId: kit.medical, quantity: 3 }] }]);
    const stop = fixture.stops[0];
    const body = { receivedByName: 'Alguien', lines: [{ lineId: stop.lines[0].id, accepted: 3 }] };
    const denied = await confirm(leader, stop.id, body);
    expectProblem(denied, 403, 'DELIVERY_STOP_NOT_OWN_COMMUNITY');
    const [row] = await app.dataSource.query(`SELECT action, actor_user_id, entity_id, summary FROM audit_log WHERE correlation_id = $1`, [
      (denied.body as unknown as { correlationId: string }).correlationId,
    ]);
    expect(row).toMatchObject({ action: 'access.denied', actor_user_id: leaderUserId, entity_id: stop.id });
    expect(row.summary).toContain('DELIVERY_STOP_NOT_OWN_COMMUNITY');
    expectProblem(
      await http(app.url, 'GET', `/api/v1/deliveries/stops/${stop.id}`, { token: leader }),
      403,
      'DELIVERY_STOP_NOT_OWN_COMMUNITY',
    );
    const mine = await http<{ items: Array<{ id: string }> }>(app.url, 'GET', '/api/v1/deliveries/my-stops', { token: leader });
    expect(mine.body.items.map((s) => s.id)).not.toContain(stop.id);
    expectProblem(await confirm(leader, stop.id, { ...body, channel: 'phone' }), 403, 'DELIVERY_PLAN_NOT_OWN');
    expectProblem(await confirm(donor, stop.id, body), 403, 'FORBIDDEN');
    const noChannel = await confirm(coordinator, stop.id, body);
    expectProblem(noChannel, 400, 'DELIVERY_CHANNEL_PHONE_REQUIRED');
    expect(JSON.stringify(noChannel.body)).toContain('"field":"channel"');
    expect((await stopRow(stop.id)).status).toBe('pending');
  });

  it('records a phone confirmation by the coordinator with the recorder kept; a fully covered need becomes fulfilled', async () => {
    const [need] = await app.dataSource.query(
      `INSERT INTO need_requests (community_id, status, urgency, cause, households_affected) VALUES ($1, 'approved', 4, 'frost', 3) RETURNING id`,
      [other],
    );
    await app.dataSource.query(`INSERT INTO need_request_lines (need_request_id, kit_type_code, quantity) VALUES ($1, 'KIT-MED-BOT', 3)`, [
      need.id,
    ]);
    const fixture = await route([
      {
        communityId: other,
        needRequestId: need.id,
        status: 'delivered',
        deliveredAt: new Date(),
        lines: [{ kitTypeId: kit.medical, quantity: 3 }],
      },
    ]);
    const stop = fixture.stops[0];
    const res = await confirm(coordinator, stop.id, {
      channel: 'phone',
      receivedByName: 'Eusebia Ccama',
      receivedByRole: 'teniente gobernadora',
      lines: [{ lineId: stop.lines[0].id, accepted: 3 }],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ channel: 'phone', recordedByUserId: coordinatorUserId, recordedByName: expect.any(String) });
    const [row] = await app.dataSource.query(
      'SELECT channel, recorded_by, received_by_role FROM delivery_confirmations WHERE stop_id = $1',
      [stop.id],
    );
    expect(row).toEqual({ channel: 'phone', recorded_by: coordinatorUserId, received_by_role: 'teniente gobernadora' });
    const [needAfter] = await app.dataSource.query('SELECT status FROM need_requests WHERE id = $1', [need.id]);
    expect(needAfter.status).toBe('fulfilled');
    const events = await app.dataSource.query('SELECT from_status, to_status FROM need_request_events WHERE need_request_id = $1', [
      need.id,
    ]);
    expect(events).toEqual([{ from_status: 'approved', to_status: 'fulfilled' }]);
    // Already delivered: no implied delivery event this time.
    const kinds = await app.dataSource.query('SELECT kind FROM delivery_events WHERE stop_id = $1', [stop.id]);
    expect(kinds).toEqual([{ kind: 'stop.confirmed' }]);
  });

  it('confirms by code on the public page, which shows no personal data; a used code is as unknown as a wrong one', async () => {
    const fixture = await route([
      {
        communityId: other,
        lines: [
          { kitTypeId: kit.food, quantity: 5 },
          { kitTypeId: kit.hygiene, quantity: 2 },
        ],
      },
    ]);
    const stop = fixture.stops[0];
    const page = await http<{ communityName: string; lines: Array<{ lineId: string; kitTypeCode: string; dispatched: number }> }>(
      app.url,
      'GET',
      `/api/v1/public/deliveries/confirm/${stop.code}`,
    );
    expect(page.status).toBe(200);
    expect(page.body.lines.map((l) => [l.kitTypeCode, l.dispatched])).toEqual([
      ['KIT-ALI-F5-15', 5],
      ['KIT-HIG-FAM', 2],
    ]);
    const leaders = await app.dataSource.query('SELECT full_name, phone FROM community_leaders WHERE community_id = $1', [other]);
    expect(leaders.length).toBeGreaterThan(0);
    const text = JSON.stringify(page.body);
    for (const l of leaders) {
      expect(text).not.toContain(l.full_name);
      if (l.phone) expect(text).not.toContain(l.phone.slice(-6));
    }
    const typed = `${stop.code.slice(0, 3).toLowerCase()}-${stop.code.slice(3).toLowerCase()}`;
    const lines = page.body.lines.map((l) => ({ lineId: l.lineId, accepted: l.dispatched }));
    const key = `offline-${randomUUID()}`;
    const res = await http<Confirmation>(app.url, 'POST', '/api/v1/public/deliveries/confirm', {
      body: { code: typed, receivedByName: 'Juana Chambi', lines },
      headers: { 'idempotency-key': key, 'x-forwarded-for': '198.51.100.20' },
    });
    expect(res.status).toBe(201);
    // The phone lost that answer and retries from another network: same key, same body → the stored
    // confirmation (keys of the public page are scoped by the code, not by the address).
    const retry = await http<Confirmation>(app.url, 'POST', '/api/v1/public/deliveries/confirm', {
      body: { code: typed, receivedByName: 'Juana Chambi', lines },
      headers: { 'idempotency-key': key, 'x-forwarded-for': '198.51.100.77' },
    });
    expect(retry.status).toBe(201);
    expect(retry.body.id).toBe(res.body.id);
    expect(res.body).toMatchObject({ channel: 'code', recordedByUserId: null, recordedByName: null, totals: { accepted: 7 } });
    for (const l of leaders) expect(JSON.stringify(res.body)).not.toContain(l.full_name);
    const [audit] = await app.dataSource.query('SELECT action, actor_user_id, organization_id FROM audit_log WHERE correlation_id = $1', [
      res.headers.get('x-correlation-id'),
    ]);
    expect(audit).toEqual({ action: 'deliveries.stop_confirmed', actor_user_id: null, organization_id: fixture.organizationId });

    const used = await http(app.url, 'POST', '/api/v1/public/deliveries/confirm', {
      body: { code: stop.code, receivedByName: 'Juana', lines },
    });
    const unknown = await http(app.url, 'POST', '/api/v1/public/deliveries/confirm', {
      body: { code: 'ZZZZZZ', receivedByName: 'Juana', lines },
    });
    expectProblem(used, 404, 'DELIVERY_CODE_INVALID');
    expectProblem(unknown, 404, 'DELIVERY_CODE_INVALID');
    expect((used.body as unknown as { detail: string }).detail).toBe((unknown.body as unknown as { detail: string }).detail);
    expectProblem(await http(app.url, 'GET', `/api/v1/public/deliveries/confirm/${stop.code}`), 404, 'DELIVERY_CODE_INVALID');
  });

  it('lets exactly one of two simultaneous confirmations win (app and code at once)', async () => {
    const fixture = await route([{ communityId: pomacanchi, lines: [{ kitTypeId: kit.food, quantity: 2 }] }]);
    const stop = fixture.stops[0];
    const lines = [{ lineId: stop.lines[0].id, accepted: 2 }];
    const results = await Promise.all([
      confirm(leader, stop.id, { receivedByName: 'Teodoro', lines }),
      http(app.url, 'POST', '/api/v1/public/deliveries/confirm', { body: { code: stop.code, receivedByName: 'Teodoro', lines } }),
    ]);
    const statuses = results.map((r) => r.status).sort();
    // The loser is told the stop is confirmed (app) or that the code is no longer valid (code).
    expect([
      [201, 404],
      [201, 409],
    ]).toContainEqual(statuses);
    expect(await app.dataSource.query('SELECT 1 FROM delivery_confirmations WHERE stop_id = $1', [stop.id])).toHaveLength(1);
  });

  it('refuses an expired code with 410', async () => {
    const fixture = await route([
      { communityId: other, codeExpiresAt: new Date(Date.now() - 60_000), lines: [{ kitTypeId: kit.food, quantity: 1 }] },
    ]);
    const stop = fixture.stops[0];
    expectProblem(await http(app.url, 'GET', `/api/v1/public/deliveries/confirm/${stop.code}`), 410, 'DELIVERY_CODE_EXPIRED');
    const res = await http(app.url, 'POST', '/api/v1/public/deliveries/confirm', {
      body: { code: stop.code, receivedByName: 'Juana', lines: [{ lineId: stop.lines[0].id, accepted: 1 }] },
    });
    expectProblem(res, 410, 'DELIVERY_CODE_EXPIRED');
    expect((await stopRow(stop.id)).status).toBe('pending');
  });

  it('limits wrong codes per address: after 10 the next attempt is 429 with Retry-After, even with the right code', async () => {
    const fixture = await route([{ communityId: other, lines: [{ kitTypeId: kit.food, quantity: 1 }] }]);
    const stop = fixture.stops[0];
    const from = (ip: string): Record<string, string> => ({ 'x-forwarded-for': ip });
    // Right codes never count against the budget.
    for (let i = 0; i < 12; i++) {
      expect((await http(app.url, 'GET', `/api/v1/public/deliveries/confirm/${stop.code}`, { headers: from('203.0.113.9') })).status).toBe(
        200,
      );
    }
    const wrong = stop.code.startsWith('Z') ? 'YYYYYY' : 'ZZZZZZ';
    for (let i = 0; i < 10; i++) {
      const path = i % 2 === 0 ? `/api/v1/public/deliveries/confirm/${wrong}` : '/api/v1/public/deliveries/confirm';
      const res =
        i % 2 === 0
          ? await http(app.url, 'GET', path, { headers: from('203.0.113.7') })
          : await http(app.url, 'POST', path, {
              headers: from('203.0.113.7'),
              body: { code: wrong, receivedByName: 'Xavier', lines: [{ lineId: stop.lines[0].id, accepted: 1 }] },
            });
      expectProblem(res, 404, 'DELIVERY_CODE_INVALID');
    }
    const blocked = await http(app.url, 'GET', `/api/v1/public/deliveries/confirm/${stop.code}`, { headers: from('203.0.113.7') });
    expectProblem(blocked, 429, 'DELIVERY_CODE_TOO_MANY_ATTEMPTS');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(800);
    const blockedPost = await http(app.url, 'POST', '/api/v1/public/deliveries/confirm', {
      headers: from('203.0.113.7'),
      body: { code: stop.code, receivedByName: 'Xavier', lines: [{ lineId: stop.lines[0].id, accepted: 1 }] },
    });
    expectProblem(blockedPost, 429, 'DELIVERY_CODE_TOO_MANY_ATTEMPTS');
    expect((await stopRow(stop.id)).status).toBe('pending');
    // Another address is not affected.
    expect((await http(app.url, 'GET', `/api/v1/public/deliveries/confirm/${stop.code}`, { headers: from('198.51.100.4') })).status).toBe(
      200,
    );
  });

  describe('SMS webhook', () => {
    let fixture: LoadedRoute;
    beforeAll(async () => {
      fixture = await route([
        {
          communityId: other,
          lines: [
            { kitTypeId: kit.hygiene, quantity: 10 },
            { kitTypeId: kit.medical, quantity: 3 },
          ],
        },
      ]);
    });

    it('refuses a missing or forged signature with 401 and writes nothing', async () => {
      const body = JSON.stringify({ from: '+51988123426', text: `MINKA ${fixture.stops[0].code} OK` });
      expectProblem(await sms(body, 'application/json', sign(body, 'not-the-secret')), 401, 'SMS_SIGNATURE_INVALID');
      expectProblem(await sms(body, 'application/json', ''), 401, 'SMS_SIGNATURE_INVALID');
      // Signed over other bytes (the same JSON re-serialised with spaces) is forged too.
      expectProblem(await sms(body, 'application/json', sign(JSON.stringify(JSON.parse(body), null, 1))), 401, 'SMS_SIGNATURE_INVALID');
      expect((await stopRow(fixture.stops[0].id)).status).toBe('pending');
    });

    it('answers malformed texts with a Spanish reply (200) saying what to fix', async () => {
      const code = fixture.stops[0].code;
      const cases: Array<[string, string]> = [
        ['Hola, ya llegaron los kits', 'mensaje no reconocido'],
        ['MINKA', 'falta el codigo'],
        [`MINKA ${code}`, 'indique OK o las cantidades'],
        [`MINKA ${code} 8 2; 3 0`, 'indique el motivo del rechazo del kit 1'],
        [`MINKA ${code} 8 2 ROTO; 3 0`, 'motivo "ROTO" no reconocido'],
        [`MINKA ${code} 10`, 'tiene 2 tipos de kit'],
        [`MINKA ${code} 9 2 DAÑADO; 3 0`, 'en el kit 1 se enviaron 10'],
        ['MINKA 7K3Q9X OK', 'no es valido'],
      ];
      for (const [text, expected] of cases) {
        const body = JSON.stringify({ from: '+51 988 123 426', text });
        const res = await sms(body);
        expect({ text, status: res.status, reply: res.body.reply }).toEqual({
          text,
          status: 200,
          reply: expect.stringContaining(expected),
        });
      }
      expectProblem(await sms(JSON.stringify({ text: 'MINKA' })), 400, 'VALIDATION_FAILED');
      expect((await stopRow(fixture.stops[0].id)).status).toBe('pending');
    });

    it('confirms a signed form-encoded text and keeps only a hash of the sender', async () => {
      const stop = fixture.stops[0];
      const form = new URLSearchParams({ from: '+51988123426', text: `minka ${stop.code.toLowerCase()} 8 2 dañado; ok` }).toString();
      const res = await sms(form, 'application/x-www-form-urlencoded');
      expect(res.status).toBe(200);
      expect(res.body.reply).toMatch(/^Minka: entrega a .+ confirmada\. Aceptados 11, rechazados 2, faltantes 0\. Gracias\.$/);
      const [row] = await app.dataSource.query(
        'SELECT channel, recorded_by, sender_hash, received_by_name FROM delivery_confirmations WHERE stop_id = $1',
        [stop.id],
      );
      expect(row).toMatchObject({ channel: 'sms', recorded_by: null, sender_hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
      const everything = JSON.stringify(await app.dataSource.query('SELECT * FROM delivery_confirmations WHERE stop_id = $1', [stop.id]));
      expect(everything).not.toContain('988123426');
      const lines = await app.dataSource.query(
        `SELECT k.code, l.accepted, l.rejected, l.rejection_reason, l.missing FROM delivery_stop_lines l JOIN kit_types k ON k.id = l.kit_type_id
          WHERE l.stop_id = $1 ORDER BY k.code`,
        [stop.id],
      );
      expect(lines).toEqual([
        { code: 'KIT-HIG-FAM', accepted: 8, rejected: 2, rejection_reason: 'damaged', missing: 0 },
        { code: 'KIT-MED-BOT', accepted: 3, rejected: 0, rejection_reason: null, missing: 0 },
      ]);
      // The code is consumed: a second text gets the invalid-code reply.
      const again = await sms(JSON.stringify({ from: '+51988123426', text: `MINKA ${stop.code} OK` }));
      expect(again.body.reply).toContain('no es valido o ya fue usado');
    });

    it('is switched off (503) without SMS_WEBHOOK_SECRET', async () => {
      const second = await bootApp({ db: app.db, config: { smsWebhookSecret: null } });
      try {
        const body = JSON.stringify({ from: '+51988123426', text: 'MINKA 7K3Q9X OK' });
        const res = await http(second.url, 'POST', '/api/v1/webhooks/sms', {
          rawBody: body,
          headers: { 'content-type': 'application/json', 'x-minka-signature': sign(body) },
        });
        expectProblem(res, 503, 'SMS_WEBHOOK_DISABLED');
      } finally {
        await second.close();
      }
    }, 60_000);
  });

  it('prints the route manifest in Spanish with each stop, its leader, code, QR and signature boxes; logs the leaders shown', async () => {
    const fixture = await route([
      {
        communityId: pomacanchi,
        lines: [
          { kitTypeId: kit.hygiene, quantity: 4 },
          { kitTypeId: kit.food, quantity: 2 },
        ],
      },
      { communityId: other, lines: [{ kitTypeId: kit.medical, quantity: 2 }] },
    ]);
    const path = `/api/v1/deliveries/routes/${fixture.routeId}/manifest.pdf`;
    const res = await fetch(`${app.url}${path}`, { headers: { authorization: `Bearer ${coordinator}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect((pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length).toBeGreaterThanOrEqual(1);
    expect((pdf.toString('latin1').match(/\/Subtype \/Image/g) ?? []).length).toBeGreaterThanOrEqual(2);
    const text = pdfText(pdf);
    expect(text).toContain('Manifiesto de entrega');
    for (const stop of fixture.stops) {
      expect(text).toContain(stop.code);
      expect(text).toContain(`MINKA ${stop.code} OK`);
    }
    expect(text).toContain('Entregado por (nombre y firma)');
    expect(text).toContain('Recibido por (nombre, cargo y firma)');
    expect(text).toContain('Kit de higiene familiar');
    const [pomaLeader] = await app.dataSource.query(
      `SELECT id, full_name, phone FROM community_leaders WHERE community_id = $1 AND active ORDER BY (user_id IS NOT NULL) DESC, created_at, id LIMIT 1`,
      [pomacanchi],
    );
    expect(text).toContain(pomaLeader.full_name);
    expect(text).toContain(pomaLeader.phone);
    const logged = await app.dataSource.query(
      `SELECT leader_id, community_id, fields, purpose FROM personal_data_access_log WHERE correlation_id = $1 ORDER BY community_id`,
      [res.headers.get('x-correlation-id')],
    );
    expect(logged).toHaveLength(2);
    expect(logged.find((l: { leader_id: string }) => l.leader_id === pomaLeader.id)).toMatchObject({
      fields: ['full_name', 'phone'],
      purpose: expect.stringContaining('manifest'),
    });

    // Once a stop is confirmed its code is gone from the manifest.
    const first = fixture.stops[0];
    const done = await confirm(leader, first.id, {
      receivedByName: 'Teodoro',
      lines: first.lines.map((l) => ({ lineId: l.id, accepted: l.dispatched })),
    });
    expect(done.status).toBe(201);
    const again = pdfText(
      Buffer.from(await (await fetch(`${app.url}${path}`, { headers: { authorization: `Bearer ${coordinator}` } })).arrayBuffer()),
    );
    expect(again).not.toContain(first.code);
    expect(again).toContain(fixture.stops[1].code);
    expect(again).toContain('Recepción confirmada');

    expectProblem(await http(app.url, 'GET', path, { token: leader }), 403, 'FORBIDDEN');
    const planned = await route([{ communityId: other, lines: [{ kitTypeId: kit.food, quantity: 1 }] }], { routeStatus: 'planned' });
    expectProblem(
      await http(app.url, 'GET', `/api/v1/deliveries/routes/${planned.routeId}/manifest.pdf`, { token: coordinator }),
      409,
      'DELIVERY_MANIFEST_NOT_READY',
    );
  }, 60_000);

  it('raises one overdue alert per stop delivered days ago without confirmation, and resolves it on confirmation', async () => {
    const fixture = await route([
      {
        communityId: pomacanchi,
        status: 'delivered',
        deliveredAt: new Date(Date.now() - 5 * 86_400_000),
        lines: [{ kitTypeId: kit.food, quantity: 2 }],
      },
      {
        communityId: other,
        status: 'delivered',
        deliveredAt: new Date(Date.now() - 3_600_000),
        lines: [{ kitTypeId: kit.food, quantity: 1 }],
      },
    ]);
    const [late, recent] = fixture.stops;
    const alertsOf = (stopId: string): Promise<Array<{ resolved_at: Date | null }>> =>
      app.dataSource.query('SELECT resolved_at FROM delivery_alerts WHERE stop_id = $1', [stopId]);
    expectProblem(await http(app.url, 'POST', '/api/v1/deliveries/alerts/run', { token: coordinator }), 403);
    const run = await http<{ ran: boolean; alertsRaised: number }>(app.url, 'POST', '/api/v1/deliveries/alerts/run', { token: admin });
    expect(run.status).toBe(200);
    expect(run.body.ran).toBe(true);
    expect(run.body.alertsRaised).toBeGreaterThanOrEqual(1);
    const service = app.app.get(OverdueAlertsService);
    expect((await service.run('hourly:test-tick')).ran).toBe(true);
    // The same tick again (another instance, or a retry) does nothing.
    expect((await service.run('hourly:test-tick')).ran).toBe(false);
    expect(await alertsOf(late.id)).toEqual([{ resolved_at: null }]);
    expect(await alertsOf(recent.id)).toEqual([]);
    const listed = await http<{ items: Array<{ stopId: string; message: string }> }>(app.url, 'GET', '/api/v1/deliveries/alerts', {
      token: coordinator,
    });
    expect(listed.status).toBe(200);
    expect(listed.body.items.find((a) => a.stopId === late.id)?.message).toMatch(/sin confirmar desde el/);
    const detail = await http<{ overdue: boolean }>(app.url, 'GET', `/api/v1/deliveries/stops/${late.id}`, { token: leader });
    expect(detail.body.overdue).toBe(true);

    const res = await confirm(leader, late.id, { receivedByName: 'Teodoro', lines: [{ lineId: late.lines[0].id, accepted: 2 }] });
    expect(res.status).toBe(201);
    const [resolved] = await alertsOf(late.id);
    expect(resolved?.resolved_at).toBeInstanceOf(Date);
    await service.run('hourly:test-tick-2');
    expect(await alertsOf(late.id)).toHaveLength(1);
  });
});
