import type { EntityManager } from 'typeorm';

/** Kits of one stop line to attribute: `units` out of `dispatched`, which left the depot from `dispatchedLots`. */
export interface ReachLine {
  units: number;
  dispatched: number;
  dispatchedLots: Array<{ lotId: string; quantity: number }>;
  householdsServed: number;
}

export interface CampaignShare {
  campaignId: string;
  /** Kits, in ten-thousandths (the column is numeric(14,4)). */
  kits10k: number;
  households: number;
}

/**
 * "Where it went" (`donation_campaign_reach`, owned by donations): a stop line's kits are attributed
 * to campaigns in proportion to the lots they left the depot from — a lot funded by a donation
 * counts for the donation's campaign, one funded by a campaign for that campaign, an unfunded lot for
 * nobody. `units × lot quantity / dispatched` kits and `households_served ×` that many households go
 * to each (households rounded once per campaign). Shared by loading (kits_dispatched) and
 * confirmation (kits_confirmed + households_reached).
 */
export async function campaignShares(manager: EntityManager, lines: ReachLine[]): Promise<CampaignShare[]> {
  const lotIds = [...new Set(lines.filter((l) => l.units > 0 && l.dispatched > 0).flatMap((l) => l.dispatchedLots.map((d) => d.lotId)))];
  if (lotIds.length === 0) return [];
  const lots = await manager.query<Array<{ id: string; campaign_id: string | null }>>(
    `SELECT l.id, c.id AS campaign_id
       FROM stock_lots l
       LEFT JOIN donations d ON l.funding_source_type = 'donation' AND d.id = l.funding_source_id
       LEFT JOIN donation_campaigns c ON c.id = CASE l.funding_source_type WHEN 'campaign' THEN l.funding_source_id
                                                                          WHEN 'donation' THEN d.campaign_id END
      WHERE l.id = ANY($1::uuid[])`,
    [lotIds],
  );
  const campaignOf = new Map(lots.map((l) => [l.id, l.campaign_id]));
  const acc = new Map<string, { kits10k: number; households: number }>();
  for (const line of lines) {
    if (line.units <= 0 || line.dispatched <= 0) continue;
    for (const lot of line.dispatchedLots) {
      const campaignId = campaignOf.get(lot.lotId);
      if (!campaignId) continue;
      const share = (line.units * lot.quantity) / line.dispatched;
      const entry = acc.get(campaignId) ?? { kits10k: 0, households: 0 };
      entry.kits10k += Math.round(share * 10_000);
      entry.households += share * line.householdsServed;
      acc.set(campaignId, entry);
    }
  }
  return [...acc.entries()]
    .map(([campaignId, v]) => ({ campaignId, kits10k: v.kits10k, households: Math.round(v.households) }))
    .sort((a, b) => (a.campaignId < b.campaignId ? -1 : 1));
}

/** Adds the shares to a district's rows (upsert, campaign id order so concurrent writers lock alike). */
export async function addCampaignReach(
  manager: EntityManager,
  districtUbigeo: string,
  shares: CampaignShare[],
  column: 'kits_dispatched' | 'kits_confirmed',
  withHouseholds: boolean,
): Promise<void> {
  if (shares.length === 0) return;
  await manager.query(
    `INSERT INTO donation_campaign_reach AS r (campaign_id, district_ubigeo, ${column}, households_reached)
     SELECT c, $2, k / 10000.0, h FROM unnest($1::uuid[], $3::bigint[], $4::int[]) AS u(c, k, h)
     ON CONFLICT (campaign_id, district_ubigeo) DO UPDATE
       SET ${column} = r.${column} + EXCLUDED.${column}, households_reached = r.households_reached + EXCLUDED.households_reached`,
    [shares.map((s) => s.campaignId), districtUbigeo, shares.map((s) => s.kits10k), shares.map((s) => (withHouseholds ? s.households : 0))],
  );
}
