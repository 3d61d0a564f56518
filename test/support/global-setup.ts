// Jest's globalSetup runs outside its module registry, where moduleNameMapper does not apply; the demo
// seed it loads reaches `@minka/routing` (delivery rounds are optimised): map tsconfig's paths here.
import 'tsconfig-paths/register';
import { mkdtempSync, chmodSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { ENTITIES } from '../../apps/api/src/database/entities';
import { seedDemoData } from '../../apps/api/src/database/seed/demo-seed';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../../apps/api/src/database/embedded-postgres';
import { runMigrations } from '../../apps/api/src/database/migrate';
import { databaseUrl } from './test-database';

declare global {
  var __MINKA_TEST_DB__: { embedded: EmbeddedPostgresHandle | null; adminUrl: string; template: string; tmpDir: string | null } | undefined;
}

/**
 * Starts (or connects to) PostgreSQL once for the whole run and migrates a template database that
 * every test file clones. TEST_DATABASE_URL selects an existing server (any database on it is used
 * only as the admin connection); otherwise an embedded server runs in a temporary folder.
 */
export default async function globalSetup(): Promise<void> {
  let embedded: EmbeddedPostgresHandle | null = null;
  let admin = process.env.TEST_DATABASE_URL;
  let tmpDir: string | null = null;
  if (!admin) {
    tmpDir = mkdtempSync(path.join(tmpdir(), 'minka-test-pg-'));
    chmodSync(tmpDir, 0o755);
    embedded = await startEmbeddedPostgres({ dataDir: tmpDir, database: 'postgres' });
    admin = embedded.url;
  }
  const template = `minka_tpl_${process.pid}_${Date.now().toString(36)}`;
  const client = new Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${template}"`);
  } finally {
    await client.end();
  }
  await runMigrations(databaseUrl(admin, template));
  // A second template with the demo data loaded once, for tests that boot the app as a user finds it.
  const demoTemplate = `${template}_demo`;
  const admin2 = new Client({ connectionString: admin });
  await admin2.connect();
  try {
    await admin2.query(`CREATE DATABASE "${demoTemplate}" TEMPLATE "${template}"`);
  } finally {
    await admin2.end();
  }
  const demo = await new DataSource({ type: 'postgres', url: databaseUrl(admin, demoTemplate), entities: ENTITIES, extra: { max: 2 } }).initialize();
  try {
    await seedDemoData(demo, 'test');
  } finally {
    await demo.destroy();
  }
  process.env.MINKA_TEST_ADMIN_URL = admin;
  process.env.MINKA_TEST_TEMPLATE = template;
  process.env.MINKA_TEST_DEMO_TEMPLATE = demoTemplate;
  globalThis.__MINKA_TEST_DB__ = { embedded, adminUrl: admin, template, tmpDir };
}

export async function teardownTestDatabase(): Promise<void> {
  const state = globalThis.__MINKA_TEST_DB__;
  if (!state) return;
  const client = new Client({ connectionString: state.adminUrl });
  await client.connect();
  try {
    const leftovers = await client.query<{ datname: string }>(
      // Only this run's databases: another run may share the server (TEST_DATABASE_URL).
      `SELECT datname FROM pg_database WHERE datname IN ($1, $2) OR datname LIKE $3`,
      [state.template, `${state.template}_demo`, `${state.template.replace('minka_tpl_', 'minka_t_')}\\_%`],
    );
    for (const row of leftovers.rows) await client.query(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
  await state.embedded?.stop();
  if (state.tmpDir) rmSync(state.tmpDir, { recursive: true, force: true });
}
