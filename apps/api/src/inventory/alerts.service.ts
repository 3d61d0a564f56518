import { hostname } from 'node:os';
import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { DataSource } from 'typeorm';
import { AuditService } from '../platform/audit/audit.service';
import type { AuthenticatedUser } from '../platform/auth/authenticated-user';
import { DomainError, notFound } from '../platform/errors/domain-error';
import { pageWindow } from '../platform/paging/page-query.dto';
import { TransactionRunner } from '../platform/transaction/transaction-runner';
import type { AlertAcknowledgedDto, AlertDto, AlertPageDto, AlertQueryDto, AlertRunDto } from './dto/count-alert.dto';
import { INVENTORY_ERRORS } from './inventory.errors';
import { StockAlertEntity } from './stock.entities';

const JOB = 'inventory.alerts';
/** Arbitrary constant key of the advisory lock that serialises alert runs across instances. */
const ADVISORY_KEY = 727_005;

/**
 * Stock alerts: below reorder level, expiring within 30/60/90 days, expired but still available.
 * Runs daily (06:00 Lima) on every instance; exactly one run per tick happens because the run takes
 * pg_try_advisory_xact_lock and inserts a unique (job, tick) row in the same transaction — the other
 * instances either fail to get the lock or find the row and do nothing.
 */
@Injectable()
export class AlertsService {
  private readonly logger = new Logger(AlertsService.name);
  private readonly instance = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;

  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
  ) {}

  @Cron('0 6 * * *', { name: JOB, timeZone: 'America/Lima' })
  async daily(): Promise<void> {
    try {
      await this.run(`daily:${limaDate(new Date())}`);
    } catch (error) {
      this.logger.error({ err: error }, 'inventory alert run failed');
    }
  }

  /** On demand (storekeeper button): a tick of its own, to the second. */
  runNow(): Promise<AlertRunDto> {
    return this.run(`manual:${new Date().toISOString().slice(0, 19)}`, true);
  }

  run(tick: string, audited = false): Promise<AlertRunDto> {
    return this.transactions.run(async (manager) => {
      const [{ locked }] = await manager.query<[{ locked: boolean }]>('SELECT pg_try_advisory_xact_lock($1) AS locked', [ADVISORY_KEY]);
      const skipped = { ran: false, tick, runId: null, alertsRaised: 0, alertsResolved: 0 };
      if (!locked) return skipped;
      const claimed: Array<{ id: string }> = await manager.query(
        `INSERT INTO inventory_job_runs (job, tick, instance) VALUES ($1, $2, $3) ON CONFLICT (job, tick) DO NOTHING RETURNING id`,
        [JOB, tick, this.instance],
      );
      const runId = claimed[0]?.id;
      if (!runId) return skipped;
      const current: Array<{
        kind: string;
        subject_key: string;
        warehouse_id: string;
        item_id: string | null;
        kit_type_id: string | null;
        lot_id: string | null;
        quantity: number;
        threshold: number | null;
        expiry_date: string | null;
      }> = await manager.query(`
        SELECT 'below_reorder' AS kind, r.warehouse_id || ':' || COALESCE(r.item_id, r.kit_type_id) AS subject_key, r.warehouse_id,
               r.item_id, r.kit_type_id, NULL::uuid AS lot_id,
               COALESCE(SUM(l.on_hand - l.reserved) FILTER (WHERE l.expiry_date IS NULL OR l.expiry_date >= current_date), 0)::int AS quantity,
               r.level AS threshold, NULL::text AS expiry_date
        FROM stock_reorder_levels r
        LEFT JOIN stock_lots l ON l.warehouse_id = r.warehouse_id AND COALESCE(l.item_id, l.kit_type_id) = COALESCE(r.item_id, r.kit_type_id)
        GROUP BY r.id
        HAVING COALESCE(SUM(l.on_hand - l.reserved) FILTER (WHERE l.expiry_date IS NULL OR l.expiry_date >= current_date), 0) < r.level
        UNION ALL
        SELECT CASE WHEN expiry_date <= current_date + 30 THEN 'expiring_30' WHEN expiry_date <= current_date + 60 THEN 'expiring_60' ELSE 'expiring_90' END,
               'lot:' || id, warehouse_id, item_id, kit_type_id, id, on_hand, NULL, expiry_date::text
        FROM stock_lots WHERE on_hand > 0 AND expiry_date >= current_date AND expiry_date <= current_date + 90
        UNION ALL
        SELECT 'expired_available', 'lot:' || id, warehouse_id, item_id, kit_type_id, id, on_hand - reserved, NULL, expiry_date::text
        FROM stock_lots WHERE expiry_date < current_date AND on_hand - reserved > 0`);
      const raised: unknown[] = await manager.query(
        `INSERT INTO stock_alerts (kind, subject_key, warehouse_id, item_id, kit_type_id, lot_id, quantity, threshold, expiry_date, run_id)
         SELECT *, $10::uuid FROM unnest($1::varchar[], $2::varchar[], $3::uuid[], $4::uuid[], $5::uuid[], $6::uuid[], $7::int[], $8::int[], $9::date[])
         ON CONFLICT (kind, subject_key) WHERE resolved_at IS NULL DO NOTHING RETURNING id`,
        [
          current.map((c) => c.kind),
          current.map((c) => c.subject_key),
          current.map((c) => c.warehouse_id),
          current.map((c) => c.item_id),
          current.map((c) => c.kit_type_id),
          current.map((c) => c.lot_id),
          current.map((c) => Number(c.quantity)),
          current.map((c) => (c.threshold === null ? null : Number(c.threshold))),
          current.map((c) => c.expiry_date),
          runId,
        ],
      );
      const [resolved] = await manager.query<[unknown, number]>(
        `UPDATE stock_alerts SET resolved_at = now()
         WHERE resolved_at IS NULL AND (kind, subject_key) NOT IN (SELECT * FROM unnest($1::varchar[], $2::varchar[]))`,
        [current.map((c) => c.kind), current.map((c) => c.subject_key)],
      );
      await manager.query('UPDATE inventory_job_runs SET alerts_raised = $2 WHERE id = $1', [runId, raised.length]);
      if (audited) {
        await this.audit.record(manager, {
          action: 'inventory.alerts_run',
          entityType: 'inventory_job_run',
          entityId: runId,
          summary: `Alert run ${tick}: ${raised.length} raised, ${String(resolved)} resolved`,
        });
      }
      return { ran: true, tick, runId, alertsRaised: raised.length, alertsResolved: Number(resolved) || 0 };
    });
  }

  async list(query: AlertQueryDto): Promise<AlertPageDto> {
    const { page, pageSize, skip } = pageWindow(query);
    const state = query.state ?? 'open';
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT a.*, a.expiry_date::text AS expiry, w.name AS warehouse_name, COALESCE(i.name_es, k.name_es) AS name_es,
              COALESCE(i.name_en, k.name_en) AS name_en, l.lot_code, COUNT(*) OVER () AS total
       FROM stock_alerts a JOIN warehouses w ON w.id = a.warehouse_id
       LEFT JOIN inventory_items i ON i.id = a.item_id LEFT JOIN kit_types k ON k.id = a.kit_type_id LEFT JOIN stock_lots l ON l.id = a.lot_id
       WHERE ($1::uuid IS NULL OR a.warehouse_id = $1) AND ($2::varchar IS NULL OR a.kind = $2)
         AND CASE $3 WHEN 'open' THEN a.resolved_at IS NULL AND a.acknowledged_at IS NULL
                     WHEN 'acknowledged' THEN a.acknowledged_at IS NOT NULL ELSE true END
       ORDER BY CASE a.kind WHEN 'expired_available' THEN 0 WHEN 'expiring_30' THEN 1 WHEN 'below_reorder' THEN 2 WHEN 'expiring_60' THEN 3 ELSE 4 END,
                a.expiry_date NULLS LAST, a.raised_at DESC
       LIMIT $4 OFFSET $5`,
      [query.warehouseId ?? null, query.kind ?? null, state, pageSize, skip],
    );
    const items: AlertDto[] = rows.map((r) => ({
      id: r.id as string,
      kind: r.kind as AlertDto['kind'],
      warehouseId: r.warehouse_id as string,
      warehouseName: r.warehouse_name as string,
      itemId: (r.item_id as string | null) ?? null,
      kitTypeId: (r.kit_type_id as string | null) ?? null,
      lotId: (r.lot_id as string | null) ?? null,
      nameEs: r.name_es as string,
      nameEn: r.name_en as string,
      lotCode: (r.lot_code as string | null) ?? null,
      quantity: Number(r.quantity),
      threshold: r.threshold === null ? null : Number(r.threshold),
      expiryDate: (r.expiry as string | null) ?? null,
      raisedAt: (r.raised_at as Date).toISOString(),
      acknowledgedAt: r.acknowledged_at ? (r.acknowledged_at as Date).toISOString() : null,
      resolvedAt: r.resolved_at ? (r.resolved_at as Date).toISOString() : null,
    }));
    return { items, total: rows.length ? Number(rows[0]?.total) : 0, page, pageSize };
  }

  acknowledge(user: AuthenticatedUser, id: string): Promise<AlertAcknowledgedDto> {
    return this.transactions.run(async (manager) => {
      const alert = await manager.findOne(StockAlertEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!alert) throw notFound();
      const [warehouse] = await manager.query<[{ organization_id: string }]>('SELECT organization_id FROM warehouses WHERE id = $1', [
        alert.warehouseId,
      ]);
      if (!user.roles.includes('admin') && warehouse.organization_id !== user.organizationId) {
        throw new DomainError(INVENTORY_ERRORS.WAREHOUSE_NOT_ACCESSIBLE, HttpStatus.FORBIDDEN);
      }
      if (alert.acknowledgedAt) throw new DomainError(INVENTORY_ERRORS.ALERT_ALREADY_ACKNOWLEDGED, HttpStatus.CONFLICT);
      const at = new Date();
      await manager.update(StockAlertEntity, { id }, { acknowledgedAt: at, acknowledgedBy: user.id });
      await this.audit.record(manager, {
        action: 'inventory.alert_acknowledged',
        entityType: 'stock_alert',
        entityId: id,
        summary: `Alert ${alert.kind} acknowledged`,
      });
      return { id, acknowledgedAt: at.toISOString() };
    });
  }
}

function limaDate(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Lima' }).format(at);
}
