import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Fixed-window rate-limit counters shared by every API instance. */
@Entity({ name: 'rate_limit_buckets' })
export class RateLimitBucketEntity {
  @PrimaryColumn({ type: 'varchar', length: 300 })
  key: string;

  @Column({ type: 'integer' })
  hits: number;

  @Column({ type: 'timestamptz', name: 'window_ends_at' })
  windowEndsAt: Date;

  @Index('ix_rate_limit_buckets_expires')
  @Column({ type: 'timestamptz', name: 'expires_at' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', name: 'blocked_until', nullable: true })
  blockedUntil: Date | null;
}
