import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/**
 * Integration tests run against a real PostgreSQL: the embedded server started by the global
 * setup, or TEST_DATABASE_URL. Migrations run once into a template database; each test file clones
 * it (CREATE DATABASE … TEMPLATE), which takes milliseconds, and drops its clone afterwards.
 */
export function adminUrl(): string {
  const url = process.env.MINKA_TEST_ADMIN_URL;
  if (!url) throw new Error('MINKA_TEST_ADMIN_URL is not set: run this test through jest (global setup prepares the database)');
  return url;
}

export function templateName(): string {
  const name = process.env.MINKA_TEST_TEMPLATE;
  if (!name) throw new Error('MINKA_TEST_TEMPLATE is not set: run this test through jest');
  return name;
}

export function demoTemplateName(): string {
  const name = process.env.MINKA_TEST_DEMO_TEMPLATE;
  if (!name) throw new Error('MINKA_TEST_DEMO_TEMPLATE is not set: run this test through jest');
  return name;
}

export function databaseUrl(adminConnection: string, database: string): string {
  const url = new URL(adminConnection);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function withAdmin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A fresh clone of the migrated schema; with `demo: true`, of the schema plus the demo data. */
export async function createTestDatabase(options: { demo?: boolean } = {}): Promise<TestDatabase> {
  // Named after the run's template so that teardown drops exactly this run's clones.
  const name = `${templateName().replace('minka_tpl_', 'minka_t_')}_${randomBytes(4).toString('hex')}`;
  const template = options.demo ? demoTemplateName() : templateName();
  await withAdmin(async (client) => {
    await client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  });
  return {
    name,
    url: databaseUrl(adminUrl(), name),
    drop: () =>
      withAdmin(async (client) => {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      }),
  };
}
