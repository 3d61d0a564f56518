import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ItemEntity } from './item.entity';
import { KitTypeEntity } from './kit-type.entity';
import { WarehouseEntity } from './warehouse.entity';

export const FUNDING_SOURCE_TYPES = ['donation', 'campaign'] as const;
export type FundingSourceType = (typeof FUNDING_SOURCE_TYPES)[number];

/**
 * Balance of one lot of one item (or one kit type version) in one warehouse. Updated only in the
 * transaction that appends the matching stock_movements rows; the CHECKs make overselling impossible
 * even for a buggy caller.
 */
@Entity({ name: 'stock_lots' })
@Index('uq_stock_lots_key', { synchronize: false })
@Index('ix_stock_lots_warehouse_item', ['warehouseId', 'itemId'])
@Index('ix_stock_lots_warehouse_kit', ['warehouseId', 'kitTypeId'])
@Check('ck_stock_lots_subject', `(item_id IS NULL) <> (kit_type_id IS NULL)`)
@Check('ck_stock_lots_on_hand', `on_hand >= 0`)
@Check('ck_stock_lots_available', `reserved >= 0 AND on_hand - reserved >= 0`)
@Check('ck_stock_lots_funding', `funding_source_type IS NULL OR funding_source_type IN ('donation','campaign')`)
export class StockLotEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', name: 'warehouse_id' })
  warehouseId: string;

  @ManyToOne(() => WarehouseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'warehouse_id', foreignKeyConstraintName: 'fk_stock_lots_warehouse' })
  warehouse?: WarehouseEntity;

  @Column({ type: 'uuid', nullable: true, name: 'item_id' })
  itemId: string | null;

  @ManyToOne(() => ItemEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'item_id', foreignKeyConstraintName: 'fk_stock_lots_item' })
  item?: ItemEntity;

  @Column({ type: 'uuid', nullable: true, name: 'kit_type_id' })
  kitTypeId: string | null;

  @ManyToOne(() => KitTypeEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'kit_type_id', foreignKeyConstraintName: 'fk_stock_lots_kit_type' })
  kitType?: KitTypeEntity;

  /** '' when the goods carry no lot code. */
  @Column({ type: 'varchar', length: 60, name: 'lot_code', default: '' })
  lotCode: string;

  @Column({ type: 'date', nullable: true, name: 'expiry_date' })
  expiryDate: string | null;

  /** Set by the donations domain; no foreign key until it lands. */
  @Column({ type: 'varchar', length: 20, nullable: true, name: 'funding_source_type' })
  fundingSourceType: FundingSourceType | null;

  @Column({ type: 'uuid', nullable: true, name: 'funding_source_id' })
  fundingSourceId: string | null;

  @Column({ type: 'integer', name: 'on_hand', default: 0 })
  onHand: number;

  @Column({ type: 'integer', default: 0 })
  reserved: number;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}

export const MOVEMENT_KINDS = [
  'receipt',
  'transfer_out',
  'transfer_in',
  'assembly_consume',
  'assembly_produce',
  'disassembly_consume',
  'disassembly_produce',
  'reservation',
  'release',
  'dispatch',
  'return',
  'adjustment',
] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];

export const ADJUSTMENT_REASONS = ['damaged', 'expired', 'lost', 'theft', 'count_correction', 'found'] as const;
export type AdjustmentReason = (typeof ADJUSTMENT_REASONS)[number];

/** The append-only ledger. A trigger (migration) refuses UPDATE and DELETE. */
@Entity({ name: 'stock_movements' })
@Index('ix_stock_movements_lot_seq', ['lotId', 'seq'])
@Index('ix_stock_movements_card', ['warehouseId', 'itemId', 'kitTypeId', 'seq'])
@Index('ix_stock_movements_operation', ['operationId'])
@Index('ix_stock_movements_reference', ['referenceType', 'referenceId'])
@Check(
  'ck_stock_movements_kind',
  `kind IN ('receipt','transfer_out','transfer_in','assembly_consume','assembly_produce','disassembly_consume','disassembly_produce','reservation','release','dispatch','return','adjustment')`,
)
@Check(
  'ck_stock_movements_reason',
  `(kind = 'adjustment') = (reason_code IS NOT NULL) AND (reason_code IS NULL OR reason_code IN ('damaged','expired','lost','theft','count_correction','found'))`,
)
@Check('ck_stock_movements_nonzero', `on_hand_delta <> 0 OR reserved_delta <> 0`)
export class StockMovementEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Global order of the ledger (running balances, stock card). */
  @Column({ type: 'bigint', generated: 'increment' })
  seq: string;

  /** Movements written by one use case share it (an assembly's consumptions and its production). */
  @Column({ type: 'uuid', name: 'operation_id' })
  operationId: string;

  @Column({ type: 'varchar', length: 24 })
  kind: MovementKind;

  @Column({ type: 'uuid', name: 'warehouse_id' })
  warehouseId: string;

  @ManyToOne(() => StockLotEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'lot_id', foreignKeyConstraintName: 'fk_stock_movements_lot' })
  lot?: StockLotEntity;

  @Column({ type: 'uuid', name: 'lot_id' })
  lotId: string;

  @Column({ type: 'uuid', nullable: true, name: 'item_id' })
  itemId: string | null;

  @Column({ type: 'uuid', nullable: true, name: 'kit_type_id' })
  kitTypeId: string | null;

  @Column({ type: 'integer', name: 'on_hand_delta' })
  onHandDelta: number;

  @Column({ type: 'integer', name: 'reserved_delta' })
  reservedDelta: number;

  @Column({ type: 'varchar', length: 20, nullable: true, name: 'reason_code' })
  reasonCode: AdjustmentReason | null;

  /** What caused it: a delivery, a transfer, a count session, a reservation. */
  @Column({ type: 'varchar', length: 30, nullable: true, name: 'reference_type' })
  referenceType: string | null;

  @Column({ type: 'uuid', nullable: true, name: 'reference_id' })
  referenceId: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @Column({ type: 'uuid', nullable: true, name: 'actor_user_id' })
  actorUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}

export const RESERVATION_STATUSES = ['active', 'released', 'dispatched'] as const;
export type ReservationStatus = (typeof RESERVATION_STATUSES)[number];

export interface LotAllocation {
  lotId: string;
  quantity: number;
}

/** Units held for a delivery (or another reference) until released or dispatched. */
@Entity({ name: 'stock_reservations' })
@Index('ix_stock_reservations_reference', ['referenceType', 'referenceId'])
@Check('ck_stock_reservations_status', `status IN ('active','released','dispatched')`)
@Check('ck_stock_reservations_quantity', `quantity > 0`)
export class StockReservationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', name: 'warehouse_id' })
  warehouseId: string;

  @Column({ type: 'uuid', nullable: true, name: 'item_id' })
  itemId: string | null;

  @Column({ type: 'uuid', nullable: true, name: 'kit_type_id' })
  kitTypeId: string | null;

  @Column({ type: 'integer' })
  quantity: number;

  @Column({ type: 'jsonb' })
  allocations: LotAllocation[];

  @Column({ type: 'varchar', length: 12, default: 'active' })
  status: ReservationStatus;

  @Column({ type: 'varchar', length: 30, nullable: true, name: 'reference_type' })
  referenceType: string | null;

  @Column({ type: 'uuid', nullable: true, name: 'reference_id' })
  referenceId: string | null;

  @Column({ type: 'uuid', nullable: true, name: 'created_by' })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true, name: 'closed_at' })
  closedAt: Date | null;
}

export const TRANSFER_STATUSES = ['in_transit', 'received'] as const;
export type TransferStatus = (typeof TRANSFER_STATUSES)[number];

export interface TransferLine {
  itemId: string | null;
  kitTypeId: string | null;
  sourceLotId: string;
  lotCode: string;
  expiryDate: string | null;
  fundingSourceType: FundingSourceType | null;
  fundingSourceId: string | null;
  quantity: number;
}

/** Goods between two warehouses: left the source (transfer_out), not yet at the destination. */
@Entity({ name: 'stock_transfers' })
@Check('ck_stock_transfers_status', `status IN ('in_transit','received')`)
@Check('ck_stock_transfers_distinct', `from_warehouse_id <> to_warehouse_id`)
export class StockTransferEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', name: 'from_warehouse_id' })
  fromWarehouseId: string;

  @Column({ type: 'uuid', name: 'to_warehouse_id' })
  toWarehouseId: string;

  @Column({ type: 'varchar', length: 12, default: 'in_transit' })
  status: TransferStatus;

  @Column({ type: 'jsonb' })
  lines: TransferLine[];

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @Column({ type: 'uuid', nullable: true, name: 'created_by' })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'shipped_at' })
  shippedAt: Date;

  @Column({ type: 'timestamptz', nullable: true, name: 'received_at' })
  receivedAt: Date | null;
}

/** Minimum stock per warehouse × item / kit type below which an alert is raised. */
@Entity({ name: 'stock_reorder_levels' })
@Index('uq_stock_reorder_levels_key', { synchronize: false })
@Check('ck_stock_reorder_levels_subject', `(item_id IS NULL) <> (kit_type_id IS NULL)`)
@Check('ck_stock_reorder_levels_level', `level >= 0`)
export class ReorderLevelEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', name: 'warehouse_id' })
  warehouseId: string;

  @ManyToOne(() => WarehouseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'warehouse_id', foreignKeyConstraintName: 'fk_stock_reorder_levels_warehouse' })
  warehouse?: WarehouseEntity;

  @Column({ type: 'uuid', nullable: true, name: 'item_id' })
  itemId: string | null;

  @Column({ type: 'uuid', nullable: true, name: 'kit_type_id' })
  kitTypeId: string | null;

  @Column({ type: 'integer' })
  level: number;
}

export const COUNT_STATUSES = ['open', 'closed'] as const;
export type CountStatus = (typeof COUNT_STATUSES)[number];

@Entity({ name: 'stock_count_sessions' })
@Check('ck_stock_count_sessions_status', `status IN ('open','closed')`)
export class CountSessionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', name: 'warehouse_id' })
  warehouseId: string;

  @ManyToOne(() => WarehouseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'warehouse_id', foreignKeyConstraintName: 'fk_stock_count_sessions_warehouse' })
  warehouse?: WarehouseEntity;

  @Column({ type: 'varchar', length: 8, default: 'open' })
  status: CountStatus;

  @Column({ type: 'uuid', nullable: true, name: 'opened_by' })
  openedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'opened_at' })
  openedAt: Date;

  @Column({ type: 'timestamptz', nullable: true, name: 'closed_at' })
  closedAt: Date | null;
}

/** One lot of a count: the quantity frozen when the session opened and what was counted. */
@Entity({ name: 'stock_count_lines' })
@Index('uq_stock_count_lines_lot', ['sessionId', 'lotId'], { unique: true })
@Check('ck_stock_count_lines_quantities', `expected >= 0 AND (counted IS NULL OR counted >= 0)`)
export class CountLineEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', name: 'session_id' })
  sessionId: string;

  @ManyToOne(() => CountSessionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'fk_stock_count_lines_session' })
  session?: CountSessionEntity;

  @Column({ type: 'uuid', name: 'lot_id' })
  lotId: string;

  @Column({ type: 'integer' })
  expected: number;

  @Column({ type: 'integer', nullable: true })
  counted: number | null;

  /** Sum of the reason-coded adjustments posted for this line so far. */
  @Column({ type: 'integer', default: 0, name: 'adjusted' })
  adjusted: number;
}

export const ALERT_KINDS = ['below_reorder', 'expiring_30', 'expiring_60', 'expiring_90', 'expired_available'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

@Entity({ name: 'stock_alerts' })
@Index('uq_stock_alerts_open', ['kind', 'subjectKey'], { unique: true, where: 'resolved_at IS NULL' })
@Check('ck_stock_alerts_kind', `kind IN ('below_reorder','expiring_30','expiring_60','expiring_90','expired_available')`)
export class StockAlertEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 20 })
  kind: AlertKind;

  /** warehouse:item|kit:id or lot:id — one open alert per kind and subject. */
  @Column({ type: 'varchar', length: 120, name: 'subject_key' })
  subjectKey: string;

  @Index('ix_stock_alerts_warehouse')
  @Column({ type: 'uuid', name: 'warehouse_id' })
  warehouseId: string;

  @Column({ type: 'uuid', nullable: true, name: 'item_id' })
  itemId: string | null;

  @Column({ type: 'uuid', nullable: true, name: 'kit_type_id' })
  kitTypeId: string | null;

  @Column({ type: 'uuid', nullable: true, name: 'lot_id' })
  lotId: string | null;

  @Column({ type: 'integer' })
  quantity: number;

  @Column({ type: 'integer', nullable: true })
  threshold: number | null;

  @Column({ type: 'date', nullable: true, name: 'expiry_date' })
  expiryDate: string | null;

  @Column({ type: 'uuid', name: 'run_id' })
  runId: string;

  @CreateDateColumn({ type: 'timestamptz', name: 'raised_at' })
  raisedAt: Date;

  @Column({ type: 'timestamptz', nullable: true, name: 'acknowledged_at' })
  acknowledgedAt: Date | null;

  @Column({ type: 'uuid', nullable: true, name: 'acknowledged_by' })
  acknowledgedBy: string | null;

  @Column({ type: 'timestamptz', nullable: true, name: 'resolved_at' })
  resolvedAt: Date | null;
}

/** One row per job and tick: the unique key makes a second instance's run of the same tick a no-op. */
@Entity({ name: 'inventory_job_runs' })
@Index('uq_inventory_job_runs_tick', ['job', 'tick'], { unique: true })
export class InventoryJobRunEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 40 })
  job: string;

  @Column({ type: 'varchar', length: 60 })
  tick: string;

  @Column({ type: 'varchar', length: 80, nullable: true })
  instance: string | null;

  @Column({ type: 'integer', default: 0, name: 'alerts_raised' })
  alertsRaised: number;

  @CreateDateColumn({ type: 'timestamptz', name: 'started_at' })
  startedAt: Date;
}
