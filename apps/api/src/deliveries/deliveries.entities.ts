import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { CommunityEntity, NeedRequestEntity } from '../communities/communities.entities';
import { KitTypeEntity } from '../inventory/kit-type.entity';
import { StockReservationEntity } from '../inventory/stock.entities';
import { WarehouseEntity } from '../inventory/warehouse.entity';
import { OrganizationEntity } from '../organizations/organization.entity';
import { UserEntity } from '../users/user.entity';

export const PLAN_STATUSES = ['draft', 'allocated', 'optimised', 'dispatched', 'completed', 'cancelled'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export const VEHICLE_TYPES = ['truck', 'pickup', 'boat', 'animal_team', 'on_foot'] as const;
export type VehicleType = (typeof VEHICLE_TYPES)[number];

export const ROUTE_STATUSES = ['planned', 'loaded', 'in_transit', 'completed', 'closed', 'cancelled'] as const;
export type RouteStatus = (typeof ROUTE_STATUSES)[number];

export const STOP_STATUSES = ['pending', 'delivered', 'confirmed', 'failed', 'cancelled'] as const;
export type StopStatus = (typeof STOP_STATUSES)[number];

export const CONFIRMATION_CHANNELS = ['app', 'code', 'sms', 'phone'] as const;
export type ConfirmationChannel = (typeof CONFIRMATION_CHANNELS)[number];

export const REJECTION_REASONS = ['damaged', 'expired', 'wrong_item', 'not_needed'] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

export const UNSERVED_REASONS = ['skills', 'capacity', 'time_window', 'max_duration', 'max_distance', 'fleet', 'no_vehicle'] as const;
export type UnservedReason = (typeof UNSERVED_REASONS)[number];

/** A distribution round of one organisation from one depot warehouse. */
@Entity({ name: 'delivery_plans' })
@Check('ck_delivery_plans_status', `status IN ('draft','allocated','optimised','dispatched','completed','cancelled')`)
@Check('ck_delivery_plans_dates', `end_date >= start_date`)
export class DeliveryPlanEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('ix_delivery_plans_org')
  @Column({ type: 'uuid', name: 'organization_id' })
  organizationId: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'fk_delivery_plans_organization' })
  organization?: OrganizationEntity;

  @Column({ type: 'varchar', length: 150 })
  name: string;

  @Column({ type: 'uuid', name: 'depot_warehouse_id' })
  depotWarehouseId: string;

  @ManyToOne(() => WarehouseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'depot_warehouse_id', foreignKeyConstraintName: 'fk_delivery_plans_depot' })
  depotWarehouse?: WarehouseEntity;

  @Column({ type: 'date', name: 'start_date' })
  startDate: string;

  @Column({ type: 'date', name: 'end_date' })
  endDate: string;

  @Index('ix_delivery_plans_status')
  @Column({ type: 'varchar', length: 12, default: 'draft' })
  status: PlanStatus;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Column({ type: 'uuid', nullable: true, name: 'created_by' })
  createdBy: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'fk_delivery_plans_created_by' })
  creator?: UserEntity;

  @Column({ type: 'timestamptz', nullable: true, name: 'optimised_at' })
  optimisedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}

/** A vehicle (or a team on foot / with animals) of a plan. Working hours are minutes after midnight, Lima time. */
@Entity({ name: 'delivery_vehicles' })
@Check('ck_delivery_vehicles_type', `type IN ('truck','pickup','boat','animal_team','on_foot')`)
@Check('ck_delivery_vehicles_capacity', `capacity_kg > 0 AND capacity_m3 > 0 AND capacity_kits > 0`)
@Check('ck_delivery_vehicles_hours', `work_start_min >= 0 AND work_end_min <= 1440 AND work_end_min > work_start_min`)
@Check('ck_delivery_vehicles_max_route', `max_route_minutes IS NULL OR max_route_minutes > 0`)
export class DeliveryVehicleEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('ix_delivery_vehicles_plan')
  @Column({ type: 'uuid', name: 'plan_id' })
  planId: string;

  @ManyToOne(() => DeliveryPlanEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'fk_delivery_vehicles_plan' })
  plan?: DeliveryPlanEntity;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 12 })
  type: VehicleType;

  @Column({ type: 'numeric', precision: 10, scale: 2, name: 'capacity_kg' })
  capacityKg: string;

  @Column({ type: 'numeric', precision: 10, scale: 3, name: 'capacity_m3' })
  capacityM3: string;

  @Column({ type: 'integer', name: 'capacity_kits' })
  capacityKits: number;

  @Column({ type: 'smallint', name: 'work_start_min', default: 360 })
  workStartMin: number;

  @Column({ type: 'smallint', name: 'work_end_min', default: 1080 })
  workEndMin: number;

  @Column({ type: 'integer', nullable: true, name: 'max_route_minutes' })
  maxRouteMinutes: number | null;

  @Column({ type: 'varchar', length: 30, array: true, default: () => "'{}'" })
  skills: string[];

  @Column({ type: 'varchar', length: 100, nullable: true, name: 'driver_name' })
  driverName: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}

/** One vehicle's route within a plan: created by optimisation, edited by the coordinator, dispatched. */
@Entity({ name: 'delivery_routes' })
@Check('ck_delivery_routes_status', `status IN ('planned','loaded','in_transit','completed','closed','cancelled')`)
@Index('uq_delivery_routes_vehicle', ['vehicleId'], { unique: true })
export class DeliveryRouteEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('ix_delivery_routes_plan')
  @Column({ type: 'uuid', name: 'plan_id' })
  planId: string;

  @ManyToOne(() => DeliveryPlanEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'fk_delivery_routes_plan' })
  plan?: DeliveryPlanEntity;

  @Column({ type: 'uuid', name: 'vehicle_id' })
  vehicleId: string;

  @ManyToOne(() => DeliveryVehicleEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'vehicle_id', foreignKeyConstraintName: 'fk_delivery_routes_vehicle' })
  vehicle?: DeliveryVehicleEntity;

  @Column({ type: 'varchar', length: 12, default: 'planned' })
  status: RouteStatus;

  /** A locked route keeps its stops and order when the rest of the plan is re-optimised. */
  @Column({ type: 'boolean', default: false })
  locked: boolean;

  @Column({ type: 'timestamptz', nullable: true, name: 'departure_at' })
  departureAt: Date | null;

  @Column({ type: 'integer', default: 0, name: 'distance_m' })
  distanceM: number;

  @Column({ type: 'integer', default: 0, name: 'duration_s' })
  durationS: number;

  @Column({ type: 'numeric', precision: 12, scale: 2, default: 0, name: 'load_kg' })
  loadKg: string;

  @Column({ type: 'numeric', precision: 12, scale: 3, default: 0, name: 'load_m3' })
  loadM3: string;

  @Column({ type: 'integer', default: 0, name: 'load_kits' })
  loadKits: number;

  /** 'great-circle' or 'osrm': where the travel times came from. */
  @Column({ type: 'varchar', length: 20, nullable: true, name: 'matrix_source' })
  matrixSource: string | null;

  @Column({ type: 'timestamptz', nullable: true, name: 'loaded_at' })
  loadedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true, name: 'closed_at' })
  closedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}

/** A community to deliver to within a plan (from an approved need or added by hand). */
@Entity({ name: 'delivery_stops' })
@Check('ck_delivery_stops_status', `status IN ('pending','delivered','confirmed','failed','cancelled')`)
@Check(
  'ck_delivery_stops_unserved',
  `unserved_reason IS NULL OR unserved_reason IN ('skills','capacity','time_window','max_duration','max_distance','fleet','no_vehicle')`,
)
@Index('uq_delivery_stops_code', ['confirmationCodeHash'], { unique: true, where: 'confirmation_code_hash IS NOT NULL' })
export class DeliveryStopEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('ix_delivery_stops_plan')
  @Column({ type: 'uuid', name: 'plan_id' })
  planId: string;

  @ManyToOne(() => DeliveryPlanEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'fk_delivery_stops_plan' })
  plan?: DeliveryPlanEntity;

  @Index('ix_delivery_stops_community')
  @Column({ type: 'uuid', name: 'community_id' })
  communityId: string;

  @ManyToOne(() => CommunityEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'community_id', foreignKeyConstraintName: 'fk_delivery_stops_community' })
  community?: CommunityEntity;

  @Index('ix_delivery_stops_need')
  @Column({ type: 'uuid', nullable: true, name: 'need_request_id' })
  needRequestId: string | null;

  @ManyToOne(() => NeedRequestEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'need_request_id', foreignKeyConstraintName: 'fk_delivery_stops_need' })
  needRequest?: NeedRequestEntity;

  @Index('ix_delivery_stops_status')
  @Column({ type: 'varchar', length: 12, default: 'pending' })
  status: StopStatus;

  @Index('ix_delivery_stops_route')
  @Column({ type: 'uuid', nullable: true, name: 'route_id' })
  routeId: string | null;

  @ManyToOne(() => DeliveryRouteEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'route_id', foreignKeyConstraintName: 'fk_delivery_stops_route' })
  route?: DeliveryRouteEntity;

  /** 1-based position in its route. */
  @Column({ type: 'integer', nullable: true })
  sequence: number | null;

  @Column({ type: 'timestamptz', nullable: true })
  eta: Date | null;

  /** Why optimisation left the stop out (null when routed or not optimised yet). */
  @Column({ type: 'varchar', length: 20, nullable: true, name: 'unserved_reason' })
  unservedReason: UnservedReason | null;

  /** Handling time at the stop, minutes. */
  @Column({ type: 'integer', default: 30, name: 'service_minutes' })
  serviceMinutes: number;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true, name: 'failure_reason' })
  failureReason: string | null;

  @Column({ type: 'timestamptz', nullable: true, name: 'delivered_at' })
  deliveredAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true, name: 'confirmed_at' })
  confirmedAt: Date | null;

  /** SHA-256 (hex) of the per-stop confirmation code; the code itself is only shown on the manifest. */
  @Column({ type: 'char', length: 64, nullable: true, name: 'confirmation_code_hash' })
  confirmationCodeHash: string | null;

  /** The code, encrypted for reprinting the manifest (AES-GCM with a key derived from the app secret). */
  @Column({ type: 'varchar', length: 200, nullable: true, name: 'confirmation_code_sealed' })
  confirmationCodeSealed: string | null;

  @Column({ type: 'timestamptz', nullable: true, name: 'code_expires_at' })
  codeExpiresAt: Date | null;

  @Column({ type: 'integer', default: 0, name: 'code_failed_attempts' })
  codeFailedAttempts: number;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}

/** Kits of one type for a stop, with its reservation and, once confirmed, the proof of delivery. */
@Entity({ name: 'delivery_stop_lines' })
@Check('ck_delivery_stop_lines_quantity', `quantity > 0`)
@Check(
  'ck_delivery_stop_lines_pod',
  `accepted IS NULL OR (accepted >= 0 AND rejected >= 0 AND missing >= 0 AND accepted + rejected + missing = dispatched)`,
)
@Check(
  'ck_delivery_stop_lines_rejection',
  `rejection_reason IS NULL OR rejection_reason IN ('damaged','expired','wrong_item','not_needed')`,
)
@Index('uq_delivery_stop_lines_kit', ['stopId', 'kitTypeId'], { unique: true })
export class DeliveryStopLineEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', name: 'stop_id' })
  stopId: string;

  @ManyToOne(() => DeliveryStopEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'stop_id', foreignKeyConstraintName: 'fk_delivery_stop_lines_stop' })
  stop?: DeliveryStopEntity;

  @Column({ type: 'uuid', name: 'kit_type_id' })
  kitTypeId: string;

  @ManyToOne(() => KitTypeEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'kit_type_id', foreignKeyConstraintName: 'fk_delivery_stop_lines_kit_type' })
  kitType?: KitTypeEntity;

  @Column({ type: 'integer' })
  quantity: number;

  @Column({ type: 'uuid', nullable: true, name: 'reservation_id' })
  reservationId: string | null;

  @ManyToOne(() => StockReservationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'reservation_id', foreignKeyConstraintName: 'fk_delivery_stop_lines_reservation' })
  reservation?: StockReservationEntity;

  /** Units that left the depot (set when the route is loaded). */
  @Column({ type: 'integer', default: 0 })
  dispatched: number;

  /** Lots the dispatched units came from: [{lotId, quantity}] (returns go back into these lots). */
  @Column({ type: 'jsonb', default: () => "'[]'", name: 'dispatched_lots' })
  dispatchedLots: Array<{ lotId: string; quantity: number }>;

  @Column({ type: 'integer', nullable: true })
  accepted: number | null;

  @Column({ type: 'integer', default: 0 })
  rejected: number;

  @Column({ type: 'varchar', length: 12, nullable: true, name: 'rejection_reason' })
  rejectionReason: RejectionReason | null;

  @Column({ type: 'integer', default: 0 })
  missing: number;

  /** Rejected units put back into the depot's stock when the route closed. */
  @Column({ type: 'integer', default: 0 })
  returned: number;
}

/** The one confirmation of a stop (unique per stop: a stop is confirmed exactly once). */
@Entity({ name: 'delivery_confirmations' })
@Check('ck_delivery_confirmations_channel', `channel IN ('app','code','sms','phone')`)
@Index('uq_delivery_confirmations_stop', ['stopId'], { unique: true })
export class DeliveryConfirmationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', name: 'stop_id' })
  stopId: string;

  @ManyToOne(() => DeliveryStopEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'stop_id', foreignKeyConstraintName: 'fk_delivery_confirmations_stop' })
  stop?: DeliveryStopEntity;

  @Column({ type: 'varchar', length: 8 })
  channel: ConfirmationChannel;

  /** The user who recorded it (the leader on 'app', the coordinator on 'phone'); null for code and SMS. */
  @Column({ type: 'uuid', nullable: true, name: 'recorded_by' })
  recordedBy: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'recorded_by', foreignKeyConstraintName: 'fk_delivery_confirmations_recorded_by' })
  recorder?: UserEntity;

  @Column({ type: 'varchar', length: 200, name: 'received_by_name' })
  receivedByName: string;

  @Column({ type: 'varchar', length: 60, nullable: true, name: 'received_by_role' })
  receivedByRole: string | null;

  @Column({ type: 'timestamptz', name: 'received_at' })
  receivedAt: Date;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  /** Optional photo as a data URL (JPEG/PNG/WebP, size-capped by the DTO). */
  @Column({ type: 'text', nullable: true })
  photo: string | null;

  @Column({ type: 'double precision', nullable: true, name: 'gps_lat' })
  gpsLat: number | null;

  @Column({ type: 'double precision', nullable: true, name: 'gps_lon' })
  gpsLon: number | null;

  /** SMS channel: the sender's number, kept as a SHA-256 hash only (personal data). */
  @Column({ type: 'char', length: 64, nullable: true, name: 'sender_hash' })
  senderHash: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}

/** Timeline of a plan, its routes and stops (append-only). */
@Entity({ name: 'delivery_events' })
@Index('ix_delivery_events_plan', ['planId', 'createdAt'])
@Index('ix_delivery_events_stop', ['stopId', 'createdAt'])
export class DeliveryEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', name: 'plan_id' })
  planId: string;

  @ManyToOne(() => DeliveryPlanEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'fk_delivery_events_plan' })
  plan?: DeliveryPlanEntity;

  @Column({ type: 'uuid', nullable: true, name: 'route_id' })
  routeId: string | null;

  @Column({ type: 'uuid', nullable: true, name: 'stop_id' })
  stopId: string | null;

  /** e.g. plan.created, stops.allocated, plan.optimised, route.loaded, stop.delivered, stop.confirmed. */
  @Column({ type: 'varchar', length: 40 })
  kind: string;

  @Column({ type: 'varchar', length: 12, nullable: true, name: 'from_status' })
  fromStatus: string | null;

  @Column({ type: 'varchar', length: 12, nullable: true, name: 'to_status' })
  toStatus: string | null;

  @Column({ type: 'uuid', nullable: true, name: 'actor_user_id' })
  actorUserId: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  detail: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}

/** Overdue confirmation alerts: one open alert per stop; resolved when the stop is confirmed. */
@Entity({ name: 'delivery_alerts' })
@Check('ck_delivery_alerts_kind', `kind IN ('confirmation_overdue')`)
@Index('uq_delivery_alerts_open', ['kind', 'stopId'], { unique: true, where: 'resolved_at IS NULL' })
export class DeliveryAlertEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 30 })
  kind: 'confirmation_overdue';

  @Column({ type: 'uuid', name: 'stop_id' })
  stopId: string;

  @ManyToOne(() => DeliveryStopEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'stop_id', foreignKeyConstraintName: 'fk_delivery_alerts_stop' })
  stop?: DeliveryStopEntity;

  @Index('ix_delivery_alerts_org')
  @Column({ type: 'uuid', name: 'organization_id' })
  organizationId: string;

  @Column({ type: 'varchar', length: 500 })
  message: string;

  @CreateDateColumn({ type: 'timestamptz', name: 'raised_at' })
  raisedAt: Date;

  @Column({ type: 'timestamptz', nullable: true, name: 'resolved_at' })
  resolvedAt: Date | null;
}

export const DELIVERY_ENTITIES = [
  DeliveryPlanEntity,
  DeliveryVehicleEntity,
  DeliveryRouteEntity,
  DeliveryStopEntity,
  DeliveryStopLineEntity,
  DeliveryConfirmationEntity,
  DeliveryEventEntity,
  DeliveryAlertEntity,
];
