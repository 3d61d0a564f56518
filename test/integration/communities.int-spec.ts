import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

describe('communities schema (gazetteer, indexes, constraints)', () => {
  let db: TestDatabase;
  let client: Client;
  beforeAll(async () => {
    db = await createTestDatabase();
    client = new Client({ connectionString: db.url });
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
    await db.drop();
  });

  it('holds all 94,922 INEI populated places with their cluster grid', async () => {
    const { rows } = await client.query<{ n: number; urban: number }>(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE kind = 'urban')::int AS urban FROM populated_places`,
    );
    expect(rows[0]).toEqual({ n: 94922, urban: 3747 });
    const grid = await client.query<{ zoom: number; n: number }>(
      'SELECT zoom, sum(count)::int AS n FROM populated_place_clusters GROUP BY zoom',
    );
    expect(grid.rows.length).toBe(12);
    expect(grid.rows.every((r) => r.n === 94922)).toBe(true);
  });

  it('searches names ignoring accents and case through the trigram index', async () => {
    const { rows } = await client.query<{ name: string }>(
      `SELECT name FROM populated_places WHERE minka_unaccent(name) LIKE '%' || minka_unaccent($1) || '%' ORDER BY code LIMIT 3`,
      ['POMACANCHÍ'],
    );
    expect(rows.map((r) => r.name)).toContain('POMACANCHI');
    await client.query('SET enable_seqscan = off');
    const plan = await client.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN SELECT code FROM populated_places WHERE minka_unaccent(name) LIKE '%pomacanchi%'`,
    );
    expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toContain('ix_populated_places_name_trgm');
    const box = await client.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN SELECT code FROM populated_places WHERE point(lon, lat) <@ box(point(-72, -15), point(-71, -14))`,
    );
    expect(box.rows.map((r) => r['QUERY PLAN']).join('\n')).toContain('ix_populated_places_location');
    await client.query('RESET enable_seqscan');
  });

  it('refuses, in the database itself, coordinates outside Peru and phones not in E.164', async () => {
    await expect(
      client.query(`INSERT INTO communities (name, district_ubigeo, lat, lon) VALUES ('Fuera', '080205', -16.5, -68.1)`),
    ).rejects.toThrow(/ck_communities_lon/);
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO communities (name, district_ubigeo, lat, lon) VALUES ('Dentro', '080205', -14.0, -71.5) RETURNING id`,
    );
    await expect(
      client.query(`INSERT INTO community_leaders (community_id, full_name, role, phone) VALUES ($1, 'Ana', 'apu', '984123456')`, [
        rows[0].id,
      ]),
    ).rejects.toThrow(/ck_community_leaders_phone/);
    await expect(
      client.query(`INSERT INTO communities (name, district_ubigeo, lat, lon) VALUES ('Sin distrito', '999999', -14.0, -71.5)`),
    ).rejects.toThrow(/fk_communities_district/);
  });
});
