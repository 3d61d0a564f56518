import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { PageQueryDto } from '../../platform/paging/page-query.dto';
import {
  ADJUSTMENT_REASONS,
  type AdjustmentReason,
  ALERT_KINDS,
  type AlertKind,
  COUNT_STATUSES,
  type CountStatus,
} from '../stock.entities';

export class OpenCountDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() warehouseId: string;
}

export class RecordCountDto {
  @ApiProperty({ minimum: 0 }) @IsInt() @Min(0) @Max(10_000_000) counted: number;
  @ApiPropertyOptional({ enum: ADJUSTMENT_REASONS, description: 'Required to explain a difference; posts the adjustment' })
  @IsOptional()
  @IsIn(ADJUSTMENT_REASONS)
  reasonCode?: AdjustmentReason;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) note?: string;
}

export class CountLineDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) lotId: string;
  @ApiProperty() name: string;
  @ApiProperty() lotCode: string;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) expiryDate: string | null;
  @ApiProperty() expected: number;
  @ApiProperty({ type: Number, nullable: true }) counted: number | null;
  @ApiProperty({ description: 'Sum of the reason-coded adjustments posted for this line' }) adjusted: number;
  @ApiProperty({ type: Number, nullable: true }) difference: number | null;
  @ApiProperty({ description: 'Counted, and any difference covered by adjustments' }) explained: boolean;
}

export class CountSessionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) warehouseId: string;
  @ApiProperty({ enum: COUNT_STATUSES }) status: CountStatus;
  @ApiProperty({ format: 'date-time' }) openedAt: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) closedAt: string | null;
  @ApiProperty({ type: [CountLineDto] }) lines: CountLineDto[];
}

export class CountQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() warehouseId?: string;
}

export class CountSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) warehouseId: string;
  @ApiProperty({ enum: COUNT_STATUSES }) status: CountStatus;
  @ApiProperty({ format: 'date-time' }) openedAt: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) closedAt: string | null;
}

export class CountPageDto {
  @ApiProperty({ type: [CountSummaryDto] }) items: CountSummaryDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class AlertQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() warehouseId?: string;
  @ApiPropertyOptional({ enum: ALERT_KINDS }) @IsOptional() @IsIn(ALERT_KINDS) kind?: AlertKind;
  @ApiPropertyOptional({ enum: ['open', 'acknowledged', 'all'], default: 'open' })
  @IsOptional()
  @IsIn(['open', 'acknowledged', 'all'])
  state?: 'open' | 'acknowledged' | 'all';
}

export class AlertDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ALERT_KINDS }) kind: AlertKind;
  @ApiProperty({ format: 'uuid' }) warehouseId: string;
  @ApiProperty() warehouseName: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) itemId: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) kitTypeId: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) lotId: string | null;
  @ApiProperty() nameEs: string;
  @ApiProperty() nameEn: string;
  @ApiProperty({ type: String, nullable: true }) lotCode: string | null;
  @ApiProperty() quantity: number;
  @ApiProperty({ type: Number, nullable: true }) threshold: number | null;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) expiryDate: string | null;
  @ApiProperty({ format: 'date-time' }) raisedAt: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) acknowledgedAt: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) resolvedAt: string | null;
}

export class AlertPageDto {
  @ApiProperty({ type: [AlertDto] }) items: AlertDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class AlertRunDto {
  @ApiProperty({ description: 'False when another instance already ran this tick' }) ran: boolean;
  @ApiProperty() tick: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) runId: string | null;
  @ApiProperty() alertsRaised: number;
  @ApiProperty() alertsResolved: number;
}

export class AlertAcknowledgedDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date-time' }) acknowledgedAt: string;
}
