import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { DistrictEntity } from '../geography/geography.entities';
import { OrganizationEntity } from '../organizations/organization.entity';
import { UserEntity } from '../users/user.entity';

export const ACCESS_MODES = ['paved_road', 'unpaved_road', 'trail', 'river', 'air'] as const;
export type AccessMode = (typeof ACCESS_MODES)[number];

export const LEADER_ROLES = [
  'presidente_comunal',
  'teniente_gobernador',
  'agente_municipal',
  'alcalde_centro_poblado',
  'apu',
  'juez_de_paz',
  'presidenta_vaso_de_leche',
  'promotor_de_salud',
  'other',
] as const;
export type LeaderRole = (typeof LEADER_ROLES)[number];

export const NEED_STATUSES = ['submitted', 'approved', 'rejected', 'partially_fulfilled', 'fulfilled', 'cancelled'] as const;
export type NeedStatus = (typeof NEED_STATUSES)[number];

export const NEED_CAUSES = ['flood', 'landslide', 'frost', 'drought', 'epidemic', 'fire', 'other'] as const;
export type NeedCause = (typeof NEED_CAUSES)[number];

/** Peru's bounding box (INEI outline −81.33, −18.35, −68.65, −0.04) with a small margin for coastal islands. */
export const PERU_BBOX = { minLon: -81.4, minLat: -18.4, maxLon: -68.6, maxLat: 0.0 } as const;

/**
 * INEI populated place (centro poblado), loaded once per database by a migration from
 * reference-data/peru_centros_poblados.csv.gz. Searched through the trigram index on
 * minka_unaccent(lower(name)); located through the GiST index on point(lon, lat).
 */
@Entity({ name: 'populated_places' })
@Index('ix_populated_places_name_trgm', { synchronize: false })
@Index('ix_populated_places_location', { synchronize: false })
@Check('ck_populated_places_kind', `kind IN ('rural','urban')`)
export class PopulatedPlaceEntity {
  /** INEI code: district ubigeo (6) + sequence (4). */
  @PrimaryColumn({ type: 'varchar', length: 10 })
  code: string;

  @Column({ type: 'varchar', length: 150 })
  name: string;

  @Column({ type: 'varchar', length: 5 })
  kind: 'rural' | 'urban';

  /** District code as INEI lists it: for places in the 17 districts created after ~2016 it is the parent district. */
  @Index('ix_populated_places_district')
  @Column({ type: 'varchar', length: 6, name: 'district_ubigeo' })
  districtUbigeo: string;

  @Column({ type: 'double precision' })
  lat: number;

  @Column({ type: 'double precision' })
  lon: number;
}

/**
 * Static pre-clustered gazetteer: place counts per grid cell, zoom and department (so the department
 * filter still works on clusters). Low-zoom maps read a few hundred of these rows instead of
 * aggregating 95k places per request. Built by the LoadPopulatedPlaces migration.
 */
@Entity({ name: 'populated_place_clusters' })
export class PopulatedPlaceClusterEntity {
  @PrimaryColumn({ type: 'smallint' })
  zoom: number;

  @PrimaryColumn({ type: 'integer', name: 'cell_x' })
  cellX: number;

  @PrimaryColumn({ type: 'integer', name: 'cell_y' })
  cellY: number;

  @Column({ type: 'integer' })
  count: number;

  @Column({ type: 'double precision' })
  lat: number;

  @Column({ type: 'double precision' })
  lon: number;

  @PrimaryColumn({ type: 'varchar', length: 2, name: 'department_ubigeo' })
  departmentUbigeo: string;
}

@Entity({ name: 'communities' })
@Index('ix_communities_location', { synchronize: false })
@Index('ix_communities_name_trgm', { synchronize: false })
@Check('ck_communities_lat', `lat BETWEEN -18.4 AND 0.0`)
@Check('ck_communities_lon', `lon BETWEEN -81.4 AND -68.6`)
@Check('ck_communities_access_mode', `access_mode IS NULL OR access_mode IN ('paved_road','unpaved_road','trail','river','air')`)
@Check('ck_communities_counts', `(population IS NULL OR population >= 0) AND (households IS NULL OR households >= 0)`)
@Check('ck_communities_cut_off_months', `cut_off_months <@ ARRAY[1,2,3,4,5,6,7,8,9,10,11,12]::smallint[]`)
export class CommunityEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 150 })
  name: string;

  @Index('ix_communities_district')
  @Column({ type: 'varchar', length: 6, name: 'district_ubigeo' })
  districtUbigeo: string;

  @ManyToOne(() => DistrictEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'district_ubigeo', foreignKeyConstraintName: 'fk_communities_district' })
  district?: DistrictEntity;

  @Index('ix_communities_place')
  @Column({ type: 'varchar', length: 10, nullable: true, name: 'place_code' })
  placeCode: string | null;

  @ManyToOne(() => PopulatedPlaceEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'place_code', foreignKeyConstraintName: 'fk_communities_place' })
  place?: PopulatedPlaceEntity;

  @Column({ type: 'double precision' })
  lat: number;

  @Column({ type: 'double precision' })
  lon: number;

  @Column({ type: 'integer', nullable: true, name: 'altitude_m' })
  altitudeM: number | null;

  @Column({ type: 'integer', nullable: true })
  population: number | null;

  @Column({ type: 'integer', nullable: true })
  households: number | null;

  @Column({ type: 'varchar', length: 8, array: true, default: () => "'{}'" })
  languages: string[];

  @Column({ type: 'varchar', length: 20, nullable: true, name: 'access_mode' })
  accessMode: AccessMode | null;

  @Column({ type: 'numeric', precision: 5, scale: 1, nullable: true, name: 'access_hours' })
  accessHours: string | null;

  @Column({ type: 'smallint', array: true, default: () => "'{}'", name: 'cut_off_months' })
  cutOffMonths: number[];

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}

/** Organisations that work with a community; their coordinators may read its leaders' personal data. */
@Entity({ name: 'community_partners' })
export class CommunityPartnerEntity {
  @PrimaryColumn({ type: 'uuid', name: 'community_id' })
  communityId: string;

  @Index('ix_community_partners_organization')
  @PrimaryColumn({ type: 'uuid', name: 'organization_id' })
  organizationId: string;

  @ManyToOne(() => CommunityEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'community_id', foreignKeyConstraintName: 'fk_community_partners_community' })
  community?: CommunityEntity;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'fk_community_partners_organization' })
  organization?: OrganizationEntity;
}

@Entity({ name: 'community_leaders' })
@Check('ck_community_leaders_phone', `phone IS NULL OR phone ~ '^\\+[1-9][0-9]{6,14}$'`)
@Check(
  'ck_community_leaders_role',
  `role IN ('presidente_comunal','teniente_gobernador','agente_municipal','alcalde_centro_poblado','apu','juez_de_paz','presidenta_vaso_de_leche','promotor_de_salud','other')`,
)
export class CommunityLeaderEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('ix_community_leaders_community')
  @Column({ type: 'uuid', name: 'community_id' })
  communityId: string;

  @ManyToOne(() => CommunityEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'community_id', foreignKeyConstraintName: 'fk_community_leaders_community' })
  community?: CommunityEntity;

  @Column({ type: 'varchar', length: 200, name: 'full_name' })
  fullName: string;

  @Column({ type: 'varchar', length: 40 })
  role: LeaderRole;

  /** E.164, e.g. +51984123456. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  phone: string | null;

  @Column({ type: 'varchar', length: 8, default: 'es', name: 'preferred_language' })
  preferredLanguage: string;

  @Index('ix_community_leaders_user')
  @Column({ type: 'uuid', nullable: true, name: 'user_id' })
  userId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_community_leaders_user' })
  user?: UserEntity;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}

/**
 * Every read of a leader's or a donor's personal data (who, when, whose, which fields, why). Append-only.
 * A row names either a leader (with the community) or a donor (exports of the exchange domain).
 */
@Entity({ name: 'personal_data_access_log' })
@Check('ck_personal_data_access_log_subject', `(leader_id IS NOT NULL AND community_id IS NOT NULL) <> (donor_id IS NOT NULL)`)
export class PersonalDataAccessLogEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Index('ix_personal_data_access_log_occurred')
  @CreateDateColumn({ type: 'timestamptz', name: 'occurred_at' })
  occurredAt: Date;

  @Column({ type: 'uuid', nullable: true, name: 'actor_user_id' })
  actorUserId: string | null;

  @Column({ type: 'uuid', nullable: true, name: 'organization_id' })
  organizationId: string | null;

  @Index('ix_personal_data_access_log_leader')
  @Column({ type: 'uuid', name: 'leader_id', nullable: true })
  leaderId: string | null;

  @Column({ type: 'uuid', name: 'community_id', nullable: true })
  communityId: string | null;

  @Index('ix_personal_data_access_log_donor')
  @Column({ type: 'uuid', name: 'donor_id', nullable: true })
  donorId: string | null;

  @Column({ type: 'varchar', length: 40, array: true })
  fields: string[];

  @Column({ type: 'varchar', length: 200 })
  purpose: string;

  @Column({ type: 'varchar', length: 100, nullable: true, name: 'correlation_id' })
  correlationId: string | null;
}

@Entity({ name: 'need_requests' })
@Check('ck_need_requests_status', `status IN ('submitted','approved','rejected','partially_fulfilled','fulfilled','cancelled')`)
@Check('ck_need_requests_cause', `cause IN ('flood','landslide','frost','drought','epidemic','fire','other')`)
@Check('ck_need_requests_urgency', `urgency BETWEEN 1 AND 5`)
@Check('ck_need_requests_households', `households_affected >= 0`)
export class NeedRequestEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('ix_need_requests_community')
  @Column({ type: 'uuid', name: 'community_id' })
  communityId: string;

  @ManyToOne(() => CommunityEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'community_id', foreignKeyConstraintName: 'fk_need_requests_community' })
  community?: CommunityEntity;

  @Index('ix_need_requests_status')
  @Column({ type: 'varchar', length: 20, default: 'submitted' })
  status: NeedStatus;

  @Column({ type: 'smallint' })
  urgency: number;

  @Column({ type: 'varchar', length: 20 })
  cause: NeedCause;

  @Column({ type: 'integer', name: 'households_affected' })
  householdsAffected: number;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Column({ type: 'uuid', nullable: true, name: 'requested_by_user_id' })
  requestedByUserId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'requested_by_user_id', foreignKeyConstraintName: 'fk_need_requests_requested_by' })
  requestedBy?: UserEntity;

  @Column({ type: 'varchar', length: 500, nullable: true, name: 'status_reason' })
  statusReason: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}

/** What is asked for: a kit type (by code until the inventory domain links them) or a free-text item. */
@Entity({ name: 'need_request_lines' })
@Check('ck_need_request_lines_quantity', `quantity > 0 AND quantity_fulfilled >= 0`)
@Check('ck_need_request_lines_what', `kit_type_code IS NOT NULL OR item_description IS NOT NULL`)
export class NeedRequestLineEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('ix_need_request_lines_request')
  @Column({ type: 'uuid', name: 'need_request_id' })
  needRequestId: string;

  @ManyToOne(() => NeedRequestEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'need_request_id', foreignKeyConstraintName: 'fk_need_request_lines_request' })
  needRequest?: NeedRequestEntity;

  @Column({ type: 'varchar', length: 40, nullable: true, name: 'kit_type_code' })
  kitTypeCode: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true, name: 'item_description' })
  itemDescription: string | null;

  @Column({ type: 'integer' })
  quantity: number;

  @Column({ type: 'integer', default: 0, name: 'quantity_fulfilled' })
  quantityFulfilled: number;
}

/** The workflow history of a need request (who moved it, from what, to what, why). */
@Entity({ name: 'need_request_events' })
export class NeedRequestEventEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Index('ix_need_request_events_request')
  @Column({ type: 'uuid', name: 'need_request_id' })
  needRequestId: string;

  @ManyToOne(() => NeedRequestEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'need_request_id', foreignKeyConstraintName: 'fk_need_request_events_request' })
  needRequest?: NeedRequestEntity;

  @Column({ type: 'varchar', length: 20, nullable: true, name: 'from_status' })
  fromStatus: NeedStatus | null;

  @Column({ type: 'varchar', length: 20, name: 'to_status' })
  toStatus: NeedStatus;

  @Column({ type: 'uuid', nullable: true, name: 'actor_user_id' })
  actorUserId: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  reason: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'occurred_at' })
  occurredAt: Date;
}

/**
 * Coverage read model, one row per community. The deliveries domain updates it inside its own
 * delivery transaction (upsert: last_delivery_at = greatest(...), total_kits += n,
 * kits_by_category = jsonb merge with summed counts); readers never recompute it from deliveries.
 */
@Entity({ name: 'community_coverage' })
@Check('ck_community_coverage_total', `total_kits >= 0`)
export class CommunityCoverageEntity {
  @PrimaryColumn({ type: 'uuid', name: 'community_id' })
  communityId: string;

  @ManyToOne(() => CommunityEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'community_id', foreignKeyConstraintName: 'fk_community_coverage_community' })
  community?: CommunityEntity;

  @Column({ type: 'timestamptz', nullable: true, name: 'last_delivery_at' })
  lastDeliveryAt: Date | null;

  @Column({ type: 'integer', default: 0, name: 'total_kits' })
  totalKits: number;

  /** Kits received by category, e.g. {"hygiene": 40, "food": 25}. */
  @Column({ type: 'jsonb', default: () => "'{}'", name: 'kits_by_category' })
  kitsByCategory: Record<string, number>;

  @Column({ type: 'integer', default: 0, name: 'delivery_count' })
  deliveryCount: number;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}

export const COMMUNITY_ENTITIES = [
  PopulatedPlaceEntity,
  PopulatedPlaceClusterEntity,
  CommunityEntity,
  CommunityPartnerEntity,
  CommunityLeaderEntity,
  PersonalDataAccessLogEntity,
  NeedRequestEntity,
  NeedRequestLineEntity,
  NeedRequestEventEntity,
  CommunityCoverageEntity,
];
