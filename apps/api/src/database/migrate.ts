import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

/** Fixed key of the advisory lock that serialises migrations when several instances boot at once. */
const MIGRATION_LOCK = 727_001;

export async function runMigrations(url: string, log: (line: string) => void = () => undefined): Promise<string[]> {
  const dataSource = new DataSource({
    ...dataSourceOptions({ url, poolSize: 2, applicationName: 'minka-migrate' }),
    migrationsTransactionMode: 'each',
  });
  await dataSource.initialize();
  const runner = dataSource.createQueryRunner();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    for (const m of applied) log(`migration applied: ${m.name}`);
    return applied.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
    await dataSource.destroy();
  }
}
