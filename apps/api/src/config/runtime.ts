import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { AppConfig } from './app-config';
import { parseEnv, type EnvVars } from './env.schema';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../database/embedded-postgres';

export interface Runtime {
  config: AppConfig;
  embedded: EmbeddedPostgresHandle | null;
}

/** The repository (or image) root: where package.json sits, found from this file's location in src or dist. */
export function projectRoot(): string {
  let dir = __dirname;
  while (dir !== path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json')) && (existsSync(path.join(dir, 'apps')) || existsSync(path.join(dir, 'dist')))) return dir;
    dir = path.dirname(dir);
  }
  return process.cwd();
}

function version(root: string): string {
  try {
    return (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version?: string }).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/**
 * Validates the environment, then resolves the database: DATABASE_URL when set, otherwise an
 * embedded PostgreSQL in MINKA_DATA_DIR whose generated secrets (JWT key included) live there too.
 */
export async function prepareRuntime(source: Record<string, string | undefined>, log: (line: string) => void): Promise<Runtime> {
  const env: EnvVars = parseEnv(source);
  const root = projectRoot();
  const dataDir = path.resolve(root, env.MINKA_DATA_DIR ?? '.minka');
  let embedded: EmbeddedPostgresHandle | null = null;
  let databaseUrl = env.DATABASE_URL;
  let jwtSecret = env.JWT_SECRET;
  if (!databaseUrl) {
    log(`DATABASE_URL not set: starting embedded PostgreSQL in ${dataDir}`);
    embedded = await startEmbeddedPostgres({ dataDir, log: (line) => log(`[postgres] ${line}`) });
    databaseUrl = embedded.url;
    jwtSecret = jwtSecret ?? embedded.secrets.jwtSecret;
    log(`embedded PostgreSQL ready on 127.0.0.1:${embedded.port}`);
  }
  const dashboardDir = path.join(root, 'dist', 'dashboard');
  const config: AppConfig = {
    nodeEnv: env.NODE_ENV ?? 'development',
    port: env.PORT ?? 3000,
    databaseUrl,
    embeddedDatabase: embedded !== null,
    dataDir,
    jwtSecret: jwtSecret as string,
    corsOrigins: (env.CORS_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    mapTileUrl: env.MAP_TILE_URL ?? null,
    mapTileAttribution: env.MAP_TILE_ATTRIBUTION ?? null,
    logLevel: env.LOG_LEVEL ?? 'info',
    routingOsrmUrl: env.ROUTING_OSRM_URL ?? null,
    databasePoolSize: env.DATABASE_POOL_SIZE ?? 20,
    statementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT_MS ?? 30000,
    seedDemo: env.MINKA_SEED_DEMO ? env.MINKA_SEED_DEMO === 'true' : env.NODE_ENV !== 'production',
    dashboardDir: existsSync(path.join(dashboardDir, 'index.html')) ? dashboardDir : null,
    version: version(root),
    shutdownDrainMs: env.SHUTDOWN_DRAIN_MS ?? (env.NODE_ENV === 'production' ? 3000 : 0),
    smsWebhookSecret: env.SMS_WEBHOOK_SECRET ?? null,
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT ?? 3000}`).replace(/\/+$/, ''),
    deliveryCodeTtlDays: env.DELIVERY_CODE_TTL_DAYS ?? 14,
    deliveryOverdueDays: env.DELIVERY_CONFIRMATION_OVERDUE_DAYS ?? 3,
  };
  return { config, embedded };
}
