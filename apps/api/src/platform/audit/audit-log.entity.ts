import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Append-only: a trigger in the migration refuses UPDATE, DELETE and TRUNCATE. */
@Entity({ name: 'audit_log' })
@Index('ix_audit_log_org_time', ['organizationId', 'occurredAt'])
@Index('ix_audit_log_entity', ['entityType', 'entityId'])
export class AuditLogEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Index('ix_audit_log_time')
  @Column({ type: 'timestamptz', name: 'occurred_at', default: () => 'now()' })
  occurredAt: Date;

  @Column({ type: 'uuid', nullable: true, name: 'actor_user_id' })
  actorUserId: string | null;

  @Column({ type: 'uuid', nullable: true, name: 'organization_id' })
  organizationId: string | null;

  @Index('ix_audit_log_action')
  @Column({ type: 'varchar', length: 80 })
  action: string;

  @Column({ type: 'varchar', length: 60, name: 'entity_type' })
  entityType: string;

  @Column({ type: 'varchar', length: 64, nullable: true, name: 'entity_id' })
  entityId: string | null;

  @Column({ type: 'varchar', length: 500 })
  summary: string;

  @Column({ type: 'varchar', length: 64, nullable: true, name: 'correlation_id' })
  correlationId: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null;
}
