import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, validateSync } from 'class-validator';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const emptyToUndefined = ({ value }: { value: unknown }): unknown => (typeof value === 'string' && value.trim() === '' ? undefined : value);

/**
 * Every environment variable Minka reads, validated once at boot. Nothing else reads process.env.
 */
export class EnvVars {
  @IsOptional()
  @IsIn(['development', 'production', 'test'])
  NODE_ENV?: 'development' | 'production' | 'test';

  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt({ message: 'PORT must be an integer between 0 and 65535' })
  @Min(0)
  @Max(65535)
  PORT?: number;

  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// connection URL' })
  DATABASE_URL?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  MINKA_DATA_DIR?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters long' })
  @MaxLength(512)
  JWT_SECRET?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  CORS_ORIGINS?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^https?:\/\/.*\{z\}.*\{x\}.*\{y\}/, {
    message: 'MAP_TILE_URL must be an http(s) URL template containing {z}, {x} and {y}, or empty',
  })
  MAP_TILE_URL?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  @MaxLength(500)
  MAP_TILE_ATTRIBUTION?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsIn(LOG_LEVELS)
  LOG_LEVEL?: LogLevel;

  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^https?:\/\/.+/, { message: 'ROUTING_OSRM_URL must be an http(s) URL' })
  ROUTING_OSRM_URL?: string;

  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt()
  @Min(1)
  @Max(100)
  DATABASE_POOL_SIZE?: number;

  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt()
  @Min(100)
  @Max(600000)
  DATABASE_STATEMENT_TIMEOUT_MS?: number;

  @IsOptional()
  @IsIn(['true', 'false'])
  MINKA_SEED_DEMO?: 'true' | 'false';

  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt()
  @Min(0)
  @Max(8000)
  SHUTDOWN_DRAIN_MS?: number;

  /** Shared secret of the SMS gateway (HMAC-SHA256 of the webhook body); unset = SMS confirmations off. */
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  @MinLength(16, { message: 'SMS_WEBHOOK_SECRET must have at least 16 characters' })
  SMS_WEBHOOK_SECRET?: string;

  /** Public address of Minka, printed in manifest QR codes (default http://localhost:PORT). */
  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'PUBLIC_URL must be an http(s) URL' })
  PUBLIC_URL?: string;

  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt()
  @Min(1)
  @Max(90)
  DELIVERY_CODE_TTL_DAYS?: number;

  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt()
  @Min(1)
  @Max(60)
  DELIVERY_CONFIRMATION_OVERDUE_DAYS?: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

export function parseEnv(source: Record<string, string | undefined>): EnvVars {
  const known = Object.keys(new EnvVarsKeys());
  const picked: Record<string, string | undefined> = {};
  for (const key of known) picked[key] = source[key];
  const env = plainToInstance(EnvVars, picked);
  const errors = validateSync(env, { whitelist: true });
  if (errors.length > 0) {
    throw new ConfigError(
      errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join('; ')} (got ${JSON.stringify(e.value)})`),
    );
  }
  if (env.NODE_ENV === 'production' && !env.DATABASE_URL) {
    throw new ConfigError(['DATABASE_URL: required when NODE_ENV=production (the embedded PostgreSQL is for development and demos)']);
  }
  if (env.DATABASE_URL && !env.JWT_SECRET) {
    throw new ConfigError(['JWT_SECRET: required when DATABASE_URL is set (it is only generated for the embedded database)']);
  }
  return env;
}

/** Keeps the list of keys next to the class without reflection tricks. */
class EnvVarsKeys implements Record<keyof EnvVars, undefined> {
  NODE_ENV = undefined;
  PORT = undefined;
  DATABASE_URL = undefined;
  MINKA_DATA_DIR = undefined;
  JWT_SECRET = undefined;
  CORS_ORIGINS = undefined;
  MAP_TILE_URL = undefined;
  MAP_TILE_ATTRIBUTION = undefined;
  LOG_LEVEL = undefined;
  ROUTING_OSRM_URL = undefined;
  DATABASE_POOL_SIZE = undefined;
  DATABASE_STATEMENT_TIMEOUT_MS = undefined;
  MINKA_SEED_DEMO = undefined;
  SHUTDOWN_DRAIN_MS = undefined;
  SMS_WEBHOOK_SECRET = undefined;
  PUBLIC_URL = undefined;
  DELIVERY_CODE_TTL_DAYS = undefined;
  DELIVERY_CONFIRMATION_OVERDUE_DAYS = undefined;
}
