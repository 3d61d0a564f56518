import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { OrganizationEntity } from '../organizations/organization.entity';
import { AuditService } from '../platform/audit/audit.service';
import type { AuthenticatedUser } from '../platform/auth/authenticated-user';
import { DomainError, notFound } from '../platform/errors/domain-error';
import type { FieldError } from '../platform/errors/field-messages';
import { requestContext } from '../platform/http/request-context';
import { pageWindow } from '../platform/paging/page-query.dto';
import { TransactionRunner } from '../platform/transaction/transaction-runner';
import { UserEntity } from '../users/user.entity';
import {
  CommunityCoverageEntity,
  CommunityEntity,
  CommunityLeaderEntity,
  CommunityPartnerEntity,
  PERU_BBOX,
  PersonalDataAccessLogEntity,
  PopulatedPlaceEntity,
} from './communities.entities';
import { isPartnerOrAdmin } from './community-access';
import type { CommunityDto, CommunityPageDto, CommunityQueryDto, CommunitySummaryDto, CreateCommunityDto } from './dto/community.dto';
import type { CreateLeaderDto, LeaderDto } from './dto/leader.dto';
import type { AreaFilterQueryDto, PlacePageDto } from './dto/place.dto';

interface CommunityRow {
  id: string;
  name: string;
  district_ubigeo: string;
  district_name: string | null;
  province_name: string | null;
  department_name: string | null;
  lat: number;
  lon: number;
  households: number | null;
  access_mode: CommunityEntity['accessMode'];
  open_needs: number;
  max_open_urgency: number | null;
}

const OPEN = `('submitted','approved','partially_fulfilled')`;

const SUMMARY_SELECT = `SELECT c.id, c.name, c.district_ubigeo, d.name AS district_name, p.name AS province_name, dep.name AS department_name,
         c.lat, c.lon, c.households, c.access_mode,
         (SELECT count(*) FROM need_requests n WHERE n.community_id = c.id AND n.status IN ${OPEN})::int AS open_needs,
         (SELECT max(n.urgency) FROM need_requests n WHERE n.community_id = c.id AND n.status IN ${OPEN})::int AS max_open_urgency
  FROM communities c
  LEFT JOIN districts d ON d.ubigeo = c.district_ubigeo
  LEFT JOIN provinces p ON p.ubigeo = left(c.district_ubigeo, 4)
  LEFT JOIN departments dep ON dep.ubigeo = left(c.district_ubigeo, 2)`;

/** Validated, normalised community fields, ready to insert. */
export interface CommunityValues {
  name: string;
  districtUbigeo: string;
  placeCode: string | null;
  lat: number;
  lon: number;
  altitudeM: number | null;
  population: number | null;
  households: number | null;
  languages: string[];
  accessMode: CommunityEntity['accessMode'];
  accessHours: number | null;
  cutOffMonths: number[];
  notes: string | null;
}

export function insidePeru(lat: number, lon: number): boolean {
  return lat >= PERU_BBOX.minLat && lat <= PERU_BBOX.maxLat && lon >= PERU_BBOX.minLon && lon <= PERU_BBOX.maxLon;
}

/**
 * Owns the gazetteer search, the community registry, its leaders (personal data, every read
 * logged) and the CSV export. Needs live in NeedsService, the map in GeoService.
 */
@Injectable()
export class CommunitiesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
  ) {}

  async searchPlaces(query: AreaFilterQueryDto): Promise<PlacePageDto> {
    const { page, pageSize, skip } = pageWindow(query);
    const where: string[] = [];
    const values: unknown[] = [];
    const add = (sql: (n: string) => string, value: unknown): void => {
      values.push(value);
      where.push(sql(`$${values.length}`));
    };
    if (query.q) add((n) => `minka_unaccent(pp.name) LIKE '%' || minka_unaccent(${n}) || '%'`, escapeLike(query.q.trim()));
    if (query.department) add((n) => `pp.district_ubigeo LIKE ${n}`, `${query.department}%`);
    if (query.province) add((n) => `pp.district_ubigeo LIKE ${n}`, `${query.province}%`);
    if (query.district) add((n) => `pp.district_ubigeo = ${n}`, query.district);
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    let order = 'pp.code';
    if (query.q) {
      values.push(query.q.trim());
      order = `similarity(minka_unaccent(pp.name), minka_unaccent($${values.length})) DESC, pp.code`;
    }
    const [{ total }] = await this.dataSource.query<Array<{ total: number }>>(
      `SELECT count(*)::int AS total FROM populated_places pp ${whereSql}`,
      values.slice(0, where.length),
    );
    const rows = await this.dataSource.query<Array<Record<string, string | number | null>>>(
      `SELECT pp.code, pp.name, pp.kind, pp.district_ubigeo, pp.lat, pp.lon,
              d.name AS district_name, p.name AS province_name, dep.name AS department_name
       FROM populated_places pp
       LEFT JOIN districts d ON d.ubigeo = pp.district_ubigeo
       LEFT JOIN provinces p ON p.ubigeo = left(pp.district_ubigeo, 4)
       LEFT JOIN departments dep ON dep.ubigeo = left(pp.district_ubigeo, 2)
       ${whereSql} ORDER BY ${order} LIMIT ${pageSize} OFFSET ${skip}`,
      values,
    );
    return {
      items: rows.map((r) => ({
        code: String(r.code),
        name: String(r.name),
        kind: r.kind as 'rural' | 'urban',
        districtUbigeo: String(r.district_ubigeo),
        districtName: (r.district_name as string | null) ?? null,
        provinceName: (r.province_name as string | null) ?? null,
        departmentName: (r.department_name as string | null) ?? null,
        lat: Number(r.lat),
        lon: Number(r.lon),
      })),
      total,
      page,
      pageSize,
    };
  }

  async list(query: CommunityQueryDto): Promise<CommunityPageDto> {
    const { page, pageSize, skip } = pageWindow(query);
    const where: string[] = [];
    const values: unknown[] = [];
    const add = (sql: (n: string) => string, value: unknown): void => {
      values.push(value);
      where.push(sql(`$${values.length}`));
    };
    if (query.q) add((n) => `minka_unaccent(c.name) LIKE '%' || minka_unaccent(${n}) || '%'`, escapeLike(query.q.trim()));
    if (query.department) add((n) => `c.district_ubigeo LIKE ${n}`, `${query.department}%`);
    if (query.province) add((n) => `c.district_ubigeo LIKE ${n}`, `${query.province}%`);
    if (query.district) add((n) => `c.district_ubigeo = ${n}`, query.district);
    if (query.partnerOrganizationId) {
      add(
        (n) => `EXISTS (SELECT 1 FROM community_partners cp WHERE cp.community_id = c.id AND cp.organization_id = ${n})`,
        query.partnerOrganizationId,
      );
    }
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = await this.dataSource.query<
      Array<{
        total: number;
      }>
    >(`SELECT count(*)::int AS total FROM communities c ${whereSql}`, values);
    const rows = await this.dataSource.query<CommunityRow[]>(
      `${SUMMARY_SELECT} ${whereSql} ORDER BY c.name, c.id LIMIT ${pageSize} OFFSET ${skip}`,
      values,
    );
    return { items: rows.map(toSummary), total, page, pageSize };
  }

  /** `manager`: the caller's transaction when the community was just written in it (e.g. under an Idempotency-Key). */
  async get(user: AuthenticatedUser, id: string, manager: EntityManager = this.dataSource.manager): Promise<CommunityDto> {
    const rows = await manager.query<CommunityRow[]>(`${SUMMARY_SELECT} WHERE c.id = $1`, [id]);
    if (rows.length === 0) throw notFound();
    const community = await manager.findOneByOrFail(CommunityEntity, { id });
    const [district] = await manager.query<
      Array<{
        poverty_total_pct: number | null;
      }>
    >('SELECT poverty_total_pct FROM districts WHERE ubigeo = $1', [community.districtUbigeo]);
    const partners = await manager.query<Array<{ id: string; name: string }>>(
      `SELECT o.id, o.name FROM community_partners cp JOIN organizations o ON o.id = cp.organization_id
       WHERE cp.community_id = $1 ORDER BY o.name`,
      [id],
    );
    const coverage = await manager.findOneBy(CommunityCoverageEntity, { communityId: id });
    const summary = toSummary(rows[0]);
    const totalKits = coverage?.totalKits ?? 0;
    return {
      ...summary,
      placeCode: community.placeCode,
      altitudeM: community.altitudeM,
      population: community.population,
      languages: community.languages,
      accessHours: community.accessHours === null ? null : Number(community.accessHours),
      cutOffMonths: community.cutOffMonths,
      povertyTotalPct: district?.poverty_total_pct ?? null,
      partners,
      notes: community.notes,
      coverage: {
        lastDeliveryAt: coverage?.lastDeliveryAt?.toISOString() ?? null,
        totalKits,
        deliveryCount: coverage?.deliveryCount ?? 0,
        kitsByCategory: coverage?.kitsByCategory ?? {},
        kitsPerHousehold: community.households ? Math.round((totalKits / community.households) * 100) / 100 : null,
      },
      canReadLeaders: await isPartnerOrAdmin(manager, user, id),
      createdAt: community.createdAt.toISOString(),
    };
  }

  create(user: AuthenticatedUser, input: CreateCommunityDto): Promise<CommunityDto> {
    // The response is read inside the same transaction: with an Idempotency-Key the use case joins the
    // idempotency transaction, which commits only after the handler returns (a read outside it saw nothing → 404).
    return this.transactions.run(async (manager) => {
      const values = await this.resolveValues(manager, input);
      const errors = await this.checkValues(manager, values);
      if (errors.length || Array.isArray(values)) throw new DomainError('VALIDATION_FAILED', HttpStatus.BAD_REQUEST, {}, errors);
      const partnerIds = input.partnerOrganizationIds ?? [user.organizationId];
      await this.assertOrganizations(manager, partnerIds);
      const id = await this.insertCommunity(manager, values, partnerIds);
      await this.audit.record(manager, {
        action: 'community.created',
        entityType: 'community',
        entityId: id,
        summary: `Community ${values.name} (${values.districtUbigeo}) registered${values.placeCode ? ` from place ${values.placeCode}` : ''}`,
      });
      return this.get(user, id, manager);
    });
  }

  /** Fills name, district and coordinates from the gazetteer place when the caller gave a place code. */
  async resolveValues(manager: EntityManager, input: CreateCommunityDto): Promise<CommunityValues | FieldError[]> {
    let place: PopulatedPlaceEntity | null = null;
    if (input.placeCode) {
      place = await manager.findOneBy(PopulatedPlaceEntity, { code: input.placeCode });
      if (!place) return [{ field: 'placeCode', code: 'exists', message: 'placeCode is not an INEI populated place' }];
    }
    const missing: FieldError[] = [];
    const name = input.name?.trim() ?? (place ? titleCase(place.name) : undefined);
    const districtUbigeo = input.districtUbigeo ?? place?.districtUbigeo;
    const lat = input.lat ?? place?.lat;
    const lon = input.lon ?? place?.lon;
    if (!name) missing.push({ field: 'name', code: 'isDefined', message: 'name is required without placeCode' });
    if (!districtUbigeo)
      missing.push({ field: 'districtUbigeo', code: 'isDefined', message: 'districtUbigeo is required without placeCode' });
    if (lat === undefined) missing.push({ field: 'lat', code: 'isDefined', message: 'lat is required without placeCode' });
    if (lon === undefined) missing.push({ field: 'lon', code: 'isDefined', message: 'lon is required without placeCode' });
    if (missing.length || !name || !districtUbigeo || lat === undefined || lon === undefined) return missing;
    return {
      name,
      districtUbigeo,
      placeCode: place?.code ?? null,
      lat,
      lon,
      altitudeM: input.altitudeM ?? null,
      population: input.population ?? null,
      households: input.households ?? null,
      languages: input.languages ?? ['es'],
      accessMode: input.accessMode ?? null,
      accessHours: input.accessHours ?? null,
      cutOffMonths: [...(input.cutOffMonths ?? [])].sort((a, b) => a - b),
      notes: input.notes?.trim() || null,
    };
  }

  /** Rules that need the database: the district exists, the point lies in Peru. */
  async checkValues(manager: EntityManager, values: CommunityValues | FieldError[]): Promise<FieldError[]> {
    if (Array.isArray(values)) return values;
    const errors: FieldError[] = [];
    if (!Number.isFinite(values.lat) || values.lat < PERU_BBOX.minLat || values.lat > PERU_BBOX.maxLat) {
      errors.push({ field: 'lat', code: 'insidePeru', message: `lat must be between ${PERU_BBOX.minLat} and ${PERU_BBOX.maxLat} (Peru)` });
    }
    if (!Number.isFinite(values.lon) || values.lon < PERU_BBOX.minLon || values.lon > PERU_BBOX.maxLon) {
      errors.push({ field: 'lon', code: 'insidePeru', message: `lon must be between ${PERU_BBOX.minLon} and ${PERU_BBOX.maxLon} (Peru)` });
    }
    const district = await manager.query<unknown[]>('SELECT 1 FROM districts WHERE ubigeo = $1', [values.districtUbigeo]);
    if (district.length === 0) {
      errors.push({ field: 'districtUbigeo', code: 'exists', message: `districtUbigeo ${values.districtUbigeo} is not an INEI district` });
    }
    return errors;
  }

  async insertCommunity(manager: EntityManager, values: CommunityValues, partnerIds: string[]): Promise<string> {
    const row = await manager.save(
      manager.create(CommunityEntity, { ...values, accessHours: values.accessHours === null ? null : String(values.accessHours) }),
    );
    if (partnerIds.length) {
      await manager.insert(
        CommunityPartnerEntity,
        partnerIds.map((organizationId) => ({ communityId: row.id, organizationId })),
      );
    }
    await manager.insert(CommunityCoverageEntity, { communityId: row.id });
    return row.id;
  }

  async assertOrganizations(manager: EntityManager, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    const found = await manager.getRepository(OrganizationEntity).createQueryBuilder('o').where('o.id IN (:...ids)', { ids }).getCount();
    if (found !== ids.length) {
      throw new DomainError('VALIDATION_FAILED', HttpStatus.BAD_REQUEST, {}, [
        { field: 'partnerOrganizationIds', code: 'exists', message: 'an organisation does not exist' },
      ]);
    }
  }

  /** Leaders' names and phones: admins and partner coordinators only; every leader returned is logged. */
  listLeaders(user: AuthenticatedUser, communityId: string, purpose: string): Promise<LeaderDto[]> {
    return this.transactions.run(async (manager) => {
      await this.assertCommunity(manager, communityId);
      if (!(await isPartnerOrAdmin(manager, user, communityId))) throw new DomainError('COMMUNITY_NOT_PARTNER', HttpStatus.FORBIDDEN);
      const leaders = await manager.find(CommunityLeaderEntity, { where: { communityId }, order: { active: 'DESC', createdAt: 'ASC' } });
      const correlationId = requestContext.current()?.correlationId ?? null;
      if (leaders.length) {
        await manager.insert(
          PersonalDataAccessLogEntity,
          leaders.map((l) => ({
            actorUserId: user.id,
            organizationId: user.organizationId,
            leaderId: l.id,
            communityId,
            fields: l.phone ? ['full_name', 'phone'] : ['full_name'],
            purpose,
            correlationId,
          })),
        );
      }
      return leaders.map(toLeaderDto);
    });
  }

  addLeader(user: AuthenticatedUser, communityId: string, input: CreateLeaderDto): Promise<LeaderDto> {
    return this.transactions.run(async (manager) => {
      await this.assertCommunity(manager, communityId);
      if (!(await isPartnerOrAdmin(manager, user, communityId))) throw new DomainError('COMMUNITY_NOT_PARTNER', HttpStatus.FORBIDDEN);
      if (input.userId) {
        const linked = await manager.findOneBy(UserEntity, { id: input.userId });
        if (!linked || !linked.roles.includes('leader')) {
          throw new DomainError('VALIDATION_FAILED', HttpStatus.BAD_REQUEST, {}, [
            { field: 'userId', code: 'leaderAccount', message: 'userId must be a user account with role leader' },
          ]);
        }
      }
      const row = await manager.save(
        manager.create(CommunityLeaderEntity, {
          communityId,
          fullName: input.fullName.trim(),
          role: input.role,
          phone: input.phone ?? null,
          preferredLanguage: input.preferredLanguage ?? 'es',
          userId: input.userId ?? null,
        }),
      );
      // The audit summary is readable by auditors: it names the role, never the person or the phone.
      await this.audit.record(manager, {
        action: 'community.leader_added',
        entityType: 'community_leader',
        entityId: row.id,
        summary: `Leader (${input.role}) added to community ${communityId}`,
      });
      return toLeaderDto(row);
    });
  }

  async exportRows(): Promise<Array<Record<string, string | number | null>>> {
    return await this.dataSource.query<Array<Record<string, string | number | null>>>(
      `SELECT c.id, c.name, c.district_ubigeo, d.name AS district, dep.name AS department, c.place_code, c.lat, c.lon, c.altitude_m,
              c.population, c.households, array_to_string(c.languages, ';') AS languages, c.access_mode,
              c.access_hours::float8 AS access_hours, array_to_string(c.cut_off_months, ';') AS cut_off_months, c.notes,
              cov.last_delivery_at, coalesce(cov.total_kits, 0) AS total_kits
       FROM communities c
       LEFT JOIN districts d ON d.ubigeo = c.district_ubigeo
       LEFT JOIN departments dep ON dep.ubigeo = left(c.district_ubigeo, 2)
       LEFT JOIN community_coverage cov ON cov.community_id = c.id
       ORDER BY dep.name, d.name, c.name`,
    );
  }

  private async assertCommunity(manager: EntityManager, id: string): Promise<void> {
    if (!(await manager.existsBy(CommunityEntity, { id }))) throw notFound();
  }
}

function toSummary(r: CommunityRow): CommunitySummaryDto {
  return {
    id: r.id,
    name: r.name,
    districtUbigeo: r.district_ubigeo,
    districtName: r.district_name,
    provinceName: r.province_name,
    departmentName: r.department_name,
    lat: Number(r.lat),
    lon: Number(r.lon),
    households: r.households,
    accessMode: r.access_mode,
    openNeeds: r.open_needs,
    maxOpenUrgency: r.max_open_urgency,
  };
}

function toLeaderDto(l: CommunityLeaderEntity): LeaderDto {
  return {
    id: l.id,
    fullName: l.fullName,
    role: l.role,
    phone: l.phone,
    preferredLanguage: l.preferredLanguage,
    userId: l.userId,
    active: l.active,
  };
}

function escapeLike(value: string): string {
  return value.replace(/[%_\\]/g, '\\$&');
}

/** INEI names are upper case ("SANTA ROSA DE QUIVES"); communities read better as "Santa Rosa De Quives". */
export function titleCase(name: string): string {
  return name.toLowerCase().replace(/(^|[\s\-(])(\p{L})/gu, (_, sep: string, ch: string) => sep + ch.toUpperCase());
}
