import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { createApp } from '../../apps/api/src/app.setup';
import type { AppConfig } from '../../apps/api/src/config/app-config';
import { ENTITIES } from '../../apps/api/src/database/entities';
import { createTestDatabase, type TestDatabase } from './test-database';

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789';

export interface BootedApp {
  url: string;
  app: NestExpressApplication;
  db: TestDatabase;
  /** A separate connection for assertions on what the API wrote. */
  dataSource: DataSource;
  close(): Promise<void>;
}

export interface BootOptions {
  seedDemo?: boolean;
  config?: Partial<AppConfig>;
  /** Reuse an existing database (e.g. a second instance on the same database). */
  db?: TestDatabase;
}

/** The SMS gateway secret of test apps (tests sign webhook bodies with it). */
export const TEST_SMS_WEBHOOK_SECRET = 'test-sms-webhook-secret-0123456789';

export function testConfig(databaseUrl: string, overrides: Partial<AppConfig> = {}): AppConfig {
  // MINKA_TEST_DASHBOARD_DIR lets a build in another folder be tested (e.g. two builds side by side).
  const dashboardDir = path.resolve(process.env.MINKA_TEST_DASHBOARD_DIR ?? path.resolve(__dirname, '../../dist/dashboard'));
  return {
    nodeEnv: 'test',
    port: 0,
    databaseUrl,
    embeddedDatabase: false,
    dataDir: path.resolve(__dirname, '../../.minka-test'),
    jwtSecret: TEST_JWT_SECRET,
    corsOrigins: [],
    mapTileUrl: null,
    mapTileAttribution: null,
    logLevel: 'silent',
    routingOsrmUrl: null,
    databasePoolSize: 10,
    statementTimeoutMs: 30000,
    seedDemo: false,
    dashboardDir: existsSync(path.join(dashboardDir, 'index.html')) ? dashboardDir : null,
    version: 'test',
    shutdownDrainMs: 0,
    smsWebhookSecret: TEST_SMS_WEBHOOK_SECRET,
    publicUrl: 'http://localhost:3000',
    deliveryCodeTtlDays: 14,
    deliveryOverdueDays: 3,
    ...overrides,
  };
}

/** Boots the real application (same module, same middleware) on a fresh clone of the migrated database. */
export async function bootApp(options: BootOptions = {}): Promise<BootedApp> {
  const db = options.db ?? (await createTestDatabase({ demo: options.seedDemo !== false }));
  const dataSource = await new DataSource({ type: 'postgres', url: db.url, entities: ENTITIES, extra: { max: 4 } }).initialize();
  const config = testConfig(db.url, options.config);
  const app = await createApp(config, { logger: config.logLevel !== 'silent' });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as AddressInfo;
  let closed = false;
  return {
    url: `http://127.0.0.1:${address.port}`,
    app,
    db,
    dataSource,
    close: async () => {
      if (closed) return;
      closed = true;
      await app.close();
      await dataSource.destroy();
      if (!options.db) await db.drop();
    },
  };
}
