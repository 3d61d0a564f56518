import type { EntityManager } from 'typeorm';
import type { CampaignEntity } from './donation.entities';
import type { CampaignProgressDto, InKindProgressDto, MilestoneDto } from './dto/campaign.dto';
import { progressBasisPoints } from './money';

interface ProgressRow {
  campaign_id: string;
  raised_minor: string | null;
  pledged_outstanding_minor: string | null;
  in_kind_value_minor: string | null;
  donor_count: number | null;
  donation_count: number | null;
  updated_at: Date | null;
  organization_name: string | null;
  milestones: Array<{ amount_minor: string; reached_at: string | null }> | null;
  in_kind: Array<{ category: string; quantity: number; value_minor: string }> | null;
}

export interface LoadedProgress {
  progress: CampaignProgressDto;
  organizationName: string;
}

/**
 * Reads the per-campaign progress aggregate: ONE indexed query per page of campaigns (progress row,
 * milestones, in-kind and the organisation's name), whatever the number of donations. Writes happen
 * inside the donation/pledge transaction so the aggregate can never disagree with the ledger (the
 * integration tests and the benchmark compare it with a raw SUM).
 */
export async function loadProgress(manager: EntityManager, campaigns: CampaignEntity[]): Promise<Map<string, LoadedProgress>> {
  const result = new Map<string, LoadedProgress>();
  if (campaigns.length === 0) return result;
  const rows = await manager.query<ProgressRow[]>(
    `SELECT c.id AS campaign_id, p.raised_minor, p.pledged_outstanding_minor, p.in_kind_value_minor, p.donor_count,
            p.donation_count, p.updated_at, o.name AS organization_name,
            (SELECT json_agg(json_build_object('amount_minor', m.amount_minor::text, 'reached_at', m.reached_at) ORDER BY m.amount_minor)
               FROM donation_campaign_milestones m WHERE m.campaign_id = c.id) AS milestones,
            (SELECT json_agg(json_build_object('category', k.category, 'quantity', k.quantity, 'value_minor', k.value_minor::text) ORDER BY k.category)
               FROM donation_campaign_in_kind k WHERE k.campaign_id = c.id) AS in_kind
       FROM unnest($1::uuid[], $2::uuid[]) AS c(id, organization_id)
       LEFT JOIN donation_campaign_progress p ON p.campaign_id = c.id
       LEFT JOIN organizations o ON o.id = c.organization_id`,
    [campaigns.map((c) => c.id), campaigns.map((c) => c.organizationId)],
  );
  const byId = new Map(rows.map((r) => [r.campaign_id, r]));
  for (const campaign of campaigns) {
    const row = byId.get(campaign.id);
    const raised = BigInt(row?.raised_minor ?? '0');
    const goal = BigInt(campaign.goalMinor);
    const ms: MilestoneDto[] = (row?.milestones ?? []).map((m) => ({
      amountMinor: m.amount_minor,
      reachedAt: m.reached_at ? new Date(m.reached_at).toISOString() : null,
    }));
    const received = new Map((row?.in_kind ?? []).map((k) => [k.category, k]));
    const categories = new Set([...campaign.inKindGoals.map((g) => g.category), ...received.keys()]);
    const inKindDto: InKindProgressDto[] = [...categories].sort().map((category) => ({
      category,
      goal: campaign.inKindGoals.find((g) => g.category === category)?.kits ?? 0,
      received: received.get(category)?.quantity ?? 0,
      valueMinor: received.get(category)?.value_minor ?? '0',
    }));
    result.set(campaign.id, {
      organizationName: row?.organization_name ?? '',
      progress: {
        raisedMinor: raised.toString(),
        goalMinor: campaign.goalMinor,
        currency: campaign.currency,
        pledgedOutstandingMinor: row?.pledged_outstanding_minor ?? '0',
        inKindValueMinor: row?.in_kind_value_minor ?? '0',
        donorCount: row?.donor_count ?? 0,
        donationCount: row?.donation_count ?? 0,
        percent: progressBasisPoints(raised, goal) / 100,
        milestones: ms,
        inKind: inKindDto,
        updatedAt: new Date(row?.updated_at ?? campaign.createdAt).toISOString(),
      },
    });
  }
  return result;
}

export interface ProgressDelta {
  raisedMinor?: bigint;
  pledgedOutstandingMinor?: bigint;
  inKindValueMinor?: bigint;
  donationCount?: number;
  donorCount?: number;
  /** The day the money arrived: a milestone it crosses is dated then (defaults to now). */
  reachedOn?: string;
}

/** Applies a delta to the aggregate (locking the campaign's row) and re-evaluates the milestones. */
export async function applyProgressDelta(manager: EntityManager, campaignId: string, delta: ProgressDelta): Promise<void> {
  const rows = await returning<{ raised_minor: string }>(
    manager,
    `UPDATE donation_campaign_progress
        SET raised_minor = raised_minor + $2::bigint,
            pledged_outstanding_minor = pledged_outstanding_minor + $3::bigint,
            in_kind_value_minor = in_kind_value_minor + $4::bigint,
            donation_count = donation_count + $5,
            donor_count = donor_count + $6,
            updated_at = now()
      WHERE campaign_id = $1
      RETURNING raised_minor`,
    [
      campaignId,
      (delta.raisedMinor ?? 0n).toString(),
      (delta.pledgedOutstandingMinor ?? 0n).toString(),
      (delta.inKindValueMinor ?? 0n).toString(),
      delta.donationCount ?? 0,
      delta.donorCount ?? 0,
    ],
  );
  const raised = rows[0]?.raised_minor;
  if (raised === undefined) throw new Error(`no progress row for campaign ${campaignId}`);
  if ((delta.raisedMinor ?? 0n) !== 0n) {
    // A milestone keeps the date it was first reached; a reversal that takes progress below it clears it.
    await manager.query(
      `UPDATE donation_campaign_milestones
          SET reached_at = CASE WHEN amount_minor <= $2::bigint
                                THEN coalesce(reached_at, least(now(), coalesce($3::date::timestamptz, now()))) ELSE NULL END
        WHERE campaign_id = $1
          AND (reached_at IS NULL) = (amount_minor <= $2::bigint)`,
      [campaignId, raised, delta.reachedOn ?? null],
    );
  }
}

/** Rows of an INSERT/UPDATE … RETURNING (TypeORM answers `[rows, affected]` for UPDATE, `rows` for INSERT). */
export async function returning<T>(manager: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  const result = (await manager.query(sql, params)) as unknown;
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as T[];
  }
  return result as T[];
}

/**
 * Kits funded by a campaign (`$1`), derived from inventory's ledger: a lot is funded by the campaign when
 * its funding source is the campaign or one of its donations; an assembly operation's kits are attributed
 * in proportion to the component units it consumed from such lots. One row, `kits` as numeric text.
 * The public progress page and the donor report both use it, so they count the same kits.
 */
export const CAMPAIGN_FUNDED_KITS_SQL = `WITH funded AS (
           SELECT l.id FROM stock_lots l
            WHERE (l.funding_source_type = 'campaign' AND l.funding_source_id = $1)
               OR (l.funding_source_type = 'donation' AND l.funding_source_id IN (SELECT id FROM donations WHERE campaign_id = $1))
         ),
         direct AS (
           SELECT coalesce(sum(m.on_hand_delta), 0) AS kits FROM stock_movements m JOIN stock_lots l ON l.id = m.lot_id
            WHERE m.kind = 'receipt' AND l.kit_type_id IS NOT NULL AND m.lot_id IN (SELECT id FROM funded)
         ),
         ops AS (
           SELECT m.operation_id,
                  sum(-m.on_hand_delta) FILTER (WHERE m.kind = 'assembly_consume') AS consumed,
                  sum(-m.on_hand_delta) FILTER (WHERE m.kind = 'assembly_consume' AND m.lot_id IN (SELECT id FROM funded)) AS consumed_funded,
                  sum(m.on_hand_delta) FILTER (WHERE m.kind = 'assembly_produce') AS produced
             FROM stock_movements m
            WHERE m.operation_id IN (SELECT operation_id FROM stock_movements WHERE kind = 'assembly_consume' AND lot_id IN (SELECT id FROM funded))
            GROUP BY m.operation_id
         )
         SELECT ((SELECT kits FROM direct) + coalesce((SELECT sum(produced::numeric * consumed_funded / nullif(consumed, 0)) FROM ops), 0))::text AS kits`;
