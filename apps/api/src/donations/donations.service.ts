import { randomUUID } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import { parse } from 'csv-parse/sync';
import { Brackets, DataSource, In, type EntityManager } from 'typeorm';
import { StockLedgerService } from '../inventory/stock-ledger.service';
import { OrganizationEntity } from '../organizations/organization.entity';
import { AuditService } from '../platform/audit/audit.service';
import type { AuthenticatedUser } from '../platform/auth/authenticated-user';
import { deniedAsNotFound, DomainError, forbidden, notFound } from '../platform/errors/domain-error';
import { pageWindow } from '../platform/paging/page-query.dto';
import { TransactionRunner } from '../platform/transaction/transaction-runner';
import { applyProgressDelta, returning } from './campaign-progress';
import { canManageCampaign } from './campaigns.service';
import {
  CampaignEntity,
  DonationEntity,
  DonationLineEntity,
  DonorEntity,
  PledgeEntity,
  type DonationCurrency,
  type PledgeStatus,
} from './donation.entities';
import { DonationErrors } from './donations.errors';
import type {
  BankImportDto,
  BankImportReportDto,
  BankImportRowDto,
  CreateDonationDto,
  CreateDonorDto,
  CreatePledgeDto,
  DonationDto,
  DonationPageDto,
  DonationQueryDto,
  DonorDto,
  DonorPageDto,
  DonorQueryDto,
  PledgeDto,
  PledgePageDto,
  PledgeQueryDto,
  ReverseDonationDto,
} from './dto/donation.dto';
import { parseRate, toPenMinor } from './money';
import { renderReceiptPdf } from './receipt-pdf';

/** "RED-MINKA-2026-000042": organisation slug, year, sequence without gaps. */
export function receiptNumber(orgSlug: string, year: number | null, seq: number | null): string | null {
  if (year === null || seq === null) return null;
  return `${orgSlug.toUpperCase()}-${year}-${String(seq).padStart(6, '0')}`;
}

const isStaff = (user: AuthenticatedUser): boolean => user.roles.some((r) => r === 'admin' || r === 'fundraiser' || r === 'coordinator');

@Injectable()
export class DonationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
    private readonly stock: StockLedgerService,
  ) {}

  // ── donors ────────────────────────────────────────────────────────────────────────────────────

  async listDonors(user: AuthenticatedUser, query: DonorQueryDto): Promise<DonorPageDto> {
    const { page, pageSize, skip } = pageWindow(query);
    const qb = this.dataSource.getRepository(DonorEntity).createQueryBuilder('d');
    if (!user.roles.includes('admin')) qb.where('d.organization_id = :org', { org: user.organizationId });
    if (query.q) {
      const q = `%${query.q.replace(/[%_\\]/g, '\\$&')}%`;
      qb.andWhere(
        new Brackets((w) =>
          w.where('d.name ILIKE :q', { q }).orWhere('d.email ILIKE :q', { q }).orWhere('d.tax_id = :exact', { exact: query.q }),
        ),
      );
    }
    const [rows, total] = await qb.orderBy('d.name', 'ASC').addOrderBy('d.id').skip(skip).take(pageSize).getManyAndCount();
    return { items: rows.map(toDonorDto), total, page, pageSize };
  }

  createDonor(user: AuthenticatedUser, input: CreateDonorDto): Promise<DonorDto> {
    return this.transactions.run(async (manager) => {
      const row = await this.insertDonor(manager, user.organizationId, input);
      await this.audit.record(manager, {
        action: 'donations.donor_created',
        entityType: 'donor',
        entityId: row.id,
        summary: `Donor ${row.kind} created`, // no name: the audit log is not a place for personal data
      });
      return toDonorDto(row);
    });
  }

  private async insertDonor(manager: EntityManager, organizationId: string, input: CreateDonorDto): Promise<DonorEntity> {
    if ((input.taxId === undefined) !== (input.taxIdType === undefined)) {
      throw new DomainError('VALIDATION_FAILED', HttpStatus.BAD_REQUEST, {}, [
        { field: input.taxId === undefined ? 'taxId' : 'taxIdType', code: 'isDefined', message: 'taxId and taxIdType go together' },
      ]);
    }
    if (input.taxIdType === 'DNI' && !/^\d{8}$/.test(input.taxId ?? '')) {
      throw new DomainError('VALIDATION_FAILED', HttpStatus.BAD_REQUEST, {}, [
        { field: 'taxId', code: 'matches', message: 'DNI has 8 digits' },
      ]);
    }
    if (input.taxIdType === 'RUC' && !/^(10|15|17|20)\d{9}$/.test(input.taxId ?? '')) {
      throw new DomainError('VALIDATION_FAILED', HttpStatus.BAD_REQUEST, {}, [
        { field: 'taxId', code: 'matches', message: 'RUC has 11 digits' },
      ]);
    }
    if (input.taxId && (await manager.existsBy(DonorEntity, { organizationId, taxIdType: input.taxIdType, taxId: input.taxId }))) {
      throw new DomainError(DonationErrors.DONOR_TAX_ID_TAKEN, HttpStatus.CONFLICT, {}, [
        { field: 'taxId', code: 'unique', message: 'taxId' },
      ]);
    }
    return manager.save(
      manager.create(DonorEntity, {
        organizationId,
        kind: input.kind,
        name: input.name.trim(),
        email: input.email?.toLowerCase() ?? null,
        phone: input.phone ?? null,
        taxIdType: input.taxIdType ?? null,
        taxId: input.taxId ?? null,
        anonymous: input.anonymous ?? false,
        consentToBePublic: input.consentToBePublic ?? false,
        userId: null,
      }),
    );
  }

  // ── donations ─────────────────────────────────────────────────────────────────────────────────

  async list(user: AuthenticatedUser, query: DonationQueryDto): Promise<DonationPageDto> {
    const { page, pageSize, skip } = pageWindow(query);
    const qb = this.dataSource.getRepository(DonationEntity).createQueryBuilder('x');
    if (!user.roles.includes('admin')) {
      qb.where(
        `x.campaign_id IN (SELECT c.id FROM donation_campaigns c WHERE c.organization_id = :org OR :org = ANY(c.partner_organization_ids))`,
        { org: user.organizationId },
      );
    }
    if (query.campaignId) qb.andWhere('x.campaign_id = :campaignId', { campaignId: query.campaignId });
    if (query.donorId) qb.andWhere('x.donor_id = :donorId', { donorId: query.donorId });
    const [rows, total] = await qb.orderBy('x.created_at', 'DESC').addOrderBy('x.id', 'DESC').skip(skip).take(pageSize).getManyAndCount();
    return { items: await this.toDtos(this.dataSource.manager, rows), total, page, pageSize };
  }

  /** A donor's own donations (the donor logs in; donors are linked to their user account). */
  async mine(user: AuthenticatedUser, query: DonationQueryDto): Promise<DonationPageDto> {
    const { page, pageSize, skip } = pageWindow(query);
    const [rows, total] = await this.dataSource
      .getRepository(DonationEntity)
      .createQueryBuilder('x')
      .where('x.donor_id IN (SELECT d.id FROM donors d WHERE d.user_id = :uid)', { uid: user.id })
      .orderBy('x.created_at', 'DESC')
      .addOrderBy('x.id', 'DESC')
      .skip(skip)
      .take(pageSize)
      .getManyAndCount();
    return { items: await this.toDtos(this.dataSource.manager, rows), total, page, pageSize };
  }

  record(user: AuthenticatedUser, input: CreateDonationDto): Promise<DonationDto> {
    return this.transactions.run(async (manager) => {
      const donation = await this.recordIn(manager, user, input);
      await this.audit.record(manager, {
        action: 'donations.donation_recorded',
        entityType: 'donation',
        entityId: donation.id,
        summary: `${donation.kind} donation ${donation.amountMinor} ${donation.currency} (PEN ${donation.amountPenMinor}) receipt ${donation.receiptSeq}`,
      });
      const [dto] = await this.toDtos(manager, [donation]);
      return dto;
    });
  }

  /** The use case body, inside the caller's transaction (also used by the bank import and the demo seed). */
  async recordIn(manager: EntityManager, user: AuthenticatedUser | null, input: CreateDonationDto): Promise<DonationEntity> {
    const campaign = await manager.findOneBy(CampaignEntity, { id: input.campaignId });
    if (!campaign) throw fieldError(HttpStatus.NOT_FOUND, 'NOT_FOUND', 'campaignId');
    if (user && !canManageCampaign(user, campaign)) throw forbidden();
    if (campaign.status !== 'active') {
      throw new DomainError(DonationErrors.CAMPAIGN_NOT_ACTIVE, HttpStatus.CONFLICT, { status: campaign.status }, [
        { field: 'campaignId', code: 'active', message: 'campaign' },
      ]);
    }
    const donor = await manager.findOneBy(DonorEntity, { id: input.donorId });
    const campaignOrgs = [campaign.organizationId, ...campaign.partnerOrganizationIds];
    if (!donor || !campaignOrgs.includes(donor.organizationId)) throw fieldError(HttpStatus.NOT_FOUND, 'NOT_FOUND', 'donorId');

    let amountMinor: bigint;
    let amountPenMinor: bigint;
    let currency: DonationCurrency;
    let exchangeRate: string | null = null;
    const lines = input.lines ?? [];
    if (input.kind === 'money') {
      if (!input.amountMinor || !input.currency || !input.method) {
        const missing = !input.amountMinor ? 'amountMinor' : !input.currency ? 'currency' : 'method';
        throw new DomainError(DonationErrors.DONATION_AMOUNT_REQUIRED, HttpStatus.BAD_REQUEST, {}, [
          { field: missing, code: 'isDefined', message: missing },
        ]);
      }
      if (lines.length > 0) throw fieldError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', 'lines');
      currency = input.currency;
      amountMinor = BigInt(input.amountMinor);
      if (currency === 'PEN') {
        if (input.exchangeRate !== undefined) {
          throw new DomainError(DonationErrors.DONATION_RATE_NOT_ALLOWED, HttpStatus.BAD_REQUEST, {}, [
            { field: 'exchangeRate', code: 'isEmpty', message: 'exchangeRate' },
          ]);
        }
        amountPenMinor = amountMinor;
      } else {
        if (input.exchangeRate === undefined || !isPositiveRate(input.exchangeRate)) {
          throw new DomainError(DonationErrors.DONATION_RATE_REQUIRED, HttpStatus.BAD_REQUEST, { currency }, [
            { field: 'exchangeRate', code: 'isDefined', message: 'exchangeRate' },
          ]);
        }
        exchangeRate = input.exchangeRate;
        amountPenMinor = toPenMinor(amountMinor, exchangeRate);
      }
    } else {
      if (lines.length === 0) {
        throw new DomainError(DonationErrors.DONATION_LINES_REQUIRED, HttpStatus.BAD_REQUEST, {}, [
          { field: 'lines', code: 'arrayNotEmpty', message: 'lines' },
        ]);
      }
      for (const field of ['amountMinor', 'currency', 'exchangeRate', 'pledgeId', 'method'] as const) {
        if (input[field] !== undefined) throw fieldError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', field);
      }
      if (input.warehouseId) {
        const bad = lines.findIndex((l) => (l.itemId ? 1 : 0) + (l.kitTypeId ? 1 : 0) !== 1);
        if (bad >= 0) throw fieldError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', `lines[${bad}].itemId`);
      }
      currency = 'PEN';
      amountMinor = lines.reduce((sum, l) => sum + BigInt(l.quantity) * BigInt(l.unitValueMinor), 0n);
      amountPenMinor = amountMinor;
    }
    if (input.kind === 'money' && input.warehouseId !== undefined)
      throw fieldError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', 'warehouseId');

    const bankReference = input.bankReference?.trim() ?? null;
    if (bankReference && (await this.bankReferenceExists(manager, campaign.organizationId, bankReference))) {
      throw new DomainError(DonationErrors.DONATION_BANK_REFERENCE_DUPLICATE, HttpStatus.CONFLICT, { bankReference }, [
        { field: 'bankReference', code: 'unique', message: 'bankReference' },
      ]);
    }

    // Pledge first, then receipt counter, then the campaign aggregate: one lock order for every writer.
    let pledgeDelta = 0n;
    if (input.pledgeId) {
      const pledge = await manager.findOne(PledgeEntity, { where: { id: input.pledgeId }, lock: { mode: 'pessimistic_write' } });
      if (!pledge || pledge.campaignId !== campaign.id || pledge.donorId !== donor.id) {
        throw new DomainError(DonationErrors.PLEDGE_MISMATCH, HttpStatus.CONFLICT, {}, [
          { field: 'pledgeId', code: 'match', message: 'pledgeId' },
        ]);
      }
      if (pledge.status === 'fulfilled' || pledge.status === 'cancelled') {
        throw new DomainError(DonationErrors.PLEDGE_NOT_OPEN, HttpStatus.CONFLICT, { status: pledge.status }, [
          { field: 'pledgeId', code: 'open', message: 'pledgeId' },
        ]);
      }
      pledgeDelta = await this.changePledgeFulfilment(manager, pledge, amountPenMinor);
    }

    const year = Number(input.receivedOn.slice(0, 4));
    const [counter] = await returning<{ last_seq: number }>(
      manager,
      `INSERT INTO donation_receipt_counters (organization_id, year, last_seq) VALUES ($1, $2, 1)
       ON CONFLICT (organization_id, year) DO UPDATE SET last_seq = donation_receipt_counters.last_seq + 1
       RETURNING last_seq`,
      [campaign.organizationId, year],
    );
    const intoStock = input.kind === 'in_kind' && input.warehouseId !== undefined;
    const donation = await manager.save(
      manager.create(DonationEntity, {
        id: randomUUID(),
        organizationId: campaign.organizationId,
        campaignId: campaign.id,
        donorId: donor.id,
        kind: input.kind,
        entryType: 'donation',
        reversesId: null,
        amountMinor: amountMinor.toString(),
        currency,
        exchangeRate,
        amountPenMinor: amountPenMinor.toString(),
        method: input.kind === 'money' ? (input.method ?? null) : null,
        bankReference,
        receivedOn: input.receivedOn,
        receiptYear: year,
        receiptSeq: counter?.last_seq ?? null,
        pledgeId: input.pledgeId ?? null,
        receivedIntoStock: intoStock,
        warehouseId: intoStock ? (input.warehouseId ?? null) : null,
        note: input.note?.trim() || null,
        recordedByUserId: user?.id ?? null,
      }),
    );
    if (lines.length > 0) {
      await manager.insert(
        DonationLineEntity,
        lines.map((l) => ({
          donationId: donation.id,
          description: l.description.trim(),
          category: l.category,
          quantity: l.quantity,
          unitValueMinor: l.unitValueMinor,
          itemId: l.itemId ?? null,
          kitTypeId: l.kitTypeId ?? null,
        })),
      );
    }
    if (intoStock) {
      // The goods become stock lots in the same transaction; each lot carries this donation as its
      // funding source, which kits assembled from it inherit (inventory's assembly use case).
      const lotCode = `DON-${donation.receiptYear}-${String(donation.receiptSeq).padStart(6, '0')}`;
      await this.stock.receive(manager, user ?? { id: null, organizationId: campaign.organizationId, roles: [] }, {
        warehouseId: input.warehouseId as string,
        lines: lines.map((l) => ({
          itemId: l.itemId ?? null,
          kitTypeId: l.kitTypeId ?? null,
          quantity: l.quantity,
          lotCode: l.lotCode?.trim() || lotCode,
          expiryDate: l.expiryDate ?? null,
          fundingSourceType: 'donation',
          fundingSourceId: donation.id,
        })),
        note: `Donación en especie ${lotCode}`,
        referenceType: 'donation',
        referenceId: donation.id,
      });
    }
    const newDonor = await this.countDonor(manager, campaign.id, donor.id, +1);
    await applyProgressDelta(manager, campaign.id, {
      raisedMinor: input.kind === 'money' ? amountPenMinor : 0n,
      inKindValueMinor: input.kind === 'in_kind' ? amountPenMinor : 0n,
      pledgedOutstandingMinor: pledgeDelta,
      donationCount: 1,
      donorCount: newDonor,
      reachedOn: input.receivedOn,
    });
    await this.applyInKind(manager, campaign.id, lines, +1);
    return donation;
  }

  reverse(user: AuthenticatedUser, id: string, input: ReverseDonationDto): Promise<DonationDto> {
    return this.transactions.run(async (manager) => {
      const original = await manager.findOne(DonationEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!original) throw notFound();
      const campaign = await manager.findOneByOrFail(CampaignEntity, { id: original.campaignId });
      if (!canManageCampaign(user, campaign)) throw forbidden();
      if (original.entryType === 'reversal') throw new DomainError(DonationErrors.DONATION_NOT_REVERSIBLE, HttpStatus.CONFLICT);
      if (await manager.existsBy(DonationEntity, { reversesId: original.id })) {
        throw new DomainError(DonationErrors.DONATION_ALREADY_REVERSED, HttpStatus.CONFLICT);
      }
      if (original.receivedIntoStock) throw new DomainError(DonationErrors.DONATION_IN_STOCK, HttpStatus.CONFLICT);
      const pen = BigInt(original.amountPenMinor);
      let pledgeDelta = 0n;
      if (original.pledgeId) {
        const pledge = await manager.findOneOrFail(PledgeEntity, { where: { id: original.pledgeId }, lock: { mode: 'pessimistic_write' } });
        pledgeDelta = await this.changePledgeFulfilment(manager, pledge, -pen);
      }
      const reversal = await manager.save(
        manager.create(DonationEntity, {
          organizationId: original.organizationId,
          campaignId: original.campaignId,
          donorId: original.donorId,
          kind: original.kind,
          entryType: 'reversal',
          reversesId: original.id,
          amountMinor: (-BigInt(original.amountMinor)).toString(),
          currency: original.currency,
          exchangeRate: original.exchangeRate,
          amountPenMinor: (-pen).toString(),
          method: original.method,
          bankReference: original.bankReference,
          receivedOn: new Date().toISOString().slice(0, 10),
          receiptYear: null,
          receiptSeq: null,
          pledgeId: original.pledgeId,
          receivedIntoStock: false,
          warehouseId: null,
          note: input.reason.trim(),
          recordedByUserId: user.id,
        }),
      );
      const lines = await manager.findBy(DonationLineEntity, { donationId: original.id });
      const lostDonor = await this.countDonor(manager, original.campaignId, original.donorId, -1);
      await applyProgressDelta(manager, original.campaignId, {
        raisedMinor: original.kind === 'money' ? -pen : 0n,
        inKindValueMinor: original.kind === 'in_kind' ? -pen : 0n,
        pledgedOutstandingMinor: pledgeDelta,
        donationCount: -1,
        donorCount: lostDonor,
      });
      await this.applyInKind(manager, original.campaignId, lines, -1);
      await this.audit.record(manager, {
        action: 'donations.donation_reversed',
        entityType: 'donation',
        entityId: original.id,
        summary: `Donation reversed by entry ${reversal.id}: PEN ${(-pen).toString()} (${input.reason.slice(0, 200)})`,
      });
      const [dto] = await this.toDtos(manager, [reversal]);
      return dto;
    });
  }

  /** Loads a donation the user may see, for its receipt: staff of the campaign, or the donor themself. */
  async receiptPdf(user: AuthenticatedUser, id: string): Promise<{ fileName: string; pdf: Buffer }> {
    const donation = await this.dataSource.getRepository(DonationEntity).findOneBy({ id });
    if (!donation || donation.entryType !== 'donation') throw notFound();
    const [donor, campaign, org, lines, reversed] = await Promise.all([
      this.dataSource.getRepository(DonorEntity).findOneByOrFail({ id: donation.donorId }),
      this.dataSource.getRepository(CampaignEntity).findOneByOrFail({ id: donation.campaignId }),
      this.dataSource.getRepository(OrganizationEntity).findOneByOrFail({ id: donation.organizationId }),
      this.dataSource.getRepository(DonationLineEntity).findBy({ donationId: donation.id }),
      this.dataSource.getRepository(DonationEntity).existsBy({ reversesId: donation.id }),
    ]);
    const ownDonor = donor.userId !== null && donor.userId === user.id;
    if (!ownDonor && !(isStaff(user) && canManageCampaign(user, campaign))) {
      // The receipt's existence is not revealed (404); the filter audit-logs the denial.
      throw deniedAsNotFound('neither the donor nor staff of the campaign');
    }
    const pdf = await renderReceiptPdf({ donation, donor, campaign, org, lines, reversed });
    return { fileName: `recibo-${receiptNumber(org.slug, donation.receiptYear, donation.receiptSeq) ?? donation.id}.pdf`, pdf };
  }

  // ── pledges ───────────────────────────────────────────────────────────────────────────────────

  async listPledges(user: AuthenticatedUser, query: PledgeQueryDto): Promise<PledgePageDto> {
    const { page, pageSize, skip } = pageWindow(query);
    const qb = this.dataSource.getRepository(PledgeEntity).createQueryBuilder('p');
    if (!user.roles.includes('admin')) {
      qb.where(
        `p.campaign_id IN (SELECT c.id FROM donation_campaigns c WHERE c.organization_id = :org OR :org = ANY(c.partner_organization_ids))`,
        { org: user.organizationId },
      );
    }
    if (query.campaignId) qb.andWhere('p.campaign_id = :campaignId', { campaignId: query.campaignId });
    const [rows, total] = await qb.orderBy('p.due_on', 'ASC').addOrderBy('p.id').skip(skip).take(pageSize).getManyAndCount();
    return { items: rows.map(toPledgeDto), total, page, pageSize };
  }

  createPledge(user: AuthenticatedUser, input: CreatePledgeDto): Promise<PledgeDto> {
    return this.transactions.run(async (manager) => {
      const campaign = await manager.findOneBy(CampaignEntity, { id: input.campaignId });
      if (!campaign) throw fieldError(HttpStatus.NOT_FOUND, 'NOT_FOUND', 'campaignId');
      if (!canManageCampaign(user, campaign)) throw forbidden();
      if (campaign.status !== 'active') {
        throw new DomainError(DonationErrors.CAMPAIGN_NOT_ACTIVE, HttpStatus.CONFLICT, { status: campaign.status });
      }
      const donor = await manager.findOneBy(DonorEntity, { id: input.donorId });
      if (!donor || ![campaign.organizationId, ...campaign.partnerOrganizationIds].includes(donor.organizationId)) {
        throw fieldError(HttpStatus.NOT_FOUND, 'NOT_FOUND', 'donorId');
      }
      const pledge = await manager.save(
        manager.create(PledgeEntity, {
          organizationId: campaign.organizationId,
          campaignId: campaign.id,
          donorId: donor.id,
          amountMinor: input.amountMinor,
          fulfilledMinor: '0',
          dueOn: input.dueOn,
          status: 'open',
        }),
      );
      await applyProgressDelta(manager, campaign.id, { pledgedOutstandingMinor: BigInt(input.amountMinor) });
      await this.audit.record(manager, {
        action: 'donations.pledge_created',
        entityType: 'donation_pledge',
        entityId: pledge.id,
        summary: `Pledge of PEN ${input.amountMinor} due ${input.dueOn}`,
      });
      return toPledgeDto(pledge);
    });
  }

  cancelPledge(user: AuthenticatedUser, id: string): Promise<PledgeDto> {
    return this.transactions.run(async (manager) => {
      const pledge = await manager.findOne(PledgeEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!pledge) throw notFound();
      const campaign = await manager.findOneByOrFail(CampaignEntity, { id: pledge.campaignId });
      if (!canManageCampaign(user, campaign)) throw forbidden();
      if (pledge.status === 'fulfilled' || pledge.status === 'cancelled') {
        throw new DomainError(DonationErrors.PLEDGE_NOT_OPEN, HttpStatus.CONFLICT, { status: pledge.status });
      }
      const outstanding = BigInt(pledge.amountMinor) - BigInt(pledge.fulfilledMinor);
      pledge.status = 'cancelled';
      await manager.save(pledge);
      await applyProgressDelta(manager, campaign.id, { pledgedOutstandingMinor: -(outstanding > 0n ? outstanding : 0n) });
      await this.audit.record(manager, {
        action: 'donations.pledge_cancelled',
        entityType: 'donation_pledge',
        entityId: pledge.id,
        summary: `Pledge cancelled with PEN ${outstanding.toString()} outstanding`,
      });
      return toPledgeDto(pledge);
    });
  }

  // ── bank statement import ─────────────────────────────────────────────────────────────────────

  /**
   * Imports incoming transfers from a bank CSV into one campaign, in one transaction. Each row is
   * validated first; rows whose bank reference already exists (in the database or earlier in the
   * file) are reported as duplicates, bad rows as errors, and only the good rows are recorded.
   */
  importBankStatement(user: AuthenticatedUser, input: BankImportDto): Promise<BankImportReportDto> {
    return this.transactions.run(async (manager) => {
      const campaign = await manager.findOneBy(CampaignEntity, { id: input.campaignId });
      if (!campaign) throw fieldError(HttpStatus.NOT_FOUND, 'NOT_FOUND', 'campaignId');
      if (!canManageCampaign(user, campaign)) throw forbidden();
      const org = await manager.findOneByOrFail(OrganizationEntity, { id: campaign.organizationId });
      let records: Array<Record<string, string>>;
      try {
        records = parse(input.csv, {
          columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()),
          skip_empty_lines: true,
          trim: true,
          bom: true,
        });
      } catch {
        throw fieldError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', 'csv');
      }
      const required = ['fecha', 'referencia', 'monto', 'moneda', 'donante'];
      const header = Object.keys(records[0] ?? {});
      const missing = required.filter((c) => !header.includes(c));
      if (records.length === 0 || missing.length > 0) {
        throw new DomainError(DonationErrors.BANK_IMPORT_EMPTY, HttpStatus.BAD_REQUEST, { missing: missing.join(', ') || '-' }, [
          { field: 'csv', code: 'columns', message: 'csv' },
        ]);
      }
      if (records.length > 5000) throw fieldError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', 'csv');
      const rows: BankImportRowDto[] = [];
      const seen = new Set<string>();
      for (const [i, r] of records.entries()) {
        const line = i + 2;
        const bankReference = r.referencia?.trim() || null;
        const report = (status: BankImportRowDto['status'], error: string | null, donation?: DonationEntity): void => {
          rows.push({
            line,
            status,
            bankReference,
            donationId: donation?.id ?? null,
            receiptNumber: donation ? receiptNumber(org.slug, donation.receiptYear, donation.receiptSeq) : null,
            error,
          });
        };
        const problem = validateBankRow(r);
        if (problem) {
          report('error', problem);
          continue;
        }
        if (!bankReference) {
          report('error', 'referencia');
          continue;
        }
        if (seen.has(bankReference) || (await this.bankReferenceExists(manager, campaign.organizationId, bankReference))) {
          report('duplicate', null);
          continue;
        }
        seen.add(bankReference);
        const donor = await this.findOrCreateImportDonor(manager, campaign.organizationId, r);
        const currency = r.moneda?.toUpperCase() as DonationCurrency;
        const donation = await this.recordIn(manager, user, {
          campaignId: campaign.id,
          donorId: donor.id,
          kind: 'money',
          amountMinor: decimalToMinor(r.monto ?? '').toString(),
          currency,
          exchangeRate: currency === 'PEN' ? undefined : r.tipo_cambio,
          method: 'bank_transfer',
          bankReference,
          receivedOn: r.fecha ?? '',
          note: 'Importado de extracto bancario',
        });
        report('imported', null, donation);
      }
      const imported = rows.filter((r) => r.status === 'imported').length;
      const duplicates = rows.filter((r) => r.status === 'duplicate').length;
      const errors = rows.filter((r) => r.status === 'error').length;
      await this.audit.record(manager, {
        action: 'donations.bank_statement_imported',
        entityType: 'donation_campaign',
        entityId: campaign.id,
        summary: `Bank statement: ${imported} imported, ${duplicates} duplicates, ${errors} errors`,
      });
      return { imported, duplicates, errors, rows };
    });
  }

  private async findOrCreateImportDonor(manager: EntityManager, organizationId: string, r: Record<string, string>): Promise<DonorEntity> {
    const doc = r.documento?.trim();
    const taxIdType = doc ? (doc.length === 11 ? 'RUC' : 'DNI') : undefined;
    if (doc) {
      const existing = await manager.findOneBy(DonorEntity, { organizationId, taxIdType, taxId: doc });
      if (existing) return existing;
    }
    const email = r.email?.trim().toLowerCase() || undefined;
    if (!doc && email) {
      const existing = await manager.findOneBy(DonorEntity, { organizationId, email });
      if (existing) return existing;
    }
    return this.insertDonor(manager, organizationId, {
      kind: taxIdType === 'RUC' && doc?.startsWith('20') ? 'company' : 'individual',
      name: r.donante?.trim() ?? '',
      email,
      taxIdType,
      taxId: doc || undefined,
    });
  }

  // ── helpers ───────────────────────────────────────────────────────────────────────────────────

  private async bankReferenceExists(manager: EntityManager, organizationId: string, bankReference: string): Promise<boolean> {
    return manager.existsBy(DonationEntity, { organizationId, bankReference, entryType: 'donation' });
  }

  /** Adds (or, negative, removes) a payment to a pledge; returns the change in outstanding pledges. */
  private async changePledgeFulfilment(manager: EntityManager, pledge: PledgeEntity, penMinor: bigint): Promise<bigint> {
    const amount = BigInt(pledge.amountMinor);
    const before = BigInt(pledge.fulfilledMinor);
    const after = before + penMinor < 0n ? 0n : before + penMinor;
    const outstanding = (f: bigint): bigint => (pledge.status === 'cancelled' ? 0n : f >= amount ? 0n : amount - f);
    const delta = outstanding(after) - outstanding(before);
    let status: PledgeStatus = pledge.status;
    if (pledge.status !== 'cancelled') status = after >= amount ? 'fulfilled' : after > 0n ? 'partially_fulfilled' : 'open';
    await manager.update(PledgeEntity, { id: pledge.id }, { fulfilledMinor: after.toString(), status });
    return delta;
  }

  /** +1 when a donor's first (net) donation to the campaign arrives, −1 when their last one is reversed. */
  private async countDonor(manager: EntityManager, campaignId: string, donorId: string, step: 1 | -1): Promise<number> {
    const [row] = await returning<{ donation_count: number }>(
      manager,
      `INSERT INTO donation_campaign_donors (campaign_id, donor_id, donation_count) VALUES ($1, $2, $3)
       ON CONFLICT (campaign_id, donor_id) DO UPDATE SET donation_count = donation_campaign_donors.donation_count + $3
       RETURNING donation_count`,
      [campaignId, donorId, step],
    );
    const count = row?.donation_count ?? 0;
    if (step === 1) return count === 1 ? 1 : 0;
    return count === 0 ? -1 : 0;
  }

  private async applyInKind(
    manager: EntityManager,
    campaignId: string,
    lines: Array<{ category: string; quantity: number; unitValueMinor: string }>,
    sign: 1 | -1,
  ): Promise<void> {
    const byCategory = new Map<string, { quantity: number; value: bigint }>();
    for (const l of lines) {
      const acc = byCategory.get(l.category) ?? { quantity: 0, value: 0n };
      acc.quantity += l.quantity;
      acc.value += BigInt(l.quantity) * BigInt(l.unitValueMinor);
      byCategory.set(l.category, acc);
    }
    for (const [category, { quantity, value }] of [...byCategory.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      await manager.query(
        `INSERT INTO donation_campaign_in_kind (campaign_id, category, quantity, value_minor) VALUES ($1, $2, $3, $4::bigint)
         ON CONFLICT (campaign_id, category) DO UPDATE
           SET quantity = donation_campaign_in_kind.quantity + EXCLUDED.quantity,
               value_minor = donation_campaign_in_kind.value_minor + EXCLUDED.value_minor`,
        [campaignId, category, sign * quantity, (BigInt(sign) * value).toString()],
      );
    }
  }

  private async toDtos(manager: EntityManager, rows: DonationEntity[]): Promise<DonationDto[]> {
    if (rows.length === 0) return [];
    // Sequential: inside a transaction these share one connection.
    const donors = await manager.findBy(DonorEntity, { id: In([...new Set(rows.map((r) => r.donorId))]) });
    const orgs = await manager.findBy(OrganizationEntity, { id: In([...new Set(rows.map((r) => r.organizationId))]) });
    const lines = await manager.findBy(DonationLineEntity, { donationId: In(rows.map((r) => r.id)) });
    const donorName = new Map(donors.map((d) => [d.id, d.name]));
    const orgSlug = new Map(orgs.map((o) => [o.id, o.slug]));
    return rows.map((x) => ({
      id: x.id,
      campaignId: x.campaignId,
      donorId: x.donorId,
      donorName: donorName.get(x.donorId) ?? '',
      kind: x.kind,
      entryType: x.entryType,
      reversesId: x.reversesId,
      amountMinor: x.amountMinor,
      currency: x.currency,
      exchangeRate: x.exchangeRate === null ? null : normaliseRate(x.exchangeRate),
      amountPenMinor: x.amountPenMinor,
      method: x.method,
      bankReference: x.bankReference,
      receivedOn: x.receivedOn,
      receiptNumber: receiptNumber(orgSlug.get(x.organizationId) ?? '', x.receiptYear, x.receiptSeq),
      pledgeId: x.pledgeId,
      receivedIntoStock: x.receivedIntoStock,
      warehouseId: x.warehouseId,
      note: x.note,
      lines: lines
        .filter((l) => l.donationId === x.id)
        .map((l) => ({
          description: l.description,
          category: l.category,
          quantity: l.quantity,
          unitValueMinor: l.unitValueMinor,
          itemId: l.itemId,
          kitTypeId: l.kitTypeId,
        })),
      createdAt: new Date(x.createdAt).toISOString(),
    }));
  }
}

function fieldError(status: HttpStatus, code: 'NOT_FOUND' | 'VALIDATION_FAILED', field: string): DomainError {
  return new DomainError(code, status, {}, [{ field, code: code === 'NOT_FOUND' ? 'exists' : 'invalid', message: field }]);
}

function isPositiveRate(rate: string): boolean {
  try {
    return parseRate(rate) > 0n;
  } catch {
    return false;
  }
}

/** "3.751200" (numeric column) → "3.7512". */
function normaliseRate(rate: string): string {
  return rate.includes('.') ? rate.replace(/0+$/, '').replace(/\.$/, '') : rate;
}

/** "1,250.50" / "1250.5" / "1250" → 125050n; refuses more than two decimals. */
export function decimalToMinor(value: string): bigint {
  const clean = value.replace(/,/g, '').trim();
  if (!/^\d{1,15}(?:\.\d{1,2})?$/.test(clean)) throw new RangeError(`invalid amount ${value}`);
  const [whole, frac = ''] = clean.split('.');
  return BigInt(whole ?? '0') * 100n + BigInt(frac.padEnd(2, '0'));
}

function validateBankRow(r: Record<string, string>): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(r.fecha ?? '') || Number.isNaN(Date.parse(r.fecha ?? ''))) return 'fecha';
  try {
    if (decimalToMinor(r.monto ?? '') <= 0n) return 'monto';
  } catch {
    return 'monto';
  }
  const currency = (r.moneda ?? '').toUpperCase();
  if (!['PEN', 'USD', 'EUR'].includes(currency)) return 'moneda';
  if (currency !== 'PEN' && !isPositiveRate(r.tipo_cambio ?? '')) return 'tipo_cambio';
  if ((r.donante ?? '').trim().length < 2) return 'donante';
  const doc = r.documento?.trim();
  if (doc && !/^\d{8}$/.test(doc) && !/^(10|15|17|20)\d{9}$/.test(doc)) return 'documento';
  if (r.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(r.email.trim())) return 'email';
  return null;
}

function toDonorDto(d: DonorEntity): DonorDto {
  return {
    id: d.id,
    kind: d.kind,
    name: d.name,
    email: d.email,
    phone: d.phone,
    taxIdType: d.taxIdType,
    taxId: d.taxId,
    anonymous: d.anonymous,
    consentToBePublic: d.consentToBePublic,
    createdAt: new Date(d.createdAt).toISOString(),
  };
}

function toPledgeDto(p: PledgeEntity): PledgeDto {
  return {
    id: p.id,
    campaignId: p.campaignId,
    donorId: p.donorId,
    amountMinor: p.amountMinor,
    fulfilledMinor: p.fulfilledMinor,
    dueOn: p.dueOn,
    status: p.status,
  };
}
