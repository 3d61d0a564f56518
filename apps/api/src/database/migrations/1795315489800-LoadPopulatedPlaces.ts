import { createReadStream } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { MigrationInterface, QueryRunner } from 'typeorm';

const GAZETTEER = path.join(__dirname, '..', 'reference-data', 'peru_centros_poblados.csv.gz');

/** Zoom levels pre-clustered for the places layer; from CLUSTER_MAX_ZOOM + 1 on, the map gets single places. */
const CLUSTER_MAX_ZOOM = 11;

/**
 * Loads the 94,922 INEI populated places once per database (the test template holds them, so
 * cloned test databases copy them for free): gunzip → COPY into a staging table → typed insert.
 * Also creates the search extensions, the immutable unaccent wrapper and the GiST / trigram
 * indexes TypeORM cannot express, and the static cluster grid of the gazetteer.
 */
export class LoadPopulatedPlaces1795315489800 implements MigrationInterface {
  name = 'LoadPopulatedPlaces1795315489800';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS unaccent');
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    // unaccent() is only STABLE (it reads a dictionary); pinning the dictionary makes it safe to index.
    await queryRunner.query(
      `CREATE OR REPLACE FUNCTION minka_unaccent(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
       AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$`,
    );
    await queryRunner.query(
      'CREATE TEMP TABLE ccpp_staging (ubigeo_ccpp text, ubigeo_district text, name text, type text, lat double precision, lon double precision) ON COMMIT DROP',
    );
    const client = (await queryRunner.connect()) as PoolClient;
    await pipeline(
      createReadStream(GAZETTEER),
      createGunzip(),
      client.query(copyFrom('COPY ccpp_staging FROM STDIN WITH (FORMAT csv, HEADER true)')),
    );
    await queryRunner.query(
      `INSERT INTO populated_places (code, name, kind, district_ubigeo, lat, lon)
       SELECT ubigeo_ccpp, btrim(name), lower(type), ubigeo_district, lat, lon FROM ccpp_staging`,
    );
    await queryRunner.query('CREATE INDEX ix_populated_places_name_trgm ON populated_places USING gin (minka_unaccent(name) gin_trgm_ops)');
    await queryRunner.query('CREATE INDEX ix_populated_places_location ON populated_places USING gist (point(lon, lat))');
    await queryRunner.query('CREATE INDEX ix_communities_location ON communities USING gist (point(lon, lat))');
    await queryRunner.query('CREATE INDEX ix_communities_name_trgm ON communities USING gin (minka_unaccent(name) gin_trgm_ops)');
    // Grid cells of 64 screen pixels: 90 / 2^zoom degrees (Peru is close enough to the equator for a lat/lon grid).
    await queryRunner.query(
      `INSERT INTO populated_place_clusters (zoom, department_ubigeo, cell_x, cell_y, count, lat, lon)
       SELECT z, left(p.district_ubigeo, 2), floor(p.lon / (90.0 / 2 ^ z))::int, floor(p.lat / (90.0 / 2 ^ z))::int,
              count(*), avg(p.lat), avg(p.lon)
       FROM populated_places p CROSS JOIN generate_series(0, ${CLUSTER_MAX_ZOOM}) AS z
       GROUP BY 1, 2, 3, 4`,
    );
    await queryRunner.query('ANALYZE populated_places');
    await queryRunner.query('ANALYZE populated_place_clusters');
    const rows = (await queryRunner.query('SELECT count(*)::int AS count FROM populated_places')) as Array<{ count: number }>;
    const count = rows[0]?.count ?? 0;
    // Guard against a truncated or wrong asset: the migration must fail rather than leave a partial gazetteer.
    if (count !== 94_922) throw new Error(`gazetteer: expected 94,922 populated places, loaded ${count}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DELETE FROM populated_place_clusters');
    await queryRunner.query('DROP INDEX IF EXISTS ix_communities_name_trgm');
    await queryRunner.query('DROP INDEX IF EXISTS ix_communities_location');
    await queryRunner.query('DROP INDEX IF EXISTS ix_populated_places_location');
    await queryRunner.query('DROP INDEX IF EXISTS ix_populated_places_name_trgm');
    await queryRunner.query('DELETE FROM populated_places');
    await queryRunner.query('DROP FUNCTION IF EXISTS minka_unaccent(text)');
  }
}
