import { bootApp, type BootedApp } from '../support/app';
import { expectProblem, http, login } from '../support/http';

interface Page<T> {
  items: T[];
  total: number;
}
interface Place {
  code: string;
  name: string;
  districtUbigeo: string;
}
interface Community {
  id: string;
  name: string;
  districtUbigeo: string;
  lat: number;
  lon: number;
  canReadLeaders: boolean;
}
interface Need {
  id: string;
  status: string;
  communityId: string;
  priority: { total: number; parts: Record<string, number> };
}
interface Feature {
  properties: { kind: string; count: number; maxOpenUrgency: number | null };
}

describe('communities and needs', () => {
  let app: BootedApp;
  const tokens: Record<string, string> = {};
  let pomacanchiId: string;

  beforeAll(async () => {
    app = await bootApp();
    await Promise.all(
      ['admin', 'coordinador', 'almacen', 'fondos', 'lider', 'donante'].map(async (role) => {
        tokens[role] = (await login(app.url, `${role}@minka.demo`)).accessToken;
      }),
    );
    const [row] = await app.dataSource.query<Array<{ id: string }>>(`SELECT id FROM communities WHERE place_code = '0802050001'`);
    pomacanchiId = row.id;
  }, 60_000);
  afterAll(() => app.close());

  const get = <T>(path: string, token?: string) => http<T>(app.url, 'GET', path, { token });
  const post = <T>(path: string, body: unknown, token?: string) => http<T>(app.url, 'POST', path, { token, body });

  it('rejects without authentication', async () => {
    for (const path of ['/api/v1/communities', '/api/v1/places?q=cusco', '/api/v1/needs', `/api/v1/communities/${pomacanchiId}/leaders`]) {
      expectProblem(await get(path), 401, 'AUTH_REQUIRED');
    }
    expectProblem(await post('/api/v1/communities', { name: 'X' }), 401, 'AUTH_REQUIRED');
  });

  describe('gazetteer and registry search', () => {
    it('finds populated places ignoring accents and case', async () => {
      for (const q of ['pomacanchi', 'POMACANCHÍ', 'Pomacanchí']) {
        const res = await get<Page<Place>>(`/api/v1/places?q=${encodeURIComponent(q)}&department=08`, tokens.coordinador);
        expect(res.status).toBe(200);
        expect(res.body.items[0]).toEqual(expect.objectContaining({ code: '0802050001', name: 'POMACANCHI', districtUbigeo: '080205' }));
      }
    });

    it('holds the whole INEI gazetteer', async () => {
      const [{ count }] = await app.dataSource.query<Array<{ count: number }>>('SELECT count(*)::int AS count FROM populated_places');
      expect(count).toBe(94922);
      const res = await get<Page<Place>>('/api/v1/places?district=080205&pageSize=100', tokens.coordinador);
      expect(res.body.total).toBeGreaterThan(5);
      expect(res.body.items.every((p) => p.districtUbigeo === '080205')).toBe(true);
    });

    it('finds an accented community by an unaccented, lower-case query', async () => {
      const created = await post<Community>(
        '/api/v1/communities',
        { name: 'Sector Pomacanchí Alto', districtUbigeo: '080205', lat: -14.04, lon: -71.58, households: 30 },
        tokens.coordinador,
      );
      expect(created.status).toBe(201);
      const res = await get<Page<Community>>('/api/v1/communities?q=pomacanchi', tokens.coordinador);
      expect(res.body.items.map((c) => c.name)).toEqual(expect.arrayContaining(['Pomacanchi', 'Sector Pomacanchí Alto']));
      const upper = await get<Page<Community>>(`/api/v1/communities?q=${encodeURIComponent('POMACANCHÍ ALTO')}`, tokens.coordinador);
      expect(upper.body.items.map((c) => c.name)).toEqual(['Sector Pomacanchí Alto']);
    });

    it('filters communities by department', async () => {
      const res = await get<Page<Community>>('/api/v1/communities?department=16&pageSize=100', tokens.donante);
      expect(res.body.total).toBeGreaterThan(10);
      expect(res.body.items.every((c) => c.districtUbigeo.startsWith('16'))).toBe(true);
    });
  });

  describe('registering communities', () => {
    it('creates a community from a gazetteer place in one step', async () => {
      const res = await post<Community & { placeCode: string }>('/api/v1/communities', { placeCode: '0802050003' }, tokens.coordinador);
      expect(res.status).toBe(201);
      const [place] = await app.dataSource.query<
        Array<{
          lat: number;
          lon: number;
          district_ubigeo: string;
        }>
      >(`SELECT lat, lon, district_ubigeo FROM populated_places WHERE code = '0802050003'`);
      expect(res.body).toEqual(
        expect.objectContaining({ placeCode: '0802050003', districtUbigeo: place.district_ubigeo, lat: place.lat, lon: place.lon }),
      );
    });

    it('refuses an unknown district UBIGEO with a 400 naming the field', async () => {
      const res = await post('/api/v1/communities', { name: 'Nueva', districtUbigeo: '089999', lat: -13.5, lon: -72 }, tokens.coordinador);
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect((res.body as { errors: Array<{ field: string }> }).errors.map((e) => e.field)).toEqual(['districtUbigeo']);
      expectProblem(
        await post('/api/v1/communities', { name: 'Nueva', districtUbigeo: '8101', lat: -13.5, lon: -72 }, tokens.coordinador),
        400,
      );
    });

    it('refuses coordinates outside Peru with a 400 naming the field', async () => {
      const res = await post(
        '/api/v1/communities',
        { name: 'La Paz', districtUbigeo: '080205', lat: -16.5, lon: -68.1 },
        tokens.coordinador,
      );
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect((res.body as { errors: Array<{ field: string }> }).errors.map((e) => e.field)).toEqual(['lon']);
      const north = await post(
        '/api/v1/communities',
        { name: 'Quito', districtUbigeo: '080205', lat: 0.2, lon: -78.5 },
        tokens.coordinador,
      );
      expect((north.body as { errors: Array<{ field: string }> }).errors.map((e) => e.field)).toEqual(['lat']);
    });

    it('lets only admins and coordinators register communities', async () => {
      for (const role of ['donante', 'fondos', 'lider', 'almacen']) {
        expectProblem(await post('/api/v1/communities', { placeCode: '0802050004' }, tokens[role]), 403);
      }
    });
  });

  describe('leaders and personal data', () => {
    it('logs every read of a leader’s name and phone', async () => {
      const count = async (): Promise<number> =>
        (
          await app.dataSource.query<
            Array<{
              n: number;
            }>
          >(`SELECT count(*)::int AS n FROM personal_data_access_log WHERE community_id = $1`, [pomacanchiId])
        )[0].n;
      const before = await count();
      const res = await get<Array<{ id: string; fullName: string; phone: string | null }>>(
        `/api/v1/communities/${pomacanchiId}/leaders`,
        tokens.coordinador,
      );
      expect(res.status).toBe(200);
      expect(res.body.length).toBeGreaterThan(0);
      expect(await count()).toBe(before + res.body.length);
      await get(`/api/v1/communities/${pomacanchiId}/leaders`, tokens.admin);
      expect(await count()).toBe(before + 2 * res.body.length);
      const [log] = await app.dataSource.query<Array<{ fields: string[]; purpose: string; correlation_id: string; email: string }>>(
        `SELECT l.fields, l.purpose, l.correlation_id, u.email FROM personal_data_access_log l JOIN users u ON u.id = l.actor_user_id
         WHERE l.leader_id = $1 ORDER BY l.id LIMIT 1 OFFSET $2`,
        [res.body[0].id, before === 0 ? 0 : 0],
      );
      expect(log.email).toBe('coordinador@minka.demo');
      expect(log.fields).toContain('full_name');
      expect(log.purpose).toBe('GET /api/v1/communities/:id/leaders');
      expect(log.correlation_id).toEqual(expect.any(String));
    });

    it('refuses leaders to coordinators of organisations that are not partners, and to other roles', async () => {
      const [other] = await app.dataSource.query<Array<{ id: string }>>(
        `SELECT c.id FROM communities c WHERE NOT EXISTS (SELECT 1 FROM community_partners p JOIN organizations o ON o.id = p.organization_id
         WHERE p.community_id = c.id AND o.slug = 'wayra-ayllu') LIMIT 1`,
      );
      expectProblem(await get(`/api/v1/communities/${other.id}/leaders`, tokens.coordinador), 403, 'COMMUNITY_NOT_PARTNER');
      for (const role of ['donante', 'fondos', 'lider', 'almacen']) {
        expectProblem(await get(`/api/v1/communities/${pomacanchiId}/leaders`, tokens[role]), 403);
      }
    });

    it('never sends leader names or phones to donors or unauthenticated callers', async () => {
      const leaders = await app.dataSource.query<
        Array<{
          full_name: string;
          phone: string | null;
        }>
      >('SELECT full_name, phone FROM community_leaders');
      const secrets = leaders.flatMap((l) => [l.full_name, l.phone]).filter((s): s is string => !!s);
      expect(secrets.length).toBeGreaterThan(300);
      const paths = [
        '/api/v1/communities?pageSize=100',
        '/api/v1/communities?q=pomacanchi',
        `/api/v1/communities/${pomacanchiId}`,
        `/api/v1/communities/${pomacanchiId}/leaders`,
        '/api/v1/communities/geo?bbox=-82,-19,-68,0&zoom=12',
        '/api/v1/communities/geo?bbox=-72,-15,-71,-14&zoom=14',
        '/api/v1/places?q=pomacanchi',
        '/api/v1/needs',
        '/api/v1/communities/export.csv',
      ];
      for (const token of [tokens.donante, undefined]) {
        for (const path of paths) {
          const res = await get<unknown>(path, token);
          const text = typeof res.body === 'string' ? res.body : JSON.stringify(res.body);
          const leaked = secrets.filter((s) => text.includes(s));
          expect({ path, token: !!token, leaked }).toEqual({ path, token: !!token, leaked: [] });
        }
      }
      const detail = await get<Community>(`/api/v1/communities/${pomacanchiId}`, tokens.donante);
      expect(detail.status).toBe(200);
      expect(detail.body.canReadLeaders).toBe(false);
    });
  });

  describe('needs workflow', () => {
    const newNeed = async (token = tokens.coordinador, communityId = pomacanchiId): Promise<Need> => {
      const res = await post<Need>(
        `/api/v1/communities/${communityId}/needs`,
        {
          lines: [
            { kitTypeCode: 'KIT-ABR-FRI', quantity: 30 },
            { itemDescription: 'Frazadas', quantity: 60 },
          ],
          householdsAffected: 30,
          urgency: 5,
          cause: 'frost',
        },
        token,
      );
      expect(res.status).toBe(201);
      return res.body;
    };
    const move = (id: string, status: string, token: string) =>
      post<Need>(`/api/v1/needs/${id}/transitions`, { status, reason: 'Decisión de la comisión' }, token);

    it('lets the community leader submit a need for their own community only', async () => {
      const need = await newNeed(tokens.lider);
      expect(need.status).toBe('submitted');
      const [other] = await app.dataSource.query<
        Array<{
          id: string;
        }>
      >(`SELECT id FROM communities WHERE id <> $1 LIMIT 1`, [pomacanchiId]);
      const res = await post(
        `/api/v1/communities/${other.id}/needs`,
        { lines: [{ kitTypeCode: 'KIT-HIG-FAM', quantity: 1 }], householdsAffected: 1, urgency: 1, cause: 'other' },
        tokens.lider,
      );
      expectProblem(res, 403, 'COMMUNITY_NOT_PARTNER');
    });

    it('allows approve and reject only to admins and coordinators, with a reason', async () => {
      const need = await newNeed();
      for (const role of ['almacen', 'lider']) expectProblem(await move(need.id, 'approved', tokens[role]), 403, 'NEED_TRANSITION_ROLE');
      for (const role of ['fondos', 'donante']) expectProblem(await move(need.id, 'approved', tokens[role]), 403);
      expectProblem(
        await http(app.url, 'POST', `/api/v1/needs/${need.id}/transitions`, { token: tokens.coordinador, body: { status: 'approved' } }),
        400,
      );
      const approved = await move(need.id, 'approved', tokens.coordinador);
      expect(approved.status).toBe(200);
      expect(approved.body.status).toBe('approved');
      expectProblem(await move(need.id, 'rejected', tokens.admin), 409, 'NEED_TRANSITION_NOT_ALLOWED');
      const rejectable = await newNeed();
      expect((await move(rejectable.id, 'rejected', tokens.admin)).body.status).toBe('rejected');
      expectProblem(await move(rejectable.id, 'approved', tokens.admin), 409, 'NEED_TRANSITION_NOT_ALLOWED');
    });

    it('lets storekeepers record fulfilment of approved needs but not approve them', async () => {
      const need = await newNeed();
      expectProblem(await move(need.id, 'fulfilled', tokens.almacen), 409, 'NEED_TRANSITION_NOT_ALLOWED');
      await move(need.id, 'approved', tokens.coordinador);
      expect((await move(need.id, 'partially_fulfilled', tokens.almacen)).body.status).toBe('partially_fulfilled');
      const done = await move(need.id, 'fulfilled', tokens.almacen);
      expect(done.body.status).toBe('fulfilled');
      const detail = await get<{ events: Array<{ fromStatus: string | null; toStatus: string; reason: string | null }> }>(
        `/api/v1/needs/${need.id}`,
        tokens.admin,
      );
      expect(detail.body.events.map((e) => e.toStatus)).toEqual(['submitted', 'approved', 'partially_fulfilled', 'fulfilled']);
      const audit = await app.dataSource.query<Array<{ action: string }>>(
        `SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY occurred_at, id`,
        [need.id],
      );
      expect(audit.map((a) => a.action)).toEqual(['need.submitted', 'need.approved', 'need.partially_fulfilled', 'need.fulfilled']);
    });

    it('lets a leader cancel their own submitted need, not a decided one', async () => {
      const mine = await newNeed(tokens.lider);
      expect((await move(mine.id, 'cancelled', tokens.lider)).body.status).toBe('cancelled');
      const decided = await newNeed(tokens.lider);
      await move(decided.id, 'approved', tokens.coordinador);
      expectProblem(await move(decided.id, 'cancelled', tokens.lider), 403, 'NEED_TRANSITION_ROLE');
    });

    it('refuses decisions by coordinators whose organisation does not partner the community', async () => {
      const [other] = await app.dataSource.query<Array<{ id: string }>>(
        `SELECT c.id FROM communities c WHERE NOT EXISTS (SELECT 1 FROM community_partners p JOIN organizations o ON o.id = p.organization_id
         WHERE p.community_id = c.id AND o.slug = 'wayra-ayllu') LIMIT 1`,
      );
      const need = await newNeed(tokens.admin, other.id);
      expectProblem(await move(need.id, 'approved', tokens.coordinador), 403, 'COMMUNITY_NOT_PARTNER');
      const seen = await get<Need & { canDecide: boolean }>(`/api/v1/needs/${need.id}`, tokens.coordinador);
      expect(seen.body.canDecide).toBe(false);
      const own = await get<Page<Need & { canDecide: boolean }>>(`/api/v1/needs?communityId=${pomacanchiId}`, tokens.coordinador);
      expect(own.body.items.length).toBeGreaterThan(0);
      expect(own.body.items.every((n) => n.canDecide)).toBe(true);
    });

    it('shows the priority score with its parts, following the documented formula', async () => {
      await app.dataSource.query(`UPDATE communities SET access_mode = 'river', access_hours = 12, cut_off_months = '{}' WHERE id = $1`, [
        pomacanchiId,
      ]);
      const need = await newNeed();
      const [d] = await app.dataSource.query<Array<{ poverty_total_pct: number }>>(
        `SELECT d.poverty_total_pct FROM communities c JOIN districts d ON d.ubigeo = c.district_ubigeo WHERE c.id = $1`,
        [pomacanchiId],
      );
      const res = await get<Need>(`/api/v1/needs/${need.id}`, tokens.coordinador);
      const { parts, total } = res.body.priority;
      expect(parts.urgency).toBe(40); // urgency 5
      expect(parts.households).toBeCloseTo(20 * (Math.log10(31) / Math.log10(501)), 1);
      expect(parts.poverty).toBeCloseTo((15 * d.poverty_total_pct) / 100, 1);
      expect(parts.isolation).toBeCloseTo(15 * 0.7, 1); // river
      // The demo's completed delivery round reached Pomacanchi (the demo leader's community) ten days ago.
      const [cov] = await app.dataSource.query<Array<{ last_delivery_at: Date | null }>>(
        'SELECT last_delivery_at FROM community_coverage WHERE community_id = $1',
        [pomacanchiId],
      );
      const days = cov.last_delivery_at ? (Date.now() - new Date(cov.last_delivery_at).getTime()) / 86_400_000 : Infinity;
      expect(cov.last_delivery_at).not.toBeNull();
      expect(parts.recency).toBeCloseTo(10 * Math.min(1, days / 180), 1);
      expect(total).toBeCloseTo(parts.urgency + parts.households + parts.poverty + parts.isolation + parts.recency, 5);
    });

    it('sorts the board by priority and filters by status', async () => {
      const res = await get<Page<Need>>('/api/v1/needs?status=submitted&pageSize=100', tokens.coordinador);
      expect(res.status).toBe(200);
      expect(res.body.items.every((n) => n.status === 'submitted')).toBe(true);
      const totals = res.body.items.map((n) => n.priority.total);
      expect(totals).toEqual([...totals].sort((a, b) => b - a));
    });
  });

  describe('map', () => {
    it('clusters all 94,922 places at low zoom and returns single places when zoomed in', async () => {
      const low = await get<{ features: Feature[]; meta: { clustered: boolean } }>(
        '/api/v1/communities/geo?bbox=-82,-19,-68,0.5&zoom=5&layer=places',
        tokens.donante,
      );
      expect(low.status).toBe(200);
      expect(low.body.meta.clustered).toBe(true);
      expect(low.body.features.length).toBeLessThan(500);
      expect(low.body.features.reduce((s, f) => s + f.properties.count, 0)).toBe(94922);
      const high = await get<{ features: Feature[]; meta: { clustered: boolean } }>(
        '/api/v1/communities/geo?bbox=-71.7,-14.1,-71.5,-13.95&zoom=13&layer=places',
        tokens.donante,
      );
      expect(high.body.meta.clustered).toBe(false);
      expect(high.body.features.every((f) => f.properties.kind === 'place' && f.properties.count === 1)).toBe(true);
    });

    it('colours communities by highest open urgency and filters by department', async () => {
      const res = await get<{ features: Feature[] }>(
        '/api/v1/communities/geo?bbox=-82,-19,-68,0.5&zoom=5&department=21',
        tokens.coordinador,
      );
      expect(res.body.features.reduce((s, f) => s + f.properties.count, 0)).toBe(40);
      const urgent = await get<{ features: Feature[] }>(
        '/api/v1/communities/geo?bbox=-82,-19,-68,0.5&zoom=12&minUrgency=5',
        tokens.coordinador,
      );
      expect(urgent.body.features.length).toBeGreaterThan(0);
      expect(urgent.body.features.every((f) => f.properties.maxOpenUrgency === 5)).toBe(true);
    });

    it('refuses a malformed bounding box with a 400 naming bbox', async () => {
      for (const bbox of ['-70,-10,-80,-5', 'a,b,c,d', '-70,-10']) {
        const res = await get(`/api/v1/communities/geo?bbox=${bbox}&zoom=5`, tokens.coordinador);
        expectProblem(res, 400, 'VALIDATION_FAILED');
        expect(JSON.stringify(res.body)).toContain('bbox');
      }
    });
  });

  describe('import and export', () => {
    const header = 'name,district_ubigeo,place_code,lat,lon,households,languages,access_mode,cut_off_months,notes';
    it('imports nothing when one row is invalid, reporting each rejected row', async () => {
      const before = (await app.dataSource.query<Array<{ n: number }>>('SELECT count(*)::int AS n FROM communities'))[0].n;
      const csv = [
        header,
        'Anexo Uno,080205,,-14.0,-71.5,20,qu;es,trail,1;2,',
        'Anexo Dos,999999,,-14.0,-71.5,20,,,,',
        'Anexo Tres,080205,,5,-71.5,20,,,,',
      ].join('\n');
      const res = await post<{ errors: Array<{ field: string }> }>('/api/v1/communities/import', { csv }, tokens.coordinador);
      expectProblem(res, 422, 'COMMUNITY_IMPORT_REJECTED');
      expect(res.body.errors.map((e) => e.field)).toEqual(['line 3: district_ubigeo', 'line 4: lat']);
      expect((await app.dataSource.query<Array<{ n: number }>>('SELECT count(*)::int AS n FROM communities'))[0].n).toBe(before);
      const partial = await post<{ accepted: number; rejected: number; rows: Array<{ status: string; id: string | null }> }>(
        '/api/v1/communities/import?partial=true',
        { csv },
        tokens.coordinador,
      );
      expect(partial.status).toBe(201);
      expect(partial.body).toEqual(expect.objectContaining({ accepted: 1, rejected: 2 }));
      expect(partial.body.rows.map((r) => r.status)).toEqual(['accepted', 'rejected', 'rejected']);
      expect((await app.dataSource.query<Array<{ n: number }>>('SELECT count(*)::int AS n FROM communities'))[0].n).toBe(before + 1);
    });

    it('exports CSV with formula-looking text neutralised', async () => {
      const evil = '=HYPERLINK("http://evil.example","clic")';
      const created = await post<Community>(
        '/api/v1/communities',
        { name: '+Anexo Formula', districtUbigeo: '080205', lat: -14.02, lon: -71.55, notes: evil },
        tokens.admin,
      );
      expect(created.status).toBe(201);
      const res = await get<string>('/api/v1/communities/export.csv', tokens.coordinador);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/csv/);
      const line = res.body.split('\n').find((l) => l.includes('Anexo Formula')) ?? '';
      expect(line).toContain("'+Anexo Formula");
      expect(line).toContain(`"'=HYPERLINK(""http://evil.example"",""clic"")"`);
      expect(line).toContain('-14.02');
      expect(line).not.toMatch(/,=|,\+A/);
    });
  });
});
