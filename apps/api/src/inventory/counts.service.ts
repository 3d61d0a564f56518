import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../platform/audit/audit.service';
import type { AuthenticatedUser } from '../platform/auth/authenticated-user';
import { DomainError, notFound } from '../platform/errors/domain-error';
import { pageWindow } from '../platform/paging/page-query.dto';
import { TransactionRunner } from '../platform/transaction/transaction-runner';
import { actorOf } from './catalog.service';
import type { CountPageDto, CountQueryDto, CountSessionDto, RecordCountDto } from './dto/count-alert.dto';
import { INVENTORY_ERRORS } from './inventory.errors';
import { CountLineEntity, CountSessionEntity } from './stock.entities';
import { StockLedgerService } from './stock-ledger.service';

/**
 * Physical counts: opening freezes the expected quantity of every lot of the warehouse; a counted
 * quantity that differs is explained by a reason-coded adjustment posted through the ledger; the
 * session closes only when every line is counted and explained.
 */
@Injectable()
export class CountsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
    private readonly ledger: StockLedgerService,
  ) {}

  open(user: AuthenticatedUser, warehouseId: string): Promise<CountSessionDto> {
    return this.transactions.run(async (manager) => {
      const warehouse = await this.ledger.writableWarehouse(manager, actorOf(user), warehouseId);
      const session = await manager.save(
        manager.create(CountSessionEntity, { warehouseId, status: 'open', openedBy: user.id, closedAt: null }),
      );
      // Share lock: the snapshot is consistent with committed movements.
      await manager.query(
        `INSERT INTO stock_count_lines (session_id, lot_id, expected)
         SELECT $1, id, on_hand FROM (SELECT id, on_hand FROM stock_lots WHERE warehouse_id = $2 AND on_hand > 0 ORDER BY id FOR SHARE) l`,
        [session.id, warehouseId],
      );
      await this.audit.record(manager, {
        action: 'inventory.count_opened',
        entityType: 'count_session',
        entityId: session.id,
        summary: `Count opened at ${warehouse.name}`,
      });
      return this.load(manager, session.id);
    });
  }

  record(user: AuthenticatedUser, sessionId: string, lineId: string, input: RecordCountDto): Promise<CountSessionDto> {
    return this.transactions.run(async (manager) => {
      const session = await this.lockOpen(manager, user, sessionId);
      const line = await manager.findOne(CountLineEntity, { where: { id: lineId, sessionId }, lock: { mode: 'pessimistic_write' } });
      if (!line) throw notFound();
      const outstanding = input.counted - line.expected - line.adjusted;
      if (outstanding !== 0 && input.reasonCode) {
        await this.ledger.adjust(manager, actorOf(user), {
          warehouseId: session.warehouseId,
          lotId: line.lotId,
          delta: outstanding,
          reasonCode: input.reasonCode,
          note: input.note ?? null,
          referenceType: 'count_session',
          referenceId: session.id,
        });
        line.adjusted += outstanding;
      }
      line.counted = input.counted;
      await manager.update(CountLineEntity, { id: line.id }, { counted: line.counted, adjusted: line.adjusted });
      await this.audit.record(manager, {
        action: 'inventory.count_recorded',
        entityType: 'count_session',
        entityId: session.id,
        summary: `Counted ${input.counted} (expected ${line.expected})${input.reasonCode ? `, reason ${input.reasonCode}` : ''}`,
      });
      return this.load(manager, session.id);
    });
  }

  close(user: AuthenticatedUser, sessionId: string): Promise<CountSessionDto> {
    return this.transactions.run(async (manager) => {
      const session = await this.lockOpen(manager, user, sessionId);
      const lines = await manager.findBy(CountLineEntity, { sessionId });
      const unexplained = lines.filter((l) => l.counted === null || l.counted - l.expected !== l.adjusted);
      if (unexplained.length > 0) {
        throw new DomainError(
          INVENTORY_ERRORS.COUNT_UNEXPLAINED_DIFFERENCES,
          HttpStatus.CONFLICT,
          { count: unexplained.length },
          unexplained
            .slice(0, 50)
            .map((l) => ({ field: `lines.${l.id}`, code: l.counted === null ? 'notCounted' : 'unexplained', message: l.id })),
        );
      }
      await manager.update(CountSessionEntity, { id: session.id }, { status: 'closed', closedAt: new Date() });
      await this.audit.record(manager, {
        action: 'inventory.count_closed',
        entityType: 'count_session',
        entityId: session.id,
        summary: `Count closed with ${lines.length} lines`,
      });
      return this.load(manager, session.id);
    });
  }

  get(id: string): Promise<CountSessionDto> {
    return this.load(this.dataSource.manager, id);
  }

  async list(query: CountQueryDto): Promise<CountPageDto> {
    const { page, pageSize, skip } = pageWindow(query);
    const [rows, total] = await this.dataSource.getRepository(CountSessionEntity).findAndCount({
      where: query.warehouseId ? { warehouseId: query.warehouseId } : {},
      order: { openedAt: 'DESC' },
      skip,
      take: pageSize,
    });
    return {
      items: rows.map((s) => ({
        id: s.id,
        warehouseId: s.warehouseId,
        status: s.status,
        openedAt: s.openedAt.toISOString(),
        closedAt: s.closedAt ? s.closedAt.toISOString() : null,
      })),
      total,
      page,
      pageSize,
    };
  }

  private async lockOpen(manager: EntityManager, user: AuthenticatedUser, id: string): Promise<CountSessionEntity> {
    const session = await manager.findOne(CountSessionEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!session) throw notFound();
    await this.ledger.writableWarehouse(manager, actorOf(user), session.warehouseId);
    if (session.status !== 'open') throw new DomainError(INVENTORY_ERRORS.COUNT_CLOSED, HttpStatus.CONFLICT);
    return session;
  }

  private async load(manager: EntityManager, id: string): Promise<CountSessionDto> {
    const session = await manager.findOneBy(CountSessionEntity, { id });
    if (!session) throw notFound();
    const lines: Array<Record<string, unknown>> = await manager.query(
      `SELECT c.id, c.lot_id, c.expected, c.counted, c.adjusted, l.lot_code, l.expiry_date::text AS expiry_date,
              COALESCE(i.name_es, k.name_es || ' v' || k.version) AS name
       FROM stock_count_lines c JOIN stock_lots l ON l.id = c.lot_id
       LEFT JOIN inventory_items i ON i.id = l.item_id LEFT JOIN kit_types k ON k.id = l.kit_type_id
       WHERE c.session_id = $1 ORDER BY name, l.lot_code`,
      [id],
    );
    return {
      id: session.id,
      warehouseId: session.warehouseId,
      status: session.status,
      openedAt: session.openedAt.toISOString(),
      closedAt: session.closedAt ? session.closedAt.toISOString() : null,
      lines: lines.map((l) => {
        const counted = l.counted === null ? null : Number(l.counted);
        const expected = Number(l.expected);
        const adjusted = Number(l.adjusted);
        return {
          id: l.id as string,
          lotId: l.lot_id as string,
          name: l.name as string,
          lotCode: l.lot_code as string,
          expiryDate: (l.expiry_date as string | null) ?? null,
          expected,
          counted,
          adjusted,
          difference: counted === null ? null : counted - expected,
          explained: counted !== null && counted - expected === adjusted,
        };
      }),
    };
  }
}
