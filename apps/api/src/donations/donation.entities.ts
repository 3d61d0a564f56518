import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const CAMPAIGN_STATUSES = ['draft', 'active', 'closed'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];
export const DONOR_KINDS = ['individual', 'company'] as const;
export type DonorKind = (typeof DONOR_KINDS)[number];
export const TAX_ID_TYPES = ['DNI', 'RUC', 'CE', 'PASSPORT'] as const;
export type TaxIdType = (typeof TAX_ID_TYPES)[number];
export const DONATION_CURRENCIES = ['PEN', 'USD', 'EUR'] as const;
export type DonationCurrency = (typeof DONATION_CURRENCIES)[number];
export const DONATION_METHODS = ['bank_transfer', 'yape', 'plin', 'card', 'cash', 'other'] as const;
export type DonationMethod = (typeof DONATION_METHODS)[number];
export const DONATION_KINDS = ['money', 'in_kind'] as const;
export type DonationKind = (typeof DONATION_KINDS)[number];
export const ENTRY_TYPES = ['donation', 'reversal'] as const;
export type EntryType = (typeof ENTRY_TYPES)[number];
export const PLEDGE_STATUSES = ['open', 'partially_fulfilled', 'fulfilled', 'cancelled'] as const;
export type PledgeStatus = (typeof PLEDGE_STATUSES)[number];

export interface InKindGoal {
  category: string;
  kits: number;
}

/** A fundraising campaign of one or more organisations. Money goal in PEN minor units (céntimos). */
@Entity({ name: 'donation_campaigns' })
@Check('ck_donation_campaigns_status', `status IN ('draft','active','closed')`)
@Check('ck_donation_campaigns_goal', `goal_minor > 0`)
@Check('ck_donation_campaigns_dates', `ends_on IS NULL OR ends_on >= starts_on`)
export class CampaignEntity {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Index('uq_donation_campaigns_slug', { unique: true })
  @Column({ type: 'varchar', length: 80 })
  slug: string;

  /** The lead organisation (owns receipts); co-organisers in `partnerOrganizationIds`. */
  @Index('ix_donation_campaigns_org')
  @Column({ type: 'uuid', name: 'organization_id' })
  organizationId: string;

  @Column({ type: 'uuid', array: true, name: 'partner_organization_ids', default: () => "'{}'" })
  partnerOrganizationIds: string[];

  @Column({ type: 'varchar', length: 200, name: 'title_es' }) titleEs: string;
  @Column({ type: 'varchar', length: 200, name: 'title_en' }) titleEn: string;
  @Column({ type: 'text', name: 'story_es' }) storyEs: string;
  @Column({ type: 'text', name: 'story_en' }) storyEn: string;

  @Column({ type: 'bigint', name: 'goal_minor' }) goalMinor: string;
  @Column({ type: 'char', length: 3, default: 'PEN' }) currency: string;

  @Column({ type: 'jsonb', name: 'in_kind_goals', default: () => "'[]'" }) inKindGoals: InKindGoal[];

  @Column({ type: 'date', name: 'starts_on' }) startsOn: string;
  @Column({ type: 'date', name: 'ends_on', nullable: true }) endsOn: string | null;
  @Column({ type: 'varchar', length: 200 }) commission: string;
  @Column({ type: 'varchar', length: 10, default: 'draft' }) status: CampaignStatus;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' }) updatedAt: Date;
}

@Entity({ name: 'donation_campaign_milestones' })
@Index('uq_donation_campaign_milestones', ['campaignId', 'amountMinor'], { unique: true })
@Check('ck_donation_campaign_milestones_amount', `amount_minor > 0`)
export class CampaignMilestoneEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'campaign_id' }) campaignId: string;
  @Column({ type: 'bigint', name: 'amount_minor' }) amountMinor: string;
  /** Set when progress first reaches the amount; cleared if a reversal takes it back below. */
  @Column({ type: 'timestamptz', name: 'reached_at', nullable: true }) reachedAt: Date | null;
}

/**
 * The progress aggregate: one row per campaign, updated in the same transaction as every donation,
 * reversal and pledge change (the UPDATE also serialises concurrent writers of one campaign).
 */
@Entity({ name: 'donation_campaign_progress' })
@Check('ck_donation_campaign_progress_nonneg', `pledged_outstanding_minor >= 0 AND donor_count >= 0`)
export class CampaignProgressEntity {
  @PrimaryColumn({ type: 'uuid', name: 'campaign_id' }) campaignId: string;
  @Column({ type: 'bigint', name: 'raised_minor', default: 0 }) raisedMinor: string;
  @Column({ type: 'bigint', name: 'pledged_outstanding_minor', default: 0 }) pledgedOutstandingMinor: string;
  @Column({ type: 'bigint', name: 'in_kind_value_minor', default: 0 }) inKindValueMinor: string;
  @Column({ type: 'integer', name: 'donor_count', default: 0 }) donorCount: number;
  @Column({ type: 'integer', name: 'donation_count', default: 0 }) donationCount: number;
  @Column({ type: 'timestamptz', name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

/** Which donors gave to a campaign (drives the distinct donor count without scanning donations). */
@Entity({ name: 'donation_campaign_donors' })
export class CampaignDonorEntity {
  @PrimaryColumn({ type: 'uuid', name: 'campaign_id' }) campaignId: string;
  @PrimaryColumn({ type: 'uuid', name: 'donor_id' }) donorId: string;
  @Column({ type: 'integer', name: 'donation_count', default: 0 }) donationCount: number;
}

/** In-kind progress per category (kits/items received and their estimated value). */
@Entity({ name: 'donation_campaign_in_kind' })
export class CampaignInKindEntity {
  @PrimaryColumn({ type: 'uuid', name: 'campaign_id' }) campaignId: string;
  @PrimaryColumn({ type: 'varchar', length: 60 }) category: string;
  @Column({ type: 'integer', default: 0 }) quantity: number;
  @Column({ type: 'bigint', name: 'value_minor', default: 0 }) valueMinor: string;
}

/**
 * "Where it went" read model, one row per campaign and district. Deliveries (a later issue) fill the
 * dispatched / confirmed / households columns; until then they stay at zero, honestly.
 */
@Entity({ name: 'donation_campaign_reach' })
export class CampaignReachEntity {
  @PrimaryColumn({ type: 'uuid', name: 'campaign_id' }) campaignId: string;
  @PrimaryColumn({ type: 'char', length: 6, name: 'district_ubigeo' }) districtUbigeo: string;
  @Column({ type: 'numeric', precision: 14, scale: 4, name: 'kits_dispatched', default: 0 }) kitsDispatched: string;
  @Column({ type: 'numeric', precision: 14, scale: 4, name: 'kits_confirmed', default: 0 }) kitsConfirmed: string;
  @Column({ type: 'integer', name: 'households_reached', default: 0 }) householdsReached: number;
}

/** A person or company who gives. Tax id, email and phone are personal data: never public. */
@Entity({ name: 'donors' })
@Check('ck_donors_kind', `kind IN ('individual','company')`)
@Index('uq_donors_org_tax_id', ['organizationId', 'taxIdType', 'taxId'], { unique: true, where: 'tax_id IS NOT NULL' })
export class DonorEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Index('ix_donors_org')
  @Column({ type: 'uuid', name: 'organization_id' })
  organizationId: string;
  @Column({ type: 'varchar', length: 12 }) kind: DonorKind;
  @Column({ type: 'varchar', length: 200 }) name: string;
  @Column({ type: 'varchar', length: 254, nullable: true }) email: string | null;
  @Column({ type: 'varchar', length: 30, nullable: true }) phone: string | null;
  @Column({ type: 'varchar', length: 10, nullable: true, name: 'tax_id_type' }) taxIdType: TaxIdType | null;
  @Column({ type: 'varchar', length: 20, nullable: true, name: 'tax_id' }) taxId: string | null;
  @Column({ type: 'boolean', default: false }) anonymous: boolean;
  @Column({ type: 'boolean', name: 'consent_to_be_public', default: false }) consentToBePublic: boolean;
  /** The donor's own login, when they have one (they then see their donations and receipts). */
  @Index('ix_donors_user')
  @Column({ type: 'uuid', name: 'user_id', nullable: true })
  userId: string | null;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
}

/**
 * The donation ledger: append-only. A refund or correction is a `reversal` row pointing at the
 * original with negated amounts; rows are never updated (except pledge links) or deleted.
 */
@Entity({ name: 'donations' })
@Check('ck_donations_kind', `kind IN ('money','in_kind')`)
@Check('ck_donations_entry', `entry_type IN ('donation','reversal')`)
@Check('ck_donations_reversal_link', `(entry_type = 'reversal') = (reverses_id IS NOT NULL)`)
@Check(
  'ck_donations_sign',
  `(entry_type = 'donation' AND amount_minor >= 0 AND amount_pen_minor >= 0) OR (entry_type = 'reversal' AND amount_minor <= 0 AND amount_pen_minor <= 0)`,
)
@Check('ck_donations_rate', `currency = 'PEN' OR kind = 'in_kind' OR exchange_rate IS NOT NULL`)
@Index('uq_donations_reverses', ['reversesId'], { unique: true, where: 'reverses_id IS NOT NULL' })
@Index('uq_donations_receipt', ['organizationId', 'receiptYear', 'receiptSeq'], { unique: true, where: 'receipt_seq IS NOT NULL' })
@Index('uq_donations_bank_reference', ['organizationId', 'bankReference'], {
  unique: true,
  where: `bank_reference IS NOT NULL AND entry_type = 'donation'`,
})
@Index('ix_donations_campaign', ['campaignId', 'createdAt'])
@Index('ix_donations_donor', ['donorId', 'createdAt'])
@Index('ix_donations_in_stock', ['campaignId'], { where: 'received_into_stock' })
export class DonationEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'organization_id' }) organizationId: string;
  @Column({ type: 'uuid', name: 'campaign_id' }) campaignId: string;
  @Column({ type: 'uuid', name: 'donor_id' }) donorId: string;
  @Column({ type: 'varchar', length: 8 }) kind: DonationKind;
  @Column({ type: 'varchar', length: 10, name: 'entry_type', default: 'donation' }) entryType: EntryType;
  @Column({ type: 'uuid', name: 'reverses_id', nullable: true }) reversesId: string | null;
  /** In the donation's own currency, minor units (negative on reversals). */
  @Column({ type: 'bigint', name: 'amount_minor' }) amountMinor: string;
  @Column({ type: 'char', length: 3 }) currency: DonationCurrency;
  /** PEN per 1 unit of `currency` on the day, as entered (decimal string, up to 6 decimals). */
  @Column({ type: 'numeric', precision: 12, scale: 6, name: 'exchange_rate', nullable: true }) exchangeRate: string | null;
  /** The amount in PEN céntimos: money counts towards the goal; for in-kind, the estimated value. */
  @Column({ type: 'bigint', name: 'amount_pen_minor' }) amountPenMinor: string;
  @Column({ type: 'varchar', length: 16, nullable: true }) method: DonationMethod | null;
  @Column({ type: 'varchar', length: 80, name: 'bank_reference', nullable: true }) bankReference: string | null;
  @Column({ type: 'date', name: 'received_on' }) receivedOn: string;
  @Column({ type: 'integer', name: 'receipt_year', nullable: true }) receiptYear: number | null;
  @Column({ type: 'integer', name: 'receipt_seq', nullable: true }) receiptSeq: number | null;
  @Column({ type: 'uuid', name: 'pledge_id', nullable: true }) pledgeId: string | null;
  /** In-kind: whether the goods entered the inventory as stock lots (funding source = this donation). */
  @Column({ type: 'boolean', name: 'received_into_stock', default: false }) receivedIntoStock: boolean;
  @Column({ type: 'uuid', name: 'warehouse_id', nullable: true }) warehouseId: string | null;
  @Column({ type: 'varchar', length: 500, nullable: true }) note: string | null;
  @Column({ type: 'uuid', name: 'recorded_by_user_id', nullable: true }) recordedByUserId: string | null;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
}

@Entity({ name: 'donation_lines' })
@Check('ck_donation_lines_qty', `quantity > 0 AND unit_value_minor >= 0`)
export class DonationLineEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Index('ix_donation_lines_donation')
  @Column({ type: 'uuid', name: 'donation_id' })
  donationId: string;
  @Column({ type: 'varchar', length: 200 }) description: string;
  @Column({ type: 'varchar', length: 60 }) category: string;
  @Column({ type: 'integer' }) quantity: number;
  @Column({ type: 'bigint', name: 'unit_value_minor' }) unitValueMinor: string;
  /** Catalogue item or kit type, when the goods were received into stock. */
  @Column({ type: 'uuid', name: 'item_id', nullable: true }) itemId: string | null;
  @Column({ type: 'uuid', name: 'kit_type_id', nullable: true }) kitTypeId: string | null;
}

@Entity({ name: 'donation_pledges' })
@Check('ck_donation_pledges_status', `status IN ('open','partially_fulfilled','fulfilled','cancelled')`)
@Check('ck_donation_pledges_amounts', `amount_minor > 0 AND fulfilled_minor >= 0`)
export class PledgeEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'organization_id' }) organizationId: string;
  @Index('ix_donation_pledges_campaign')
  @Column({ type: 'uuid', name: 'campaign_id' })
  campaignId: string;
  @Column({ type: 'uuid', name: 'donor_id' }) donorId: string;
  /** Promised amount in PEN céntimos. */
  @Column({ type: 'bigint', name: 'amount_minor' }) amountMinor: string;
  @Column({ type: 'bigint', name: 'fulfilled_minor', default: 0 }) fulfilledMinor: string;
  @Column({ type: 'date', name: 'due_on' }) dueOn: string;
  @Column({ type: 'varchar', length: 20, default: 'open' }) status: PledgeStatus;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
}

/** One row per (organisation, year); locked by UPDATE … RETURNING inside the donation transaction. */
@Entity({ name: 'donation_receipt_counters' })
export class ReceiptCounterEntity {
  @PrimaryColumn({ type: 'uuid', name: 'organization_id' }) organizationId: string;
  @PrimaryColumn({ type: 'integer' }) year: number;
  @Column({ type: 'integer', name: 'last_seq', default: 0 }) lastSeq: number;
}

export const DONATION_ENTITIES = [
  CampaignEntity,
  CampaignMilestoneEntity,
  CampaignProgressEntity,
  CampaignDonorEntity,
  CampaignInKindEntity,
  CampaignReachEntity,
  DonorEntity,
  DonationEntity,
  DonationLineEntity,
  PledgeEntity,
  ReceiptCounterEntity,
];
