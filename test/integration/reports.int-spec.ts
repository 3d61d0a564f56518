import { parse } from 'csv-parse/sync';
import { bootApp, type BootedApp } from '../support/app';
import { expectProblem, http, login } from '../support/http';

const HASHTAGS = [
  '#org+impl+name',
  '#org+funding+name',
  '#sector+name',
  '#activity+name',
  '#adm1+name',
  '#adm1+code',
  '#adm2+name',
  '#adm2+code',
  '#adm3+name',
  '#adm3+code',
  '#loc+name',
  '#loc+code',
  '#geo+lat',
  '#geo+lon',
  '#date+start',
  '#date+end',
  '#status',
  '#targeted+hh',
  '#reached+hh',
  '#item+name',
  '#output+num',
];
const col = (tag: string): number => HASHTAGS.indexOf(tag);
const PCODE = /^PE\d{2}(\d{2}(\d{2})?)?$/;
const FORMULA_NAME = '=HYPERLINK("http://evil.example","clic")';
/** Chachapoyas (Amazonas): no demo activity, so the planted figures are the district's whole figures. */
const DISTRICT = '010101';

function limaDay(offset: number): string {
  return new Date(Date.now() - 5 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);
}

describe('reports: 3W/4W (HXL) and coverage', () => {
  let booted: BootedApp;
  let url: string;
  let admin: string;
  let orgA: { id: string; name: string };
  let orgB: { id: string; name: string };
  let householdsServed: number;
  let formulaCommunityId: string;
  let oldNeedId: string;
  let freshNeedId: string;

  const q = <T = unknown>(sql: string, params: unknown[] = []): Promise<T[]> => booted.dataSource.query(sql, params);

  beforeAll(async () => {
    booted = await bootApp();
    url = booted.url;
    admin = (await login(url, 'admin@minka.demo')).accessToken;
    [orgA] = await q<{ id: string; name: string }>(`SELECT id, name FROM organizations WHERE slug = 'wayra-ayllu'`);
    [orgB] = await q<{ id: string; name: string }>(`SELECT id, name FROM organizations WHERE slug = 'sumaq-kawsay'`);
    const [kit] = await q<{ id: string; code: string; households_served: number }>(
      `SELECT id, code, households_served FROM kit_types WHERE is_current AND category = 'hygiene' ORDER BY code LIMIT 1`,
    );
    householdsServed = kit.households_served;
    const warehouse = async (orgId: string): Promise<string> =>
      (await q<{ id: string }>('SELECT id FROM warehouses WHERE organization_id = $1 ORDER BY name LIMIT 1', [orgId]))[0].id;
    const community = async (name: string): Promise<string> =>
      (
        await q<{ id: string }>(
          `INSERT INTO communities (name, district_ubigeo, lat, lon) VALUES ($1, $2, -6.23, -77.87) RETURNING id`,
          [name, DISTRICT],
        )
      )[0].id;

    // Overlap: org A plans hygiene kits for the community 5 days ahead; org B confirmed hygiene kits 2 days ago.
    formulaCommunityId = await community(FORMULA_NAME);
    const [planA] = await q<{ id: string }>(
      `INSERT INTO delivery_plans (organization_id, name, depot_warehouse_id, start_date, end_date, status)
       VALUES ($1, 'Plan A (prueba)', $2, $3, $3, 'optimised') RETURNING id`,
      [orgA.id, await warehouse(orgA.id), limaDay(5)],
    );
    const [stopA] = await q<{ id: string }>(
      `INSERT INTO delivery_stops (plan_id, community_id, status) VALUES ($1, $2, 'pending') RETURNING id`,
      [planA.id, formulaCommunityId],
    );
    await q(`INSERT INTO delivery_stop_lines (stop_id, kit_type_id, quantity) VALUES ($1, $2, 5)`, [stopA.id, kit.id]);
    const [planB] = await q<{ id: string }>(
      `INSERT INTO delivery_plans (organization_id, name, depot_warehouse_id, start_date, end_date, status)
       VALUES ($1, 'Plan B (prueba)', $2, $3, $3, 'completed') RETURNING id`,
      [orgB.id, await warehouse(orgB.id), limaDay(-2)],
    );
    const [stopB] = await q<{ id: string }>(
      `INSERT INTO delivery_stops (plan_id, community_id, status, delivered_at, confirmed_at)
       VALUES ($1, $2, 'confirmed', now() - interval '2 days', now() - interval '2 days') RETURNING id`,
      [planB.id, formulaCommunityId],
    );
    await q(
      `INSERT INTO delivery_stop_lines (stop_id, kit_type_id, quantity, dispatched, accepted, rejected, missing)
       VALUES ($1, $2, 4, 4, 4, 0, 0)`,
      [stopB.id, kit.id],
    );

    // Gap: a need approved 40 days ago, never served; a need approved 5 days ago (too recent to be a gap).
    const need = async (communityName: string, households: number, approvedDaysAgo: number): Promise<string> => {
      const communityId = await community(communityName);
      const [n] = await q<{ id: string }>(
        `INSERT INTO need_requests (community_id, status, urgency, cause, households_affected)
         VALUES ($1, 'approved', 4, 'frost', $2) RETURNING id`,
        [communityId, households],
      );
      await q(`INSERT INTO need_request_lines (need_request_id, kit_type_code, quantity) VALUES ($1, $2, 10)`, [n.id, kit.code]);
      await q(
        `INSERT INTO need_request_events (need_request_id, from_status, to_status, reason, occurred_at)
         VALUES ($1, 'submitted', 'approved', 'prueba', now() - make_interval(days => $2::int))`,
        [n.id, approvedDaysAgo],
      );
      return n.id;
    };
    oldNeedId = await need('Comunidad olvidada', 30, 40);
    freshNeedId = await need('Comunidad reciente', 12, 5);
  }, 120_000);

  afterAll(async () => {
    await booted?.close();
  });

  it('exports the demo 3W as CSV with the HXL hashtag row right under the header and P-codes matching the districts', async () => {
    const res = await http<string>(url, 'GET', '/api/v1/reports/3w', { token: admin });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="minka-3w-\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv"$/);
    const rows: string[][] = parse(res.body);
    expect(rows.length).toBeGreaterThan(2);
    expect(rows[0]).toHaveLength(HASHTAGS.length);
    expect(rows[0].every((h) => h.length > 0 && !h.startsWith('#'))).toBe(true);
    expect(rows[1]).toEqual(HASHTAGS);
    const data = rows.slice(2);

    const districts = new Map(
      (
        await q<{ ubigeo: string; pcode: string; name: string; pr_pcode: string; pr_name: string; de_pcode: string; de_name: string }>(
          `SELECT d.ubigeo, d.pcode, d.name, pr.pcode AS pr_pcode, pr.name AS pr_name, de.pcode AS de_pcode, de.name AS de_name
             FROM districts d JOIN provinces pr ON pr.ubigeo = d.province_ubigeo JOIN departments de ON de.ubigeo = d.department_ubigeo`,
        )
      ).map((d) => [d.pcode, d]),
    );
    for (const row of data) {
      expect(row).toHaveLength(HASHTAGS.length);
      for (const tag of ['#adm1+code', '#adm2+code', '#adm3+code']) expect(row[col(tag)]).toMatch(PCODE);
      const adm3 = row[col('#adm3+code')];
      expect(adm3).toMatch(/^PE\d{6}$/);
      const district = districts.get(adm3);
      expect(district).toBeDefined();
      expect(row[col('#adm3+name')]).toBe(district?.name);
      expect(row[col('#adm2+code')]).toBe(adm3.slice(0, 6));
      expect(row[col('#adm2+code')]).toBe(district?.pr_pcode);
      expect(row[col('#adm2+name')]).toBe(district?.pr_name);
      expect(row[col('#adm1+code')]).toBe(adm3.slice(0, 4));
      expect(row[col('#adm1+code')]).toBe(district?.de_pcode);
      expect(row[col('#adm1+name')]).toBe(district?.de_name);
      const lat = Number(row[col('#geo+lat')]);
      const lon = Number(row[col('#geo+lon')]);
      expect(lat).toBeGreaterThan(-18.4);
      expect(lat).toBeLessThan(0);
      expect(lon).toBeGreaterThan(-81.4);
      expect(lon).toBeLessThan(-68.6);
      expect(['planned', 'dispatched', 'delivered', 'confirmed']).toContain(row[col('#status')]);
      expect(row[col('#date+start')] <= row[col('#date+end')]).toBe(true);
      expect(Number.isInteger(Number(row[col('#output+num')]))).toBe(true);
    }
    // The demo: Wayra Ayllu's completed Cusco round (confirmed) and its planned Puno round.
    const demo = data.filter((r) => r[col('#org+impl+name')] === orgA.name);
    expect(demo.some((r) => r[col('#status')] === 'confirmed' && r[col('#adm1+code')] === 'PE08' && Number(r[col('#reached+hh')]) > 0)).toBe(true);
    expect(demo.some((r) => r[col('#status')] !== 'confirmed' && r[col('#adm1+code')] === 'PE21')).toBe(true);
    // No personal data: no leader names or phones anywhere.
    const leaders = await q<{ full_name: string; phone: string | null }>('SELECT full_name, phone FROM community_leaders');
    for (const l of leaders) {
      expect(res.body).not.toContain(l.full_name);
      if (l.phone) expect(res.body).not.toContain(l.phone);
    }
  });

  it('escapes a cell starting with "=" in the CSV and reports the planted rows with their figures', async () => {
    const res = await http<string>(url, 'GET', `/api/v1/reports/3w?from=${limaDay(-10)}&to=${limaDay(10)}&sector=hygiene`, { token: admin });
    expect(res.status).toBe(200);
    const parsed: string[][] = parse(res.body);
    const data = parsed.slice(2);
    const planted = data.filter((r) => r[col('#loc+name')].includes('HYPERLINK'));
    expect(planted).toHaveLength(2);
    for (const r of planted) {
      expect(r[col('#loc+name')]).toBe(`'${FORMULA_NAME}`);
      expect(r[col('#sector+name')]).toBe('Higiene');
      expect(r[col('#adm3+code')]).toBe(`PE${DISTRICT}`);
    }
    const confirmed = planted.find((r) => r[col('#status')] === 'confirmed');
    expect(confirmed?.[col('#org+impl+name')]).toBe(orgB.name);
    expect(confirmed?.[col('#output+num')]).toBe('4');
    expect(confirmed?.[col('#reached+hh')]).toBe(String(4 * householdsServed));
    const planned = planted.find((r) => r[col('#status')] === 'planned');
    expect(planned?.[col('#org+impl+name')]).toBe(orgA.name);
    expect(planned?.[col('#targeted+hh')]).toBe(String(5 * householdsServed));
    expect(planned?.[col('#reached+hh')]).toBe('0');
    expect(data.every((r) => r[col('#sector+name')] === 'Higiene')).toBe(true);

    const json = await http<Array<Array<string | number>>>(
      url,
      'GET',
      `/api/v1/reports/3w?from=${limaDay(-10)}&to=${limaDay(10)}&format=json&organizationId=${orgB.id}`,
      { token: admin },
    );
    expect(json.status).toBe(200);
    expect(json.headers.get('content-disposition')).toMatch(/filename="minka-3w-.*\.json"$/);
    expect(json.body[1]).toEqual(HASHTAGS);
    const rows = json.body.slice(2);
    expect(rows.every((r) => r[col('#org+impl+name')] === orgB.name)).toBe(true);
    const row = rows.find((r) => String(r[col('#loc+name')]).includes('HYPERLINK'));
    expect(row?.[col('#output+num')]).toBe(4);
    expect(typeof row?.[col('#geo+lat')]).toBe('number');
  });

  it('reports the planted overlap within the window and not outside it', async () => {
    const res = await http<{ overlaps: Array<{ communityId: string; category: string; organizations: Array<{ organizationId: string }>; stopCount: number }> }>(
      url,
      'GET',
      `/api/v1/reports/coverage?from=${limaDay(-30)}&to=${limaDay(30)}&days=30`,
      { token: admin },
    );
    expect(res.status).toBe(200);
    const overlap = res.body.overlaps.find((o) => o.communityId === formulaCommunityId);
    expect(overlap).toEqual(expect.objectContaining({ category: 'hygiene', stopCount: 2 }));
    expect(overlap?.organizations.map((o) => o.organizationId).sort()).toEqual([orgA.id, orgB.id].sort());
    // 7 days apart: a 3-day window sees no overlap.
    const narrow = await http<{ overlaps: Array<{ communityId: string }> }>(
      url,
      'GET',
      `/api/v1/reports/coverage?from=${limaDay(-30)}&to=${limaDay(30)}&days=3`,
      { token: admin },
    );
    expect(narrow.body.overlaps.some((o) => o.communityId === formulaCommunityId)).toBe(false);
  });

  it('reports the planted gap (approved 40 days ago, no stop) and not the recent need; reach vs needs per district', async () => {
    const res = await http<{
      gaps: Array<{ needRequestId: string; daysUnserved: number; districtPcode: string; categories: string[] }>;
      districts: Array<{ districtUbigeo: string; category: string; householdsReached: number; kitsConfirmed: number; openNeeds: number; openNeedHouseholds: number }>;
    }>(url, 'GET', `/api/v1/reports/coverage?from=${limaDay(-30)}&to=${limaDay(30)}&days=30`, { token: admin });
    expect(res.status).toBe(200);
    const gap = res.body.gaps.find((g) => g.needRequestId === oldNeedId);
    expect(gap).toEqual(expect.objectContaining({ districtPcode: `PE${DISTRICT}`, categories: ['hygiene'] }));
    expect(gap?.daysUnserved).toBeGreaterThanOrEqual(39);
    expect(res.body.gaps.some((g) => g.needRequestId === freshNeedId)).toBe(false);
    expect(res.body.districts.find((d) => d.districtUbigeo === DISTRICT && d.category === 'hygiene')).toEqual(
      expect.objectContaining({ kitsConfirmed: 4, householdsReached: 4 * householdsServed, openNeeds: 2, openNeedHouseholds: 42 }),
    );
    const longer = await http<{ gaps: Array<{ needRequestId: string }> }>(url, 'GET', '/api/v1/reports/coverage?days=60', { token: admin });
    expect(longer.body.gaps.some((g) => g.needRequestId === oldNeedId)).toBe(false);
  });

  it('gates the reports by role and answers bad query parameters with problem+json naming the field', async () => {
    for (const email of ['donante@minka.demo', 'lider@minka.demo']) {
      const token = (await login(url, email)).accessToken;
      expectProblem(await http(url, 'GET', '/api/v1/reports/3w', { token }), 403);
      expectProblem(await http(url, 'GET', '/api/v1/reports/coverage', { token }), 403);
    }
    for (const email of ['fondos@minka.demo', 'coordinador@minka.demo']) {
      const token = (await login(url, email)).accessToken;
      expect((await http(url, 'GET', '/api/v1/reports/3w?format=json', { token })).status).toBe(200);
      expect((await http(url, 'GET', '/api/v1/reports/coverage', { token })).status).toBe(200);
    }
    expectProblem(await http(url, 'GET', '/api/v1/reports/3w'), 401);

    const reversed = await http<{ errors: Array<{ field: string }> }>(url, 'GET', '/api/v1/reports/coverage?from=2026-05-10&to=2026-05-01', {
      token: admin,
    });
    expectProblem(reversed, 400);
    expect(reversed.body.errors.map((e) => e.field)).toEqual(['to']);
    const badFormat = await http<{ errors: Array<{ field: string }> }>(url, 'GET', '/api/v1/reports/3w?format=xlsx&from=2026-13-01', {
      token: admin,
    });
    expectProblem(badFormat, 400);
    expect(badFormat.body.errors.map((e) => e.field).sort()).toEqual(['format', 'from']);
    const badDays = await http<{ errors: Array<{ field: string }> }>(url, 'GET', '/api/v1/reports/coverage?days=0', { token: admin });
    expectProblem(badDays, 400);
    expect(badDays.body.errors.map((e) => e.field)).toContain('days');
  });
});
