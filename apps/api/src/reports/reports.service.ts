import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { fieldError } from '../inventory/inventory.errors';
import type { KitCategory } from '../inventory/kit-type.entity';
import type { NeedStatus } from '../communities/communities.entities';
import type { CoverageGapDto, CoverageOverlapDto, CoverageReportDto, CoverageRowDto, ReportRangeQueryDto, ThreeWQueryDto } from './dto/report.dto';
import { hxlTable, type HxlCell, type ThreeWRow, type ThreeWStatus } from './three-w';

export interface DateRange {
  from: string;
  to: string;
}

/** Lima calendar day (UTC−5, no daylight saving) `offsetDays` from today. */
export function limaDay(offsetDays = 0, now = Date.now()): string {
  return new Date(now - 5 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

/** The query's range with its defaults (last 365 days … 90 days ahead); `from` after `to` → 400 naming `to`. */
export function resolveRange(query: ReportRangeQueryDto): DateRange {
  const from = query.from ?? limaDay(-365);
  const to = query.to ?? limaDay(90);
  if (to < from) throw fieldError('to', 'min', 'to must not be before from');
  return { from, to };
}

/**
 * Stops that count as an activity: confirmed, delivered, dispatched (route loaded or later) or planned
 * (pending in a plan that is not cancelled), dated by confirmation, delivery, ETA or the plan's start
 * (Lima calendar day). Failed and cancelled stops are not activities.
 */
const ACTIVITY_STOPS = `
  SELECT s.id AS stop_id, p.organization_id, s.community_id,
         CASE WHEN s.status = 'confirmed' THEN 'confirmed'
              WHEN s.status = 'delivered' THEN 'delivered'
              WHEN r.status IN ('loaded', 'in_transit', 'completed', 'closed') THEN 'dispatched'
              ELSE 'planned' END AS status,
         coalesce((s.confirmed_at AT TIME ZONE 'America/Lima')::date, (s.delivered_at AT TIME ZONE 'America/Lima')::date,
                  (s.eta AT TIME ZONE 'America/Lima')::date, p.start_date) AS act_date
    FROM delivery_stops s
    JOIN delivery_plans p ON p.id = s.plan_id
    LEFT JOIN delivery_routes r ON r.id = s.route_id
   WHERE s.status IN ('pending', 'delivered', 'confirmed') AND p.status <> 'cancelled'`;

interface ThreeWDbRow {
  org_name: string;
  funders: string | null;
  category: KitCategory;
  adm1_name: string;
  adm1_code: string;
  adm2_name: string;
  adm2_code: string;
  adm3_name: string;
  adm3_code: string;
  loc_name: string;
  loc_code: string | null;
  lat: number;
  lon: number;
  date_start: string;
  date_end: string;
  status: ThreeWStatus;
  targeted_hh: number;
  reached_hh: number;
  items: string;
  output: number;
}

/** Read-only reports over the whole network (3W is shared coordination data: no personal data). */
@Injectable()
export class ReportsService {
  constructor(private readonly dataSource: DataSource) {}

  /** 3W/4W rows: organisation × sector (kit category) × community × status, within the range. */
  async threeW(query: ThreeWQueryDto): Promise<{ range: DateRange; table: HxlCell[][] }> {
    const range = resolveRange(query);
    const rows = await this.dataSource.query<ThreeWDbRow[]>(
      `WITH acts AS (${ACTIVITY_STOPS}),
       lines AS (
         SELECT a.organization_id, a.community_id, a.status, a.act_date, k.category, k.name_es,
                CASE WHEN a.status = 'confirmed' THEN coalesce(l.accepted, 0)
                     WHEN a.status IN ('delivered', 'dispatched') THEN l.dispatched
                     ELSE l.quantity END AS output,
                l.quantity * k.households_served AS targeted_hh,
                CASE WHEN a.status = 'confirmed' THEN coalesce(l.accepted, 0) * k.households_served ELSE 0 END AS reached_hh,
                (SELECT string_agg(DISTINCT fo.name, E'\\n')
                   FROM jsonb_array_elements(l.dispatched_lots) d
                   JOIN stock_lots sl ON sl.id = (d->>'lotId')::uuid
                   LEFT JOIN donations dn ON sl.funding_source_type = 'donation' AND dn.id = sl.funding_source_id
                   JOIN donation_campaigns dc ON dc.id = CASE sl.funding_source_type WHEN 'campaign' THEN sl.funding_source_id
                                                                                     WHEN 'donation' THEN dn.campaign_id END
                   JOIN organizations fo ON fo.id = dc.organization_id) AS funders
           FROM acts a
           JOIN delivery_stop_lines l ON l.stop_id = a.stop_id
           JOIN kit_types k ON k.id = l.kit_type_id
          WHERE a.act_date BETWEEN $1::date AND $2::date
            AND ($3::uuid IS NULL OR a.organization_id = $3::uuid)
            AND ($4::text IS NULL OR k.category = $4::text)
       )
       SELECT o.name AS org_name, string_agg(ln.funders, E'\\n') AS funders, ln.category,
              de.name AS adm1_name, de.pcode AS adm1_code, pr.name AS adm2_name, pr.pcode AS adm2_code,
              d.name AS adm3_name, d.pcode AS adm3_code, c.name AS loc_name, c.place_code AS loc_code, c.lat, c.lon,
              min(ln.act_date)::text AS date_start, max(ln.act_date)::text AS date_end, ln.status,
              sum(ln.targeted_hh)::int AS targeted_hh, sum(ln.reached_hh)::int AS reached_hh,
              string_agg(DISTINCT ln.name_es, '; ') AS items, sum(ln.output)::int AS output
         FROM lines ln
         JOIN organizations o ON o.id = ln.organization_id
         JOIN communities c ON c.id = ln.community_id
         JOIN districts d ON d.ubigeo = c.district_ubigeo
         JOIN provinces pr ON pr.ubigeo = d.province_ubigeo
         JOIN departments de ON de.ubigeo = d.department_ubigeo
        GROUP BY o.name, ln.organization_id, ln.category, de.name, de.pcode, pr.name, pr.pcode, d.name, d.pcode,
                 c.id, c.name, c.place_code, c.lat, c.lon, ln.status
        ORDER BY o.name, ln.category, d.pcode, c.name, ln.status`,
      [range.from, range.to, query.organizationId ?? null, query.sector ?? null],
    );
    return { range, table: hxlTable(rows.map(toThreeWRow)) };
  }

  async coverage(query: { from?: string; to?: string; days?: number }): Promise<CoverageReportDto> {
    const range = resolveRange(query);
    const days = query.days ?? 30;
    const [districts, gaps, overlaps] = await Promise.all([
      this.districtCoverage(range),
      this.gaps(days),
      this.overlaps(range, days),
    ]);
    return { from: range.from, to: range.to, days, districts, gaps, overlaps };
  }

  /** Households reached (confirmed lines × households served) against open needs, per district and category. */
  private async districtCoverage(range: DateRange): Promise<CoverageRowDto[]> {
    const rows = await this.dataSource.query<
      Array<{ ubigeo: string; pcode: string; name: string; province: string; department: string; category: KitCategory; kits: number; hh: number; needs: number; need_hh: number }>
    >(
      `WITH reached AS (
         SELECT c.district_ubigeo, k.category, sum(l.accepted)::int AS kits, sum(l.accepted * k.households_served)::int AS hh
           FROM delivery_stops s
           JOIN delivery_stop_lines l ON l.stop_id = s.id
           JOIN kit_types k ON k.id = l.kit_type_id
           JOIN communities c ON c.id = s.community_id
          WHERE s.status = 'confirmed' AND l.accepted IS NOT NULL
            AND (s.confirmed_at AT TIME ZONE 'America/Lima')::date BETWEEN $1::date AND $2::date
          GROUP BY 1, 2
       ), need_cats AS (
         SELECT DISTINCT n.id, n.households_affected, c.district_ubigeo, coalesce(k.category, 'other') AS category
           FROM need_requests n
           JOIN communities c ON c.id = n.community_id
           JOIN need_request_lines nl ON nl.need_request_id = n.id
           LEFT JOIN kit_types k ON k.code = nl.kit_type_code AND k.is_current
          WHERE n.status IN ('approved', 'partially_fulfilled')
       ), needs AS (
         SELECT district_ubigeo, category, count(*)::int AS needs, sum(households_affected)::int AS hh FROM need_cats GROUP BY 1, 2
       )
       SELECT d.ubigeo, d.pcode, d.name, pr.name AS province, de.name AS department, x.category,
              coalesce(x.kits, 0) AS kits, coalesce(x.hh, 0) AS hh, coalesce(x.needs, 0) AS needs, coalesce(x.need_hh, 0) AS need_hh
         FROM (SELECT coalesce(r.district_ubigeo, n.district_ubigeo) AS ubigeo, coalesce(r.category, n.category) AS category,
                      r.kits, r.hh, n.needs, n.hh AS need_hh
                 FROM reached r FULL JOIN needs n ON n.district_ubigeo = r.district_ubigeo AND n.category = r.category) x
         JOIN districts d ON d.ubigeo = x.ubigeo
         JOIN provinces pr ON pr.ubigeo = d.province_ubigeo
         JOIN departments de ON de.ubigeo = d.department_ubigeo
        ORDER BY d.ubigeo, x.category`,
      [range.from, range.to],
    );
    return rows.map((r) => ({
      districtUbigeo: r.ubigeo,
      districtPcode: r.pcode,
      districtName: r.name,
      provinceName: r.province,
      departmentName: r.department,
      category: r.category,
      kitsConfirmed: r.kits,
      householdsReached: r.hh,
      openNeeds: r.needs,
      openNeedHouseholds: r.need_hh,
    }));
  }

  /**
   * Approved / partially fulfilled needs approved more than `days` days ago (last `need_request_events`
   * row to `approved`) with no stop of a live plan for the need, and no stop to its community delivered
   * or confirmed since approval or still planned.
   */
  private async gaps(days: number): Promise<CoverageGapDto[]> {
    const rows = await this.dataSource.query<
      Array<{ id: string; status: NeedStatus; community_id: string; community_name: string; ubigeo: string; pcode: string; district_name: string; lat: number; lon: number; urgency: number; households: number; categories: KitCategory[]; approved_at: Date; days_unserved: number }>
    >(
      `WITH approved AS (
         SELECT n.*, (SELECT max(e.occurred_at) FROM need_request_events e
                       WHERE e.need_request_id = n.id AND e.to_status = 'approved') AS approved_at
           FROM need_requests n
          WHERE n.status IN ('approved', 'partially_fulfilled')
       )
       SELECT n.id, n.status, c.id AS community_id, c.name AS community_name, d.ubigeo, d.pcode, d.name AS district_name,
              c.lat, c.lon, n.urgency, n.households_affected AS households, n.approved_at,
              floor(extract(epoch FROM now() - n.approved_at) / 86400)::int AS days_unserved,
              coalesce((SELECT array_agg(DISTINCT coalesce(k.category, 'other') ORDER BY coalesce(k.category, 'other'))
                          FROM need_request_lines nl LEFT JOIN kit_types k ON k.code = nl.kit_type_code AND k.is_current
                         WHERE nl.need_request_id = n.id), '{}') AS categories
         FROM approved n
         JOIN communities c ON c.id = n.community_id
         JOIN districts d ON d.ubigeo = c.district_ubigeo
        WHERE n.approved_at IS NOT NULL AND n.approved_at < now() - make_interval(days => $1::int)
          AND NOT EXISTS (
                SELECT 1 FROM delivery_stops s JOIN delivery_plans p ON p.id = s.plan_id
                 WHERE p.status <> 'cancelled' AND s.status IN ('pending', 'delivered', 'confirmed')
                   AND (s.need_request_id = n.id
                        OR (s.community_id = n.community_id
                            AND (s.status = 'pending' OR coalesce(s.confirmed_at, s.delivered_at) >= n.approved_at))))
        ORDER BY n.urgency DESC, n.approved_at, n.id`,
      [days],
    );
    return rows.map((r) => ({
      needRequestId: r.id,
      needStatus: r.status,
      communityId: r.community_id,
      communityName: r.community_name,
      districtUbigeo: r.ubigeo,
      districtPcode: r.pcode,
      districtName: r.district_name,
      lat: r.lat,
      lon: r.lon,
      urgency: r.urgency,
      householdsAffected: r.households,
      categories: r.categories,
      approvedAt: new Date(r.approved_at).toISOString(),
      daysUnserved: r.days_unserved,
    }));
  }

  /** Communities where more than one organisation delivers (or plans) the same category within `days` days, both in the range. */
  private async overlaps(range: DateRange, days: number): Promise<CoverageOverlapDto[]> {
    const rows = await this.dataSource.query<
      Array<{ community_id: string; community_name: string; ubigeo: string; pcode: string; district_name: string; category: KitCategory; organizations: Array<{ organizationId: string; organizationName: string }>; stop_count: number; first_date: string; last_date: string }>
    >(
      `WITH acts AS (
         SELECT DISTINCT a.stop_id, a.organization_id, a.community_id, k.category, a.act_date
           FROM (${ACTIVITY_STOPS}) a
           JOIN delivery_stop_lines l ON l.stop_id = a.stop_id
           JOIN kit_types k ON k.id = l.kit_type_id
          WHERE a.act_date BETWEEN $1::date AND $2::date
       ), hits AS (
         SELECT a.* FROM acts a
          WHERE EXISTS (SELECT 1 FROM acts b
                         WHERE b.community_id = a.community_id AND b.category = a.category
                           AND b.organization_id <> a.organization_id AND abs(b.act_date - a.act_date) <= $3::int)
       ), grouped AS (
         SELECT community_id, category, count(DISTINCT stop_id)::int AS stop_count, min(act_date)::text AS first_date,
                max(act_date)::text AS last_date, array_agg(DISTINCT organization_id) AS org_ids
           FROM hits GROUP BY community_id, category
       )
       SELECT g.community_id, c.name AS community_name, d.ubigeo, d.pcode, d.name AS district_name, g.category,
              g.stop_count, g.first_date, g.last_date,
              (SELECT json_agg(json_build_object('organizationId', o.id, 'organizationName', o.name) ORDER BY o.name)
                 FROM organizations o WHERE o.id = ANY(g.org_ids)) AS organizations
         FROM grouped g
         JOIN communities c ON c.id = g.community_id
         JOIN districts d ON d.ubigeo = c.district_ubigeo
        ORDER BY d.ubigeo, c.name, g.category`,
      [range.from, range.to, days],
    );
    return rows.map((r) => ({
      communityId: r.community_id,
      communityName: r.community_name,
      districtUbigeo: r.ubigeo,
      districtPcode: r.pcode,
      districtName: r.district_name,
      category: r.category,
      organizations: r.organizations,
      stopCount: r.stop_count,
      firstDate: r.first_date,
      lastDate: r.last_date,
    }));
  }
}

function toThreeWRow(r: ThreeWDbRow): ThreeWRow {
  const funders = [...new Set((r.funders ?? '').split('\n').filter((s) => s.length > 0))].sort((a, b) => a.localeCompare(b, 'es'));
  return {
    orgName: r.org_name,
    fundingOrgs: funders.length > 0 ? funders.join('; ') : null,
    category: r.category,
    adm1Name: r.adm1_name,
    adm1Code: r.adm1_code,
    adm2Name: r.adm2_name,
    adm2Code: r.adm2_code,
    adm3Name: r.adm3_name,
    adm3Code: r.adm3_code,
    locName: r.loc_name,
    locCode: r.loc_code,
    lat: r.lat,
    lon: r.lon,
    dateStart: r.date_start,
    dateEnd: r.date_end,
    status: r.status,
    targetedHh: r.targeted_hh,
    reachedHh: r.reached_hh,
    items: r.items,
    output: r.output,
  };
}
