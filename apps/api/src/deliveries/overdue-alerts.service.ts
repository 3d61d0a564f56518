import { hostname } from 'node:os';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { AuditService } from '../platform/audit/audit.service';
import type { AuthenticatedUser } from '../platform/auth/authenticated-user';
import { pageWindow } from '../platform/paging/page-query.dto';
import { TransactionRunner } from '../platform/transaction/transaction-runner';
import type { DeliveryAlertDto, DeliveryAlertPageDto, DeliveryAlertQueryDto, DeliveryAlertRunDto } from './dto/confirmation.dto';

const JOB = 'deliveries.overdue';
/** Arbitrary constant key of the advisory lock that serialises overdue runs across instances. */
const ADVISORY_KEY = 727_011;

/**
 * Overdue confirmations: stops `delivered` more than `deliveryOverdueDays` ago and still unconfirmed
 * raise one open `confirmation_overdue` alert each; an alert whose stop is no longer waiting
 * (confirmed, failed, cancelled) is resolved (a confirmation also resolves it at once). Hourly on
 * every instance, exactly one run per tick: pg_try_advisory_xact_lock plus a unique (job, tick) row
 * in inventory's `inventory_job_runs`, in the run's transaction (as inventory's stock alerts do).
 */
@Injectable()
export class OverdueAlertsService {
  private readonly logger = new Logger(OverdueAlertsService.name);
  private readonly instance = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;

  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Cron('0 * * * *', { name: JOB })
  async hourly(): Promise<void> {
    try {
      await this.run(`hourly:${new Date().toISOString().slice(0, 13)}`);
    } catch (error) {
      this.logger.error({ err: error }, 'overdue delivery alert run failed');
    }
  }

  /** On demand (admin): a tick of its own, to the second. */
  runNow(): Promise<DeliveryAlertRunDto> {
    return this.run(`manual:${new Date().toISOString().slice(0, 19)}`, true);
  }

  run(tick: string, audited = false): Promise<DeliveryAlertRunDto> {
    return this.transactions.run(async (manager) => {
      const skipped = { ran: false, tick, runId: null, alertsRaised: 0, alertsResolved: 0 };
      const [{ locked }] = await manager.query<[{ locked: boolean }]>('SELECT pg_try_advisory_xact_lock($1) AS locked', [ADVISORY_KEY]);
      if (!locked) return skipped;
      const claimed = await manager.query<Array<{ id: string }>>(
        `INSERT INTO inventory_job_runs (job, tick, instance) VALUES ($1, $2, $3) ON CONFLICT (job, tick) DO NOTHING RETURNING id`,
        [JOB, tick, this.instance],
      );
      const runId = claimed[0]?.id;
      if (!runId) return skipped;
      const raised = await manager.query<Array<{ id: string }>>(
        `INSERT INTO delivery_alerts (kind, stop_id, organization_id, message)
         SELECT 'confirmation_overdue', s.id, p.organization_id,
                left(format('Entrega a %s sin confirmar desde el %s (plan «%s»)', c.name,
                            to_char(s.delivered_at AT TIME ZONE 'America/Lima', 'DD/MM/YYYY'), p.name), 500)
           FROM delivery_stops s
           JOIN delivery_plans p ON p.id = s.plan_id
           JOIN communities c ON c.id = s.community_id
          WHERE s.status = 'delivered' AND s.delivered_at < now() - make_interval(days => $1)
            AND NOT EXISTS (SELECT 1 FROM delivery_confirmations dc WHERE dc.stop_id = s.id)
         ON CONFLICT (kind, stop_id) WHERE resolved_at IS NULL DO NOTHING
         RETURNING id`,
        [this.config.deliveryOverdueDays],
      );
      const [, resolved] = await manager.query<[unknown, number]>(
        `UPDATE delivery_alerts a SET resolved_at = now()
           FROM delivery_stops s
          WHERE s.id = a.stop_id AND a.resolved_at IS NULL AND a.kind = 'confirmation_overdue' AND s.status <> 'delivered'`,
      );
      await manager.query('UPDATE inventory_job_runs SET alerts_raised = $2 WHERE id = $1', [runId, raised.length]);
      if (audited) {
        await this.audit.record(manager, {
          action: 'deliveries.overdue_alerts_run',
          entityType: 'inventory_job_run',
          entityId: runId,
          summary: `Overdue confirmation run ${tick}: ${raised.length} raised, ${Number(resolved) || 0} resolved`,
        });
      }
      return { ran: true, tick, runId, alertsRaised: raised.length, alertsResolved: Number(resolved) || 0 };
    });
  }

  /** Admins see every organisation's alerts, coordinators their own organisation's. */
  async list(user: AuthenticatedUser, query: DeliveryAlertQueryDto): Promise<DeliveryAlertPageDto> {
    const { page, pageSize, skip } = pageWindow(query);
    const organizationId = user.roles.includes('admin') ? null : user.organizationId;
    const rows = await this.dataSource.query<
      Array<{
        id: string;
        stop_id: string;
        plan_id: string;
        plan_name: string;
        organization_id: string;
        community_name: string;
        message: string;
        delivered_at: Date | null;
        raised_at: Date;
        resolved_at: Date | null;
        total: string;
      }>
    >(
      `SELECT a.id, a.stop_id, s.plan_id, p.name AS plan_name, a.organization_id, c.name AS community_name, a.message,
              s.delivered_at, a.raised_at, a.resolved_at, count(*) OVER () AS total
         FROM delivery_alerts a
         JOIN delivery_stops s ON s.id = a.stop_id
         JOIN delivery_plans p ON p.id = s.plan_id
         JOIN communities c ON c.id = s.community_id
        WHERE ($1::uuid IS NULL OR a.organization_id = $1)
          AND CASE $2 WHEN 'open' THEN a.resolved_at IS NULL WHEN 'resolved' THEN a.resolved_at IS NOT NULL ELSE true END
        ORDER BY a.raised_at DESC, a.id
        LIMIT $3 OFFSET $4`,
      [organizationId, query.state ?? 'open', pageSize, skip],
    );
    const items: DeliveryAlertDto[] = rows.map((r) => ({
      id: r.id,
      kind: 'confirmation_overdue',
      stopId: r.stop_id,
      planId: r.plan_id,
      planName: r.plan_name,
      organizationId: r.organization_id,
      communityName: r.community_name,
      message: r.message,
      deliveredAt: r.delivered_at ? r.delivered_at.toISOString() : null,
      raisedAt: r.raised_at.toISOString(),
      resolvedAt: r.resolved_at ? r.resolved_at.toISOString() : null,
    }));
    return { items, total: rows.length ? Number(rows[0]?.total) : 0, page, pageSize };
  }
}
