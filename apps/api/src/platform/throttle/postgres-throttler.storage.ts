import { Injectable } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import { DataSource } from 'typeorm';

/**
 * @nestjs/throttler storage kept in PostgreSQL, so that every API instance counts the same hits.
 * One atomic upsert per hit: a fixed window of `ttl` ms; once the limit is passed the key is
 * blocked for `blockDuration` ms.
 */
@Injectable()
export class PostgresThrottlerStorage implements ThrottlerStorage {
  constructor(private readonly dataSource: DataSource) {}

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    const rows: Array<{ hits: number; window_ms: string; blocked_ms: string | null }> = await this.dataSource.query(
      `INSERT INTO rate_limit_buckets AS b (key, hits, window_ends_at, expires_at, blocked_until)
       VALUES ($1, 1, now() + make_interval(secs => $2::float8 / 1000), now() + make_interval(secs => greatest($2, $4)::float8 / 1000), NULL)
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN b.window_ends_at <= now() AND (b.blocked_until IS NULL OR b.blocked_until <= now()) THEN 1 ELSE b.hits + 1 END,
         window_ends_at = CASE WHEN b.window_ends_at <= now() AND (b.blocked_until IS NULL OR b.blocked_until <= now())
                               THEN now() + make_interval(secs => $2::float8 / 1000) ELSE b.window_ends_at END,
         blocked_until = CASE WHEN b.blocked_until IS NOT NULL AND b.blocked_until > now() THEN b.blocked_until
                              WHEN b.window_ends_at > now() AND b.hits + 1 > $3 THEN now() + make_interval(secs => $4::float8 / 1000)
                              ELSE NULL END,
         expires_at = now() + make_interval(secs => greatest($2, $4)::float8 / 1000)
       RETURNING hits,
         ceil(extract(epoch FROM (window_ends_at - now())) * 1000)::text AS window_ms,
         CASE WHEN blocked_until > now() THEN ceil(extract(epoch FROM (blocked_until - now())) * 1000)::text END AS blocked_ms`,
      [`${throttlerName}:${key}`, ttl, limit, blockDuration],
    );
    const row = rows[0];
    const blockedMs = row.blocked_ms === null ? 0 : Number(row.blocked_ms);
    return {
      totalHits: row.hits,
      timeToExpire: Math.max(0, Math.ceil(Number(row.window_ms) / 1000)),
      isBlocked: blockedMs > 0,
      timeToBlockExpire: Math.ceil(blockedMs / 1000),
    };
  }
}
