import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { OrganizationEntity } from '../organizations/organization.entity';
import { AuditService } from '../platform/audit/audit.service';
import type { AuthenticatedUser } from '../platform/auth/authenticated-user';
import { DomainError, forbidden, notFound } from '../platform/errors/domain-error';
import { pageWindow } from '../platform/paging/page-query.dto';
import { TransactionRunner } from '../platform/transaction/transaction-runner';
import { CAMPAIGN_FUNDED_KITS_SQL, loadProgress } from './campaign-progress';
import { CampaignEntity, CampaignMilestoneEntity, CampaignProgressEntity, type CampaignStatus } from './donation.entities';
import { DonationErrors } from './donations.errors';
import type {
  CampaignDto,
  CampaignPageDto,
  CampaignQueryDto,
  CreateCampaignDto,
  PublicCampaignDetailDto,
  PublicCampaignDto,
  PublicCampaignListDto,
  UpdateCampaignDto,
  WhereItWentDto,
} from './dto/campaign.dto';

/** Fewer households than this in a district are shown as "< 5" on public pages. */
export const SMALL_NUMBER_THRESHOLD = 5;

const TRANSITIONS: Record<CampaignStatus, CampaignStatus[]> = {
  draft: ['active', 'closed'],
  active: ['closed'],
  closed: [],
};

/** Whether the user may manage (write to) the campaign: admins, or members of a (co-)organising org. */
export function canManageCampaign(user: AuthenticatedUser, campaign: CampaignEntity): boolean {
  return (
    user.roles.includes('admin') ||
    campaign.organizationId === user.organizationId ||
    campaign.partnerOrganizationIds.includes(user.organizationId)
  );
}

export function smallNumber(n: number): string {
  return n > 0 && n < SMALL_NUMBER_THRESHOLD ? '< 5' : String(n);
}

@Injectable()
export class CampaignsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
  ) {}

  async list(query: CampaignQueryDto): Promise<CampaignPageDto> {
    const { page, pageSize, skip } = pageWindow(query);
    const [rows, total] = await this.dataSource.getRepository(CampaignEntity).findAndCount({
      where: query.status ? { status: query.status } : {},
      order: { startsOn: 'DESC', slug: 'ASC' },
      skip,
      take: pageSize,
    });
    return { items: await this.toDtos(this.dataSource.manager, rows), total, page, pageSize };
  }

  async get(id: string): Promise<CampaignDto> {
    const row = await this.dataSource.getRepository(CampaignEntity).findOneBy({ id });
    if (!row) throw notFound();
    const [dto] = await this.toDtos(this.dataSource.manager, [row]);
    return dto;
  }

  create(user: AuthenticatedUser, input: CreateCampaignDto): Promise<CampaignDto> {
    return this.transactions.run(async (manager) => {
      const organizationId = input.organizationId ?? user.organizationId;
      if (organizationId !== user.organizationId && !user.roles.includes('admin')) throw forbidden();
      const orgIds = [organizationId, ...(input.partnerOrganizationIds ?? [])];
      const found = await manager.countBy(OrganizationEntity, { id: In(orgIds) });
      if (found !== new Set(orgIds).size) {
        throw new DomainError('VALIDATION_FAILED', HttpStatus.BAD_REQUEST, {}, [
          { field: 'partnerOrganizationIds', code: 'exists', message: 'unknown organisation' },
        ]);
      }
      if (input.endsOn && input.endsOn < input.startsOn) {
        throw new DomainError('VALIDATION_FAILED', HttpStatus.BAD_REQUEST, {}, [
          { field: 'endsOn', code: 'minDate', message: 'endsOn must not be before startsOn' },
        ]);
      }
      if (await manager.existsBy(CampaignEntity, { slug: input.slug })) {
        throw new DomainError(DonationErrors.CAMPAIGN_SLUG_TAKEN, HttpStatus.CONFLICT, { slug: input.slug }, [
          { field: 'slug', code: 'unique', message: 'slug' },
        ]);
      }
      const row = await manager.save(
        manager.create(CampaignEntity, {
          slug: input.slug,
          organizationId,
          partnerOrganizationIds: (input.partnerOrganizationIds ?? []).filter((id) => id !== organizationId),
          titleEs: input.titleEs.trim(),
          titleEn: input.titleEn.trim(),
          storyEs: input.storyEs.trim(),
          storyEn: input.storyEn.trim(),
          goalMinor: input.goalMinor,
          currency: 'PEN',
          inKindGoals: (input.inKindGoals ?? []).map((g) => ({ category: g.category, kits: g.kits })),
          startsOn: input.startsOn,
          endsOn: input.endsOn ?? null,
          commission: input.commission.trim(),
          status: input.status ?? 'draft',
        }),
      );
      await manager.insert(CampaignProgressEntity, { campaignId: row.id });
      for (const amount of input.milestonesMinor ?? []) {
        await manager.insert(CampaignMilestoneEntity, { campaignId: row.id, amountMinor: amount, reachedAt: null });
      }
      await this.audit.record(manager, {
        action: 'donations.campaign_created',
        entityType: 'donation_campaign',
        entityId: row.id,
        summary: `Campaign "${row.slug}" created (goal ${row.goalMinor} PEN minor)`,
      });
      const [dto] = await this.toDtos(manager, [row]);
      return dto;
    });
  }

  update(user: AuthenticatedUser, id: string, input: UpdateCampaignDto): Promise<CampaignDto> {
    return this.transactions.run(async (manager) => {
      const row = await manager.findOne(CampaignEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!row) throw notFound();
      if (!canManageCampaign(user, row)) throw forbidden();
      if (input.status && input.status !== row.status && !TRANSITIONS[row.status].includes(input.status)) {
        throw new DomainError(DonationErrors.CAMPAIGN_STATUS_TRANSITION, HttpStatus.CONFLICT, { from: row.status, to: input.status }, [
          { field: 'status', code: 'transition', message: 'status' },
        ]);
      }
      if (input.endsOn && input.endsOn < row.startsOn) {
        throw new DomainError('VALIDATION_FAILED', HttpStatus.BAD_REQUEST, {}, [
          { field: 'endsOn', code: 'minDate', message: 'endsOn must not be before startsOn' },
        ]);
      }
      const changed = Object.entries(input).filter(([, v]) => v !== undefined);
      Object.assign(row, Object.fromEntries(changed));
      const saved = await manager.save(row);
      await this.audit.record(manager, {
        action: 'donations.campaign_updated',
        entityType: 'donation_campaign',
        entityId: row.id,
        summary: `Campaign "${row.slug}" updated (${changed.map(([k]) => k).join(', ') || 'no fields'})`,
      });
      const [dto] = await this.toDtos(manager, [saved]);
      return dto;
    });
  }

  async publicList(): Promise<PublicCampaignListDto> {
    const rows = await this.dataSource.getRepository(CampaignEntity).find({
      where: { status: In(['active', 'closed']) },
      order: { status: 'ASC', startsOn: 'DESC' },
      take: 100,
    });
    const dtos = await this.toDtos(this.dataSource.manager, rows);
    return { items: dtos.map(toPublic) };
  }

  async publicGet(slug: string): Promise<PublicCampaignDetailDto> {
    const row = await this.dataSource.getRepository(CampaignEntity).findOneBy({ slug, status: In(['active', 'closed']) });
    if (!row) throw notFound();
    const manager = this.dataSource.manager;
    const [[dto], whereItWent, recentDonors] = await Promise.all([
      this.toDtos(manager, [row]),
      this.whereItWent(manager, row.id),
      // Only names of donors who consented and are not anonymous; nothing else about them.
      manager.query<Array<{ name: string; received_on: string }>>(
        `SELECT name, received_on FROM (
           SELECT DISTINCT ON (d.id) d.name, x.received_on::text AS received_on, x.created_at
             FROM (SELECT * FROM donations x WHERE x.campaign_id = $1 AND x.entry_type = 'donation'
                    AND NOT EXISTS (SELECT 1 FROM donations r WHERE r.reverses_id = x.id)
                    ORDER BY x.created_at DESC LIMIT 200) x
             JOIN donors d ON d.id = x.donor_id
            WHERE d.consent_to_be_public AND NOT d.anonymous
            ORDER BY d.id, x.created_at DESC) latest
          ORDER BY created_at DESC LIMIT 10`,
        [row.id],
      ),
    ]);
    return {
      ...toPublic(dto),
      whereItWent,
      recentDonors: recentDonors.map((d) => ({ name: d.name, receivedOn: d.received_on })),
    };
  }

  /** The "where it went" roll-up: money and in-kind in, kits out per district (filled by deliveries). */
  async whereItWent(manager: EntityManager, campaignId: string): Promise<WhereItWentDto> {
    const [progress, inKind, kits, reach] = await Promise.all([
      manager.query<Array<{ raised_minor: string; in_kind_value_minor: string }>>(
        `SELECT raised_minor, in_kind_value_minor FROM donation_campaign_progress WHERE campaign_id = $1`,
        [campaignId],
      ),
      manager.query<Array<{ units: string; in_stock: string }>>(
        `SELECT (SELECT coalesce(sum(quantity), 0) FROM donation_campaign_in_kind WHERE campaign_id = $1)::bigint AS units,
                (SELECT coalesce(sum(l.quantity), 0) FROM donations x JOIN donation_lines l ON l.donation_id = x.id
                  WHERE x.campaign_id = $1 AND x.received_into_stock
                    AND NOT EXISTS (SELECT 1 FROM donations r WHERE r.reverses_id = x.id))::bigint AS in_stock`,
        [campaignId],
      ),
      // Funding inheritance, derived from inventory's ledger: a lot is funded by the campaign when its
      // funding source is the campaign or one of its donations; an assembly operation's kits are
      // attributed in proportion to the component units it consumed from such lots.
      manager.query<Array<{ kits: string | null }>>(CAMPAIGN_FUNDED_KITS_SQL, [campaignId]),
      manager.query<
        Array<{
          ubigeo: string;
          district: string;
          province: string;
          department: string;
          dispatched: string;
          confirmed: string;
          households: number;
        }>
      >(
        `SELECT r.district_ubigeo AS ubigeo, d.name AS district, p.name AS province, dep.name AS department,
                r.kits_dispatched AS dispatched, r.kits_confirmed AS confirmed, r.households_reached AS households
           FROM donation_campaign_reach r
           JOIN districts d ON d.ubigeo = r.district_ubigeo
           JOIN provinces p ON p.ubigeo = d.province_ubigeo
           JOIN departments dep ON dep.ubigeo = d.department_ubigeo
          WHERE r.campaign_id = $1
          ORDER BY r.kits_confirmed DESC, r.district_ubigeo`,
        [campaignId],
      ),
    ]);
    const round2 = (v: string): number => Math.round(Number(v) * 100) / 100;
    const households = reach.reduce((s, r) => s + r.households, 0);
    return {
      moneyRaisedMinor: progress[0]?.raised_minor ?? '0',
      inKindValueMinor: progress[0]?.in_kind_value_minor ?? '0',
      inKindUnits: Number(inKind[0]?.units ?? 0),
      unitsInStock: Number(inKind[0]?.in_stock ?? 0),
      kitsFunded: round2(kits[0]?.kits ?? '0'),
      kitsDispatched: round2(String(reach.reduce((s, r) => s + Number(r.dispatched), 0))),
      kitsConfirmed: round2(String(reach.reduce((s, r) => s + Number(r.confirmed), 0))),
      households: smallNumber(households),
      districts: reach.map((r) => ({
        ubigeo: r.ubigeo,
        district: r.district,
        province: r.province,
        department: r.department,
        kitsDispatched: round2(r.dispatched),
        kitsConfirmed: round2(r.confirmed),
        households: smallNumber(r.households),
      })),
      deliveriesTracked: false,
    };
  }

  private async toDtos(manager: EntityManager, rows: CampaignEntity[]): Promise<CampaignDto[]> {
    const loaded = await loadProgress(manager, rows);
    return rows.map((c) => ({
      id: c.id,
      slug: c.slug,
      organizationId: c.organizationId,
      organizationName: loaded.get(c.id)?.organizationName ?? '',
      partnerOrganizationIds: c.partnerOrganizationIds,
      titleEs: c.titleEs,
      titleEn: c.titleEn,
      storyEs: c.storyEs,
      storyEn: c.storyEn,
      goalMinor: c.goalMinor,
      currency: c.currency,
      inKindGoals: c.inKindGoals,
      startsOn: c.startsOn,
      endsOn: c.endsOn,
      commission: c.commission,
      status: c.status,
      progress: loaded.get(c.id)?.progress as CampaignDto['progress'],
    }));
  }
}

function toPublic(c: CampaignDto): PublicCampaignDto {
  return {
    slug: c.slug,
    organizationName: c.organizationName,
    titleEs: c.titleEs,
    titleEn: c.titleEn,
    storyEs: c.storyEs,
    storyEn: c.storyEn,
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    commission: c.commission,
    status: c.status,
    progress: c.progress,
  };
}
