import path from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';

export interface DatabaseSettings {
  url: string;
  poolSize?: number;
  statementTimeoutMs?: number;
  applicationName?: string;
}

/** Migrations are compiled next to this file; tests run the TypeScript sources, the app the compiled JS. */
export const MIGRATIONS_GLOB = path.join(__dirname, 'migrations', '*.{ts,js}');

export function dataSourceOptions(settings: DatabaseSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    // gen_random_uuid() is built into PostgreSQL 13+: no extension needed.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    entities: ENTITIES,
    migrations: [MIGRATIONS_GLOB],
    migrationsTableName: 'schema_migrations',
    migrationsRun: false,
    synchronize: false,
    logging: false,
    applicationName: settings.applicationName ?? 'minka-api',
    extra: {
      max: settings.poolSize ?? 20,
      // Bounded waits: a dead database turns into a 503 quickly instead of hanging requests.
      connectionTimeoutMillis: 5000,
      idleTimeoutMillis: 30000,
      statement_timeout: settings.statementTimeoutMs ?? 30000,
      lock_timeout: 10000,
      idle_in_transaction_session_timeout: 60000,
    },
  };
}
