import { randomUUID } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../platform/audit/audit.service';
import { DomainError, notFound } from '../platform/errors/domain-error';
import { fieldError, INVENTORY_ERRORS, stockInsufficient, type StockShortage } from './inventory.errors';
import { ItemEntity } from './item.entity';
import { KitComponentEntity, KitTypeEntity } from './kit-type.entity';
import {
  type AdjustmentReason,
  type FundingSourceType,
  type LotAllocation,
  type MovementKind,
  StockReservationEntity,
  StockTransferEntity,
  type TransferLine,
} from './stock.entities';
import { WarehouseEntity } from './warehouse.entity';

/** Exactly one of itemId / kitTypeId. */
export interface StockSubject {
  itemId?: string | null;
  kitTypeId?: string | null;
}

export interface Actor {
  id: string | null;
  organizationId: string | null;
  roles: readonly string[];
}

export interface Reference {
  referenceType?: string | null;
  referenceId?: string | null;
}

export interface LotRow {
  id: string;
  warehouse_id: string;
  item_id: string | null;
  kit_type_id: string | null;
  lot_code: string;
  expiry_date: string | null;
  funding_source_type: FundingSourceType | null;
  funding_source_id: string | null;
  on_hand: number;
  reserved: number;
  created_at: Date;
}

export interface ReceiptLine extends StockSubject {
  quantity: number;
  lotCode?: string | null;
  expiryDate?: string | null;
  fundingSourceType?: FundingSourceType | null;
  fundingSourceId?: string | null;
}

export interface MovementResult {
  id: string;
  kind: MovementKind;
  lotId: string;
  itemId: string | null;
  kitTypeId: string | null;
  onHandDelta: number;
  reservedDelta: number;
}

export interface OperationResult {
  operationId: string;
  movements: MovementResult[];
}

interface PendingMovement {
  kind: MovementKind;
  lot: LotRow;
  onHandDelta: number;
  reservedDelta: number;
  reasonCode?: AdjustmentReason | null;
  note?: string | null;
}

const LOT_COLUMNS =
  'id, warehouse_id, item_id, kit_type_id, lot_code, expiry_date::text AS expiry_date, funding_source_type, funding_source_id, on_hand, reserved, created_at';

/**
 * The stock ledger: every use case that changes a balance. Each takes the caller's EntityManager so
 * that another domain (deliveries) can reserve, release, dispatch and return inside its own
 * transaction. Concurrency: every use case locks the lot rows it touches with SELECT … FOR UPDATE in
 * ascending id order (one fixed order for all use cases, so no deadlock), decides on the locked
 * values, then writes balances and movements; the CHECK constraints are the last line of defence.
 */
@Injectable()
export class StockLedgerService {
  constructor(private readonly audit: AuditService) {}

  // ---------------------------------------------------------------- receipts and returns

  async receive(
    manager: EntityManager,
    actor: Actor,
    input: { warehouseId: string; lines: ReceiptLine[]; note?: string | null } & Reference,
  ): Promise<OperationResult> {
    const warehouse = await this.writableWarehouse(manager, actor, input.warehouseId);
    const normalized: Array<ReceiptLine & { lotCode: string }> = [];
    for (const [index, line] of input.lines.entries()) {
      const subject = await this.subjectInfo(manager, line, `lines[${index}]`);
      if (subject.perishable && !line.expiryDate) {
        throw new DomainError(INVENTORY_ERRORS.EXPIRY_REQUIRED, HttpStatus.BAD_REQUEST, { name: subject.name }, [
          { field: `lines[${index}].expiryDate`, code: 'isDefined', message: 'expiryDate' },
        ]);
      }
      normalized.push({ ...line, lotCode: (line.lotCode ?? '').trim() });
    }
    const lots = await this.ensureLots(
      manager,
      warehouse.id,
      normalized.map((l) => ({
        itemId: l.itemId ?? null,
        kitTypeId: l.kitTypeId ?? null,
        lotCode: l.lotCode,
        expiryDate: l.expiryDate ?? null,
        fundingSourceType: l.fundingSourceType ?? null,
        fundingSourceId: l.fundingSourceId ?? null,
      })),
    );
    const pending = normalized.map((line, i) => {
      const lot = lots[i];
      if ((line.expiryDate ?? null) !== lot.expiry_date) throw lotMismatch(`lines[${i}].expiryDate`);
      return { kind: 'receipt' as const, lot, onHandDelta: line.quantity, reservedDelta: 0, note: input.note ?? null };
    });
    const result = await this.write(manager, actor, pending, input);
    await this.audit.record(manager, {
      action: 'inventory.receipt_recorded',
      entityType: 'stock_operation',
      entityId: result.operationId,
      summary: `Receipt of ${sum(normalized.map((l) => l.quantity))} units in ${pending.length} lines at ${warehouse.name}`,
    });
    return result;
  }

  /** Goods that come back (an undelivered delivery) go back into the lot they left. */
  async returnStock(
    manager: EntityManager,
    actor: Actor,
    input: { warehouseId: string; lotId: string; quantity: number; note?: string | null } & Reference,
  ): Promise<OperationResult> {
    const warehouse = await this.writableWarehouse(manager, actor, input.warehouseId);
    const [lot] = await this.lockLotIds(manager, [input.lotId]);
    if (!lot || lot.warehouse_id !== warehouse.id) throw lotMismatch('lotId');
    const result = await this.write(
      manager,
      actor,
      [{ kind: 'return', lot, onHandDelta: input.quantity, reservedDelta: 0, note: input.note }],
      input,
    );
    await this.audit.record(manager, {
      action: 'inventory.return_recorded',
      entityType: 'stock_operation',
      entityId: result.operationId,
      summary: `Return of ${input.quantity} units to lot ${lot.lot_code || lot.id} at ${warehouse.name}`,
    });
    return result;
  }

  // ---------------------------------------------------------------- reservations and dispatch

  async reserve(
    manager: EntityManager,
    actor: Actor,
    input: StockSubject & Reference & { warehouseId: string; quantity: number },
  ): Promise<StockReservationEntity> {
    const warehouse = await this.writableWarehouse(manager, actor, input.warehouseId);
    const subject = await this.subjectInfo(manager, input, '');
    const reservationId = randomUUID();
    // What does not depend on the balances is written before the row locks are taken.
    await this.audit.record(manager, {
      action: 'inventory.stock_reserved',
      entityType: 'stock_reservation',
      entityId: reservationId,
      summary: `Reserved ${input.quantity} × ${subject.name} at ${warehouse.name}`,
    });
    // A hot kit is reserved by many at once, so the lots stay locked for ONE statement only (then
    // COMMIT): it locks the usable lots in id order, allocates first-expiry-first-out over the locked
    // values (window sum), updates the balances, writes the ledger rows and the reservation. When the
    // stock does not cover the request nothing is written and `available` says what there is.
    const [row] = await manager.query<Array<{ available: number; allocations: LotAllocation[] | null }>>(
      `WITH locked AS (
         SELECT id, on_hand - reserved AS avail, expiry_date, created_at FROM stock_lots
          WHERE warehouse_id = $1 AND COALESCE(item_id, kit_type_id) = $2
            AND (expiry_date IS NULL OR expiry_date >= $3::date) AND on_hand - reserved > 0
          ORDER BY id FOR UPDATE
       ),
       total AS (SELECT COALESCE(sum(avail), 0)::int AS available FROM locked),
       ordered AS (
         SELECT id, avail, sum(avail) OVER (ORDER BY COALESCE(expiry_date, '9999-12-31'::date), created_at, id) AS cum FROM locked
       ),
       alloc AS (
         SELECT o.id, LEAST(o.avail, $4::int - (o.cum - o.avail))::int AS take
           FROM ordered o, total t WHERE t.available >= $4::int AND o.cum - o.avail < $4::int
       ),
       upd AS (
         UPDATE stock_lots AS l SET reserved = l.reserved + a.take FROM alloc a WHERE l.id = a.id
         RETURNING l.id, a.take, l.warehouse_id, l.item_id, l.kit_type_id
       ),
       res AS (
         INSERT INTO stock_reservations (id, warehouse_id, item_id, kit_type_id, quantity, allocations, status, reference_type, reference_id, created_by)
         SELECT $5::uuid, $1, $6, $7, $4::int, jsonb_agg(jsonb_build_object('lotId', u.id, 'quantity', u.take) ORDER BY u.id), 'active', $8, $9, $10
           FROM upd u HAVING count(*) > 0
         RETURNING allocations
       ),
       mov AS (
         INSERT INTO stock_movements (id, operation_id, kind, warehouse_id, lot_id, item_id, kit_type_id, on_hand_delta, reserved_delta,
                                      reference_type, reference_id, actor_user_id)
         SELECT gen_random_uuid(), $11, 'reservation', u.warehouse_id, u.id, u.item_id, u.kit_type_id, 0, u.take, 'reservation', $5::uuid, $10
           FROM upd u
       )
       SELECT t.available, (SELECT allocations FROM res) AS allocations FROM total t`,
      [
        warehouse.id,
        subject.itemId ?? subject.kitTypeId,
        today(),
        input.quantity,
        reservationId,
        subject.itemId,
        subject.kitTypeId,
        input.referenceType ?? null,
        input.referenceId ?? null,
        actor.id,
        randomUUID(),
      ],
    );
    if (!row.allocations) {
      throw stockInsufficient([
        { name: subject.name, itemId: subject.itemId, kitTypeId: subject.kitTypeId, requested: input.quantity, available: row.available },
      ]);
    }
    return manager.create(StockReservationEntity, {
      id: reservationId,
      warehouseId: warehouse.id,
      itemId: subject.itemId,
      kitTypeId: subject.kitTypeId,
      quantity: input.quantity,
      allocations: row.allocations,
      status: 'active',
      referenceType: input.referenceType ?? null,
      referenceId: input.referenceId ?? null,
      createdBy: actor.id,
      closedAt: null,
    });
  }

  async release(manager: EntityManager, actor: Actor, reservationId: string): Promise<StockReservationEntity> {
    const reservation = await this.lockActiveReservation(manager, actor, reservationId);
    const lots = await this.lockLotIds(
      manager,
      reservation.allocations.map((a) => a.lotId),
    );
    const pending = reservation.allocations.map((a) => ({
      kind: 'release' as const,
      lot: byId(lots, a.lotId),
      onHandDelta: 0,
      reservedDelta: -a.quantity,
    }));
    await this.write(manager, actor, pending, { referenceType: 'reservation', referenceId: reservation.id });
    reservation.status = 'released';
    reservation.closedAt = new Date();
    await manager.update(StockReservationEntity, { id: reservation.id }, { status: 'released', closedAt: reservation.closedAt });
    await this.audit.record(manager, {
      action: 'inventory.reservation_released',
      entityType: 'stock_reservation',
      entityId: reservation.id,
      summary: `Released reservation of ${reservation.quantity} units`,
    });
    return reservation;
  }

  /** Dispatches a reservation entirely, or (without one) takes available stock first-expiry-first-out. */
  async dispatch(
    manager: EntityManager,
    actor: Actor,
    input: { reservationId: string } | (StockSubject & Reference & { warehouseId: string; quantity: number }),
  ): Promise<OperationResult> {
    if ('reservationId' in input) {
      const reservation = await this.lockActiveReservation(manager, actor, input.reservationId);
      const lots = await this.lockLotIds(
        manager,
        reservation.allocations.map((a) => a.lotId),
      );
      const pending = reservation.allocations.map((a) => ({
        kind: 'dispatch' as const,
        lot: byId(lots, a.lotId),
        onHandDelta: -a.quantity,
        reservedDelta: -a.quantity,
      }));
      const result = await this.write(manager, actor, pending, {
        referenceType: reservation.referenceType,
        referenceId: reservation.referenceId,
      });
      await manager.update(StockReservationEntity, { id: reservation.id }, { status: 'dispatched', closedAt: new Date() });
      await this.audit.record(manager, {
        action: 'inventory.stock_dispatched',
        entityType: 'stock_reservation',
        entityId: reservation.id,
        summary: `Dispatched reservation of ${reservation.quantity} units`,
      });
      return result;
    }
    const warehouse = await this.writableWarehouse(manager, actor, input.warehouseId);
    const subject = await this.subjectInfo(manager, input, '');
    const operationId = randomUUID();
    await this.audit.record(manager, {
      action: 'inventory.stock_dispatched',
      entityType: 'stock_operation',
      entityId: operationId,
      summary: `Dispatched ${input.quantity} × ${subject.name} from ${warehouse.name}`,
    });
    const lots = await this.lockSubjectLots(manager, warehouse.id, [subject]);
    const allocations = allocateFefo(lots, input.quantity, subject);
    const pending = allocations.map(({ lot, quantity }) => ({ kind: 'dispatch' as const, lot, onHandDelta: -quantity, reservedDelta: 0 }));
    return this.write(manager, actor, pending, input, operationId);
  }

  // ---------------------------------------------------------------- adjustments

  async adjust(
    manager: EntityManager,
    actor: Actor,
    input: { warehouseId: string; lotId: string; delta: number; reasonCode: AdjustmentReason; note?: string | null } & Reference,
  ): Promise<OperationResult> {
    const warehouse = await this.writableWarehouse(manager, actor, input.warehouseId);
    const [lot] = await this.lockLotIds(manager, [input.lotId]);
    if (!lot || lot.warehouse_id !== warehouse.id) throw lotMismatch('lotId');
    if (input.delta < 0 && lot.on_hand - lot.reserved < -input.delta) {
      const subject = await this.subjectInfo(manager, { itemId: lot.item_id, kitTypeId: lot.kit_type_id }, '');
      throw stockInsufficient([
        {
          name: subject.name,
          itemId: lot.item_id,
          kitTypeId: lot.kit_type_id,
          requested: -input.delta,
          available: lot.on_hand - lot.reserved,
        },
      ]);
    }
    const result = await this.write(
      manager,
      actor,
      [{ kind: 'adjustment', lot, onHandDelta: input.delta, reservedDelta: 0, reasonCode: input.reasonCode, note: input.note }],
      input,
    );
    await this.audit.record(manager, {
      action: 'inventory.stock_adjusted',
      entityType: 'stock_operation',
      entityId: result.operationId,
      summary: `Adjustment ${input.delta > 0 ? '+' : ''}${input.delta} (${input.reasonCode}) on lot ${lot.lot_code || lot.id} at ${warehouse.name}`,
    });
    return result;
  }

  // ---------------------------------------------------------------- assembly

  /** What assembling `count` kits would consume, lot by lot, without writing anything. */
  async planAssembly(
    manager: EntityManager,
    warehouseId: string,
    kitTypeId: string,
    count: number,
    lock: boolean,
  ): Promise<{ kit: KitTypeEntity; consumed: Array<{ lot: LotRow; quantity: number; itemId: string }>; shortages: StockShortage[] }> {
    const kit = await manager.findOneBy(KitTypeEntity, { id: kitTypeId });
    if (!kit) throw fieldError('kitTypeId', 'exists', 'kitTypeId does not exist');
    const components = await manager.find(KitComponentEntity, { where: { kitTypeId }, relations: { item: true } });
    const subjects = components.map((c) => ({
      itemId: c.itemId,
      kitTypeId: null,
      name: subjectName(c.item as ItemEntity),
      perishable: false,
    }));
    const lots = lock
      ? await this.lockSubjectLots(manager, warehouseId, subjects)
      : await this.readSubjectLots(manager, warehouseId, subjects);
    const consumed: Array<{ lot: LotRow; quantity: number; itemId: string }> = [];
    const shortages: StockShortage[] = [];
    for (const [i, component] of components.entries()) {
      const subject = subjects[i];
      const needed = component.quantity * count;
      const own = lots.filter((l) => l.item_id === component.itemId);
      const available = usableQuantity(own);
      if (available < needed) {
        shortages.push({ name: subject.name, itemId: component.itemId, kitTypeId: null, requested: needed, available });
        continue;
      }
      for (const a of allocateFefo(own, needed, subject)) consumed.push({ lot: a.lot, quantity: a.quantity, itemId: component.itemId });
    }
    return { kit, consumed, shortages };
  }

  async assemble(
    manager: EntityManager,
    actor: Actor,
    input: { warehouseId: string; kitTypeId: string; count: number; note?: string | null },
  ): Promise<OperationResult> {
    const warehouse = await this.writableWarehouse(manager, actor, input.warehouseId);
    const kitCheck = await manager.findOneBy(KitTypeEntity, { id: input.kitTypeId });
    if (!kitCheck) throw fieldError('kitTypeId', 'exists', 'kitTypeId does not exist');
    if (!kitCheck.isCurrent) {
      const current = await manager.findOneBy(KitTypeEntity, { code: kitCheck.code, isCurrent: true });
      throw new DomainError(INVENTORY_ERRORS.KIT_TYPE_NOT_CURRENT, HttpStatus.CONFLICT, { current: current?.version ?? kitCheck.version });
    }
    const plan = await this.planAssembly(manager, warehouse.id, input.kitTypeId, input.count, true);
    if (plan.shortages.length > 0) throw stockInsufficient(plan.shortages);
    const operationId = randomUUID();
    const expiries = plan.consumed
      .map((c) => c.lot.expiry_date)
      .filter((d): d is string => d !== null)
      .sort();
    const [kitLot] = await this.ensureLots(manager, warehouse.id, [
      {
        itemId: null,
        kitTypeId: input.kitTypeId,
        lotCode: `ARM-${new Date().toISOString().slice(0, 10).replace(/-/g, '')}-${operationId.slice(0, 8).toUpperCase()}`,
        expiryDate: expiries[0] ?? null,
        fundingSourceType: null,
        fundingSourceId: null,
      },
    ]);
    const pending: PendingMovement[] = [
      ...plan.consumed.map((c) => ({ kind: 'assembly_consume' as const, lot: c.lot, onHandDelta: -c.quantity, reservedDelta: 0 })),
      { kind: 'assembly_produce', lot: kitLot, onHandDelta: input.count, reservedDelta: 0, note: input.note ?? null },
    ];
    const result = await this.write(manager, actor, pending, { referenceType: 'assembly', referenceId: operationId }, operationId);
    await this.audit.record(manager, {
      action: 'inventory.kits_assembled',
      entityType: 'stock_operation',
      entityId: operationId,
      summary: `Assembled ${input.count} × ${kitCheck.nameEs} v${kitCheck.version} at ${warehouse.name}`,
    });
    return result;
  }

  /**
   * Takes kits apart: the components go back into a lot named after the kit lot, with the kit
   * lot's expiry (the earliest of what went in, so never later than the truth).
   */
  async disassemble(
    manager: EntityManager,
    actor: Actor,
    input: { warehouseId: string; kitTypeId: string; count: number; note?: string | null },
  ): Promise<OperationResult> {
    const warehouse = await this.writableWarehouse(manager, actor, input.warehouseId);
    const subject = await this.subjectInfo(manager, { kitTypeId: input.kitTypeId }, 'kitTypeId');
    const components = await manager.find(KitComponentEntity, { where: { kitTypeId: input.kitTypeId } });
    const operationId = randomUUID();
    // Lock the kit lots first to decide which lots are taken apart, then create the component lots
    // (new rows) and lock everything together in id order.
    const kitLots = await this.lockSubjectLots(manager, warehouse.id, [subject]);
    const allocations = allocateFefo(kitLots, input.count, subject);
    const targets = allocations.flatMap(({ lot, quantity }) =>
      components.map((c) => ({
        key: {
          itemId: c.itemId,
          kitTypeId: null,
          lotCode: `DES-${lot.lot_code || lot.id.slice(0, 8)}`.slice(0, 60),
          expiryDate: lot.expiry_date,
          fundingSourceType: lot.funding_source_type,
          fundingSourceId: lot.funding_source_id,
        },
        quantity: c.quantity * quantity,
      })),
    );
    const componentLots = await this.ensureLots(
      manager,
      warehouse.id,
      targets.map((t) => t.key),
    );
    const pending: PendingMovement[] = [
      ...allocations.map(({ lot, quantity }) => ({ kind: 'disassembly_consume' as const, lot, onHandDelta: -quantity, reservedDelta: 0 })),
      ...targets.map((t, i) => ({
        kind: 'disassembly_produce' as const,
        lot: componentLots[i],
        onHandDelta: t.quantity,
        reservedDelta: 0,
      })),
    ];
    const result = await this.write(manager, actor, pending, { referenceType: 'disassembly', referenceId: operationId }, operationId);
    await this.audit.record(manager, {
      action: 'inventory.kits_disassembled',
      entityType: 'stock_operation',
      entityId: operationId,
      summary: `Disassembled ${input.count} × ${subject.name} at ${warehouse.name}`,
    });
    return result;
  }

  // ---------------------------------------------------------------- transfers

  async shipTransfer(
    manager: EntityManager,
    actor: Actor,
    input: { fromWarehouseId: string; toWarehouseId: string; lines: Array<StockSubject & { quantity: number }>; note?: string | null },
  ): Promise<StockTransferEntity> {
    if (input.fromWarehouseId === input.toWarehouseId)
      throw fieldError('toWarehouseId', 'distinct', 'toWarehouseId must differ from fromWarehouseId');
    const from = await this.writableWarehouse(manager, actor, input.fromWarehouseId);
    const to = await manager.findOneBy(WarehouseEntity, { id: input.toWarehouseId });
    if (!to) throw fieldError('toWarehouseId', 'exists', 'toWarehouseId does not exist');
    const subjects = [];
    for (const [i, line] of input.lines.entries()) subjects.push(await this.subjectInfo(manager, line, `lines[${i}]`));
    const lots = await this.lockSubjectLots(manager, from.id, subjects);
    const shortages: StockShortage[] = [];
    const allocations: Array<{ lot: LotRow; quantity: number }> = [];
    const taken = new Map<string, number>();
    for (const [i, line] of input.lines.entries()) {
      const subject = subjects[i];
      const own = lots
        .filter((l) => l.item_id === subject.itemId && l.kit_type_id === subject.kitTypeId)
        .map((l) => ({ ...l, on_hand: l.on_hand - (taken.get(l.id) ?? 0) }));
      const available = usableQuantity(own);
      if (available < line.quantity) {
        shortages.push({ name: subject.name, itemId: subject.itemId, kitTypeId: subject.kitTypeId, requested: line.quantity, available });
        continue;
      }
      for (const a of allocateFefo(own, line.quantity, subject)) {
        taken.set(a.lot.id, (taken.get(a.lot.id) ?? 0) + a.quantity);
        allocations.push({ lot: byId(lots, a.lot.id), quantity: a.quantity });
      }
    }
    if (shortages.length > 0) throw stockInsufficient(shortages);
    const transfer = manager.create(StockTransferEntity, {
      id: randomUUID(),
      fromWarehouseId: from.id,
      toWarehouseId: to.id,
      status: 'in_transit',
      note: input.note ?? null,
      createdBy: actor.id,
      receivedAt: null,
      lines: allocations.map(({ lot, quantity }): TransferLine => ({
        itemId: lot.item_id,
        kitTypeId: lot.kit_type_id,
        sourceLotId: lot.id,
        lotCode: lot.lot_code,
        expiryDate: lot.expiry_date,
        fundingSourceType: lot.funding_source_type,
        fundingSourceId: lot.funding_source_id,
        quantity,
      })),
    });
    await manager.insert(StockTransferEntity, transfer);
    await this.write(
      manager,
      actor,
      allocations.map(({ lot, quantity }) => ({ kind: 'transfer_out', lot, onHandDelta: -quantity, reservedDelta: 0 })),
      { referenceType: 'transfer', referenceId: transfer.id },
    );
    await this.audit.record(manager, {
      action: 'inventory.transfer_shipped',
      entityType: 'stock_transfer',
      entityId: transfer.id,
      summary: `Transfer of ${sum(allocations.map((a) => a.quantity))} units from ${from.name} to ${to.name} in transit`,
    });
    return transfer;
  }

  async receiveTransfer(manager: EntityManager, actor: Actor, transferId: string): Promise<StockTransferEntity> {
    const transfer = await manager.findOne(StockTransferEntity, { where: { id: transferId }, lock: { mode: 'pessimistic_write' } });
    if (!transfer) throw notFound();
    const to = await this.writableWarehouse(manager, actor, transfer.toWarehouseId);
    if (transfer.status !== 'in_transit') throw new DomainError(INVENTORY_ERRORS.TRANSFER_ALREADY_RECEIVED, HttpStatus.CONFLICT);
    const lots = await this.ensureLots(
      manager,
      to.id,
      transfer.lines.map((l) => ({
        itemId: l.itemId,
        kitTypeId: l.kitTypeId,
        lotCode: l.lotCode,
        expiryDate: l.expiryDate,
        fundingSourceType: l.fundingSourceType,
        fundingSourceId: l.fundingSourceId,
      })),
    );
    await this.write(
      manager,
      actor,
      transfer.lines.map((l, i) => {
        const lot = lots[i];
        if (lot.expiry_date !== l.expiryDate) throw lotMismatch(`lines[${i}]`);
        return { kind: 'transfer_in' as const, lot, onHandDelta: l.quantity, reservedDelta: 0 };
      }),
      { referenceType: 'transfer', referenceId: transfer.id },
    );
    transfer.status = 'received';
    transfer.receivedAt = new Date();
    await manager.update(StockTransferEntity, { id: transfer.id }, { status: 'received', receivedAt: transfer.receivedAt });
    await this.audit.record(manager, {
      action: 'inventory.transfer_received',
      entityType: 'stock_transfer',
      entityId: transfer.id,
      summary: `Transfer received at ${to.name}`,
    });
    return transfer;
  }

  // ---------------------------------------------------------------- building blocks

  /** Mutations are for the warehouse's own organisation (admins: any); reads are network-wide. */
  async writableWarehouse(manager: EntityManager, actor: Actor, warehouseId: string): Promise<WarehouseEntity> {
    const warehouse = await manager.findOneBy(WarehouseEntity, { id: warehouseId });
    if (!warehouse) throw fieldError('warehouseId', 'exists', 'warehouseId does not exist');
    if (!actor.roles.includes('admin') && actor.organizationId !== warehouse.organizationId) {
      throw new DomainError(INVENTORY_ERRORS.WAREHOUSE_NOT_ACCESSIBLE, HttpStatus.FORBIDDEN);
    }
    return warehouse;
  }

  async subjectInfo(manager: EntityManager, subject: StockSubject, field: string): Promise<SubjectInfo> {
    const prefix = field ? `${field}.` : '';
    if ((subject.itemId ? 1 : 0) + (subject.kitTypeId ? 1 : 0) !== 1) {
      throw fieldError(`${prefix}itemId`, 'exactlyOne', 'give exactly one of itemId and kitTypeId');
    }
    if (subject.itemId) {
      const item = await manager.findOneBy(ItemEntity, { id: subject.itemId });
      if (!item) throw fieldError(`${prefix}itemId`, 'exists', 'itemId does not exist');
      return { itemId: item.id, kitTypeId: null, name: subjectName(item), perishable: item.perishable };
    }
    const kit = await manager.findOneBy(KitTypeEntity, { id: subject.kitTypeId as string });
    if (!kit) throw fieldError(`${prefix}kitTypeId`, 'exists', 'kitTypeId does not exist');
    return { itemId: null, kitTypeId: kit.id, name: `${kit.nameEs} v${kit.version}`, perishable: false };
  }

  /** Creates the lots that do not exist yet (no lock on existing rows), then locks all in id order. */
  private async ensureLots(
    manager: EntityManager,
    warehouseId: string,
    keys: Array<{
      itemId: string | null;
      kitTypeId: string | null;
      lotCode: string;
      expiryDate: string | null;
      fundingSourceType: FundingSourceType | null;
      fundingSourceId: string | null;
    }>,
  ): Promise<LotRow[]> {
    if (keys.length === 0) return [];
    await manager.query(
      `INSERT INTO stock_lots (warehouse_id, item_id, kit_type_id, lot_code, expiry_date, funding_source_type, funding_source_id)
       SELECT $1, * FROM unnest($2::uuid[], $3::uuid[], $4::varchar[], $5::date[], $6::varchar[], $7::uuid[])
       ON CONFLICT (warehouse_id, (COALESCE(item_id, kit_type_id)), lot_code) DO NOTHING`,
      [
        warehouseId,
        keys.map((k) => k.itemId),
        keys.map((k) => k.kitTypeId),
        keys.map((k) => k.lotCode),
        keys.map((k) => k.expiryDate),
        keys.map((k) => k.fundingSourceType),
        keys.map((k) => k.fundingSourceId),
      ],
    );
    const rows: LotRow[] = await manager.query(
      `SELECT ${LOT_COLUMNS} FROM stock_lots l
       WHERE warehouse_id = $1 AND (COALESCE(item_id, kit_type_id), lot_code) IN (SELECT * FROM unnest($2::uuid[], $3::varchar[]))
       ORDER BY id FOR UPDATE`,
      [warehouseId, keys.map((k) => k.itemId ?? k.kitTypeId), keys.map((k) => k.lotCode)],
    );
    return keys.map((k) => {
      const row = rows.find((r) => (r.item_id ?? r.kit_type_id) === (k.itemId ?? k.kitTypeId) && r.lot_code === k.lotCode);
      if (!row) throw new Error('lot vanished after insert');
      return row;
    });
  }

  private lockLotIds(manager: EntityManager, ids: string[]): Promise<LotRow[]> {
    return manager.query(`SELECT ${LOT_COLUMNS} FROM stock_lots WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [ids]);
  }

  private lockSubjectLots(manager: EntityManager, warehouseId: string, subjects: StockSubject[]): Promise<LotRow[]> {
    return manager.query(
      `SELECT ${LOT_COLUMNS} FROM stock_lots WHERE warehouse_id = $1 AND COALESCE(item_id, kit_type_id) = ANY($2::uuid[]) ORDER BY id FOR UPDATE`,
      [warehouseId, subjects.map((s) => s.itemId ?? s.kitTypeId)],
    );
  }

  private readSubjectLots(manager: EntityManager, warehouseId: string, subjects: StockSubject[]): Promise<LotRow[]> {
    return manager.query(
      `SELECT ${LOT_COLUMNS} FROM stock_lots WHERE warehouse_id = $1 AND COALESCE(item_id, kit_type_id) = ANY($2::uuid[])`,
      [warehouseId, subjects.map((s) => s.itemId ?? s.kitTypeId)],
    );
  }

  private async lockActiveReservation(manager: EntityManager, actor: Actor, id: string): Promise<StockReservationEntity> {
    const reservation = await manager.findOne(StockReservationEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!reservation) throw notFound();
    await this.writableWarehouse(manager, actor, reservation.warehouseId);
    if (reservation.status !== 'active') {
      throw new DomainError(INVENTORY_ERRORS.RESERVATION_NOT_ACTIVE, HttpStatus.CONFLICT, { status: reservation.status });
    }
    return reservation;
  }

  /** Balances and ledger in one go: one UPDATE for the balances, one INSERT for the movements. */
  private async write(
    manager: EntityManager,
    actor: Actor,
    pending: PendingMovement[],
    reference: Reference,
    operationId = randomUUID(),
  ): Promise<OperationResult> {
    const deltas = new Map<string, { onHand: number; reserved: number }>();
    for (const p of pending) {
      const d = deltas.get(p.lot.id) ?? { onHand: 0, reserved: 0 };
      d.onHand += p.onHandDelta;
      d.reserved += p.reservedDelta;
      deltas.set(p.lot.id, d);
    }
    const ids = [...deltas.keys()];
    const rows = pending.map((p) => ({
      id: randomUUID(),
      operationId,
      kind: p.kind,
      warehouseId: p.lot.warehouse_id,
      lotId: p.lot.id,
      itemId: p.lot.item_id,
      kitTypeId: p.lot.kit_type_id,
      onHandDelta: p.onHandDelta,
      reservedDelta: p.reservedDelta,
      reasonCode: p.reasonCode ?? null,
      referenceType: reference.referenceType ?? null,
      referenceId: reference.referenceId ?? null,
      note: p.note ?? null,
      actorUserId: actor.id,
    }));
    // One round trip while the lot rows are locked: balances and ledger rows in a single statement.
    await manager.query(
      `WITH balances AS (
         UPDATE stock_lots AS l SET on_hand = l.on_hand + v.dh, reserved = l.reserved + v.dr
         FROM unnest($1::uuid[], $2::int[], $3::int[]) AS v(id, dh, dr) WHERE l.id = v.id
       )
       INSERT INTO stock_movements (id, operation_id, kind, warehouse_id, lot_id, item_id, kit_type_id, on_hand_delta, reserved_delta,
                                    reason_code, reference_type, reference_id, note, actor_user_id)
       SELECT * FROM unnest($4::uuid[], $5::uuid[], $6::varchar[], $7::uuid[], $8::uuid[], $9::uuid[], $10::uuid[], $11::int[], $12::int[],
                            $13::varchar[], $14::varchar[], $15::uuid[], $16::varchar[], $17::uuid[])`,
      [
        ids,
        ids.map((id) => deltas.get(id)?.onHand ?? 0),
        ids.map((id) => deltas.get(id)?.reserved ?? 0),
        rows.map((r) => r.id),
        rows.map((r) => r.operationId),
        rows.map((r) => r.kind),
        rows.map((r) => r.warehouseId),
        rows.map((r) => r.lotId),
        rows.map((r) => r.itemId),
        rows.map((r) => r.kitTypeId),
        rows.map((r) => r.onHandDelta),
        rows.map((r) => r.reservedDelta),
        rows.map((r) => r.reasonCode),
        rows.map((r) => r.referenceType),
        rows.map((r) => r.referenceId),
        rows.map((r) => r.note),
        rows.map((r) => r.actorUserId),
      ],
    );
    return {
      operationId,
      movements: rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        lotId: r.lotId,
        itemId: r.itemId,
        kitTypeId: r.kitTypeId,
        onHandDelta: r.onHandDelta,
        reservedDelta: r.reservedDelta,
      })),
    };
  }
}

export interface SubjectInfo {
  itemId: string | null;
  kitTypeId: string | null;
  name: string;
  perishable: boolean;
}

function subjectName(item: ItemEntity): string {
  return `${item.nameEs} [${item.sku}]`;
}

const today = (): string => new Date().toISOString().slice(0, 10);

/** Expired lots are never reserved, dispatched, transferred or assembled. */
export function usableQuantity(lots: LotRow[]): number {
  const now = today();
  return sum(lots.filter((l) => l.expiry_date === null || l.expiry_date >= now).map((l) => l.on_hand - l.reserved));
}

/** First-expiry-first-out (no expiry last, then oldest lot first); throws STOCK_INSUFFICIENT. */
export function allocateFefo(
  lots: LotRow[],
  quantity: number,
  subject: { name: string; itemId?: string | null; kitTypeId?: string | null },
): Array<{ lot: LotRow; quantity: number }> {
  const now = today();
  const usable = lots
    .filter((l) => (l.expiry_date === null || l.expiry_date >= now) && l.on_hand - l.reserved > 0)
    .sort(
      (a, b) =>
        (a.expiry_date ?? '9999-12-31').localeCompare(b.expiry_date ?? '9999-12-31') ||
        new Date(a.created_at).getTime() - new Date(b.created_at).getTime() ||
        a.id.localeCompare(b.id),
    );
  const available = sum(usable.map((l) => l.on_hand - l.reserved));
  if (available < quantity) {
    throw stockInsufficient([
      { name: subject.name, itemId: subject.itemId ?? null, kitTypeId: subject.kitTypeId ?? null, requested: quantity, available },
    ]);
  }
  const out: Array<{ lot: LotRow; quantity: number }> = [];
  let left = quantity;
  for (const lot of usable) {
    if (left === 0) break;
    const take = Math.min(left, lot.on_hand - lot.reserved);
    out.push({ lot, quantity: take });
    left -= take;
  }
  return out;
}

function byId(lots: LotRow[], id: string): LotRow {
  const lot = lots.find((l) => l.id === id);
  if (!lot) throw new Error(`lot ${id} not locked`);
  return lot;
}

function lotMismatch(field: string): DomainError {
  return new DomainError(INVENTORY_ERRORS.LOT_MISMATCH, HttpStatus.CONFLICT, {}, [{ field, code: 'lot', message: field }]);
}

export function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

export type { LotAllocation };
