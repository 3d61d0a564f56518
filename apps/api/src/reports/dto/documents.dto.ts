import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, Matches } from 'class-validator';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export const DOCUMENT_FORMATS = ['csv', 'pdf'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

/** Donor report: money by month and kits by district; without a range, the whole campaign. */
export class DonorReportQueryDto {
  @ApiPropertyOptional({ format: 'date', example: '2026-05-01', description: 'First day (default: no lower bound)' })
  @IsOptional()
  @Matches(DATE_ONLY, { message: 'from must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date', example: '2026-12-31', description: 'Last day, not before `from` (default: no upper bound)' })
  @IsOptional()
  @Matches(DATE_ONLY, { message: 'to must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ enum: DOCUMENT_FORMATS, default: 'csv' })
  @IsOptional()
  @IsIn(DOCUMENT_FORMATS)
  format?: DocumentFormat;
}

/** Stock report: a snapshot of today (no range). */
export class StockReportQueryDto {
  @ApiPropertyOptional({ enum: DOCUMENT_FORMATS, default: 'csv' })
  @IsOptional()
  @IsIn(DOCUMENT_FORMATS)
  format?: DocumentFormat;
}

/** Ledger export: movements of the range (Lima days, both included). Default: the last 365 days up to today. */
export class LedgerQueryDto {
  @ApiPropertyOptional({ format: 'date', example: '2026-01-01', description: 'First day (default: 365 days ago)' })
  @IsOptional()
  @Matches(DATE_ONLY, { message: 'from must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date', example: '2026-12-31', description: 'Last day, not before `from` (default: today)' })
  @IsOptional()
  @Matches(DATE_ONLY, { message: 'to must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  to?: string;
}
