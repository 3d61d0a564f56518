import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { ACCESS_MODES, type AccessMode, NEED_STATUSES, type NeedStatus } from '../../communities/communities.entities';
import { PriorityDto } from '../../communities/dto/need.dto';
import { KIT_CATEGORIES, type KitCategory } from '../../inventory/kit-type.entity';
import { PageQueryDto } from '../../platform/paging/page-query.dto';
import {
  PLAN_STATUSES,
  type PlanStatus,
  REJECTION_REASONS,
  type RejectionReason,
  ROUTE_STATUSES,
  type RouteStatus,
  STOP_STATUSES,
  type StopStatus,
  UNSERVED_REASONS,
  type UnservedReason,
  VEHICLE_TYPES,
  type VehicleType,
} from '../deliveries.entities';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A skill is a short lower-case tag: 4x4, river, cold_chain … */
const SKILL = /^[a-z0-9][a-z0-9_-]{0,29}$/;

// ------------------------------------------------------------------ requests

export class PlanQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: PLAN_STATUSES })
  @IsOptional()
  @IsIn(PLAN_STATUSES)
  status?: PlanStatus;
}

export class CreatePlanDto {
  @ApiProperty({ example: 'Ronda de heladas Puno — julio', maxLength: 150 })
  @IsString()
  @MinLength(3)
  @MaxLength(150)
  name: string;

  @ApiProperty({ format: 'uuid', description: 'Depot warehouse of the plan (of the caller’s organisation)' })
  @IsUUID()
  depotWarehouseId: string;

  @ApiProperty({ format: 'date', example: '2026-07-06' })
  @IsISO8601({ strict: true })
  @Matches(DATE)
  startDate: string;

  @ApiProperty({ format: 'date', example: '2026-07-10' })
  @IsISO8601({ strict: true })
  @Matches(DATE)
  endDate: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  notes?: string;
}

export class UpdatePlanDto {
  @ApiPropertyOptional({ maxLength: 150 })
  @IsOptional()
  @IsString()
  @MinLength(3)
  @MaxLength(150)
  name?: string;

  @ApiPropertyOptional({ format: 'date' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(DATE)
  startDate?: string;

  @ApiPropertyOptional({ format: 'date' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(DATE)
  endDate?: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  notes?: string | null;
}

export class CancelPlanDto {
  @ApiProperty({ example: 'Carretera cerrada por huaico', minLength: 3, maxLength: 500 })
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason: string;
}

export class CreateVehicleDto {
  @ApiProperty({ example: 'Camión 4x4 — ABC-123', maxLength: 100 })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  @ApiProperty({ enum: VEHICLE_TYPES })
  @IsIn(VEHICLE_TYPES)
  type: VehicleType;

  @ApiProperty({ example: 3000, minimum: 0.01 })
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0.01)
  @Max(100_000)
  capacityKg: number;

  @ApiProperty({ example: 12, minimum: 0.001 })
  @IsNumber({ maxDecimalPlaces: 3 })
  @Min(0.001)
  @Max(1000)
  capacityM3: number;

  @ApiProperty({ example: 400, minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  capacityKits: number;

  @ApiPropertyOptional({
    description: 'Start of working hours, minutes after midnight (Lima time)',
    default: 360,
    minimum: 0,
    maximum: 1439,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1439)
  workStartMin?: number;

  @ApiPropertyOptional({
    description: 'End of working hours, minutes after midnight (Lima time)',
    default: 1080,
    minimum: 1,
    maximum: 1440,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1440)
  workEndMin?: number;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Maximum route duration, minutes', minimum: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1440)
  maxRouteMinutes?: number | null;

  @ApiPropertyOptional({
    type: [String],
    example: ['4x4'],
    description:
      'Extra skills. The vehicle type gives its own (boat → river; animal_team/on_foot → trail; truck/pickup → road); ' +
      'add 4x4 for unpaved roads and air for aircraft.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsString({ each: true })
  @Matches(SKILL, { each: true })
  skills?: string[];

  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  driverName?: string;
}

export class StopLineInputDto {
  @ApiProperty({ format: 'uuid', description: 'A current kit type version' })
  @IsUUID()
  kitTypeId: string;

  @ApiProperty({ minimum: 1, maximum: 100000 })
  @IsInt()
  @Min(1)
  @Max(100_000)
  quantity: number;
}

export class CreateStopDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  communityId: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'An approved (or partially fulfilled) need of that community' })
  @IsOptional()
  @IsUUID()
  needRequestId?: string;

  @ApiProperty({ type: [StopLineInputDto] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => StopLineInputDto)
  lines: StopLineInputDto[];

  @ApiPropertyOptional({ description: 'Handling time at the stop, minutes', default: 30, minimum: 0, maximum: 720 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(720)
  serviceMinutes?: number;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  notes?: string;
}

export class SuggestionQueryDto {
  @ApiPropertyOptional({
    minimum: 10,
    maximum: 2000,
    default: 300,
    description: 'Only needs of communities within this great-circle distance of the depot (km)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(2000)
  radiusKm?: number;
}

export class NetworkCheckQueryDto {
  @ApiPropertyOptional({ description: 'Window in days around the plan dates', default: 30, minimum: 1, maximum: 365 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(365)
  days?: number;
}

export class OptimiseDto {
  @ApiPropertyOptional({ description: 'Solver time limit, ms', default: 2000, minimum: 100, maximum: 20000 })
  @IsOptional()
  @IsInt()
  @Min(100)
  @Max(20_000)
  timeLimitMs?: number;
}

export class RouteStopsDto {
  @ApiProperty({ type: [String], format: 'uuid', description: 'Stops of the route in order (stops from other routes move here)' })
  @IsArray()
  @ArrayMaxSize(500)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  stopIds: string[];
}

export class DeliverStopDto {
  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'Default: now' })
  @IsOptional()
  @IsISO8601({ strict: true })
  deliveredAt?: string;
}

export class FailStopDto {
  @ApiProperty({ example: 'Puente caído; comunidad inaccesible', minLength: 3, maxLength: 500 })
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason: string;
}

export class BoardQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: STOP_STATUSES })
  @IsOptional()
  @IsIn(STOP_STATUSES)
  status?: StopStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  planId?: string;
}

// ------------------------------------------------------------------ responses

export class LatLonDto {
  @ApiProperty() lat: number;
  @ApiProperty() lon: number;
}

export class DepotDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() lat: number;
  @ApiProperty() lon: number;
}

export class PlanSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty() organizationName: string;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'uuid' }) depotWarehouseId: string;
  @ApiProperty() depotWarehouseName: string;
  @ApiProperty({ format: 'date' }) startDate: string;
  @ApiProperty({ format: 'date' }) endDate: string;
  @ApiProperty({ enum: PLAN_STATUSES }) status: PlanStatus;
  @ApiProperty({ type: String, nullable: true }) notes: string | null;
  @ApiProperty() vehicleCount: number;
  @ApiProperty() stopCount: number;
  @ApiProperty() routeCount: number;
  @ApiProperty({ description: 'Kits over every stop line' }) totalKits: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) optimisedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: string;
}

export class PlanPageDto {
  @ApiProperty({ type: [PlanSummaryDto] }) items: PlanSummaryDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class VehicleDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: VEHICLE_TYPES }) type: VehicleType;
  @ApiProperty() capacityKg: number;
  @ApiProperty() capacityM3: number;
  @ApiProperty() capacityKits: number;
  @ApiProperty({ description: 'Minutes after midnight, Lima time' }) workStartMin: number;
  @ApiProperty({ description: 'Minutes after midnight, Lima time' }) workEndMin: number;
  @ApiProperty({ type: Number, nullable: true }) maxRouteMinutes: number | null;
  @ApiProperty({ type: [String], description: 'As entered' }) skills: string[];
  @ApiProperty({ type: [String], description: 'What the optimiser uses: entered skills plus those of the vehicle type' })
  effectiveSkills: string[];
  @ApiProperty({ type: String, nullable: true }) driverName: string | null;
}

export class StopLineDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) kitTypeId: string;
  @ApiProperty() kitTypeCode: string;
  @ApiProperty() kitTypeVersion: number;
  @ApiProperty() kitTypeNameEs: string;
  @ApiProperty() kitTypeNameEn: string;
  @ApiProperty({ enum: KIT_CATEGORIES }) category: KitCategory;
  @ApiProperty() quantity: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) reservationId: string | null;
  @ApiProperty({ description: 'The line holds an active reservation' }) reserved: boolean;
  @ApiProperty({ description: 'Units that left the depot' }) dispatched: number;
  @ApiProperty({ type: Number, nullable: true }) accepted: number | null;
  @ApiProperty() rejected: number;
  @ApiProperty({ type: String, nullable: true, enum: REJECTION_REASONS }) rejectionReason: RejectionReason | null;
  @ApiProperty() missing: number;
  @ApiProperty({ description: 'Rejected/failed units put back into stock at close' }) returned: number;
  @ApiProperty({ description: 'kg for the line (kit weight × quantity)' }) weightKg: number;
  @ApiProperty({ description: 'm³ for the line' }) volumeM3: number;
}

export class StopDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) planId: string;
  @ApiProperty({ format: 'uuid' }) communityId: string;
  @ApiProperty() communityName: string;
  @ApiProperty() districtUbigeo: string;
  @ApiProperty() lat: number;
  @ApiProperty() lon: number;
  @ApiProperty({ type: Number, nullable: true }) altitudeM: number | null;
  @ApiProperty({ type: String, nullable: true, enum: ACCESS_MODES }) accessMode: AccessMode | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) needRequestId: string | null;
  @ApiProperty({ enum: STOP_STATUSES }) status: StopStatus;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) routeId: string | null;
  @ApiProperty({ type: Number, nullable: true, description: '1-based position in its route' }) sequence: number | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) eta: string | null;
  @ApiProperty({ type: String, nullable: true, enum: UNSERVED_REASONS, description: 'Why optimisation left it out' })
  unservedReason: UnservedReason | null;
  @ApiProperty() serviceMinutes: number;
  @ApiProperty({ type: String, nullable: true }) notes: string | null;
  @ApiProperty({ type: String, nullable: true }) failureReason: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) deliveredAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) confirmedAt: string | null;
  @ApiProperty({ description: 'A confirmation code was issued (the code itself is only on the manifest)' }) hasConfirmationCode: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) codeExpiresAt: string | null;
  @ApiProperty() totalKits: number;
  @ApiProperty() weightKg: number;
  @ApiProperty() volumeM3: number;
  @ApiProperty({ type: [StopLineDto] }) lines: StopLineDto[];
}

export class RouteDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) planId: string;
  @ApiProperty({ format: 'uuid' }) vehicleId: string;
  @ApiProperty() vehicleName: string;
  @ApiProperty({ enum: VEHICLE_TYPES }) vehicleType: VehicleType;
  @ApiProperty({ enum: ROUTE_STATUSES }) status: RouteStatus;
  @ApiProperty() locked: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) departureAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Back at the depot' }) returnAt: string | null;
  @ApiProperty() distanceM: number;
  @ApiProperty({ description: 'Departure to return, seconds (travel, waiting and service)' }) durationS: number;
  @ApiProperty() loadKg: number;
  @ApiProperty() loadM3: number;
  @ApiProperty() loadKits: number;
  @ApiProperty({ type: String, nullable: true, description: 'great-circle or osrm' }) matrixSource: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) loadedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt: string | null;
  @ApiProperty({ type: [String], format: 'uuid', description: 'Stops in visiting order' }) stopIds: string[];
  @ApiProperty({ type: [LatLonDto], description: 'Depot → stops in order → depot, for drawing' }) path: LatLonDto[];
}

export class PlanDetailDto extends PlanSummaryDto {
  @ApiProperty({ type: DepotDto }) depot: DepotDto;
  @ApiProperty({ type: [VehicleDto] }) vehicles: VehicleDto[];
  @ApiProperty({ type: [StopDto] }) stops: StopDto[];
  @ApiProperty({ type: [RouteDto] }) routes: RouteDto[];
}

export class SuggestionLineDto {
  @ApiProperty({ format: 'uuid' }) needLineId: string;
  @ApiProperty() kitTypeCode: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Current version of that kit type (null: unknown code)' })
  kitTypeId: string | null;
  @ApiProperty({ type: String, nullable: true }) kitTypeNameEs: string | null;
  @ApiProperty({ description: 'Still needed: quantity − quantity fulfilled' }) requested: number;
  @ApiProperty({ description: 'Available at the depot now (on hand − reserved, non-expired, minus what this plan holds)' })
  available: number;
  @ApiProperty({ description: 'What the depot can cover of this line: min(requested, available)' }) coverable: number;
}

export class SuggestionDto {
  @ApiProperty({ format: 'uuid' }) needRequestId: string;
  @ApiProperty({ format: 'uuid' }) communityId: string;
  @ApiProperty() communityName: string;
  @ApiProperty({ type: String, nullable: true }) districtName: string | null;
  @ApiProperty({ type: String, nullable: true }) departmentName: string | null;
  @ApiProperty() lat: number;
  @ApiProperty() lon: number;
  @ApiProperty({ type: String, nullable: true, enum: ACCESS_MODES }) accessMode: AccessMode | null;
  @ApiProperty({ enum: NEED_STATUSES }) needStatus: NeedStatus;
  @ApiProperty() urgency: number;
  @ApiProperty() householdsAffected: number;
  @ApiProperty({ type: PriorityDto }) priority: PriorityDto;
  @ApiProperty({ description: 'Every kit line can be covered in full' }) fullyCoverable: boolean;
  @ApiProperty({ type: [SuggestionLineDto], description: 'Kit lines (free-text lines are left out)' }) lines: SuggestionLineDto[];
}

export class SuggestionListDto {
  @ApiProperty({ type: [SuggestionDto] }) items: SuggestionDto[];
}

export class DuplicateDto {
  @ApiProperty({ format: 'uuid', description: 'Stop of this plan' }) stopId: string;
  @ApiProperty({ format: 'uuid' }) communityId: string;
  @ApiProperty() communityName: string;
  @ApiProperty({ enum: KIT_CATEGORIES }) category: KitCategory;
  @ApiProperty({ enum: ['delivered', 'planned'] }) kind: 'delivered' | 'planned';
  @ApiProperty({ format: 'uuid' }) otherPlanId: string;
  @ApiProperty() otherPlanName: string;
  @ApiProperty({ format: 'uuid' }) otherStopId: string;
  @ApiProperty({ enum: STOP_STATUSES }) otherStopStatus: StopStatus;
  @ApiProperty({ format: 'uuid' }) otherOrganizationId: string;
  @ApiProperty() otherOrganizationName: string;
  @ApiProperty({ description: 'Another plan of the same organisation' }) sameOrganization: boolean;
  @ApiProperty({ format: 'date', description: 'Delivery date (delivered) or the other plan’s start date (planned)' }) date: string;
  @ApiProperty({ description: 'Kits of that category in the other stop' }) kits: number;
}

export class GapDto {
  @ApiProperty({ format: 'uuid' }) needRequestId: string;
  @ApiProperty({ format: 'uuid' }) communityId: string;
  @ApiProperty() communityName: string;
  @ApiProperty() lat: number;
  @ApiProperty() lon: number;
  @ApiProperty({ enum: NEED_STATUSES }) needStatus: NeedStatus;
  @ApiProperty() urgency: number;
  @ApiProperty() householdsAffected: number;
  @ApiProperty({ format: 'uuid', description: 'The closest stop of this plan' }) nearestStopId: string;
  @ApiProperty({ description: 'Straight-line distance to that stop, km' }) distanceKm: number;
  @ApiProperty({ description: 'Partner community of the plan’s organisation (it could be added to this plan)' }) partner: boolean;
}

export class NetworkCheckDto {
  @ApiProperty() days: number;
  @ApiProperty({ description: 'Radius used for gaps, km' }) radiusKm: number;
  @ApiProperty({ type: [DuplicateDto] }) duplicates: DuplicateDto[];
  @ApiProperty({ type: [GapDto] }) gaps: GapDto[];
}

export class TimelineEventDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) planId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) routeId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) stopId: string | null;
  @ApiProperty({ example: 'route.loaded' }) kind: string;
  @ApiProperty({ type: String, nullable: true }) fromStatus: string | null;
  @ApiProperty({ type: String, nullable: true }) toStatus: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) actorUserId: string | null;
  @ApiProperty({ type: String, nullable: true }) actorName: string | null;
  @ApiProperty({ type: String, nullable: true }) detail: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) occurredAt: string;
}

export class TimelineDto {
  @ApiProperty({ type: [TimelineEventDto] }) items: TimelineEventDto[];
}

export class BoardItemDto {
  @ApiProperty({ format: 'uuid' }) stopId: string;
  @ApiProperty({ enum: STOP_STATUSES }) status: StopStatus;
  @ApiProperty({ format: 'uuid' }) planId: string;
  @ApiProperty() planName: string;
  @ApiProperty({ enum: PLAN_STATUSES }) planStatus: PlanStatus;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) routeId: string | null;
  @ApiProperty({ type: String, nullable: true, enum: ROUTE_STATUSES }) routeStatus: RouteStatus | null;
  @ApiProperty({ type: String, nullable: true }) vehicleName: string | null;
  @ApiProperty({ type: Number, nullable: true }) sequence: number | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) eta: string | null;
  @ApiProperty({ format: 'uuid' }) communityId: string;
  @ApiProperty() communityName: string;
  @ApiProperty() lat: number;
  @ApiProperty() lon: number;
  @ApiProperty() totalKits: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) deliveredAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) confirmedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) failureReason: string | null;
}

export class BoardCountsDto {
  @ApiProperty() pending: number;
  @ApiProperty() delivered: number;
  @ApiProperty() confirmed: number;
  @ApiProperty() failed: number;
  @ApiProperty() cancelled: number;
}

export class BoardPageDto {
  @ApiProperty({ type: [BoardItemDto] }) items: BoardItemDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty({ type: BoardCountsDto, description: 'Stops per status over the same filter (without status)' }) counts: BoardCountsDto;
}
