import type { components } from '@minka/contracts';

/**
 * The deliveries types, all derived from the generated contract (@minka/contracts), so a change to
 * the API DTOs (apps/api/src/deliveries/dto) shows up here as a type error after
 * `npm run contract:generate`.
 */
type Schemas = components['schemas'];

// ------------------------------------------------------------------ requests

export type CreatePlanBody = Schemas['CreatePlanDto'];
export type CreateVehicleBody = Schemas['CreateVehicleDto'];
export type CreateStopBody = Schemas['CreateStopDto'];
export type ProofLineBody = Schemas['ConfirmLineInputDto'];
export type ProofBody = Schemas['ConfirmStopDto'];

// ------------------------------------------------------------------ responses

export type PlanSummary = Schemas['PlanSummaryDto'];
export type PlanPage = Schemas['PlanPageDto'];
export type PlanDetail = Schemas['PlanDetailDto'];
export type LatLon = Schemas['LatLonDto'];
export type Depot = Schemas['DepotDto'];
export type Vehicle = Schemas['VehicleDto'];
export type StopLine = Schemas['StopLineDto'];
export type Stop = Schemas['StopDto'];
export type Route = Schemas['RouteDto'];
export type Priority = Schemas['PriorityDto'];
export type SuggestionLine = Schemas['SuggestionLineDto'];
export type Suggestion = Schemas['SuggestionDto'];
export type Duplicate = Schemas['DuplicateDto'];
export type Gap = Schemas['GapDto'];
export type NetworkCheck = Schemas['NetworkCheckDto'];
export type TimelineEvent = Schemas['TimelineEventDto'];
export type BoardItem = Schemas['BoardItemDto'];
export type BoardPage = Schemas['BoardPageDto'];
export type ProofLine = Schemas['ProofLineDto'];
export type ProofTotals = Schemas['ProofTotalsDto'];
export type Confirmation = Schemas['ConfirmationDto'];
export type StopDetail = Schemas['DeliveryStopDetailDto'];
export type DeliveryAlert = Schemas['DeliveryAlertDto'];
export type DeliveryAlertPage = Schemas['DeliveryAlertPageDto'];

// ------------------------------------------------------------------ enums (the schemas' property types)

export type PlanStatus = PlanSummary['status'];
export type VehicleType = Vehicle['type'];
export type RouteStatus = Route['status'];
export type StopStatus = Stop['status'];
export type ConfirmationChannel = Confirmation['channel'];
export type RejectionReason = NonNullable<ProofLine['rejectionReason']>;
export type UnservedReason = NonNullable<Stop['unservedReason']>;
export type KitCategory = StopLine['category'];
export type AccessMode = NonNullable<Stop['accessMode']>;
export type NeedStatus = Suggestion['needStatus'];

/**
 * The contract has the unions as types only; the UI also needs them as values, in display order, for
 * its filters and selects. `satisfies` keeps each list within the contract's union.
 */
export const PLAN_STATUSES = [
  'draft',
  'allocated',
  'optimised',
  'dispatched',
  'completed',
  'cancelled',
] as const satisfies readonly PlanStatus[];
export const VEHICLE_TYPES = ['truck', 'pickup', 'boat', 'animal_team', 'on_foot'] as const satisfies readonly VehicleType[];
export const REJECTION_REASONS = ['damaged', 'expired', 'wrong_item', 'not_needed'] as const satisfies readonly RejectionReason[];
