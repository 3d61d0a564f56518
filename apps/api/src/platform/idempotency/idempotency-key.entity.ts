import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The stored outcome of an idempotent request, written in the same transaction as its use case.
 * Stored in PostgreSQL so that every API instance sees the same keys; a request still running holds
 * a transaction-scoped advisory lock on its key instead of a row, so a crash can never leave a key
 * stuck "in progress".
 */
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

  @Column({ type: 'integer', name: 'response_status' })
  responseStatus: number;

  @Column({ type: 'jsonb', nullable: true, name: 'response_body' })
  responseBody: unknown;

  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Index('ix_idempotency_keys_expires')
  @Column({ type: 'timestamptz', name: 'expires_at' })
  expiresAt: Date;
}
