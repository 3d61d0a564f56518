import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { MigrationInterface, QueryRunner } from 'typeorm';

type Row = Record<string, string>;

const DATA_DIR = path.join(__dirname, '..', 'reference-data');

function readCsv(file: string): Row[] {
  return parse<Row>(readFileSync(path.join(DATA_DIR, file), 'utf8'), { columns: true, skip_empty_lines: true });
}

const num = (value: string | undefined): number | null => (value === undefined || value.trim() === '' ? null : Number(value));

const COMMON = [
  'ubigeo',
  'pcode',
  'name',
  'capital',
  'lat',
  'lon',
  'altitude_m',
  'population_2025',
  'area_km2',
  'idh_2019',
  'poverty_total_pct',
  'poverty_extreme_pct',
  'food_vulnerability_index',
];

/**
 * INEI departments (25), provinces (196) and districts (1,891) from the CSVs in reference-data/
 * (attribution in its ATTRIBUTION.md). UBIGEO codes stay strings with leading zeros.
 */
export class LoadReferenceGeography1795314106870 implements MigrationInterface {
  name = 'LoadReferenceGeography1795314106870';

  async up(queryRunner: QueryRunner): Promise<void> {
    await insert(queryRunner, 'departments', readCsv('peru_departamentos.csv'), (r) => [...common(r, r.department)], []);
    await insert(queryRunner, 'provinces', readCsv('peru_provincias.csv'), (r) => [...common(r, r.province), r.department_ubigeo], [
      'department_ubigeo',
    ]);
    await insert(
      queryRunner,
      'districts',
      readCsv('peru_distritos.csv'),
      (r) => [...common(r, r.district), r.department_ubigeo, r.province_ubigeo],
      ['department_ubigeo', 'province_ubigeo'],
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DELETE FROM "districts"');
    await queryRunner.query('DELETE FROM "provinces"');
    await queryRunner.query('DELETE FROM "departments"');
  }
}

function common(r: Row, name: string): Array<string | number | null> {
  return [
    r.ubigeo,
    r.pcode,
    name,
    r.capital || null,
    num(r.lat),
    num(r.lon),
    num(r.altitude_m),
    num(r.population_2025),
    num(r.area_km2),
    num(r.idh_2019),
    num(r.poverty_total_pct),
    num(r.poverty_extreme_pct),
    num(r.food_vulnerability_index),
  ];
}

async function insert(
  queryRunner: QueryRunner,
  table: string,
  rows: Row[],
  values: (r: Row) => Array<string | number | null>,
  extra: string[],
): Promise<void> {
  const columns = [...COMMON, ...extra];
  const batchSize = 500;
  for (let start = 0; start < rows.length; start += batchSize) {
    const batch = rows.slice(start, start + batchSize);
    const params: Array<string | number | null> = [];
    const tuples = batch.map((r) => {
      const v = values(r);
      const placeholders = v.map((value) => {
        params.push(value);
        return `$${params.length}`;
      });
      return `(${placeholders.join(', ')})`;
    });
    await queryRunner.query(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES ${tuples.join(', ')}`, params);
  }
}
