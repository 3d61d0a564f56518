import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Stored in PostgreSQL so that every API instance sees the same keys. */
@Entity({ name: 'idempotency_keys' })
export class IdempotencyKeyEntity {
  /** The user the key belongs to; keys are scoped per user ('anonymous:<ip>' style scopes for public routes). */
  @PrimaryColumn({ type: 'varchar', length: 80 })
  scope: string;

  @PrimaryColumn({ type: 'varchar', length: 255 })
  key: string;

  @Column({ type: 'varchar', length: 10 })
  method: string;

  @Column({ type: 'varchar', length: 500 })
  path: string;

  @Column({ type: 'varchar', length: 64, name: 'request_hash' })
  requestHash: string;

  @Column({ type: 'varchar', length: 12 })
  state: 'in_progress' | 'completed';

  @Column({ type: 'integer', nullable: true, name: 'response_status' })
  responseStatus: number | null;

  @Column({ type: 'jsonb', nullable: true, name: 'response_body' })
  responseBody: unknown;

  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  /** An in-progress key whose lock expired (its process died) can be taken over. */
  @Column({ type: 'timestamptz', name: 'locked_until' })
  lockedUntil: Date;

  @Index('ix_idempotency_keys_expires')
  @Column({ type: 'timestamptz', name: 'expires_at' })
  expiresAt: Date;
}
