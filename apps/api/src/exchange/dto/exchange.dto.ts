import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';

export const ROW_STATUSES = ['created', 'updated', 'unchanged', 'rejected'] as const;
export type RowStatus = (typeof ROW_STATUSES)[number];

export class ExchangeImportDto {
  @ApiProperty({ description: 'CSV text with a header row (the columns of the matching export; see the exchange README)' })
  @IsString()
  @MinLength(1)
  @MaxLength(900_000)
  csv: string;
}

export class ExchangeImportQueryDto {
  @ApiPropertyOptional({ description: 'Import the valid rows even when others are rejected', default: false })
  @IsOptional()
  @IsIn(['true', 'false'])
  partial?: 'true' | 'false';
}

export class ExchangeImportRowErrorDto {
  @ApiProperty({ description: 'CSV column (or `line` for a row rejected with another row of its group)' })
  field: string;

  @ApiProperty()
  message: string;
}

/** Same shape as the community import's rows, with the outcome of an upsert. */
export class ExchangeImportRowDto {
  @ApiProperty({ description: 'Line number in the file (the header is line 1)' })
  line: number;

  @ApiProperty({ enum: ROW_STATUSES })
  status: RowStatus;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'The row key: SKU / kit code, lot code or donation reference' })
  name: string | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  id: string | null;

  @ApiProperty({ type: [ExchangeImportRowErrorDto] })
  errors: ExchangeImportRowErrorDto[];
}

export type ImportRowErrorDto = ExchangeImportRowErrorDto;

export class ExchangeImportReportDto {
  @ApiProperty()
  total: number;

  @ApiProperty({ description: 'Rows not rejected (created + updated + unchanged)' })
  accepted: number;

  @ApiProperty()
  rejected: number;

  @ApiProperty()
  created: number;

  @ApiProperty()
  updated: number;

  @ApiProperty()
  unchanged: number;

  @ApiProperty({ type: [ExchangeImportRowDto] })
  rows: ExchangeImportRowDto[];
}

/** Exports with personal data say why; the reason goes to the personal-data access log and the audit log. */
export class DonationExportQueryDto {
  @ApiProperty({
    minLength: 10,
    maxLength: 160,
    description: 'Why the personal data is exported (logged)',
    example: 'Conciliación mensual con contabilidad',
  })
  @IsString()
  @MinLength(10)
  @MaxLength(160)
  reason: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only this campaign' })
  @IsOptional()
  @IsUUID()
  campaignId?: string;
}
