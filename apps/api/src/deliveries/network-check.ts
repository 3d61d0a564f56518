import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { NeedStatus } from '../communities/communities.entities';
import type { KitCategory } from '../inventory/kit-type.entity';
import type { AuthenticatedUser } from '../platform/auth/authenticated-user';
import type { StopStatus } from './deliveries.entities';
import { planForUser } from './delivery-access';
import type { NetworkCheckDto } from './dto/plan.dto';
import { ACTIVE } from './plans.service';

export const DEFAULT_DUPLICATE_DAYS = 30;
/** Needs this close to one of the plan's stops are worth a detour. */
export const GAP_RADIUS_KM = 50;
const EARTH_KM = 6371.0088;

/**
 * The network check before dispatch, across organisations (the network shares one database):
 * - duplicates: another plan (of any organisation, or another plan of the same one) that delivered
 *   (delivered/confirmed stop) or plans (pending stop of an active plan) kits of the same category
 *   (kit_types.category) to the same community within N days of this plan's dates;
 * - gaps: approved / partially fulfilled needs within GAP_RADIUS_KM of this plan's stops that no
 *   active plan covers (no stop linked to the need; the plan's own communities are covered).
 */
@Injectable()
export class NetworkCheckService {
  constructor(private readonly dataSource: DataSource) {}

  async check(user: AuthenticatedUser, planId: string, days = DEFAULT_DUPLICATE_DAYS): Promise<NetworkCheckDto> {
    const manager = this.dataSource.manager;
    const plan = await planForUser(manager, user, planId);
    const duplicates = await manager.query<
      Array<{
        stop_id: string;
        community_id: string;
        community_name: string;
        category: KitCategory;
        kind: 'delivered' | 'planned';
        other_plan_id: string;
        other_plan_name: string;
        other_stop_id: string;
        other_stop_status: StopStatus;
        other_organization_id: string;
        other_organization_name: string;
        date: string;
        kits: number;
      }>
    >(
      `WITH mine AS (
         SELECT DISTINCT s.id AS stop_id, s.community_id, k.category
           FROM delivery_stops s
           JOIN delivery_stop_lines l ON l.stop_id = s.id
           JOIN kit_types k ON k.id = l.kit_type_id
          WHERE s.plan_id = $1 AND s.status <> 'cancelled'
       )
       SELECT m.stop_id, m.community_id, c.name AS community_name, m.category,
              CASE WHEN os.status IN ('delivered', 'confirmed') THEN 'delivered' ELSE 'planned' END AS kind,
              op.id AS other_plan_id, op.name AS other_plan_name, os.id AS other_stop_id, os.status AS other_stop_status,
              op.organization_id AS other_organization_id, o.name AS other_organization_name,
              (CASE WHEN os.status IN ('delivered', 'confirmed')
                    THEN (COALESCE(os.delivered_at, os.confirmed_at) AT TIME ZONE 'America/Lima')::date
                    ELSE op.start_date END)::text AS date,
              SUM(ol.quantity)::int AS kits
         FROM mine m
         JOIN communities c ON c.id = m.community_id
         JOIN delivery_stops os ON os.community_id = m.community_id AND os.plan_id <> $1
         JOIN delivery_plans op ON op.id = os.plan_id
         JOIN organizations o ON o.id = op.organization_id
         JOIN delivery_stop_lines ol ON ol.stop_id = os.id
         JOIN kit_types ok ON ok.id = ol.kit_type_id AND ok.category = m.category
        WHERE (os.status IN ('delivered', 'confirmed')
               AND COALESCE(os.delivered_at, os.confirmed_at) >= ($2::date - $4::int)::timestamp AT TIME ZONE 'America/Lima'
               AND COALESCE(os.delivered_at, os.confirmed_at) < ($3::date + $4::int + 1)::timestamp AT TIME ZONE 'America/Lima')
           OR (os.status = 'pending' AND op.status = ANY($5::varchar[])
               AND op.start_date <= $3::date + $4::int AND op.end_date >= $2::date - $4::int)
        GROUP BY m.stop_id, m.community_id, c.name, m.category, os.id, os.status, op.id, op.name, op.organization_id, o.name, op.start_date
        ORDER BY c.name, m.category, date`,
      [planId, plan.startDate, plan.endDate, days, ACTIVE],
    );
    const gaps = await manager.query<
      Array<{
        id: string;
        community_id: string;
        community_name: string;
        lat: number;
        lon: number;
        status: NeedStatus;
        urgency: number;
        households_affected: number;
        nearest_stop_id: string;
        km: number;
        partner: boolean;
      }>
    >(
      `WITH mine AS (
         SELECT s.id, s.community_id, c.lat, c.lon FROM delivery_stops s JOIN communities c ON c.id = s.community_id
          WHERE s.plan_id = $1 AND s.status <> 'cancelled'
       ),
       area AS (
         -- A box around the stops (≈ 0.5° ≥ 50 km) lets the GiST index on point(lon, lat) pick the candidates.
         SELECT box(point(MIN(lon) - 0.6, MIN(lat) - 0.5), point(MAX(lon) + 0.6, MAX(lat) + 0.5)) AS b FROM mine
       )
       SELECT n.id, n.community_id, c.name AS community_name, c.lat, c.lon, n.status, n.urgency, n.households_affected,
              near.id AS nearest_stop_id, near.km,
              EXISTS (SELECT 1 FROM community_partners cp WHERE cp.community_id = c.id AND cp.organization_id = $3) AS partner
         FROM area
         JOIN communities c ON point(c.lon, c.lat) <@ area.b
         JOIN need_requests n ON n.community_id = c.id AND n.status IN ('approved', 'partially_fulfilled')
         CROSS JOIN LATERAL (
           SELECT m.id, 2 * ${EARTH_KM} * asin(sqrt(
                    sin(radians(c.lat - m.lat) / 2) ^ 2 + cos(radians(m.lat)) * cos(radians(c.lat)) * sin(radians(c.lon - m.lon) / 2) ^ 2)) AS km
             FROM mine m ORDER BY km LIMIT 1
         ) near
        WHERE near.km <= $2
          AND c.id NOT IN (SELECT community_id FROM mine)
          AND NOT EXISTS (SELECT 1 FROM delivery_stops s JOIN delivery_plans p ON p.id = s.plan_id
                           WHERE s.need_request_id = n.id AND s.status <> 'cancelled' AND p.status = ANY($4::varchar[]))
        ORDER BY near.km, n.urgency DESC, n.id
        LIMIT 200`,
      [planId, GAP_RADIUS_KM, plan.organizationId, ACTIVE],
    );
    return {
      days,
      radiusKm: GAP_RADIUS_KM,
      duplicates: duplicates.map((d) => ({
        stopId: d.stop_id,
        communityId: d.community_id,
        communityName: d.community_name,
        category: d.category,
        kind: d.kind,
        otherPlanId: d.other_plan_id,
        otherPlanName: d.other_plan_name,
        otherStopId: d.other_stop_id,
        otherStopStatus: d.other_stop_status,
        otherOrganizationId: d.other_organization_id,
        otherOrganizationName: d.other_organization_name,
        sameOrganization: d.other_organization_id === plan.organizationId,
        date: d.date,
        kits: d.kits,
      })),
      gaps: gaps.map((g) => ({
        needRequestId: g.id,
        communityId: g.community_id,
        communityName: g.community_name,
        lat: g.lat,
        lon: g.lon,
        needStatus: g.status,
        urgency: g.urgency,
        householdsAffected: g.households_affected,
        nearestStopId: g.nearest_stop_id,
        distanceKm: Math.round(Number(g.km) * 10) / 10,
        partner: g.partner,
      })),
    };
  }
}
