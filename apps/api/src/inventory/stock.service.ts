import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import type { AuthenticatedUser } from '../platform/auth/authenticated-user';
import { notFound } from '../platform/errors/domain-error';
import { pageWindow } from '../platform/paging/page-query.dto';
import { TransactionRunner } from '../platform/transaction/transaction-runner';
import { actorOf } from './catalog.service';
import {
  type AdjustmentDto,
  type AssemblyDto,
  AssemblyPreviewDto,
  type AssemblyPreviewQueryDto,
  type CapacityListDto,
  type CreateTransferDto,
  type DispatchDto,
  type LotListDto,
  type LotQueryDto,
  OperationDto,
  type QuantityRequestDto,
  type ReceiptDto,
  ReservationDto,
  type ReservationPageDto,
  type ReservationQueryDto,
  type ReturnDto,
  type StockCardDto,
  type StockCardQueryDto,
  type StockPageDto,
  type StockQueryDto,
  type StockRowDto,
  TransferDto,
  type TransferPageDto,
  type TransferQueryDto,
} from './dto/stock.dto';
import { fieldError } from './inventory.errors';
import { ItemEntity } from './item.entity';
import { KitComponentEntity, KitTypeEntity } from './kit-type.entity';
import { StockReservationEntity, StockTransferEntity, type TransferLine } from './stock.entities';
import { StockLedgerService } from './stock-ledger.service';
import { WarehouseEntity } from './warehouse.entity';

/** HTTP-facing stock use cases (one transaction each, around the ledger) and the read side. */
@Injectable()
export class StockService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly ledger: StockLedgerService,
  ) {}

  async receive(user: AuthenticatedUser, input: ReceiptDto): Promise<OperationDto> {
    return OperationDto.from(await this.transactions.run((m) => this.ledger.receive(m, actorOf(user), input)));
  }

  async reserve(user: AuthenticatedUser, input: QuantityRequestDto): Promise<ReservationDto> {
    return ReservationDto.from(await this.transactions.run((m) => this.ledger.reserve(m, actorOf(user), input)));
  }

  async release(user: AuthenticatedUser, id: string): Promise<ReservationDto> {
    return ReservationDto.from(await this.transactions.run((m) => this.ledger.release(m, actorOf(user), id)));
  }

  async dispatch(user: AuthenticatedUser, input: DispatchDto): Promise<OperationDto> {
    let request: Parameters<StockLedgerService['dispatch']>[2];
    if (input.reservationId) {
      if (input.warehouseId || input.quantity || input.itemId || input.kitTypeId) {
        throw fieldError('reservationId', 'exclusive', 'with reservationId give nothing else');
      }
      request = { reservationId: input.reservationId };
    } else {
      if (!input.warehouseId) throw fieldError('warehouseId', 'isDefined', 'warehouseId is required without reservationId');
      if (!input.quantity) throw fieldError('quantity', 'isDefined', 'quantity is required without reservationId');
      request = {
        warehouseId: input.warehouseId,
        quantity: input.quantity,
        itemId: input.itemId,
        kitTypeId: input.kitTypeId,
        referenceType: input.referenceType,
        referenceId: input.referenceId,
      };
    }
    return OperationDto.from(await this.transactions.run((m) => this.ledger.dispatch(m, actorOf(user), request)));
  }

  async returnStock(user: AuthenticatedUser, input: ReturnDto): Promise<OperationDto> {
    return OperationDto.from(await this.transactions.run((m) => this.ledger.returnStock(m, actorOf(user), input)));
  }

  async adjust(user: AuthenticatedUser, input: AdjustmentDto): Promise<OperationDto> {
    return OperationDto.from(await this.transactions.run((m) => this.ledger.adjust(m, actorOf(user), input)));
  }

  async assemble(user: AuthenticatedUser, input: AssemblyDto): Promise<OperationDto> {
    return OperationDto.from(await this.transactions.run((m) => this.ledger.assemble(m, actorOf(user), input)));
  }

  async disassemble(user: AuthenticatedUser, input: AssemblyDto): Promise<OperationDto> {
    return OperationDto.from(await this.transactions.run((m) => this.ledger.disassemble(m, actorOf(user), input)));
  }

  async previewAssembly(input: AssemblyPreviewQueryDto): Promise<AssemblyPreviewDto> {
    if (!(await this.dataSource.manager.existsBy(WarehouseEntity, { id: input.warehouseId }))) {
      throw fieldError('warehouseId', 'exists', 'warehouseId does not exist');
    }
    const plan = await this.ledger.planAssembly(this.dataSource.manager, input.warehouseId, input.kitTypeId, input.count, false);
    const items = await this.dataSource.manager.findBy(ItemEntity, { id: In(plan.consumed.map((c) => c.itemId)) });
    const expiries = plan.consumed
      .map((c) => c.lot.expiry_date)
      .filter((d): d is string => d !== null)
      .sort();
    return {
      possible: plan.shortages.length === 0,
      kitExpiry: expiries[0] ?? null,
      consumed: plan.consumed.map((c) => {
        const item = items.find((i) => i.id === c.itemId);
        return {
          itemId: c.itemId,
          nameEs: item?.nameEs ?? '',
          nameEn: item?.nameEn ?? '',
          lotId: c.lot.id,
          lotCode: c.lot.lot_code,
          expiryDate: c.lot.expiry_date,
          quantity: c.quantity,
        };
      }),
      shortages: plan.shortages.map((s) => ({ itemId: s.itemId ?? '', name: s.name, requested: s.requested, available: s.available })),
    };
  }

  async shipTransfer(user: AuthenticatedUser, input: CreateTransferDto): Promise<TransferDto> {
    const transfer = await this.transactions.run((m) => this.ledger.shipTransfer(m, actorOf(user), input));
    return TransferDto.from(transfer, await this.names(transfer.lines));
  }

  async receiveTransfer(user: AuthenticatedUser, id: string): Promise<TransferDto> {
    const transfer = await this.transactions.run((m) => this.ledger.receiveTransfer(m, actorOf(user), id));
    return TransferDto.from(transfer, await this.names(transfer.lines));
  }

  async listTransfers(query: TransferQueryDto): Promise<TransferPageDto> {
    const { page, pageSize, skip } = pageWindow(query);
    const qb = this.dataSource.getRepository(StockTransferEntity).createQueryBuilder('t');
    if (query.warehouseId) qb.andWhere('(t.from_warehouse_id = :w OR t.to_warehouse_id = :w)', { w: query.warehouseId });
    if (query.status) qb.andWhere('t.status = :s', { s: query.status });
    const [rows, total] = await qb.orderBy('t.shipped_at', 'DESC').skip(skip).take(pageSize).getManyAndCount();
    const names = await this.names(rows.flatMap((r) => r.lines));
    return { items: rows.map((t) => TransferDto.from(t, names)), total, page, pageSize };
  }

  async listReservations(query: ReservationQueryDto): Promise<ReservationPageDto> {
    const { page, pageSize, skip } = pageWindow(query);
    const [rows, total] = await this.dataSource.getRepository(StockReservationEntity).findAndCount({
      where: { ...(query.warehouseId ? { warehouseId: query.warehouseId } : {}), ...(query.status ? { status: query.status } : {}) },
      order: { createdAt: 'DESC' },
      skip,
      take: pageSize,
    });
    return { items: rows.map((r) => ReservationDto.from(r)), total, page, pageSize };
  }

  /** Stock by warehouse × item / kit type, summed over lots. */
  async stock(query: StockQueryDto): Promise<StockPageDto> {
    const { page, pageSize, skip } = pageWindow(query);
    const params: unknown[] = [];
    const where: string[] = [];
    if (query.warehouseId) {
      params.push(query.warehouseId);
      where.push(`s.warehouse_id = $${params.length}`);
    }
    if (query.category) {
      params.push(query.category);
      where.push(`s.category = $${params.length}`);
    }
    if (query.kind) {
      params.push(query.kind);
      where.push(`s.kind = $${params.length}`);
    }
    const sql = `
      WITH s AS (
        SELECT l.warehouse_id, w.name AS warehouse_name,
               CASE WHEN l.item_id IS NULL THEN 'kit' ELSE 'item' END AS kind, l.item_id, l.kit_type_id,
               COALESCE(i.sku, k.code || ' v' || k.version) AS code, COALESCE(i.name_es, k.name_es) AS name_es,
               COALESCE(i.name_en, k.name_en) AS name_en, COALESCE(i.category, k.category) AS category,
               COALESCE(i.unit, 'kit') AS unit,
               SUM(l.on_hand)::int AS on_hand, SUM(l.reserved)::int AS reserved,
               SUM(CASE WHEN l.expiry_date < current_date THEN l.on_hand - l.reserved ELSE 0 END)::int AS expired_available,
               MIN(l.expiry_date) FILTER (WHERE l.on_hand > 0 AND l.expiry_date >= current_date)::text AS next_expiry,
               r.level AS reorder_level
        FROM stock_lots l
        JOIN warehouses w ON w.id = l.warehouse_id
        LEFT JOIN inventory_items i ON i.id = l.item_id
        LEFT JOIN kit_types k ON k.id = l.kit_type_id
        LEFT JOIN stock_reorder_levels r ON r.warehouse_id = l.warehouse_id AND COALESCE(r.item_id, r.kit_type_id) = COALESCE(l.item_id, l.kit_type_id)
        GROUP BY l.warehouse_id, w.name, l.item_id, l.kit_type_id, i.sku, k.code, k.version, i.name_es, k.name_es, i.name_en, k.name_en, i.category, k.category, i.unit, r.level
      )
      SELECT s.*, COUNT(*) OVER () AS total FROM s ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY s.warehouse_name, s.kind DESC, s.code LIMIT ${pageSize} OFFSET ${skip}`;
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(sql, params);
    const items: StockRowDto[] = rows.map((r) => {
      const onHand = Number(r.on_hand);
      const reserved = Number(r.reserved);
      const reorderLevel = r.reorder_level === null ? null : Number(r.reorder_level);
      return {
        warehouseId: r.warehouse_id as string,
        warehouseName: r.warehouse_name as string,
        kind: r.kind as 'item' | 'kit',
        itemId: (r.item_id as string | null) ?? null,
        kitTypeId: (r.kit_type_id as string | null) ?? null,
        code: r.code as string,
        nameEs: r.name_es as string,
        nameEn: r.name_en as string,
        category: r.category as StockRowDto['category'],
        unit: r.unit as string,
        onHand,
        reserved,
        available: onHand - reserved,
        expiredAvailable: Number(r.expired_available),
        nextExpiry: (r.next_expiry as string | null) ?? null,
        reorderLevel,
        belowReorder: reorderLevel !== null && onHand - reserved < reorderLevel,
      };
    });
    return { items, total: rows.length > 0 ? Number(rows[0]?.total) : 0, page, pageSize };
  }

  async lots(query: LotQueryDto): Promise<LotListDto> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT l.id, l.warehouse_id, l.item_id, l.kit_type_id, COALESCE(i.name_es, k.name_es || ' v' || k.version) AS name, l.lot_code,
              l.expiry_date::text AS expiry_date, l.funding_source_type, l.funding_source_id, l.on_hand, l.reserved
       FROM stock_lots l LEFT JOIN inventory_items i ON i.id = l.item_id LEFT JOIN kit_types k ON k.id = l.kit_type_id
       WHERE l.warehouse_id = $1 AND ($2::uuid IS NULL OR l.item_id = $2) AND ($3::uuid IS NULL OR l.kit_type_id = $3) AND l.on_hand > 0
       ORDER BY name, l.expiry_date NULLS LAST, l.created_at LIMIT 500`,
      [query.warehouseId, query.itemId ?? null, query.kitTypeId ?? null],
    );
    return {
      items: rows.map((r) => ({
        id: r.id as string,
        warehouseId: r.warehouse_id as string,
        itemId: (r.item_id as string | null) ?? null,
        kitTypeId: (r.kit_type_id as string | null) ?? null,
        name: r.name as string,
        lotCode: r.lot_code as string,
        expiryDate: (r.expiry_date as string | null) ?? null,
        fundingSourceType: (r.funding_source_type as 'donation' | 'campaign' | null) ?? null,
        fundingSourceId: (r.funding_source_id as string | null) ?? null,
        onHand: Number(r.on_hand),
        reserved: Number(r.reserved),
        available: Number(r.on_hand) - Number(r.reserved),
      })),
    };
  }

  /** Every movement of one warehouse × item / kit with the running balance after it, newest first. */
  async stockCard(query: StockCardQueryDto): Promise<StockCardDto> {
    if ((query.itemId ? 1 : 0) + (query.kitTypeId ? 1 : 0) !== 1)
      throw fieldError('itemId', 'exactlyOne', 'give exactly one of itemId and kitTypeId');
    const subject = await this.ledger.subjectInfo(this.dataSource.manager, query, '');
    const { page, pageSize, skip } = pageWindow(query);
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `WITH card AS (
         SELECT m.id, m.seq, m.created_at, m.kind, l.lot_code, l.expiry_date::text AS expiry_date, m.on_hand_delta, m.reserved_delta,
                SUM(m.on_hand_delta) OVER w AS on_hand_after, SUM(m.reserved_delta) OVER w AS reserved_after,
                m.reason_code, m.reference_type, m.reference_id, m.note, u.full_name AS actor_name
         FROM stock_movements m JOIN stock_lots l ON l.id = m.lot_id LEFT JOIN users u ON u.id = m.actor_user_id
         WHERE m.warehouse_id = $1 AND COALESCE(m.item_id, m.kit_type_id) = $2
         WINDOW w AS (ORDER BY m.seq ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
       )
       SELECT *, COUNT(*) OVER () AS total FROM card ORDER BY seq DESC LIMIT $3 OFFSET $4`,
      [query.warehouseId, subject.itemId ?? subject.kitTypeId, pageSize, skip],
    );
    return {
      name: subject.name,
      items: rows.map((r) => ({
        id: r.id as string,
        seq: Number(r.seq),
        at: (r.created_at as Date).toISOString(),
        kind: r.kind as StockCardDto['items'][number]['kind'],
        lotCode: r.lot_code as string,
        expiryDate: (r.expiry_date as string | null) ?? null,
        onHandDelta: Number(r.on_hand_delta),
        reservedDelta: Number(r.reserved_delta),
        onHandAfter: Number(r.on_hand_after),
        reservedAfter: Number(r.reserved_after),
        reasonCode: (r.reason_code as StockCardDto['items'][number]['reasonCode']) ?? null,
        referenceType: (r.reference_type as string | null) ?? null,
        referenceId: (r.reference_id as string | null) ?? null,
        note: (r.note as string | null) ?? null,
        actorName: (r.actor_name as string | null) ?? null,
      })),
      total: rows.length > 0 ? Number(rows[0]?.total) : 0,
      page,
      pageSize,
    };
  }

  /** For each current kit type: how many more kits the usable components allow, and what limits it. */
  async capacity(warehouseId: string): Promise<CapacityListDto> {
    if (!(await this.dataSource.manager.existsBy(WarehouseEntity, { id: warehouseId }))) throw notFound();
    const kits = await this.dataSource.manager.find(KitTypeEntity, { where: { isCurrent: true }, order: { code: 'ASC' } });
    const components = await this.dataSource.manager.find(KitComponentEntity, {
      where: { kitTypeId: In(kits.map((k) => k.id)) },
      relations: { item: true },
    });
    const available: Array<{ item_id: string; available: number }> = await this.dataSource.query(
      `SELECT item_id, SUM(on_hand - reserved)::int AS available FROM stock_lots
       WHERE warehouse_id = $1 AND item_id IS NOT NULL AND (expiry_date IS NULL OR expiry_date >= current_date) GROUP BY item_id`,
      [warehouseId],
    );
    const byItem = new Map(available.map((a) => [a.item_id, Number(a.available)]));
    return {
      items: kits.map((k) => {
        const lines = components
          .filter((c) => c.kitTypeId === k.id)
          .map((c) => {
            const item = c.item as ItemEntity;
            const avail = byItem.get(c.itemId) ?? 0;
            return {
              itemId: c.itemId,
              nameEs: item.nameEs,
              nameEn: item.nameEn,
              perKit: c.quantity,
              available: avail,
              kitsPossible: Math.floor(avail / c.quantity),
            };
          })
          .sort((a, b) => a.kitsPossible - b.kitsPossible || a.nameEs.localeCompare(b.nameEs));
        const limiting = lines[0];
        return {
          kitTypeId: k.id,
          code: k.code,
          version: k.version,
          nameEs: k.nameEs,
          nameEn: k.nameEn,
          kitsPossible: limiting ? limiting.kitsPossible : 0,
          limitingItemId: limiting ? limiting.itemId : null,
          components: lines,
        };
      }),
    };
  }

  private async names(lines: TransferLine[]): Promise<Map<string, string>> {
    const itemIds = [...new Set(lines.map((l) => l.itemId).filter((x): x is string => !!x))];
    const kitIds = [...new Set(lines.map((l) => l.kitTypeId).filter((x): x is string => !!x))];
    const names = new Map<string, string>();
    if (itemIds.length) for (const i of await this.dataSource.manager.findBy(ItemEntity, { id: In(itemIds) })) names.set(i.id, i.nameEs);
    if (kitIds.length)
      for (const k of await this.dataSource.manager.findBy(KitTypeEntity, { id: In(kitIds) })) names.set(k.id, `${k.nameEs} v${k.version}`);
    return names;
  }
}
