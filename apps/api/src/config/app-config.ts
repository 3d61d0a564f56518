import type { LogLevel } from './env.schema';

/** The resolved runtime configuration, built once at boot and injected where needed. */
export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  databaseUrl: string;
  /** True when Minka started its own embedded PostgreSQL. */
  embeddedDatabase: boolean;
  dataDir: string;
  jwtSecret: string;
  corsOrigins: string[];
  mapTileUrl: string | null;
  mapTileAttribution: string | null;
  logLevel: LogLevel;
  routingOsrmUrl: string | null;
  databasePoolSize: number;
  statementTimeoutMs: number;
  /** Seed demo data when the database has no organisations yet. */
  seedDemo: boolean;
  /** Where the built dashboard lives; null when it is not served. */
  dashboardDir: string | null;
  version: string;
  /** On SIGTERM, how long readiness reports 503 while requests are still served, before the server closes. */
  shutdownDrainMs: number;
  /** HMAC secret of the SMS gateway webhook; null = SMS confirmations are switched off (503). */
  smsWebhookSecret: string | null;
  /** Public base URL (no trailing slash) used in manifest QR codes and links. */
  publicUrl: string;
  /** Days a per-stop confirmation code stays valid after the route is loaded. */
  deliveryCodeTtlDays: number;
  /** Days after delivery without confirmation before an overdue alert is raised. */
  deliveryOverdueDays: number;
}

export const APP_CONFIG = Symbol('APP_CONFIG');
