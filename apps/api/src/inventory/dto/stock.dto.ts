import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  NotEquals,
  ValidateNested,
} from 'class-validator';
import { PageQueryDto } from '../../platform/paging/page-query.dto';
import { ITEM_CATEGORIES, type ItemCategory } from '../item.entity';
import {
  ADJUSTMENT_REASONS,
  type AdjustmentReason,
  FUNDING_SOURCE_TYPES,
  type FundingSourceType,
  MOVEMENT_KINDS,
  type MovementKind,
  RESERVATION_STATUSES,
  type ReservationStatus,
  type StockReservationEntity,
  type StockTransferEntity,
  TRANSFER_STATUSES,
  type TransferStatus,
} from '../stock.entities';
import type { MovementResult, OperationResult } from '../stock-ledger.service';

const MAX_QTY = 10_000_000;

class SubjectDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Exactly one of itemId and kitTypeId' }) @IsOptional() @IsUUID() itemId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() kitTypeId?: string;
}

class ReferenceDto extends SubjectDto {
  @ApiPropertyOptional({ example: 'delivery' }) @IsOptional() @IsString() @Matches(/^[a-z_]{2,30}$/) referenceType?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() referenceId?: string;
}

export class ReceiptLineDto extends SubjectDto {
  @ApiProperty({ minimum: 1 }) @IsInt() @Min(1) @Max(MAX_QTY) quantity: number;
  @ApiPropertyOptional({ example: 'L2026-041' }) @IsOptional() @IsString() @MaxLength(60) @Matches(/^[\w./-]*$/) lotCode?: string;
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @IsISO8601({ strict: true }) @Matches(/^\d{4}-\d{2}-\d{2}$/) expiryDate?: string;
  @ApiPropertyOptional({ enum: FUNDING_SOURCE_TYPES }) @IsOptional() @IsIn(FUNDING_SOURCE_TYPES) fundingSourceType?: FundingSourceType;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() fundingSourceId?: string;
}

export class ReceiptDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() warehouseId: string;
  @ApiProperty({ type: [ReceiptLineDto] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => ReceiptLineDto)
  lines: ReceiptLineDto[];
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) note?: string;
}

export class QuantityRequestDto extends ReferenceDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() warehouseId: string;
  @ApiProperty({ minimum: 1 }) @IsInt() @Min(1) @Max(MAX_QTY) quantity: number;
}

export class DispatchDto extends ReferenceDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Dispatch this reservation (nothing else needed)' })
  @IsOptional()
  @IsUUID()
  reservationId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() warehouseId?: string;
  @ApiPropertyOptional({ minimum: 1 }) @IsOptional() @IsInt() @Min(1) @Max(MAX_QTY) quantity?: number;
}

export class ReturnDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() warehouseId: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() lotId: string;
  @ApiProperty({ minimum: 1 }) @IsInt() @Min(1) @Max(MAX_QTY) quantity: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(/^[a-z_]{2,30}$/) referenceType?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() referenceId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) note?: string;
}

export class AdjustmentDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() warehouseId: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() lotId: string;
  @ApiProperty({ description: 'Signed change of the on-hand quantity' }) @IsInt() @NotEquals(0) @Min(-MAX_QTY) @Max(MAX_QTY) delta: number;
  @ApiProperty({ enum: ADJUSTMENT_REASONS }) @IsIn(ADJUSTMENT_REASONS) reasonCode: AdjustmentReason;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) note?: string;
}

export class AssemblyDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() warehouseId: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() kitTypeId: string;
  @ApiProperty({ minimum: 1, maximum: 100000 }) @IsInt() @Min(1) @Max(100000) count: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) note?: string;
}

export class AssemblyPreviewQueryDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() warehouseId: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() kitTypeId: string;
  @ApiProperty({ minimum: 1, maximum: 100000 }) @Type(() => Number) @IsInt() @Min(1) @Max(100000) count: number;
}

export class TransferLineInputDto extends SubjectDto {
  @ApiProperty({ minimum: 1 }) @IsInt() @Min(1) @Max(MAX_QTY) quantity: number;
}

export class CreateTransferDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() fromWarehouseId: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() toWarehouseId: string;
  @ApiProperty({ type: [TransferLineInputDto] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => TransferLineInputDto)
  lines: TransferLineInputDto[];
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) note?: string;
}

export class MovementDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: MOVEMENT_KINDS }) kind: MovementKind;
  @ApiProperty({ format: 'uuid' }) lotId: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) itemId: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) kitTypeId: string | null;
  @ApiProperty() onHandDelta: number;
  @ApiProperty() reservedDelta: number;

  static from(m: MovementResult): MovementDto {
    return { ...m };
  }
}

export class OperationDto {
  @ApiProperty({ format: 'uuid' }) operationId: string;
  @ApiProperty({ type: [MovementDto] }) movements: MovementDto[];

  static from(r: OperationResult): OperationDto {
    return { operationId: r.operationId, movements: r.movements.map((m) => MovementDto.from(m)) };
  }
}

export class AllocationDto {
  @ApiProperty({ format: 'uuid' }) lotId: string;
  @ApiProperty() quantity: number;
}

export class ReservationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) warehouseId: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) itemId: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) kitTypeId: string | null;
  @ApiProperty() quantity: number;
  @ApiProperty({ type: [AllocationDto] }) allocations: AllocationDto[];
  @ApiProperty({ enum: RESERVATION_STATUSES }) status: ReservationStatus;
  @ApiProperty({ type: String, nullable: true }) referenceType: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) referenceId: string | null;

  static from(r: StockReservationEntity): ReservationDto {
    return {
      id: r.id,
      warehouseId: r.warehouseId,
      itemId: r.itemId,
      kitTypeId: r.kitTypeId,
      quantity: r.quantity,
      allocations: r.allocations.map((a) => ({ lotId: a.lotId, quantity: a.quantity })),
      status: r.status,
      referenceType: r.referenceType,
      referenceId: r.referenceId,
    };
  }
}

export class TransferLineDto {
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) itemId: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) kitTypeId: string | null;
  @ApiProperty() name: string;
  @ApiProperty() lotCode: string;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) expiryDate: string | null;
  @ApiProperty() quantity: number;
}

export class TransferDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) fromWarehouseId: string;
  @ApiProperty({ format: 'uuid' }) toWarehouseId: string;
  @ApiProperty({ enum: TRANSFER_STATUSES }) status: TransferStatus;
  @ApiProperty({ type: [TransferLineDto] }) lines: TransferLineDto[];
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ format: 'date-time' }) shippedAt: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) receivedAt: string | null;

  static from(t: StockTransferEntity, names: Map<string, string>): TransferDto {
    return {
      id: t.id,
      fromWarehouseId: t.fromWarehouseId,
      toWarehouseId: t.toWarehouseId,
      status: t.status,
      lines: t.lines.map((l) => ({
        itemId: l.itemId,
        kitTypeId: l.kitTypeId,
        name: names.get(l.itemId ?? l.kitTypeId ?? '') ?? '',
        lotCode: l.lotCode,
        expiryDate: l.expiryDate,
        quantity: l.quantity,
      })),
      note: t.note,
      shippedAt: t.shippedAt.toISOString(),
      receivedAt: t.receivedAt ? t.receivedAt.toISOString() : null,
    };
  }
}

export class TransferQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() warehouseId?: string;
  @ApiPropertyOptional({ enum: TRANSFER_STATUSES }) @IsOptional() @IsIn(TRANSFER_STATUSES) status?: TransferStatus;
}

export class TransferPageDto {
  @ApiProperty({ type: [TransferDto] }) items: TransferDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class StockQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() warehouseId?: string;
  @ApiPropertyOptional({ enum: ITEM_CATEGORIES }) @IsOptional() @IsIn(ITEM_CATEGORIES) category?: ItemCategory;
  @ApiPropertyOptional({ enum: ['item', 'kit'] }) @IsOptional() @IsIn(['item', 'kit']) kind?: 'item' | 'kit';
}

export class StockRowDto {
  @ApiProperty({ format: 'uuid' }) warehouseId: string;
  @ApiProperty() warehouseName: string;
  @ApiProperty({ enum: ['item', 'kit'] }) kind: 'item' | 'kit';
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) itemId: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) kitTypeId: string | null;
  @ApiProperty() code: string;
  @ApiProperty() nameEs: string;
  @ApiProperty() nameEn: string;
  @ApiProperty({ enum: ITEM_CATEGORIES }) category: ItemCategory;
  @ApiProperty() unit: string;
  @ApiProperty() onHand: number;
  @ApiProperty() reserved: number;
  @ApiProperty() available: number;
  @ApiProperty({ description: 'Available units whose lot expired' }) expiredAvailable: number;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) nextExpiry: string | null;
  @ApiProperty({ type: Number, nullable: true }) reorderLevel: number | null;
  @ApiProperty() belowReorder: boolean;
}

export class StockPageDto {
  @ApiProperty({ type: [StockRowDto] }) items: StockRowDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class LotQueryDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() warehouseId: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() itemId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() kitTypeId?: string;
}

export class LotDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) warehouseId: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) itemId: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) kitTypeId: string | null;
  @ApiProperty() name: string;
  @ApiProperty() lotCode: string;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) expiryDate: string | null;
  @ApiProperty({ type: String, nullable: true, enum: FUNDING_SOURCE_TYPES }) fundingSourceType: FundingSourceType | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) fundingSourceId: string | null;
  @ApiProperty() onHand: number;
  @ApiProperty() reserved: number;
  @ApiProperty() available: number;
}

export class LotListDto {
  @ApiProperty({ type: [LotDto] }) items: LotDto[];
}

export class StockCardQueryDto extends PageQueryDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() warehouseId: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() itemId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() kitTypeId?: string;
}

export class StockCardEntryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() seq: number;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ enum: MOVEMENT_KINDS }) kind: MovementKind;
  @ApiProperty() lotCode: string;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) expiryDate: string | null;
  @ApiProperty() onHandDelta: number;
  @ApiProperty() reservedDelta: number;
  @ApiProperty({ description: 'Running on-hand balance of the warehouse × item/kit after this movement' }) onHandAfter: number;
  @ApiProperty() reservedAfter: number;
  @ApiProperty({ type: String, nullable: true, enum: ADJUSTMENT_REASONS }) reasonCode: AdjustmentReason | null;
  @ApiProperty({ type: String, nullable: true }) referenceType: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) referenceId: string | null;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ type: String, nullable: true }) actorName: string | null;
}

export class StockCardDto {
  @ApiProperty() name: string;
  @ApiProperty({ type: [StockCardEntryDto], description: 'Newest first' }) items: StockCardEntryDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class CapacityQueryDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() warehouseId: string;
}

export class CapacityComponentDto {
  @ApiProperty({ format: 'uuid' }) itemId: string;
  @ApiProperty() nameEs: string;
  @ApiProperty() nameEn: string;
  @ApiProperty() perKit: number;
  @ApiProperty() available: number;
  @ApiProperty() kitsPossible: number;
}

export class CapacityDto {
  @ApiProperty({ format: 'uuid' }) kitTypeId: string;
  @ApiProperty() code: string;
  @ApiProperty() version: number;
  @ApiProperty() nameEs: string;
  @ApiProperty() nameEn: string;
  @ApiProperty() kitsPossible: number;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) limitingItemId: string | null;
  @ApiProperty({ type: [CapacityComponentDto] }) components: CapacityComponentDto[];
}

export class CapacityListDto {
  @ApiProperty({ type: [CapacityDto] }) items: CapacityDto[];
}

export class AssemblyPreviewLineDto {
  @ApiProperty({ format: 'uuid' }) itemId: string;
  @ApiProperty() nameEs: string;
  @ApiProperty() nameEn: string;
  @ApiProperty({ format: 'uuid' }) lotId: string;
  @ApiProperty() lotCode: string;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) expiryDate: string | null;
  @ApiProperty() quantity: number;
}

export class AssemblyShortageDto {
  @ApiProperty({ format: 'uuid' }) itemId: string;
  @ApiProperty() name: string;
  @ApiProperty() requested: number;
  @ApiProperty() available: number;
}

export class AssemblyPreviewDto {
  @ApiProperty() possible: boolean;
  @ApiProperty({ type: String, nullable: true, format: 'date', description: 'Expiry the kit lot would get' }) kitExpiry: string | null;
  @ApiProperty({ type: [AssemblyPreviewLineDto] }) consumed: AssemblyPreviewLineDto[];
  @ApiProperty({ type: [AssemblyShortageDto] }) shortages: AssemblyShortageDto[];
}

export class ReservationQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() warehouseId?: string;
  @ApiPropertyOptional({ enum: RESERVATION_STATUSES }) @IsOptional() @IsIn(RESERVATION_STATUSES) status?: ReservationStatus;
}

export class ReservationPageDto {
  @ApiProperty({ type: [ReservationDto] }) items: ReservationDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
