import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
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
import { KIT_CATEGORIES, type KitCategory } from '../../inventory/kit-type.entity';
import { PageQueryDto } from '../../platform/paging/page-query.dto';
import {
  CONFIRMATION_CHANNELS,
  type ConfirmationChannel,
  REJECTION_REASONS,
  type RejectionReason,
  ROUTE_STATUSES,
  type RouteStatus,
  STOP_STATUSES,
  type StopStatus,
} from '../deliveries.entities';

/**
 * The photo travels inside the JSON body, whose limit is 1 MB: at most 900,000 base64 characters
 * (≈ 650 KB of JPEG/PNG/WebP). The confirmation page downsizes photos before sending; the service
 * also checks the magic bytes, so the declared MIME type cannot lie.
 */
export const PHOTO_MAX_CHARS = 900_000;
export const PHOTO_DATA_URL = /^data:image\/(jpeg|png|webp);base64,[A-Za-z0-9+/]+={0,2}$/;

// ------------------------------------------------------------------ requests

export class ConfirmationGpsDto {
  @ApiProperty({ minimum: -90, maximum: 90 }) @IsNumber() @Min(-90) @Max(90) lat: number;
  @ApiProperty({ minimum: -180, maximum: 180 }) @IsNumber() @Min(-180) @Max(180) lon: number;
}

export class ConfirmLineInputDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() lineId: string;
  @ApiProperty({ minimum: 0 }) @IsInt() @Min(0) @Max(1_000_000) accepted: number;
  @ApiPropertyOptional({ minimum: 0, default: 0 }) @IsOptional() @IsInt() @Min(0) @Max(1_000_000) rejected?: number;
  @ApiPropertyOptional({ enum: REJECTION_REASONS, description: 'Required when rejected > 0' })
  @IsOptional()
  @IsIn(REJECTION_REASONS)
  rejectionReason?: RejectionReason;
  @ApiPropertyOptional({ minimum: 0, description: 'Omitted: dispatched − accepted − rejected' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  missing?: number;
}

/** What every channel records (the public and app/phone bodies extend it). */
export class ProofInputDto {
  @ApiProperty({ maxLength: 200, description: 'Who received the goods' })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  receivedByName: string;

  @ApiPropertyOptional({ maxLength: 60, description: 'e.g. presidente comunal, teniente gobernador' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  receivedByRole?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'When the goods were received (default: now); not in the future' })
  @IsOptional()
  @IsISO8601({ strict: true })
  receivedAt?: string;

  @ApiPropertyOptional({ maxLength: 2000 }) @IsOptional() @IsString() @MaxLength(2000) notes?: string;

  @ApiPropertyOptional({ description: 'data:image/jpeg|png|webp;base64,… (at most 900,000 characters)', maxLength: PHOTO_MAX_CHARS })
  @IsOptional()
  @IsString()
  @MaxLength(PHOTO_MAX_CHARS)
  @Matches(PHOTO_DATA_URL)
  photo?: string;

  @ApiPropertyOptional({ type: ConfirmationGpsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ConfirmationGpsDto)
  gps?: ConfirmationGpsDto;

  @ApiProperty({ type: [ConfirmLineInputDto], description: 'Every line of the stop exactly once' })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ConfirmLineInputDto)
  lines: ConfirmLineInputDto[];
}

export class ConfirmStopDto extends ProofInputDto {
  @ApiPropertyOptional({
    enum: ['app', 'phone'],
    description: 'app (default) = the leader confirms; phone = a coordinator records what the leader read out (required for them)',
  })
  @IsOptional()
  @IsIn(['app', 'phone'])
  channel?: 'app' | 'phone';
}

export class PublicConfirmDto extends ProofInputDto {
  @ApiProperty({ description: 'The 6-character code printed on the manifest (dashes, spaces and case ignored)', example: '7K3Q9X' })
  @IsString()
  @Matches(/^[0-9A-Za-z\s-]{6,16}$/)
  code: string;
}

export class DeliveryAlertQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['open', 'resolved', 'all'], default: 'open' })
  @IsOptional()
  @IsIn(['open', 'resolved', 'all'])
  state?: 'open' | 'resolved' | 'all';
}

// ------------------------------------------------------------------ responses

export class ProofLineDto {
  @ApiProperty({ format: 'uuid' }) lineId: string;
  @ApiProperty({ format: 'uuid' }) kitTypeId: string;
  @ApiProperty() kitTypeCode: string;
  @ApiProperty() kitTypeNameEs: string;
  @ApiProperty() kitTypeNameEn: string;
  @ApiProperty({ enum: KIT_CATEGORIES }) category: KitCategory;
  @ApiProperty() quantity: number;
  @ApiProperty({ description: 'Units that left the depot' }) dispatched: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Null until confirmed' }) accepted: number | null;
  @ApiProperty() rejected: number;
  @ApiProperty({ type: String, nullable: true, enum: REJECTION_REASONS }) rejectionReason: RejectionReason | null;
  @ApiProperty() missing: number;
  @ApiProperty({ description: 'Rejected units put back into stock when the route closed' }) returned: number;
}

export class ProofTotalsDto {
  @ApiProperty() dispatched: number;
  @ApiProperty() accepted: number;
  @ApiProperty() rejected: number;
  @ApiProperty() missing: number;
}

export class ConfirmationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) stopId: string;
  @ApiProperty({ enum: CONFIRMATION_CHANNELS }) channel: ConfirmationChannel;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The leader (app) or coordinator (phone)' })
  recordedByUserId: string | null;
  @ApiProperty({ type: String, nullable: true }) recordedByName: string | null;
  @ApiProperty() receivedByName: string;
  @ApiProperty({ type: String, nullable: true }) receivedByRole: string | null;
  @ApiProperty({ format: 'date-time' }) receivedAt: string;
  @ApiProperty({ type: String, nullable: true }) notes: string | null;
  @ApiProperty() hasPhoto: boolean;
  @ApiProperty({ type: ConfirmationGpsDto, nullable: true }) gps: ConfirmationGpsDto | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: ProofTotalsDto }) totals: ProofTotalsDto;
  @ApiProperty({ type: [ProofLineDto] }) lines: ProofLineDto[];
}

export class DeliveryStopDetailDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) planId: string;
  @ApiProperty() planName: string;
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) routeId: string | null;
  @ApiProperty({ type: String, nullable: true, enum: ROUTE_STATUSES }) routeStatus: RouteStatus | null;
  @ApiProperty({ type: String, nullable: true }) vehicleName: string | null;
  @ApiProperty({ type: Number, nullable: true }) sequence: number | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) eta: string | null;
  @ApiProperty({ format: 'uuid' }) communityId: string;
  @ApiProperty() communityName: string;
  @ApiProperty() districtUbigeo: string;
  @ApiProperty() districtName: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) needRequestId: string | null;
  @ApiProperty({ enum: STOP_STATUSES }) status: StopStatus;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) deliveredAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) confirmedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) failureReason: string | null;
  @ApiProperty({ description: 'A confirmation code is outstanding (issued at loading, consumed by the confirmation)' })
  hasConfirmationCode: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) codeExpiresAt: string | null;
  @ApiProperty({ description: 'An overdue-confirmation alert is open' }) overdue: boolean;
  @ApiProperty({ type: [ProofLineDto] }) lines: ProofLineDto[];
  @ApiProperty({ type: ConfirmationDto, nullable: true }) confirmation: ConfirmationDto | null;
  @ApiProperty({ type: String, nullable: true, description: 'The confirmation photo as a data URL' }) photo: string | null;
}

export class PublicStopLineDto {
  @ApiProperty({ format: 'uuid' }) lineId: string;
  @ApiProperty() kitTypeCode: string;
  @ApiProperty() kitTypeNameEs: string;
  @ApiProperty() kitTypeNameEn: string;
  @ApiProperty({ enum: KIT_CATEGORIES }) category: KitCategory;
  @ApiProperty({ description: 'Units that left the depot for this community' }) dispatched: number;
}

/** What a code holder sees: enough to confirm offline, no personal data. */
export class PublicStopDto {
  @ApiProperty() communityName: string;
  @ApiProperty() districtName: string;
  @ApiProperty() provinceName: string;
  @ApiProperty() departmentName: string;
  @ApiProperty() organizationName: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) eta: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) codeExpiresAt: string | null;
  @ApiProperty({ type: [PublicStopLineDto], description: 'In manifest order (the order of SMS groups)' }) lines: PublicStopLineDto[];
}

export class MyStopDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() planName: string;
  @ApiProperty() organizationName: string;
  @ApiProperty({ format: 'uuid' }) communityId: string;
  @ApiProperty() communityName: string;
  @ApiProperty({ enum: STOP_STATUSES }) status: StopStatus;
  @ApiProperty({ enum: ROUTE_STATUSES }) routeStatus: RouteStatus;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) eta: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) deliveredAt: string | null;
  @ApiProperty({ type: [PublicStopLineDto] }) lines: PublicStopLineDto[];
}

export class MyStopPageDto {
  @ApiProperty({ type: [MyStopDto] }) items: MyStopDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class DeliveryAlertDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['confirmation_overdue'] }) kind: 'confirmation_overdue';
  @ApiProperty({ format: 'uuid' }) stopId: string;
  @ApiProperty({ format: 'uuid' }) planId: string;
  @ApiProperty() planName: string;
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty() communityName: string;
  @ApiProperty() message: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) deliveredAt: string | null;
  @ApiProperty({ format: 'date-time' }) raisedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) resolvedAt: string | null;
}

export class DeliveryAlertPageDto {
  @ApiProperty({ type: [DeliveryAlertDto] }) items: DeliveryAlertDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class DeliveryAlertRunDto {
  @ApiProperty({ description: 'False when another instance already ran this tick' }) ran: boolean;
  @ApiProperty() tick: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) runId: string | null;
  @ApiProperty() alertsRaised: number;
  @ApiProperty() alertsResolved: number;
}

export class SmsReplyDto {
  @ApiProperty({ description: 'Spanish text for the gateway to send back (GSM-7, ≤ 160 characters)' }) reply: string;
}
