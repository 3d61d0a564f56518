import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { OpenAPIObject } from '@nestjs/swagger';
import { AppModule } from './app.module';
import { buildOpenApiDocument } from './app.setup';
import type { AppConfig } from './config/app-config';

/** Config for building the document only: preview mode instantiates nothing, so no database is touched. */
const CONTRACT_CONFIG: AppConfig = {
  nodeEnv: 'development',
  port: 0,
  databaseUrl: 'postgres://contract@127.0.0.1:1/contract',
  embeddedDatabase: false,
  dataDir: '.minka',
  jwtSecret: 'contract-generation-only-secret-0123456789',
  corsOrigins: [],
  mapTileUrl: null,
  mapTileAttribution: null,
  logLevel: 'silent',
  routingOsrmUrl: null,
  databasePoolSize: 1,
  statementTimeoutMs: 1000,
  seedDemo: false,
  dashboardDir: null,
  version: '1',
  shutdownDrainMs: 0,
  smsWebhookSecret: null,
  publicUrl: 'http://localhost:3000',
  deliveryCodeTtlDays: 14,
  deliveryOverdueDays: 3,
};

/** The OpenAPI document the code defines (what `GET /api/openapi.json` serves), without a database. */
export async function generateOpenApiDocument(): Promise<OpenAPIObject> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(CONTRACT_CONFIG), {
    preview: true,
    logger: false,
    abortOnError: false,
  });
  try {
    const document = buildOpenApiDocument(app);
    document.info.version = '1';
    return document;
  } finally {
    await app.close();
  }
}
