import { ApiProperty } from '@nestjs/swagger';
import type { AuditLogEntity } from '../audit-log.entity';

export class AuditLogEntryDto {
  @ApiProperty() id: string;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) actorUserId: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) organizationId: string | null;
  @ApiProperty() action: string;
  @ApiProperty() entityType: string;
  @ApiProperty({ type: String, nullable: true }) entityId: string | null;
  @ApiProperty() summary: string;
  @ApiProperty({ type: String, nullable: true }) correlationId: string | null;

  static from(row: AuditLogEntity): AuditLogEntryDto {
    return {
      id: String(row.id),
      occurredAt: row.occurredAt.toISOString(),
      actorUserId: row.actorUserId,
      organizationId: row.organizationId,
      action: row.action,
      entityType: row.entityType,
      entityId: row.entityId,
      summary: row.summary,
      correlationId: row.correlationId,
    };
  }
}

export class AuditLogPageDto {
  @ApiProperty({ type: [AuditLogEntryDto] }) items: AuditLogEntryDto[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() total: number;
}
