/**
 * Local mirror of the deliveries API DTOs (apps/api/src/deliveries/dto/plan.dto.ts and
 * dto/confirmation.dto.ts). The generated contract (@minka/contracts) does not list the deliveries
 * routes yet; once it is regenerated these interfaces should become aliases of its schemas, the same
 * way features/inventory derives its types from `paths`.
 */

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
export type KitCategory = 'hygiene' | 'food' | 'medical' | 'water_sanitation' | 'shelter' | 'other';
export type AccessMode = 'paved_road' | 'unpaved_road' | 'trail' | 'river' | 'air';
export type NeedStatus = 'submitted' | 'approved' | 'rejected' | 'partially_fulfilled' | 'fulfilled' | 'cancelled';

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

// ------------------------------------------------------------------ requests

export interface CreatePlanBody {
  name: string;
  depotWarehouseId: string;
  startDate: string;
  endDate: string;
  notes?: string;
}

export interface CreateVehicleBody {
  name: string;
  type: VehicleType;
  capacityKg: number;
  capacityM3: number;
  capacityKits: number;
  workStartMin?: number;
  workEndMin?: number;
  maxRouteMinutes?: number | null;
  skills?: string[];
  driverName?: string;
}

export interface CreateStopBody {
  communityId: string;
  needRequestId?: string;
  lines: { kitTypeId: string; quantity: number }[];
  serviceMinutes?: number;
  notes?: string;
}

export interface ProofLineBody {
  lineId: string;
  accepted: number;
  rejected?: number;
  rejectionReason?: RejectionReason;
  missing?: number;
}

export interface ProofBody {
  channel?: 'app' | 'phone';
  receivedByName: string;
  receivedByRole?: string;
  receivedAt?: string;
  notes?: string;
  lines: ProofLineBody[];
}

// ------------------------------------------------------------------ responses

export interface LatLon {
  lat: number;
  lon: number;
}

export interface Depot extends LatLon {
  id: string;
  name: string;
}

export interface PlanSummary {
  id: string;
  organizationId: string;
  organizationName: string;
  name: string;
  depotWarehouseId: string;
  depotWarehouseName: string;
  startDate: string;
  endDate: string;
  status: PlanStatus;
  notes: string | null;
  vehicleCount: number;
  stopCount: number;
  routeCount: number;
  totalKits: number;
  optimisedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Vehicle {
  id: string;
  name: string;
  type: VehicleType;
  capacityKg: number;
  capacityM3: number;
  capacityKits: number;
  workStartMin: number;
  workEndMin: number;
  maxRouteMinutes: number | null;
  skills: string[];
  effectiveSkills: string[];
  driverName: string | null;
}

export interface StopLine {
  id: string;
  kitTypeId: string;
  kitTypeCode: string;
  kitTypeVersion: number;
  kitTypeNameEs: string;
  kitTypeNameEn: string;
  category: KitCategory;
  quantity: number;
  reservationId: string | null;
  reserved: boolean;
  dispatched: number;
  accepted: number | null;
  rejected: number;
  rejectionReason: RejectionReason | null;
  missing: number;
  returned: number;
  weightKg: number;
  volumeM3: number;
}

export interface Stop extends LatLon {
  id: string;
  planId: string;
  communityId: string;
  communityName: string;
  districtUbigeo: string;
  altitudeM: number | null;
  accessMode: AccessMode | null;
  needRequestId: string | null;
  status: StopStatus;
  routeId: string | null;
  sequence: number | null;
  eta: string | null;
  unservedReason: UnservedReason | null;
  serviceMinutes: number;
  notes: string | null;
  failureReason: string | null;
  deliveredAt: string | null;
  confirmedAt: string | null;
  hasConfirmationCode: boolean;
  codeExpiresAt: string | null;
  totalKits: number;
  weightKg: number;
  volumeM3: number;
  lines: StopLine[];
}

export interface Route {
  id: string;
  planId: string;
  vehicleId: string;
  vehicleName: string;
  vehicleType: VehicleType;
  status: RouteStatus;
  locked: boolean;
  departureAt: string | null;
  returnAt: string | null;
  distanceM: number;
  durationS: number;
  loadKg: number;
  loadM3: number;
  loadKits: number;
  matrixSource: string | null;
  loadedAt: string | null;
  closedAt: string | null;
  stopIds: string[];
  path: LatLon[];
}

export interface PlanDetail extends PlanSummary {
  depot: Depot;
  vehicles: Vehicle[];
  stops: Stop[];
  routes: Route[];
}

export interface Priority {
  total: number;
  parts: { urgency: number; households: number; poverty: number; isolation: number; recency: number };
}

export interface SuggestionLine {
  needLineId: string;
  kitTypeCode: string;
  kitTypeId: string | null;
  kitTypeNameEs: string | null;
  requested: number;
  available: number;
  coverable: number;
}

export interface Suggestion extends LatLon {
  needRequestId: string;
  communityId: string;
  communityName: string;
  districtName: string | null;
  departmentName: string | null;
  accessMode: AccessMode | null;
  needStatus: NeedStatus;
  urgency: number;
  householdsAffected: number;
  priority: Priority;
  fullyCoverable: boolean;
  lines: SuggestionLine[];
}

export interface Duplicate {
  stopId: string;
  communityId: string;
  communityName: string;
  category: KitCategory;
  kind: 'delivered' | 'planned';
  otherPlanId: string;
  otherPlanName: string;
  otherStopId: string;
  otherStopStatus: StopStatus;
  otherOrganizationId: string;
  otherOrganizationName: string;
  sameOrganization: boolean;
  date: string;
  kits: number;
}

export interface Gap extends LatLon {
  needRequestId: string;
  communityId: string;
  communityName: string;
  needStatus: NeedStatus;
  urgency: number;
  householdsAffected: number;
  nearestStopId: string;
  distanceKm: number;
  partner: boolean;
}

export interface NetworkCheck {
  days: number;
  radiusKm: number;
  duplicates: Duplicate[];
  gaps: Gap[];
}

export interface TimelineEvent {
  id: string;
  planId: string;
  routeId: string | null;
  stopId: string | null;
  kind: string;
  fromStatus: string | null;
  toStatus: string | null;
  actorUserId: string | null;
  actorName: string | null;
  detail: string | null;
  occurredAt: string;
}

export interface BoardItem extends LatLon {
  stopId: string;
  status: StopStatus;
  planId: string;
  planName: string;
  planStatus: PlanStatus;
  routeId: string | null;
  routeStatus: RouteStatus | null;
  vehicleName: string | null;
  sequence: number | null;
  eta: string | null;
  communityId: string;
  communityName: string;
  totalKits: number;
  deliveredAt: string | null;
  confirmedAt: string | null;
  failureReason: string | null;
}

export interface BoardPage extends Page<BoardItem> {
  counts: Record<StopStatus, number>;
}

// ------------------------------------------------------------------ proof of delivery (dto/confirmation.dto.ts)

export interface ProofLine {
  lineId: string;
  kitTypeId: string;
  kitTypeCode: string;
  kitTypeNameEs: string;
  kitTypeNameEn: string;
  category: KitCategory;
  quantity: number;
  dispatched: number;
  accepted: number | null;
  rejected: number;
  rejectionReason: RejectionReason | null;
  missing: number;
  returned: number;
}

export interface ProofTotals {
  dispatched: number;
  accepted: number;
  rejected: number;
  missing: number;
}

export interface Confirmation {
  id: string;
  stopId: string;
  channel: ConfirmationChannel;
  recordedByUserId: string | null;
  recordedByName: string | null;
  receivedByName: string;
  receivedByRole: string | null;
  receivedAt: string;
  notes: string | null;
  hasPhoto: boolean;
  gps: LatLon | null;
  createdAt: string;
  totals: ProofTotals;
  lines: ProofLine[];
}

export interface StopDetail {
  id: string;
  planId: string;
  planName: string;
  organizationId: string;
  routeId: string | null;
  routeStatus: RouteStatus | null;
  vehicleName: string | null;
  sequence: number | null;
  eta: string | null;
  communityId: string;
  communityName: string;
  districtUbigeo: string;
  districtName: string;
  needRequestId: string | null;
  status: StopStatus;
  deliveredAt: string | null;
  confirmedAt: string | null;
  failureReason: string | null;
  hasConfirmationCode: boolean;
  codeExpiresAt: string | null;
  /** An overdue-confirmation alert is open. */
  overdue: boolean;
  lines: ProofLine[];
  confirmation: Confirmation | null;
  /** The confirmation photo as a data URL. */
  photo: string | null;
}

export interface DeliveryAlert {
  id: string;
  kind: 'confirmation_overdue';
  stopId: string;
  planId: string;
  planName: string;
  organizationId: string;
  communityName: string;
  message: string;
  deliveredAt: string | null;
  raisedAt: string;
  resolvedAt: string | null;
}
