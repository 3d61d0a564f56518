import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { isLeaderOf } from '../communities/community-access';
import { canTransition } from '../communities/need-workflow';
import type { NeedStatus } from '../communities/communities.entities';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { KitCategory } from '../inventory/kit-type.entity';
import { AuditService } from '../platform/audit/audit.service';
import type { AuthenticatedUser } from '../platform/auth/authenticated-user';
import { DomainError, notFound } from '../platform/errors/domain-error';
import type { FieldError } from '../platform/errors/field-messages';
import { requestContext } from '../platform/http/request-context';
import { pageWindow, type PageQueryDto } from '../platform/paging/page-query.dto';
import { PostgresThrottlerStorage } from '../platform/throttle/postgres-throttler.storage';
import { TransactionRunner } from '../platform/transaction/transaction-runner';
import { addCampaignReach, campaignShares } from './campaign-reach';
import { hashConfirmationCode, normalizeConfirmationCode, unsealConfirmationCode } from './confirmation-codes';
import { CONFIRMATION_ERRORS } from './confirmations.errors';
import {
  type ConfirmationChannel,
  DeliveryConfirmationEntity,
  DeliveryPlanEntity,
  DeliveryRouteEntity,
  DeliveryStopEntity,
  DeliveryStopLineEntity,
  DeliveryVehicleEntity,
  type RejectionReason,
  type RouteStatus,
  type StopStatus,
} from './deliveries.entities';
import { DELIVERY_ERRORS } from './deliveries.errors';
import { assertLeaderOfStop, canActOnPlan, planForUser } from './delivery-access';
import { recordDeliveryEvents } from './delivery-events';
import type {
  ConfirmationDto,
  ConfirmStopDto,
  DeliveryStopDetailDto,
  MyStopPageDto,
  ProofLineDto,
  PublicConfirmDto,
  PublicStopDto,
  PublicStopLineDto,
  SmsReplyDto,
} from './dto/confirmation.dto';
import { renderManifestPdf, type ManifestStop } from './manifest-pdf';
import { applySmsGroups, parseSms, smsReply, type SmsOutcome } from './sms-parser';

/** A stop is confirmed while its route is out (or back) and it is pending or delivered. */
const CONFIRMABLE_ROUTES: readonly RouteStatus[] = ['loaded', 'in_transit', 'completed'];
const CONFIRMABLE_STOPS: readonly StopStatus[] = ['pending', 'delivered'];
/** Codes exist from loading on, so the manifest is printed from then on. */
const MANIFEST_ROUTES: readonly RouteStatus[] = ['loaded', 'in_transit', 'completed', 'closed'];

/** Wrong codes allowed per address (or SMS sender) and window; the next attempt is 429 until the block ends. */
export const CODE_ATTEMPT_LIMIT = 10;
export const CODE_ATTEMPT_WINDOW_MS = 15 * 60 * 1000;
const CODE_THROTTLER = 'delivery-code';
/** Devices' clocks drift: a receipt time up to this far in the future is accepted. */
const CLOCK_SKEW_MS = 10 * 60 * 1000;
const SMS_RECEIVED_BY = 'Confirmación por SMS';

const CHANNEL_ES: Record<ConfirmationChannel, string> = { app: 'aplicación', code: 'código', sms: 'SMS', phone: 'teléfono' };

export interface ProofLineInput {
  lineId: string;
  accepted: number;
  rejected?: number;
  rejectionReason?: RejectionReason;
  missing?: number;
}

export interface ProofInput {
  receivedByName: string;
  receivedByRole?: string | null;
  receivedAt?: string | Date | null;
  notes?: string | null;
  photo?: string | null;
  gps?: { lat: number; lon: number } | null;
  lines: ProofLineInput[];
}

export interface ConfirmCommand {
  stopId: string;
  channel: ConfirmationChannel;
  /** The user recording it (leader on app, coordinator on phone); null for code and SMS. */
  recorder: AuthenticatedUser | null;
  proof: ProofInput;
  /** Code and SMS channels: the stop must still hold this code hash once locked (else the code was just used). */
  expectedCodeHash?: string;
  /** SMS: keyed hash of the sender's number. */
  senderHash?: string | null;
  /** Object-level check, run once the stop is locked and before anything else is revealed. */
  authorize?: (manager: EntityManager, stop: DeliveryStopEntity, plan: DeliveryPlanEntity) => Promise<void>;
}

interface LineRow {
  id: string;
  kit_type_id: string;
  code: string;
  name_es: string;
  name_en: string;
  category: KitCategory;
  households_served: number;
  quantity: number;
  dispatched: number;
  dispatched_lots: Array<{ lotId: string; quantity: number }>;
  accepted: number | null;
  rejected: number;
  rejection_reason: RejectionReason | null;
  missing: number;
  returned: number;
}

interface ResolvedLine {
  row: LineRow;
  accepted: number;
  rejected: number;
  missing: number;
  rejectionReason: RejectionReason | null;
}

/** The one order of a stop's lines: manifest, public page, SMS groups. */
const LINES_SQL = `
  SELECT l.id, l.kit_type_id, k.code, k.name_es, k.name_en, k.category, k.households_served, l.quantity, l.dispatched,
         l.dispatched_lots, l.accepted, l.rejected, l.rejection_reason, l.missing, l.returned, l.stop_id
    FROM delivery_stop_lines l JOIN kit_types k ON k.id = l.kit_type_id
   WHERE l.stop_id = ANY($1::uuid[])
   ORDER BY l.stop_id, k.code, l.id`;

/**
 * Proof of delivery and its four channels. `confirm` is the single use case every channel ends in:
 * it locks the stop, checks it can be confirmed exactly once, validates the lines, writes the proof
 * and, in the same transaction, the community coverage, the need's fulfilment and the campaigns'
 * reach, the timeline and the audit row.
 */
@Injectable()
export class ConfirmationsService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
    private readonly throttle: PostgresThrottlerStorage,
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  // ---------------------------------------------------------------- channels

  /** `app` (a leader of the stop's community) or `phone` (an admin or coordinator of the plan's organisation). */
  confirmByUser(user: AuthenticatedUser, stopId: string, body: ConfirmStopDto): Promise<ConfirmationDto> {
    const channel: ConfirmationChannel = body.channel ?? 'app';
    return this.transactions.run((manager) =>
      this.confirm(manager, {
        stopId,
        channel,
        recorder: user,
        proof: body,
        authorize: async (m, stop, plan) => {
          if (channel === 'phone') {
            if (!canActOnPlan(user, plan)) throw new DomainError(DELIVERY_ERRORS.DELIVERY_PLAN_NOT_OWN, HttpStatus.FORBIDDEN);
            return;
          }
          if (user.roles.includes('leader')) return assertLeaderOfStop(m, user, stop);
          if (canActOnPlan(user, plan)) {
            throw new DomainError(CONFIRMATION_ERRORS.DELIVERY_CHANNEL_PHONE_REQUIRED, HttpStatus.BAD_REQUEST, {}, [
              { field: 'channel', code: 'phoneRequired', message: 'channel must be "phone" when a coordinator records a confirmation' },
            ]);
          }
          throw new DomainError(DELIVERY_ERRORS.DELIVERY_PLAN_NOT_OWN, HttpStatus.FORBIDDEN);
        },
      }),
    );
  }

  /** What a code holder may see before confirming (public, no personal data). */
  async publicStop(rawCode: string, subject: string): Promise<PublicStopDto> {
    const attempt = await this.takeCodeAttempt(subject, 'problem');
    return this.transactions.run(async (manager) => {
      const found = await this.stopByCode(manager, rawCode);
      if (!found) throw codeInvalid();
      await attempt.refund();
      assertNotExpired(found.code_expires_at);
      const [row] = await manager.query<
        Array<{
          status: StopStatus;
          route_status: RouteStatus | null;
          eta: Date | null;
          community: string;
          district: string;
          province: string;
          department: string;
          organization: string;
        }>
      >(
        `SELECT s.status, r.status AS route_status, s.eta, c.name AS community, d.name AS district, pr.name AS province,
                dep.name AS department, o.name AS organization
           FROM delivery_stops s
           JOIN delivery_plans p ON p.id = s.plan_id
           JOIN organizations o ON o.id = p.organization_id
           LEFT JOIN delivery_routes r ON r.id = s.route_id
           JOIN communities c ON c.id = s.community_id
           JOIN districts d ON d.ubigeo = c.district_ubigeo
           JOIN provinces pr ON pr.ubigeo = d.province_ubigeo
           JOIN departments dep ON dep.ubigeo = d.department_ubigeo
          WHERE s.id = $1`,
        [found.id],
      );
      if (!row) throw codeInvalid();
      assertConfirmable(row.status, row.route_status);
      const lines = await loadLines(manager, [found.id]);
      return {
        communityName: row.community,
        districtName: row.district,
        provinceName: row.province,
        departmentName: row.department,
        organizationName: row.organization,
        eta: iso(row.eta),
        codeExpiresAt: iso(found.code_expires_at),
        lines: lines.map(toPublicLine),
      };
    });
  }

  /** `code`: anyone holding the stop's code (the public confirmation page, online or synced later). */
  async confirmByCode(body: PublicConfirmDto, subject: string): Promise<ConfirmationDto> {
    const attempt = await this.takeCodeAttempt(subject, 'problem');
    return this.transactions.run(async (manager) => {
      const found = await this.stopByCode(manager, body.code);
      if (!found) throw codeInvalid();
      await attempt.refund();
      assertNotExpired(found.code_expires_at);
      return this.confirm(manager, { stopId: found.id, channel: 'code', recorder: null, proof: body, expectedCodeHash: found.hash });
    });
  }

  /**
   * `sms`: the gateway's webhook. The signature covers the raw body. Text-level problems are answered
   * 200 with a Spanish reply for the gateway to send back (the gateway did its job; the person must
   * fix the text); a forged signature is 401, a payload without `from`/`text` 400.
   */
  async confirmBySms(raw: Buffer, signature: string | undefined, contentType: string | undefined): Promise<SmsReplyDto> {
    const secret = this.config.smsWebhookSecret;
    if (!secret) throw new DomainError(CONFIRMATION_ERRORS.SMS_WEBHOOK_DISABLED, HttpStatus.SERVICE_UNAVAILABLE);
    if (!validSignature(raw, signature, secret)) throw new DomainError(CONFIRMATION_ERRORS.SMS_SIGNATURE_INVALID, HttpStatus.UNAUTHORIZED);
    const { from, text } = parseSmsPayload(raw, contentType);
    const senderHash = createHmac('sha256', this.config.jwtSecret)
      .update(`minka-sms-sender:${from.replace(/[^\d+]/g, '')}`)
      .digest('hex');
    const reply = (outcome: SmsOutcome): SmsReplyDto => ({ reply: smsReply(outcome) });
    const parsed = parseSms(text);
    if (!parsed.ok) return reply(parsed.error);
    const attempt = await this.takeCodeAttempt(`sms:${senderHash}`, 'reply');
    if ('blockedSeconds' in attempt) return reply({ kind: 'too_many_attempts', minutes: Math.ceil(attempt.blockedSeconds / 60) });
    return this.transactions.run(async (manager) => {
      const found = await this.stopByCode(manager, parsed.code);
      if (!found) return reply({ kind: 'code_invalid' });
      await attempt.refund();
      if (found.code_expires_at && found.code_expires_at.getTime() < Date.now()) return reply({ kind: 'code_expired' });
      const lines = await loadLines(manager, [found.id]);
      const applied = applySmsGroups(
        parsed.groups,
        lines.map((l) => ({ dispatched: l.dispatched })),
      );
      if (!applied.ok) return reply(applied.error);
      // Everything `confirm` refuses is refused before it writes; the savepoint keeps that true for good.
      await manager.query('SAVEPOINT sms_confirmation');
      try {
        const result = await this.confirm(manager, {
          stopId: found.id,
          channel: 'sms',
          recorder: null,
          senderHash,
          expectedCodeHash: found.hash,
          proof: {
            receivedByName: SMS_RECEIVED_BY,
            lines: applied.lines.map((l, i) => ({
              lineId: (lines[i] as LineRow).id,
              accepted: l.accepted,
              rejected: l.rejected,
              missing: l.missing,
              ...(l.rejectionReason ? { rejectionReason: l.rejectionReason } : {}),
            })),
          },
        });
        await manager.query('RELEASE SAVEPOINT sms_confirmation');
        const [community] = await manager.query<Array<{ name: string }>>(
          'SELECT c.name FROM delivery_stops s JOIN communities c ON c.id = s.community_id WHERE s.id = $1',
          [found.id],
        );
        return reply({ kind: 'confirmed', community: community?.name ?? '', ...result.totals });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        await manager.query('ROLLBACK TO SAVEPOINT sms_confirmation');
        if (error.code === CONFIRMATION_ERRORS.DELIVERY_CODE_INVALID || error.code === CONFIRMATION_ERRORS.DELIVERY_ALREADY_CONFIRMED) {
          return reply({ kind: 'code_invalid' });
        }
        if (error.code === CONFIRMATION_ERRORS.DELIVERY_STOP_NOT_CONFIRMABLE) return reply({ kind: 'not_confirmable' });
        throw error;
      }
    });
  }

  // ---------------------------------------------------------------- the use case

  async confirm(manager: EntityManager, cmd: ConfirmCommand): Promise<ConfirmationDto> {
    const stop = await manager.findOne(DeliveryStopEntity, { where: { id: cmd.stopId }, lock: { mode: 'pessimistic_write' } });
    if (!stop) throw cmd.expectedCodeHash ? codeInvalid() : notFound();
    if (cmd.expectedCodeHash && stop.confirmationCodeHash !== cmd.expectedCodeHash) throw codeInvalid();
    const plan = await manager.findOneByOrFail(DeliveryPlanEntity, { id: stop.planId });
    if (cmd.authorize) await cmd.authorize(manager, stop, plan);
    const existing = await manager.findOneBy(DeliveryConfirmationEntity, { stopId: stop.id });
    if (existing) {
      throw new DomainError(CONFIRMATION_ERRORS.DELIVERY_ALREADY_CONFIRMED, HttpStatus.CONFLICT, {
        confirmedAt: limaDateTime(existing.createdAt),
        channel: existing.channel,
      });
    }
    const route = stop.routeId ? await manager.findOneBy(DeliveryRouteEntity, { id: stop.routeId }) : null;
    assertConfirmable(stop.status, route?.status ?? null);
    const lines = await loadLines(manager, [stop.id]);
    const resolved = resolveProof(lines, cmd.proof.lines);
    const now = new Date();
    const receivedAt = cmd.proof.receivedAt ? new Date(cmd.proof.receivedAt) : now;
    const extra: FieldError[] = [];
    if (receivedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) {
      extra.push({ field: 'receivedAt', code: 'notInFuture', message: 'receivedAt must not be in the future' });
    }
    if (cmd.proof.photo && !photoMatchesType(cmd.proof.photo)) {
      extra.push({ field: 'photo', code: 'imageType', message: 'photo content is not the JPEG, PNG or WebP image it declares' });
    }
    if (extra.length) throw new DomainError(CONFIRMATION_ERRORS.DELIVERY_PROOF_INVALID, HttpStatus.UNPROCESSABLE_ENTITY, {}, extra);

    // ------------------------------------------------ writes (nothing above this line wrote)
    for (const line of resolved) {
      await manager.update(
        DeliveryStopLineEntity,
        { id: line.row.id },
        { accepted: line.accepted, rejected: line.rejected, missing: line.missing, rejectionReason: line.rejectionReason },
      );
    }
    const confirmation: DeliveryConfirmationEntity = manager.create(DeliveryConfirmationEntity, {
      id: randomUUID(),
      stopId: stop.id,
      channel: cmd.channel,
      recordedBy: cmd.recorder?.id ?? null,
      receivedByName: cmd.proof.receivedByName.trim(),
      receivedByRole: cmd.proof.receivedByRole?.trim() || null,
      receivedAt,
      notes: cmd.proof.notes?.trim() || null,
      photo: cmd.proof.photo ?? null,
      gpsLat: cmd.proof.gps?.lat ?? null,
      gpsLon: cmd.proof.gps?.lon ?? null,
      senderHash: cmd.senderHash ?? null,
      createdAt: now,
    });
    await manager.insert(DeliveryConfirmationEntity, confirmation);
    const fromStatus = stop.status;
    await manager.update(
      DeliveryStopEntity,
      { id: stop.id },
      {
        status: 'confirmed',
        confirmedAt: now,
        deliveredAt: stop.deliveredAt ?? receivedAt,
        // The code is consumed: it can neither be used again nor reprinted.
        confirmationCodeHash: null,
        confirmationCodeSealed: null,
      },
    );
    await manager.query('UPDATE delivery_alerts SET resolved_at = now() WHERE stop_id = $1 AND resolved_at IS NULL', [stop.id]);

    const totals = sumTotals(resolved);
    const actorUserId = cmd.recorder?.id ?? null;
    await recordDeliveryEvents(manager, [
      ...(fromStatus === 'pending'
        ? [
            {
              planId: stop.planId,
              routeId: stop.routeId,
              stopId: stop.id,
              kind: 'stop.delivered',
              fromStatus: 'pending',
              toStatus: 'delivered',
              detail: 'Entrega implícita en la confirmación',
              actorUserId,
            },
          ]
        : []),
      {
        planId: stop.planId,
        routeId: stop.routeId,
        stopId: stop.id,
        kind: 'stop.confirmed',
        fromStatus: 'delivered',
        toStatus: 'confirmed',
        detail: `Confirmada por ${CHANNEL_ES[cmd.channel]}: ${totals.accepted} aceptados, ${totals.rejected} rechazados, ${totals.missing} faltantes`,
        actorUserId,
      },
    ]);

    const [community] = await manager.query<Array<{ district_ubigeo: string }>>('SELECT district_ubigeo FROM communities WHERE id = $1', [
      stop.communityId,
    ]);
    await this.addCoverage(manager, stop.communityId, receivedAt, resolved);
    const needChange = await this.fulfilNeed(manager, stop, resolved, cmd.channel, actorUserId);
    await addCampaignReach(
      manager,
      community?.district_ubigeo ?? '',
      await campaignShares(
        manager,
        resolved.map((l) => ({
          units: l.accepted,
          dispatched: l.row.dispatched,
          dispatchedLots: l.row.dispatched_lots,
          householdsServed: l.row.households_served,
        })),
      ),
      'kits_confirmed',
      true,
    );
    await this.audit.record(manager, {
      action: 'deliveries.stop_confirmed',
      entityType: 'delivery_stop',
      entityId: stop.id,
      summary:
        `Stop confirmed via ${cmd.channel}: ${totals.accepted} accepted, ${totals.rejected} rejected, ${totals.missing} missing` +
        (needChange ? `; need ${needChange}` : ''),
      ...(cmd.recorder ? {} : { actorUserId: null, organizationId: plan.organizationId }),
    });
    const recorderName = cmd.recorder ? await userName(manager, cmd.recorder.id) : null;
    return toConfirmationDto(confirmation, recorderName, resolved);
  }

  private async addCoverage(manager: EntityManager, communityId: string, at: Date, lines: ResolvedLine[]): Promise<void> {
    const byCategory: Record<string, number> = {};
    for (const l of lines) if (l.accepted > 0) byCategory[l.row.category] = (byCategory[l.row.category] ?? 0) + l.accepted;
    const total = Object.values(byCategory).reduce((s, n) => s + n, 0);
    // Coverage counts aid received: a delivery where everything was refused adds nothing.
    if (total === 0) return;
    await manager.query(
      `INSERT INTO community_coverage AS c (community_id, last_delivery_at, total_kits, kits_by_category, delivery_count)
       VALUES ($1, $2, $3, $4::jsonb, 1)
       ON CONFLICT (community_id) DO UPDATE SET
         last_delivery_at = greatest(c.last_delivery_at, EXCLUDED.last_delivery_at),
         total_kits = c.total_kits + EXCLUDED.total_kits,
         delivery_count = c.delivery_count + 1,
         kits_by_category = (SELECT jsonb_object_agg(k, v) FROM (
             SELECT k, sum(v)::int AS v FROM (
               SELECT key AS k, value::int AS v FROM jsonb_each_text(c.kits_by_category)
               UNION ALL SELECT key, value::int FROM jsonb_each_text(EXCLUDED.kits_by_category)) s
             GROUP BY k) t),
         updated_at = now()`,
      [communityId, at, total, JSON.stringify(byCategory)],
    );
  }

  /** The stop's need: fulfilled quantities by kit type code, and its status (with a workflow event). */
  private async fulfilNeed(
    manager: EntityManager,
    stop: DeliveryStopEntity,
    lines: ResolvedLine[],
    channel: ConfirmationChannel,
    actorUserId: string | null,
  ): Promise<string | null> {
    if (!stop.needRequestId) return null;
    const [need] = await manager.query<Array<{ id: string; status: NeedStatus }>>(
      'SELECT id, status FROM need_requests WHERE id = $1 FOR UPDATE',
      [stop.needRequestId],
    );
    if (!need) return null;
    const needLines = await manager.query<
      Array<{ id: string; kit_type_code: string | null; quantity: number; quantity_fulfilled: number }>
    >('SELECT id, kit_type_code, quantity, quantity_fulfilled FROM need_request_lines WHERE need_request_id = $1 ORDER BY id FOR UPDATE', [
      need.id,
    ]);
    let added = 0;
    for (const line of lines) {
      if (line.accepted === 0) continue;
      const candidates = needLines.filter((n) => n.kit_type_code === line.row.code);
      const target = candidates.find((n) => n.quantity_fulfilled < n.quantity) ?? candidates[0];
      if (!target) continue;
      target.quantity_fulfilled += line.accepted;
      added += line.accepted;
      await manager.query('UPDATE need_request_lines SET quantity_fulfilled = $2 WHERE id = $1', [target.id, target.quantity_fulfilled]);
    }
    if (added === 0) return null;
    const complete = needLines.every((n) => n.quantity_fulfilled >= n.quantity);
    const to: NeedStatus = complete ? 'fulfilled' : 'partially_fulfilled';
    if (to === need.status || !canTransition(need.status, to)) return null;
    const reason = `Entrega confirmada por ${CHANNEL_ES[channel]}: ${added} kits aceptados`;
    await manager.query('UPDATE need_requests SET status = $2, status_reason = $3, updated_at = now() WHERE id = $1', [
      need.id,
      to,
      reason,
    ]);
    await manager.query(
      'INSERT INTO need_request_events (need_request_id, from_status, to_status, actor_user_id, reason) VALUES ($1, $2, $3, $4, $5)',
      [need.id, need.status, to, actorUserId, reason],
    );
    return `${need.status} → ${to}`;
  }

  // ---------------------------------------------------------------- reads

  stopDetail(user: AuthenticatedUser, stopId: string): Promise<DeliveryStopDetailDto> {
    return this.transactions.run(async (manager) => {
      const [row] = await manager.query<
        Array<{
          id: string;
          plan_id: string;
          plan_name: string;
          organization_id: string;
          route_id: string | null;
          route_status: RouteStatus | null;
          vehicle_name: string | null;
          sequence: number | null;
          eta: Date | null;
          community_id: string;
          community_name: string;
          district_ubigeo: string;
          district_name: string;
          need_request_id: string | null;
          status: StopStatus;
          delivered_at: Date | null;
          confirmed_at: Date | null;
          failure_reason: string | null;
          has_code: boolean;
          code_expires_at: Date | null;
          overdue: boolean;
        }>
      >(
        `SELECT s.id, s.plan_id, p.name AS plan_name, p.organization_id, s.route_id, r.status AS route_status, v.name AS vehicle_name,
                s.sequence, s.eta, s.community_id, c.name AS community_name, c.district_ubigeo, d.name AS district_name,
                s.need_request_id, s.status, s.delivered_at, s.confirmed_at, s.failure_reason,
                s.confirmation_code_hash IS NOT NULL AS has_code, s.code_expires_at,
                EXISTS (SELECT 1 FROM delivery_alerts a WHERE a.stop_id = s.id AND a.resolved_at IS NULL) AS overdue
           FROM delivery_stops s
           JOIN delivery_plans p ON p.id = s.plan_id
           LEFT JOIN delivery_routes r ON r.id = s.route_id
           LEFT JOIN delivery_vehicles v ON v.id = r.vehicle_id
           JOIN communities c ON c.id = s.community_id
           JOIN districts d ON d.ubigeo = c.district_ubigeo
          WHERE s.id = $1`,
        [stopId],
      );
      if (!row) throw notFound();
      if (!canActOnPlan(user, { organizationId: row.organization_id })) {
        if (!user.roles.includes('leader')) throw new DomainError(DELIVERY_ERRORS.DELIVERY_PLAN_NOT_OWN, HttpStatus.FORBIDDEN);
        if (!(await isLeaderOf(manager, user, row.community_id))) {
          throw new DomainError(DELIVERY_ERRORS.DELIVERY_STOP_NOT_OWN_COMMUNITY, HttpStatus.FORBIDDEN);
        }
      }
      const lines = await loadLines(manager, [row.id]);
      const confirmation = await manager.findOneBy(DeliveryConfirmationEntity, { stopId: row.id });
      const resolved: ResolvedLine[] = lines.map((l) => ({
        row: l,
        accepted: l.accepted ?? 0,
        rejected: l.rejected,
        missing: l.missing,
        rejectionReason: l.rejection_reason,
      }));
      return {
        id: row.id,
        planId: row.plan_id,
        planName: row.plan_name,
        organizationId: row.organization_id,
        routeId: row.route_id,
        routeStatus: row.route_status,
        vehicleName: row.vehicle_name,
        sequence: row.sequence,
        eta: iso(row.eta),
        communityId: row.community_id,
        communityName: row.community_name,
        districtUbigeo: row.district_ubigeo,
        districtName: row.district_name,
        needRequestId: row.need_request_id,
        status: row.status,
        deliveredAt: iso(row.delivered_at),
        confirmedAt: iso(row.confirmed_at),
        failureReason: row.failure_reason,
        hasConfirmationCode: row.has_code,
        codeExpiresAt: iso(row.code_expires_at),
        overdue: row.overdue,
        lines: lines.map(toProofLine),
        confirmation: confirmation
          ? toConfirmationDto(confirmation, confirmation.recordedBy ? await userName(manager, confirmation.recordedBy) : null, resolved)
          : null,
        photo: confirmation?.photo ?? null,
      };
    });
  }

  /** A leader's stops awaiting confirmation (communities whose leader record is linked to the account). */
  async myStops(user: AuthenticatedUser, query: PageQueryDto): Promise<MyStopPageDto> {
    const { page, pageSize, skip } = pageWindow(query);
    const rows = await this.dataSource.query<
      Array<{
        id: string;
        plan_name: string;
        organization_name: string;
        community_id: string;
        community_name: string;
        status: StopStatus;
        route_status: RouteStatus;
        eta: Date | null;
        delivered_at: Date | null;
        total: string;
      }>
    >(
      `SELECT s.id, p.name AS plan_name, o.name AS organization_name, s.community_id, c.name AS community_name, s.status,
              r.status AS route_status, s.eta, s.delivered_at, count(*) OVER () AS total
         FROM delivery_stops s
         JOIN delivery_routes r ON r.id = s.route_id
         JOIN delivery_plans p ON p.id = s.plan_id
         JOIN organizations o ON o.id = p.organization_id
         JOIN communities c ON c.id = s.community_id
        WHERE s.status = ANY($2::varchar[]) AND r.status = ANY($3::varchar[])
          AND EXISTS (SELECT 1 FROM community_leaders cl WHERE cl.community_id = s.community_id AND cl.user_id = $1 AND cl.active)
        ORDER BY s.eta NULLS LAST, s.id
        LIMIT $4 OFFSET $5`,
      [user.id, CONFIRMABLE_STOPS, CONFIRMABLE_ROUTES, pageSize, skip],
    );
    const lines = await loadLines(
      this.dataSource.manager,
      rows.map((r) => r.id),
    );
    return {
      items: rows.map((r) => ({
        id: r.id,
        planName: r.plan_name,
        organizationName: r.organization_name,
        communityId: r.community_id,
        communityName: r.community_name,
        status: r.status,
        routeStatus: r.route_status,
        eta: iso(r.eta),
        deliveredAt: iso(r.delivered_at),
        lines: lines.filter((l) => l.stop_id === r.id).map(toPublicLine),
      })),
      total: rows.length ? Number(rows[0]?.total) : 0,
      page,
      pageSize,
    };
  }

  /** The route manifest PDF; every leader printed on it is logged as a personal-data access. */
  async manifestPdf(user: AuthenticatedUser, routeId: string): Promise<{ fileName: string; pdf: Buffer }> {
    const input = await this.transactions.run(async (manager) => {
      const route = await manager.findOneBy(DeliveryRouteEntity, { id: routeId });
      if (!route) throw notFound();
      const plan = await planForUser(manager, user, route.planId);
      if (!MANIFEST_ROUTES.includes(route.status)) {
        throw new DomainError(CONFIRMATION_ERRORS.DELIVERY_MANIFEST_NOT_READY, HttpStatus.CONFLICT, { routeStatus: route.status });
      }
      const vehicle = await manager.findOneByOrFail(DeliveryVehicleEntity, { id: route.vehicleId });
      const [meta] = await manager.query<Array<{ organization: string; depot: string }>>(
        `SELECT o.name AS organization, w.name AS depot FROM organizations o, warehouses w WHERE o.id = $1 AND w.id = $2`,
        [plan.organizationId, plan.depotWarehouseId],
      );
      const stops = await manager.query<
        Array<{
          id: string;
          sequence: number | null;
          status: StopStatus;
          eta: Date | null;
          community_id: string;
          community: string;
          district: string;
          sealed: string | null;
          code_expires_at: Date | null;
          confirmed_at: Date | null;
        }>
      >(
        `SELECT s.id, s.sequence, s.status, s.eta, s.community_id, c.name AS community, d.name AS district,
                s.confirmation_code_sealed AS sealed, s.code_expires_at, s.confirmed_at
           FROM delivery_stops s JOIN communities c ON c.id = s.community_id JOIN districts d ON d.ubigeo = c.district_ubigeo
          WHERE s.route_id = $1 AND s.status <> 'cancelled'
          ORDER BY s.sequence NULLS LAST, s.id`,
        [route.id],
      );
      const lines = await loadLines(
        manager,
        stops.map((s) => s.id),
      );
      // The leader to hand over to: the one with an account first, then the longest-standing.
      const leaders = await manager.query<
        Array<{ id: string; community_id: string; full_name: string; role: string; phone: string | null }>
      >(
        `SELECT DISTINCT ON (community_id) id, community_id, full_name, role, phone
           FROM community_leaders WHERE community_id = ANY($1::uuid[]) AND active
          ORDER BY community_id, (user_id IS NOT NULL) DESC, created_at, id`,
        [[...new Set(stops.map((s) => s.community_id))]],
      );
      if (leaders.length) {
        const correlationId = requestContext.current()?.correlationId ?? null;
        await manager.query(
          `INSERT INTO personal_data_access_log (actor_user_id, organization_id, leader_id, community_id, fields, purpose, correlation_id)
           SELECT $1, $2, u.leader_id, u.community_id, string_to_array(u.fields, ','), $3, $4
             FROM unnest($5::uuid[], $6::uuid[], $7::text[]) AS u(leader_id, community_id, fields)`,
          [
            user.id,
            user.organizationId,
            `delivery manifest of route ${route.id}`,
            correlationId,
            leaders.map((l) => l.id),
            leaders.map((l) => l.community_id),
            leaders.map((l) => (l.phone ? 'full_name,phone' : 'full_name')),
          ],
        );
      }
      const leaderOf = new Map(leaders.map((l) => [l.community_id, l]));
      const manifestStops: ManifestStop[] = stops.map((s) => {
        const leader = leaderOf.get(s.community_id);
        const open = CONFIRMABLE_STOPS.includes(s.status);
        return {
          sequence: s.sequence,
          status: s.status,
          eta: s.eta,
          communityName: s.community,
          districtName: s.district,
          leader: leader ? { fullName: leader.full_name, role: leader.role, phone: leader.phone } : null,
          lines: lines
            .filter((l) => l.stop_id === s.id)
            .map((l) => ({ kitTypeNameEs: l.name_es, category: l.category, quantity: l.dispatched || l.quantity })),
          code: open && s.sealed ? unsealConfirmationCode(s.sealed, this.config.jwtSecret) : null,
          codeExpiresAt: s.code_expires_at,
          confirmedAt: s.confirmed_at,
        };
      });
      return {
        organizationName: meta?.organization ?? '',
        planName: plan.name,
        routeStatus: route.status,
        vehicleName: vehicle.name,
        vehicleType: vehicle.type,
        driverName: vehicle.driverName,
        date: route.departureAt ?? route.loadedAt ?? new Date(`${plan.startDate}T12:00:00Z`),
        depotName: meta?.depot ?? '',
        publicUrl: this.config.publicUrl,
        generatedAt: new Date(),
        stops: manifestStops,
      };
    });
    const pdf = await renderManifestPdf(input);
    const slug = input.vehicleName
      .normalize('NFD')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .toLowerCase();
    return { fileName: `manifiesto-${slug || 'ruta'}-${routeId.slice(0, 8)}.pdf`, pdf };
  }

  // ---------------------------------------------------------------- codes and attempts

  private async stopByCode(
    manager: EntityManager,
    rawCode: string,
  ): Promise<{ id: string; hash: string; code_expires_at: Date | null } | null> {
    const code = normalizeConfirmationCode(rawCode);
    if (!code) return null;
    const hash = hashConfirmationCode(code);
    const [row] = await manager.query<Array<{ id: string; code_expires_at: Date | null }>>(
      'SELECT id, code_expires_at FROM delivery_stops WHERE confirmation_code_hash = $1',
      [hash],
    );
    return row ? { ...row, hash } : null;
  }

  /**
   * Takes one attempt from the subject's budget BEFORE the code is looked at (so parallel guesses
   * cannot overrun it) and gives it back when the code turns out to exist: only wrong codes count.
   * Counted in PostgreSQL by the platform's throttler storage on its own connection, so the count
   * survives the request's rolled-back transaction and is shared by every instance.
   */
  private async takeCodeAttempt(subject: string, mode: 'problem'): Promise<{ refund(): Promise<void> }>;
  private async takeCodeAttempt(subject: string, mode: 'reply'): Promise<{ refund(): Promise<void> } | { blockedSeconds: number }>;
  private async takeCodeAttempt(
    subject: string,
    mode: 'problem' | 'reply',
  ): Promise<{ refund(): Promise<void> } | { blockedSeconds: number }> {
    const record = await this.throttle.increment(
      subject,
      CODE_ATTEMPT_WINDOW_MS,
      CODE_ATTEMPT_LIMIT,
      CODE_ATTEMPT_WINDOW_MS,
      CODE_THROTTLER,
    );
    if (record.isBlocked) {
      const retryAfter = Math.max(1, record.timeToBlockExpire);
      if (mode === 'reply') return { blockedSeconds: retryAfter };
      throw new DomainError(CONFIRMATION_ERRORS.DELIVERY_CODE_TOO_MANY_ATTEMPTS, HttpStatus.TOO_MANY_REQUESTS, { retryAfter }, undefined, {
        'Retry-After': String(retryAfter),
      });
    }
    let refunded = false;
    return {
      refund: async () => {
        if (refunded) return;
        refunded = true;
        await this.dataSource.query(
          `UPDATE rate_limit_buckets SET hits = greatest(hits - 1, 0)
            WHERE key = $1 AND (blocked_until IS NULL OR blocked_until <= now())`,
          [`${CODE_THROTTLER}:${subject}`],
        );
      },
    };
  }
}

// ------------------------------------------------------------------ helpers

function codeInvalid(): DomainError {
  return new DomainError(CONFIRMATION_ERRORS.DELIVERY_CODE_INVALID, HttpStatus.NOT_FOUND);
}

function assertNotExpired(expiresAt: Date | null): void {
  if (expiresAt && expiresAt.getTime() < Date.now()) throw new DomainError(CONFIRMATION_ERRORS.DELIVERY_CODE_EXPIRED, HttpStatus.GONE);
}

function assertConfirmable(stopStatus: StopStatus, routeStatus: RouteStatus | null): void {
  if (!CONFIRMABLE_STOPS.includes(stopStatus) || !routeStatus || !CONFIRMABLE_ROUTES.includes(routeStatus)) {
    throw new DomainError(CONFIRMATION_ERRORS.DELIVERY_STOP_NOT_CONFIRMABLE, HttpStatus.CONFLICT, {
      stopStatus,
      routeStatus: routeStatus ?? '—',
    });
  }
}

async function loadLines(manager: EntityManager, stopIds: string[]): Promise<Array<LineRow & { stop_id: string }>> {
  if (stopIds.length === 0) return [];
  return manager.query(LINES_SQL, [stopIds]);
}

/** Every line of the stop exactly once; accepted + rejected + missing = dispatched; a reason iff rejected > 0. */
function resolveProof(lines: LineRow[], given: ProofLineInput[]): ResolvedLine[] {
  const errors: FieldError[] = [];
  const byId = new Map(lines.map((l) => [l.id, l]));
  const seen = new Set<string>();
  const out: ResolvedLine[] = [];
  for (const [index, input] of given.entries()) {
    const f = `lines[${index}]`;
    const row = byId.get(input.lineId);
    if (!row) {
      errors.push({ field: `${f}.lineId`, code: 'unknownLine', message: `${f}.lineId is not a line of this stop` });
      continue;
    }
    if (seen.has(row.id)) {
      errors.push({ field: `${f}.lineId`, code: 'duplicateLine', message: `${f}.lineId repeats a line` });
      continue;
    }
    seen.add(row.id);
    const rejected = input.rejected ?? 0;
    const missing = input.missing ?? row.dispatched - input.accepted - rejected;
    if (input.missing === undefined && missing < 0) {
      errors.push({
        field: `${f}.${rejected > 0 ? 'rejected' : 'accepted'}`,
        code: 'exceedsDispatched',
        message: `${f}: accepted + rejected exceed the ${row.dispatched} dispatched`,
      });
    } else if (input.accepted + rejected + missing !== row.dispatched) {
      errors.push({
        field: `${f}.missing`,
        code: 'sumMismatch',
        message: `${f}: accepted + rejected + missing must equal the ${row.dispatched} dispatched`,
      });
    }
    if (rejected > 0 && !input.rejectionReason) {
      errors.push({ field: `${f}.rejectionReason`, code: 'isDefined', message: `${f}.rejectionReason is required when rejected > 0` });
    }
    if (rejected === 0 && input.rejectionReason) {
      errors.push({ field: `${f}.rejectionReason`, code: 'notAllowed', message: `${f}.rejectionReason is only given when rejected > 0` });
    }
    out.push({ row, accepted: input.accepted, rejected, missing, rejectionReason: rejected > 0 ? (input.rejectionReason ?? null) : null });
  }
  for (const line of lines) {
    if (!seen.has(line.id))
      errors.push({ field: 'lines', code: 'missingLine', message: `lines must include line ${line.id} (${line.code})` });
  }
  if (errors.length) throw new DomainError(CONFIRMATION_ERRORS.DELIVERY_PROOF_INVALID, HttpStatus.UNPROCESSABLE_ENTITY, {}, errors);
  return out;
}

const MAGIC: Record<string, (b: Buffer) => boolean> = {
  jpeg: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  png: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  webp: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
};

/** The bytes must be the image type the data URL declares. */
export function photoMatchesType(dataUrl: string): boolean {
  const match = /^data:image\/(jpeg|png|webp);base64,/.exec(dataUrl);
  if (!match) return false;
  const head = Buffer.from(dataUrl.slice(match[0].length, match[0].length + 24), 'base64');
  return MAGIC[match[1]]?.(head) ?? false;
}

function validSignature(raw: Buffer, header: string | undefined, secret: string): boolean {
  const match = /^sha256=([0-9a-fA-F]{64})$/.exec((header ?? '').trim());
  if (!match) return false;
  const expected = createHmac('sha256', secret).update(raw).digest();
  return timingSafeEqual(expected, Buffer.from(match[1], 'hex'));
}

/** `{from, text}` as JSON or form-encoded (what common SMS gateways post). */
function parseSmsPayload(raw: Buffer, contentType: string | undefined): { from: string; text: string } {
  let fields: Record<string, unknown> = {};
  const body = raw.toString('utf8');
  if ((contentType ?? '').includes('application/x-www-form-urlencoded')) {
    fields = Object.fromEntries(new URLSearchParams(body));
  } else {
    try {
      const parsed: unknown = JSON.parse(body);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) fields = parsed as Record<string, unknown>;
    } catch {
      throw new DomainError('MALFORMED_JSON', HttpStatus.BAD_REQUEST);
    }
  }
  const errors: FieldError[] = [];
  const from = fields.from;
  const text = fields.text;
  if (typeof from !== 'string' || !/^\+?[0-9 ()-]{3,32}$/.test(from)) {
    errors.push({ field: 'from', code: 'isPhone', message: 'from must be the sender phone number' });
  }
  if (typeof text !== 'string' || text.length > 1600)
    errors.push({ field: 'text', code: 'isString', message: 'text must be the message text' });
  if (errors.length) throw new DomainError('VALIDATION_FAILED', HttpStatus.BAD_REQUEST, {}, errors);
  return { from: from as string, text: text as string };
}

function sumTotals(lines: ResolvedLine[]): { dispatched: number; accepted: number; rejected: number; missing: number } {
  return lines.reduce(
    (t, l) => ({
      dispatched: t.dispatched + l.row.dispatched,
      accepted: t.accepted + l.accepted,
      rejected: t.rejected + l.rejected,
      missing: t.missing + l.missing,
    }),
    { dispatched: 0, accepted: 0, rejected: 0, missing: 0 },
  );
}

async function userName(manager: EntityManager, id: string): Promise<string | null> {
  const [row] = await manager.query<Array<{ full_name: string }>>('SELECT full_name FROM users WHERE id = $1', [id]);
  return row?.full_name ?? null;
}

function toProofLine(l: LineRow): ProofLineDto {
  return {
    lineId: l.id,
    kitTypeId: l.kit_type_id,
    kitTypeCode: l.code,
    kitTypeNameEs: l.name_es,
    kitTypeNameEn: l.name_en,
    category: l.category,
    quantity: l.quantity,
    dispatched: l.dispatched,
    accepted: l.accepted,
    rejected: l.rejected,
    rejectionReason: l.rejection_reason,
    missing: l.missing,
    returned: l.returned,
  };
}

function toPublicLine(l: LineRow): PublicStopLineDto {
  return {
    lineId: l.id,
    kitTypeCode: l.code,
    kitTypeNameEs: l.name_es,
    kitTypeNameEn: l.name_en,
    category: l.category,
    dispatched: l.dispatched,
  };
}

function toConfirmationDto(c: DeliveryConfirmationEntity, recorderName: string | null, lines: ResolvedLine[]): ConfirmationDto {
  return {
    id: c.id,
    stopId: c.stopId,
    channel: c.channel,
    recordedByUserId: c.recordedBy,
    recordedByName: recorderName,
    receivedByName: c.receivedByName,
    receivedByRole: c.receivedByRole,
    receivedAt: c.receivedAt.toISOString(),
    notes: c.notes,
    hasPhoto: c.photo !== null,
    gps: c.gpsLat !== null && c.gpsLon !== null ? { lat: c.gpsLat, lon: c.gpsLon } : null,
    createdAt: c.createdAt.toISOString(),
    totals: sumTotals(lines),
    lines: lines.map((l) =>
      toProofLine({ ...l.row, accepted: l.accepted, rejected: l.rejected, missing: l.missing, rejection_reason: l.rejectionReason }),
    ),
  };
}

function iso(value: Date | null): string | null {
  return value ? value.toISOString() : null;
}

function limaDateTime(at: Date): string {
  return new Intl.DateTimeFormat('es-PE', {
    timeZone: 'America/Lima',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(at);
}
