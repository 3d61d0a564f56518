import { Injectable } from '@nestjs/common';
import { In, IsNull, type EntityManager } from 'typeorm';
import { canManageCampaign } from '../donations/campaigns.service';
import { CampaignEntity, DonationEntity, DonorEntity } from '../donations/donation.entities';
import { decimalToMinor, DonationsService, receiptNumber } from '../donations/donations.service';
import { CreateDonationDto, CreateDonorDto } from '../donations/dto/donation.dto';
import { PersonalDataAccessLogEntity } from '../communities/communities.entities';
import { OrganizationEntity } from '../organizations/organization.entity';
import { AuditService } from '../platform/audit/audit.service';
import type { AuthenticatedUser } from '../platform/auth/authenticated-user';
import { requestContext } from '../platform/http/request-context';
import { TransactionRunner } from '../platform/transaction/transaction-runner';
import {
  emptyToUndefined,
  groupBy,
  ImportReport,
  indexIn,
  inSavepoint,
  parseBoolean,
  parseCsv,
  parseNumber,
  reject,
  RowRejected,
  sameOnEveryRow,
  toCsv,
  validateRow,
  type CsvRecord,
} from './csv-exchange';
import type { DonationExportQueryDto, ExchangeImportReportDto } from './dto/exchange.dto';

/**
 * Donations, one row per donation (money) or per line of an in-kind donation; the donation's
 * columns repeat on each of its rows. `reference` is the external reference that makes an import
 * idempotent: the bank reference when there is one, otherwise the receipt number.
 */
export const DONATION_COLUMNS = [
  'reference',
  'receipt_number',
  'received_on',
  'campaign_slug',
  'kind',
  'amount',
  'currency',
  'exchange_rate',
  'method',
  'note',
  'reversed',
  'donor_kind',
  'donor_name',
  'donor_email',
  'donor_phone',
  'donor_tax_id_type',
  'donor_tax_id',
  'donor_anonymous',
  'donor_consent_public',
  'line_description',
  'line_category',
  'line_quantity',
  'line_unit_value',
] as const;
const REQUIRED = ['reference', 'received_on', 'campaign_slug', 'kind', 'donor_name'] as const;
const DONATION_LEVEL = DONATION_COLUMNS.filter((c) => !c.startsWith('line_') && c !== 'receipt_number');

const DONATION_FIELD: Record<string, string> = {
  campaignId: 'campaign_slug',
  donorId: 'donor_name',
  kind: 'kind',
  amountMinor: 'amount',
  currency: 'currency',
  exchangeRate: 'exchange_rate',
  method: 'method',
  bankReference: 'reference',
  receivedOn: 'received_on',
  note: 'note',
  pledgeId: 'reference',
  warehouseId: 'kind',
  lines: 'line_description',
  description: 'line_description',
  category: 'line_category',
  quantity: 'line_quantity',
  unitValueMinor: 'line_unit_value',
  taxId: 'donor_tax_id',
  taxIdType: 'donor_tax_id_type',
  reason: 'reversed',
};
const DONOR_FIELD: Record<string, string> = {
  kind: 'donor_kind',
  name: 'donor_name',
  email: 'donor_email',
  phone: 'donor_phone',
  taxIdType: 'donor_tax_id_type',
  taxId: 'donor_tax_id',
  anonymous: 'donor_anonymous',
  consentToBePublic: 'donor_consent_public',
};
const donationColumn = (field: string): string =>
  DONATION_FIELD[field.split('.').pop() ?? ''] ?? DONATION_FIELD[field.split('.')[0] ?? ''] ?? 'reference';
const donorColumn = (field: string): string => DONOR_FIELD[field] ?? 'donor_name';

const REVERSAL_REASON = 'Anulada en el origen (importación CSV)';

/** "125050" → "1250.50" (minor units of a two-decimal currency). */
export function minorToDecimal(minor: string | bigint): string {
  const v = BigInt(minor);
  const sign = v < 0n ? '-' : '';
  const abs = v < 0n ? -v : v;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/** "3.751200" (numeric column) → "3.7512". */
const normaliseRate = (rate: string): string => (rate.includes('.') ? rate.replace(/0+$/, '').replace(/\.$/, '') : rate);

interface ExportRow {
  id: string;
  bank_reference: string | null;
  receipt_year: number | null;
  receipt_seq: number | null;
  org_slug: string;
  received_on: string;
  campaign_slug: string;
  kind: 'money' | 'in_kind';
  amount_minor: string;
  currency: string;
  exchange_rate: string | null;
  method: string | null;
  note: string | null;
  reversed: boolean;
  donor_id: string;
  donor_kind: string;
  donor_name: string;
  donor_email: string | null;
  donor_phone: string | null;
  donor_tax_id_type: string | null;
  donor_tax_id: string | null;
  donor_anonymous: boolean;
  donor_consent_public: boolean;
}

/** Donations as CSV (personal data: reason-logged export) and an idempotent import through the donation use cases. */
@Injectable()
export class DonationExchangeService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
    private readonly donations: DonationsService,
  ) {}

  /**
   * The export writes one personal-data access log row per donor it contains and one audit row, in
   * the transaction that reads the data: no export without its log.
   */
  exportCsv(user: AuthenticatedUser, query: DonationExportQueryDto, route: string): Promise<string> {
    return this.transactions.run(async (manager) => {
      const params: unknown[] = [];
      const where = [`x.entry_type = 'donation'`];
      if (!user.roles.includes('admin')) {
        params.push(user.organizationId);
        where.push(`(c.organization_id = $${params.length} OR $${params.length} = ANY(c.partner_organization_ids))`);
      }
      if (query.campaignId) {
        params.push(query.campaignId);
        where.push(`x.campaign_id = $${params.length}`);
      }
      const rows: ExportRow[] = await manager.query(
        `SELECT x.id, x.bank_reference, x.receipt_year, x.receipt_seq, o.slug AS org_slug, x.received_on::text AS received_on,
                c.slug AS campaign_slug, x.kind, x.amount_minor::text AS amount_minor, x.currency, x.exchange_rate::text AS exchange_rate,
                x.method, x.note, EXISTS (SELECT 1 FROM donations r WHERE r.reverses_id = x.id) AS reversed,
                d.id AS donor_id, d.kind AS donor_kind, d.name AS donor_name, d.email AS donor_email, d.phone AS donor_phone,
                d.tax_id_type AS donor_tax_id_type, d.tax_id AS donor_tax_id, d.anonymous AS donor_anonymous,
                d.consent_to_be_public AS donor_consent_public
           FROM donations x
           JOIN donation_campaigns c ON c.id = x.campaign_id
           JOIN donors d ON d.id = x.donor_id
           JOIN organizations o ON o.id = x.organization_id
          WHERE ${where.join(' AND ')}
          ORDER BY x.received_on, x.receipt_year, x.receipt_seq, x.id`,
        params,
      );
      const lines: Array<{ donation_id: string; description: string; category: string; quantity: number; unit_value_minor: string }> =
        rows.length === 0
          ? []
          : await manager.query(
              `SELECT donation_id, description, category, quantity, unit_value_minor::text AS unit_value_minor
                 FROM donation_lines WHERE donation_id = ANY($1::uuid[]) ORDER BY description, category, quantity, unit_value_minor`,
              [rows.map((r) => r.id)],
            );
      const out: Array<Record<string, string | number | null>> = [];
      for (const r of rows) {
        const receipt = receiptNumber(r.org_slug, r.receipt_year, r.receipt_seq);
        const base = {
          reference: r.bank_reference ?? receipt,
          receipt_number: receipt,
          received_on: r.received_on,
          campaign_slug: r.campaign_slug,
          kind: r.kind,
          amount: minorToDecimal(r.amount_minor),
          currency: r.currency,
          exchange_rate: r.exchange_rate === null ? null : normaliseRate(r.exchange_rate),
          method: r.method,
          note: r.note,
          reversed: String(r.reversed),
          donor_kind: r.donor_kind,
          donor_name: r.donor_name,
          donor_email: r.donor_email,
          donor_phone: r.donor_phone,
          donor_tax_id_type: r.donor_tax_id_type,
          donor_tax_id: r.donor_tax_id,
          donor_anonymous: String(r.donor_anonymous),
          donor_consent_public: String(r.donor_consent_public),
        };
        const own = lines.filter((l) => l.donation_id === r.id);
        if (own.length === 0) out.push(base);
        for (const l of own) {
          out.push({
            ...base,
            line_description: l.description,
            line_category: l.category,
            line_quantity: Number(l.quantity),
            line_unit_value: minorToDecimal(l.unit_value_minor),
          });
        }
      }
      const donorIds = [...new Set(rows.map((r) => r.donor_id))];
      const correlationId = requestContext.current()?.correlationId ?? null;
      const purpose = `${route}: ${query.reason.trim()}`.slice(0, 200);
      if (donorIds.length) {
        await manager.insert(
          PersonalDataAccessLogEntity,
          donorIds.map((donorId) => ({
            actorUserId: user.id,
            organizationId: user.organizationId,
            leaderId: null,
            communityId: null,
            donorId,
            fields: ['name', 'email', 'phone', 'tax_id'],
            purpose,
            correlationId,
          })),
        );
      }
      await this.audit.record(manager, {
        action: 'exchange.donations_exported',
        entityType: 'donation',
        entityId: query.campaignId ?? null,
        summary: `Donations CSV export: ${rows.length} donations of ${donorIds.length} donors. Reason: ${query.reason.trim()}`,
      });
      return toCsv(DONATION_COLUMNS, out);
    });
  }

  importCsv(user: AuthenticatedUser, csv: string, partial: boolean): Promise<ExchangeImportReportDto> {
    const records = parseCsv(csv, DONATION_COLUMNS, REQUIRED);
    return this.transactions.run(async (manager) => {
      const report = new ImportReport();
      for (const group of groupBy(records, (r) => r.cells.reference ?? '')) {
        const lines = group.records.map((r) => r.line);
        const name = group.key || null;
        const differs = sameOnEveryRow(group.records, DONATION_LEVEL);
        if (differs) {
          report.reject(lines, name, differs.errors, differs.line);
          continue;
        }
        let at = lines[0] ?? 0;
        const result = await inSavepoint(manager, donationColumn, () =>
          this.importDonation(manager, user, group.records, (line) => (at = line)),
        );
        if (result.ok) report.add(lines, name, result.value.status, result.value.id);
        else report.reject(lines, name, result.errors, at);
      }
      const done = report.finish(partial);
      await this.audit.record(manager, {
        action: 'exchange.donations_imported',
        entityType: 'donation',
        summary: `Donations CSV import: ${done.created} rows created, ${done.updated} updated, ${done.unchanged} unchanged, ${done.rejected} rejected`,
      });
      return done;
    });
  }

  private async importDonation(
    manager: EntityManager,
    user: AuthenticatedUser,
    records: CsvRecord[],
    blame: (line: number) => void,
  ): Promise<{ status: 'created' | 'updated' | 'unchanged'; id: string }> {
    const first = records[0];
    const c = first.cells;
    const reference = (c.reference ?? '').trim();
    if (!reference) throw reject('reference', 'reference is required: it makes a second import of the same file create nothing');
    const campaign = await manager.findOneBy(CampaignEntity, { slug: c.campaign_slug ?? '' });
    if (!campaign || !canManageCampaign(user, campaign)) throw reject('campaign_slug', `unknown campaign ${c.campaign_slug}`);
    const kind = (c.kind ?? '').trim();
    const reversed = parseBoolean(c.reversed, false);
    if (typeof reversed !== 'boolean') throw reject('reversed', 'reversed must be true or false');

    // Lines (in kind) or amount (money), in minor units.
    const lineInputs: CreateDonationDto['lines'] = [];
    if (kind === 'in_kind') {
      for (const r of records) {
        blame(r.line);
        let unitValueMinor: string;
        try {
          unitValueMinor = decimalToMinor(r.cells.line_unit_value ?? '').toString();
        } catch {
          throw reject('line_unit_value', 'line_unit_value must be an amount in soles like 45.00');
        }
        lineInputs.push({
          description: r.cells.line_description ?? '',
          category: r.cells.line_category ?? '',
          quantity: parseNumber(r.cells.line_quantity) as number,
          unitValueMinor,
        });
      }
      blame(first.line);
    } else if (records.length > 1) {
      blame(records[1]?.line ?? first.line);
      throw reject('kind', 'a money donation has exactly one row');
    } else if (emptyToUndefined(c.line_description) !== undefined) {
      throw reject('line_description', 'line columns are for in_kind donations only');
    }
    let amountMinor: bigint | undefined;
    if (emptyToUndefined(c.amount) !== undefined) {
      try {
        amountMinor = decimalToMinor(c.amount ?? '');
      } catch {
        throw reject('amount', 'amount must be like 1250.50');
      }
    }
    if (kind === 'in_kind' && amountMinor !== undefined) {
      const total = lineInputs.reduce((s, l) => s + BigInt(Number.isInteger(l.quantity) ? l.quantity : 0) * BigInt(l.unitValueMinor), 0n);
      if (total !== amountMinor) throw reject('amount', `amount ${c.amount} is not the sum of the lines (${minorToDecimal(total)})`);
    }

    const existing = await this.findByReference(manager, campaign.organizationId, reference);
    if (existing) {
      const expected = kind === 'money' ? amountMinor?.toString() : existing.amountMinor;
      const same =
        existing.campaignId === campaign.id &&
        existing.kind === kind &&
        existing.receivedOn === (c.received_on ?? '') &&
        existing.amountMinor === expected &&
        (kind === 'in_kind' || existing.currency === (c.currency ?? '').toUpperCase());
      if (!same)
        throw reject(
          'reference',
          `a donation with reference ${reference} exists with other values; the ledger is corrected with a reversal`,
        );
      const isReversed = await manager.existsBy(DonationEntity, { reversesId: existing.id });
      if (isReversed && !reversed) throw reject('reversed', 'the donation is reversed; an import does not undo a reversal');
      if (reversed && !isReversed) {
        await this.donations.reverse(user, existing.id, { reason: REVERSAL_REASON });
        return { status: 'updated', id: existing.id };
      }
      return { status: 'unchanged', id: existing.id };
    }

    const donor = await this.findOrCreateDonor(manager, user, campaign, c);
    const { dto, errors, paths } = await validateRow(
      CreateDonationDto,
      {
        campaignId: campaign.id,
        donorId: donor.id,
        kind,
        amountMinor: kind === 'money' ? amountMinor?.toString() : undefined,
        currency: kind === 'money' ? emptyToUndefined(c.currency)?.toUpperCase() : undefined,
        exchangeRate: kind === 'money' ? emptyToUndefined(c.exchange_rate) : undefined,
        method: kind === 'money' ? emptyToUndefined(c.method) : undefined,
        bankReference: reference,
        receivedOn: c.received_on,
        note: emptyToUndefined(c.note),
        lines: kind === 'in_kind' ? lineInputs : undefined,
      },
      donationColumn,
    );
    if (errors.length) {
      const index = indexIn(paths, 'lines');
      if (index !== undefined) blame(records[index]?.line ?? first.line);
      throw new RowRejected(errors);
    }
    const created = await this.donations.record(user, dto);
    if (reversed) await this.donations.reverse(user, created.id, { reason: REVERSAL_REASON });
    return { status: 'created', id: created.id };
  }

  /** The donation an earlier import (or the ledger itself) knows by this reference: bank reference or receipt number. */
  private async findByReference(manager: EntityManager, organizationId: string, reference: string): Promise<DonationEntity | null> {
    const byBank = await manager.findOneBy(DonationEntity, { organizationId, bankReference: reference, entryType: 'donation' });
    if (byBank) return byBank;
    const receipt = /^(.+)-(\d{4})-(\d{6})$/.exec(reference);
    if (!receipt) return null;
    const org = await manager.findOneBy(OrganizationEntity, { id: organizationId });
    if (!org || org.slug.toUpperCase() !== receipt[1]) return null;
    // Only a donation without a bank reference is known by its receipt number (imported ones carry theirs).
    return manager.findOneBy(DonationEntity, {
      organizationId,
      receiptYear: Number(receipt[2]),
      receiptSeq: Number(receipt[3]),
      entryType: 'donation',
      bankReference: IsNull(),
    });
  }

  /** Same donor when the tax id matches, else the e-mail, else the same name and kind; otherwise a new donor. */
  private async findOrCreateDonor(
    manager: EntityManager,
    user: AuthenticatedUser,
    campaign: CampaignEntity,
    c: Record<string, string>,
  ): Promise<DonorEntity> {
    const { dto, errors } = await validateRow(
      CreateDonorDto,
      {
        kind: emptyToUndefined(c.donor_kind) ?? 'individual',
        name: (c.donor_name ?? '').trim(),
        email: emptyToUndefined(c.donor_email)?.toLowerCase(),
        phone: emptyToUndefined(c.donor_phone),
        taxIdType: emptyToUndefined(c.donor_tax_id_type),
        taxId: emptyToUndefined(c.donor_tax_id),
        anonymous: parseBoolean(c.donor_anonymous, false),
        consentToBePublic: parseBoolean(c.donor_consent_public, false),
      },
      donorColumn,
    );
    if (errors.length) throw new RowRejected(errors);
    const orgs = [campaign.organizationId, ...campaign.partnerOrganizationIds];
    const match =
      (dto.taxId && (await manager.findOneBy(DonorEntity, { organizationId: In(orgs), taxIdType: dto.taxIdType, taxId: dto.taxId }))) ||
      (dto.email &&
        (await manager.findOne(DonorEntity, { where: { organizationId: In(orgs), email: dto.email }, order: { createdAt: 'ASC' } }))) ||
      (
        await manager.query<Array<{ id: string }>>(
          `SELECT id FROM donors WHERE organization_id = ANY($1::uuid[]) AND lower(name) = lower($2) AND kind = $3 ORDER BY created_at LIMIT 1`,
          [orgs, dto.name, dto.kind],
        )
      )[0];
    if (match) return manager.findOneByOrFail(DonorEntity, { id: match.id });
    if (!orgs.includes(user.organizationId)) {
      throw reject('donor_name', 'new donors are created in your organisation, which does not run this campaign');
    }
    const created = await this.donations.createDonor(user, dto);
    return manager.findOneByOrFail(DonorEntity, { id: created.id });
  }
}
