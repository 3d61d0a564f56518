import type { DataSource } from 'typeorm';

/**
 * Idempotent write paths the load drivers exercise. Each builds request i and counts how many rows
 * request i produced. Domains add theirs (donations, receipts, reservations, confirmations) here.
 */
export interface WritePath {
  name: string;
  /** Demo login that may call it. */
  as: string;
  request(run: string, i: number): { method: string; path: string; body: unknown };
  rowsFor(db: DataSource, run: string, i: number): Promise<number>;
}

export const WRITE_PATHS: WritePath[] = [
  {
    name: 'organization',
    as: 'admin@minka.demo',
    request: (run, i) => ({ method: 'POST', path: '/api/v1/admin/organizations', body: { name: `Carga ${run} ${i}`, slug: `carga-${run}-${i}` } }),
    rowsFor: async (db, run, i) => (await db.query(`SELECT count(*)::int AS n FROM organizations WHERE slug = $1`, [`carga-${run}-${i}`]))[0].n as number,
  },
];
