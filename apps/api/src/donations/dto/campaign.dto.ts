import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsDateString,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { PageQueryDto } from '../../platform/paging/page-query.dto';
import { CAMPAIGN_STATUSES, type CampaignStatus } from '../donation.entities';

export const MINOR_PATTERN = /^(?:0|[1-9]\d{0,17})$/;
const POSITIVE_MINOR = /^[1-9]\d{0,17}$/;

export class InKindGoalDto {
  @ApiProperty({ example: 'hygiene' }) @IsString() @MinLength(2) @MaxLength(60) category: string;
  @ApiProperty({ example: 2000 }) @IsInt() @Min(1) kits: number;
}

export class CreateCampaignDto {
  @ApiProperty({ example: 'friaje-puno-2026' })
  @Matches(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
  @MaxLength(80)
  slug: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Lead organisation (admins only; defaults to yours)' })
  @IsOptional()
  @IsUUID()
  organizationId?: string;

  @ApiPropertyOptional({ type: [String], description: 'Co-organising member organisations' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  partnerOrganizationIds?: string[];

  @ApiProperty() @IsString() @MinLength(3) @MaxLength(200) titleEs: string;
  @ApiProperty() @IsString() @MinLength(3) @MaxLength(200) titleEn: string;
  @ApiProperty() @IsString() @MinLength(10) @MaxLength(10000) storyEs: string;
  @ApiProperty() @IsString() @MinLength(10) @MaxLength(10000) storyEn: string;

  @ApiProperty({ example: '500000000', description: 'Goal in PEN céntimos (S/ 5,000,000.00 = "500000000")' })
  @Matches(POSITIVE_MINOR, { message: 'goalMinor must be a positive integer of minor units' })
  goalMinor: string;

  @ApiPropertyOptional({ type: [String], example: ['50000000', '300000000', '500000000'], description: 'Milestones in PEN céntimos' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @Matches(POSITIVE_MINOR, { each: true, message: 'milestonesMinor must hold positive integers of minor units' })
  milestonesMinor?: string[];

  @ApiPropertyOptional({ type: [InKindGoalDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => InKindGoalDto)
  inKindGoals?: InKindGoalDto[];

  @ApiProperty({ format: 'date' }) @IsDateString({ strict: true }) startsOn: string;
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @IsDateString({ strict: true }) endsOn?: string;
  @ApiProperty({ example: 'Comisión de recaudación de fondos' }) @IsString() @MinLength(2) @MaxLength(200) commission: string;
  @ApiPropertyOptional({ enum: CAMPAIGN_STATUSES, default: 'draft' }) @IsOptional() @IsIn(CAMPAIGN_STATUSES) status?: CampaignStatus;
}

export class UpdateCampaignDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(3) @MaxLength(200) titleEs?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(3) @MaxLength(200) titleEn?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(10) @MaxLength(10000) storyEs?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(10) @MaxLength(10000) storyEn?: string;
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @IsDateString({ strict: true }) endsOn?: string;
  @ApiPropertyOptional({ enum: CAMPAIGN_STATUSES }) @IsOptional() @IsIn(CAMPAIGN_STATUSES) status?: CampaignStatus;
}

export class CampaignQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: CAMPAIGN_STATUSES }) @IsOptional() @IsIn(CAMPAIGN_STATUSES) status?: CampaignStatus;
}

export class MilestoneDto {
  @ApiProperty() amountMinor: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) reachedAt: string | null;
}

export class InKindProgressDto {
  @ApiProperty() category: string;
  @ApiProperty({ description: 'Goal in kits/items (0 when the campaign set none)' }) goal: number;
  @ApiProperty() received: number;
  @ApiProperty() valueMinor: string;
}

export class CampaignProgressDto {
  @ApiProperty({ description: 'Received money, net of reversals, in PEN céntimos' }) raisedMinor: string;
  @ApiProperty() goalMinor: string;
  @ApiProperty({ example: 'PEN' }) currency: string;
  @ApiProperty({ description: 'Open pledges still to be paid, PEN céntimos' }) pledgedOutstandingMinor: string;
  @ApiProperty({ description: 'Estimated value of in-kind gifts, PEN céntimos' }) inKindValueMinor: string;
  @ApiProperty() donorCount: number;
  @ApiProperty() donationCount: number;
  @ApiProperty({ description: 'Percentage of the goal, two decimals (may exceed 100)' }) percent: number;
  @ApiProperty({ type: [MilestoneDto] }) milestones: MilestoneDto[];
  @ApiProperty({ type: [InKindProgressDto] }) inKind: InKindProgressDto[];
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class CampaignDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() slug: string;
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty() organizationName: string;
  @ApiProperty({ type: [String] }) partnerOrganizationIds: string[];
  @ApiProperty() titleEs: string;
  @ApiProperty() titleEn: string;
  @ApiProperty() storyEs: string;
  @ApiProperty() storyEn: string;
  @ApiProperty() goalMinor: string;
  @ApiProperty() currency: string;
  @ApiProperty({ type: [InKindGoalDto] }) inKindGoals: InKindGoalDto[];
  @ApiProperty({ format: 'date' }) startsOn: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) endsOn: string | null;
  @ApiProperty() commission: string;
  @ApiProperty({ enum: CAMPAIGN_STATUSES }) status: CampaignStatus;
  @ApiProperty({ type: CampaignProgressDto }) progress: CampaignProgressDto;
}

export class CampaignPageDto {
  @ApiProperty({ type: [CampaignDto] }) items: CampaignDto[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() total: number;
}

/** Public view: no personal data at all; donor names only when they consented and are not anonymous. */
export class PublicDonorNameDto {
  @ApiProperty() name: string;
  @ApiProperty({ format: 'date' }) receivedOn: string;
}

export class ReachDistrictDto {
  @ApiProperty({ example: '210101' }) ubigeo: string;
  @ApiProperty() district: string;
  @ApiProperty() province: string;
  @ApiProperty() department: string;
  @ApiProperty({ description: 'Kits dispatched funded by this campaign (proportional share, 2 decimals)' }) kitsDispatched: number;
  @ApiProperty() kitsConfirmed: number;
  @ApiProperty({ description: 'Households reached: a number, or "< 5" when fewer than five (privacy)', example: '12' })
  households: string;
}

export class WhereItWentDto {
  @ApiProperty({ description: 'Money received, PEN céntimos' }) moneyRaisedMinor: string;
  @ApiProperty({ description: 'Estimated value of in-kind gifts, PEN céntimos' }) inKindValueMinor: string;
  @ApiProperty({ description: 'In-kind kits/items received by the campaign' }) inKindUnits: number;
  @ApiProperty({ description: 'In-kind units already entered into stock (0 until inventory receives them)' }) unitsInStock: number;
  @ApiProperty({
    description:
      'Kits funded by the campaign: kit lots it funded (donated kits) plus kits assembled from lots it funded, ' +
      'in proportion to the component units it funded (2 decimals)',
  })
  kitsFunded: number;
  @ApiProperty() kitsDispatched: number;
  @ApiProperty() kitsConfirmed: number;
  @ApiProperty({ description: 'Sum over districts, "< 5" when small' }) households: string;
  @ApiProperty({ type: [ReachDistrictDto] }) districts: ReachDistrictDto[];
  @ApiProperty({ description: 'Whether delivery tracking feeds this view yet' }) deliveriesTracked: boolean;
}

export class PublicCampaignDto {
  @ApiProperty() slug: string;
  @ApiProperty() organizationName: string;
  @ApiProperty() titleEs: string;
  @ApiProperty() titleEn: string;
  @ApiProperty() storyEs: string;
  @ApiProperty() storyEn: string;
  @ApiProperty({ format: 'date' }) startsOn: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) endsOn: string | null;
  @ApiProperty() commission: string;
  @ApiProperty({ enum: CAMPAIGN_STATUSES }) status: CampaignStatus;
  @ApiProperty({ type: CampaignProgressDto }) progress: CampaignProgressDto;
}

export class PublicCampaignDetailDto extends PublicCampaignDto {
  @ApiProperty({ type: WhereItWentDto }) whereItWent: WhereItWentDto;
  @ApiProperty({ type: [PublicDonorNameDto], description: 'Latest donors who agreed to be named' }) recentDonors: PublicDonorNameDto[];
}

export class PublicCampaignListDto {
  @ApiProperty({ type: [PublicCampaignDto] }) items: PublicCampaignDto[];
}
