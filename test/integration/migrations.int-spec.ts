import { Client } from 'pg';
import { schemaDiff } from '../../apps/api/src/database/schema-diff';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

describe('migrations', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  it('leave no pending schema change: the entities match the migrated schema (drift check)', async () => {
    const diff = await schemaDiff(db.url);
    expect(diff.up).toEqual([]);
  });

  it('load the INEI reference geography with UBIGEO codes as zero-padded strings', async () => {
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      const counts = await client.query(
        `SELECT (SELECT count(*) FROM departments)::int AS d, (SELECT count(*) FROM provinces)::int AS p, (SELECT count(*) FROM districts)::int AS di`,
      );
      expect(counts.rows[0]).toEqual({ d: 25, p: 196, di: 1891 });
      const chacha = await client.query(`SELECT ubigeo, pcode, name, department_ubigeo FROM districts WHERE ubigeo = '010101'`);
      expect(chacha.rows[0]).toEqual({ ubigeo: '010101', pcode: 'PE010101', name: 'Chachapoyas', department_ubigeo: '01' });
    } finally {
      await client.end();
    }
  });

  it('make the audit log append-only: UPDATE, DELETE and TRUNCATE are refused', async () => {
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      await client.query(`INSERT INTO audit_log (action, entity_type, summary) VALUES ('test.event', 'test', 'written by the test')`);
      await expect(client.query(`UPDATE audit_log SET summary = 'changed'`)).rejects.toThrow(/append-only/);
      await expect(client.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
      await expect(client.query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
      const rows = await client.query(`SELECT summary FROM audit_log WHERE action = 'test.event'`);
      expect(rows.rows).toEqual([{ summary: 'written by the test' }]);
    } finally {
      await client.end();
    }
  });
});
