import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDateString,
  IsEmail,
  IsIn,
  IsInt,
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
import { PageQueryDto } from '../../platform/paging/page-query.dto';
import {
  DONATION_CURRENCIES,
  DONATION_KINDS,
  DONATION_METHODS,
  DONOR_KINDS,
  ENTRY_TYPES,
  PLEDGE_STATUSES,
  TAX_ID_TYPES,
  type DonationCurrency,
  type DonationKind,
  type DonationMethod,
  type DonorKind,
  type EntryType,
  type PledgeStatus,
  type TaxIdType,
} from '../donation.entities';
import { RATE_PATTERN } from '../money';
import { MINOR_PATTERN } from './campaign.dto';

const POSITIVE_MINOR = /^[1-9]\d{0,17}$/;

export class CreateDonorDto {
  @ApiProperty({ enum: DONOR_KINDS }) @IsIn(DONOR_KINDS) kind: DonorKind;
  @ApiProperty({ example: 'María Quispe Huamán' }) @IsString() @MinLength(2) @MaxLength(200) name: string;
  @ApiPropertyOptional() @IsOptional() @IsEmail() @MaxLength(254) email?: string;
  @ApiPropertyOptional({ example: '+51 987 654 321' })
  @IsOptional()
  @Matches(/^\+?[\d ()-]{6,30}$/)
  phone?: string;
  @ApiPropertyOptional({ enum: TAX_ID_TYPES }) @IsOptional() @IsIn(TAX_ID_TYPES) taxIdType?: TaxIdType;
  @ApiPropertyOptional({ description: 'DNI (8 digits) or RUC (11 digits); personal data' })
  @IsOptional()
  @Matches(/^[A-Z0-9]{8,20}$/)
  taxId?: string;
  @ApiPropertyOptional({ default: false }) @IsOptional() @IsBoolean() anonymous?: boolean;
  @ApiPropertyOptional({ default: false, description: 'Agrees to be named on public pages' })
  @IsOptional()
  @IsBoolean()
  consentToBePublic?: boolean;
}

export class DonorQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) q?: string;
}

export class DonorDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: DONOR_KINDS }) kind: DonorKind;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) email: string | null;
  @ApiProperty({ type: String, nullable: true }) phone: string | null;
  @ApiProperty({ type: String, nullable: true, enum: TAX_ID_TYPES }) taxIdType: TaxIdType | null;
  @ApiProperty({ type: String, nullable: true }) taxId: string | null;
  @ApiProperty() anonymous: boolean;
  @ApiProperty() consentToBePublic: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class DonorPageDto {
  @ApiProperty({ type: [DonorDto] }) items: DonorDto[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() total: number;
}

export class DonationLineInputDto {
  @ApiProperty({ example: 'Kit de higiene familiar' }) @IsString() @MinLength(2) @MaxLength(200) description: string;
  @ApiProperty({ example: 'hygiene' }) @IsString() @MinLength(2) @MaxLength(60) category: string;
  @ApiProperty({ example: 50 }) @IsInt() @Min(1) @Max(1_000_000) quantity: number;
  @ApiProperty({ example: '4500', description: 'Estimated value per unit, PEN céntimos' })
  @Matches(MINOR_PATTERN)
  unitValueMinor: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Catalogue item (to receive into stock)' }) @IsOptional() @IsUUID() itemId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Kit type (to receive into stock)' }) @IsOptional() @IsUUID() kitTypeId?: string;
  @ApiPropertyOptional({ description: 'Lot code (default DON-<receipt>)' }) @IsOptional() @IsString() @MaxLength(60) lotCode?: string;
  @ApiPropertyOptional({ format: 'date', description: 'Expiry, required for perishables' })
  @IsOptional()
  @IsDateString({ strict: true })
  expiryDate?: string;
}

export class CreateDonationDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() campaignId: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() donorId: string;
  @ApiProperty({ enum: DONATION_KINDS }) @IsIn(DONATION_KINDS) kind: DonationKind;

  @ApiPropertyOptional({ example: '15000', description: 'Money: amount in minor units of `currency`' })
  @IsOptional()
  @Matches(POSITIVE_MINOR, { message: 'amountMinor must be a positive integer of minor units' })
  amountMinor?: string;
  @ApiPropertyOptional({ enum: DONATION_CURRENCIES }) @IsOptional() @IsIn(DONATION_CURRENCIES) currency?: DonationCurrency;
  @ApiPropertyOptional({ example: '3.7512', description: 'PEN per 1 unit of a foreign currency on the day (up to 6 decimals)' })
  @IsOptional()
  @Matches(RATE_PATTERN, { message: 'exchangeRate must be a decimal like 3.7512' })
  exchangeRate?: string;
  @ApiPropertyOptional({ enum: DONATION_METHODS }) @IsOptional() @IsIn(DONATION_METHODS) method?: DonationMethod;
  @ApiPropertyOptional({ example: 'OP-00123456' }) @IsOptional() @IsString() @MinLength(3) @MaxLength(80) bankReference?: string;

  @ApiPropertyOptional({ type: [DonationLineInputDto], description: 'In-kind: the goods' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => DonationLineInputDto)
  lines?: DonationLineInputDto[];

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'In-kind: warehouse that receives the goods as stock lots in the same transaction (every line then needs itemId or kitTypeId)',
  })
  @IsOptional()
  @IsUUID()
  warehouseId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Pledge this payment fulfils' }) @IsOptional() @IsUUID() pledgeId?: string;
  @ApiProperty({ format: 'date' }) @IsDateString({ strict: true }) receivedOn: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) note?: string;
}

export class ReverseDonationDto {
  @ApiProperty({ example: 'Devolución solicitada por el donante' }) @IsString() @MinLength(3) @MaxLength(500) reason: string;
}

export class DonationQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() campaignId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() donorId?: string;
}

export class DonationLineDto {
  @ApiProperty() description: string;
  @ApiProperty() category: string;
  @ApiProperty() quantity: number;
  @ApiProperty() unitValueMinor: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) itemId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) kitTypeId: string | null;
}

export class DonationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) campaignId: string;
  @ApiProperty({ format: 'uuid' }) donorId: string;
  @ApiProperty() donorName: string;
  @ApiProperty({ enum: DONATION_KINDS }) kind: DonationKind;
  @ApiProperty({ enum: ENTRY_TYPES }) entryType: EntryType;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) reversesId: string | null;
  @ApiProperty() amountMinor: string;
  @ApiProperty({ enum: DONATION_CURRENCIES }) currency: DonationCurrency;
  @ApiProperty({ type: String, nullable: true }) exchangeRate: string | null;
  @ApiProperty({ description: 'PEN céntimos (estimated value for in-kind)' }) amountPenMinor: string;
  @ApiProperty({ type: String, nullable: true, enum: DONATION_METHODS }) method: DonationMethod | null;
  @ApiProperty({ type: String, nullable: true }) bankReference: string | null;
  @ApiProperty({ format: 'date' }) receivedOn: string;
  @ApiProperty({ type: String, nullable: true, example: 'RED-MINKA-2026-000042' }) receiptNumber: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) pledgeId: string | null;
  @ApiProperty() receivedIntoStock: boolean;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) warehouseId: string | null;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ type: [DonationLineDto] }) lines: DonationLineDto[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class DonationPageDto {
  @ApiProperty({ type: [DonationDto] }) items: DonationDto[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() total: number;
}

export class CreatePledgeDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() campaignId: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() donorId: string;
  @ApiProperty({ example: '1000000', description: 'Promised amount, PEN céntimos' })
  @Matches(POSITIVE_MINOR, { message: 'amountMinor must be a positive integer of minor units' })
  amountMinor: string;
  @ApiProperty({ format: 'date' }) @IsDateString({ strict: true }) dueOn: string;
}

export class PledgeDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) campaignId: string;
  @ApiProperty({ format: 'uuid' }) donorId: string;
  @ApiProperty() amountMinor: string;
  @ApiProperty() fulfilledMinor: string;
  @ApiProperty({ format: 'date' }) dueOn: string;
  @ApiProperty({ enum: PLEDGE_STATUSES }) status: PledgeStatus;
}

export class PledgePageDto {
  @ApiProperty({ type: [PledgeDto] }) items: PledgeDto[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() total: number;
}

export class PledgeQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() campaignId?: string;
}

export class BankImportDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() campaignId: string;
  @ApiProperty({
    description:
      'CSV with a header: fecha (YYYY-MM-DD), referencia, monto (decimal, e.g. 150.00), moneda (PEN/USD/EUR), ' +
      'tipo_cambio (for USD/EUR), donante, documento (optional DNI/RUC), email (optional)',
  })
  @IsString()
  @MinLength(10)
  @MaxLength(900_000)
  csv: string;
}

export class BankImportRowDto {
  @ApiProperty({ description: 'Line in the file (header = 1)' }) line: number;
  @ApiProperty({ enum: ['imported', 'duplicate', 'error'] }) status: 'imported' | 'duplicate' | 'error';
  @ApiProperty({ type: String, nullable: true }) bankReference: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) donationId: string | null;
  @ApiProperty({ type: String, nullable: true }) receiptNumber: string | null;
  @ApiProperty({ type: String, nullable: true }) error: string | null;
}

export class BankImportReportDto {
  @ApiProperty() imported: number;
  @ApiProperty() duplicates: number;
  @ApiProperty() errors: number;
  @ApiProperty({ type: [BankImportRowDto] }) rows: BankImportRowDto[];
}
