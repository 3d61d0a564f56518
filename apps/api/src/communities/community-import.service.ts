import { HttpStatus, Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { AuditService } from '../platform/audit/audit.service';
import type { AuthenticatedUser } from '../platform/auth/authenticated-user';
import { DomainError } from '../platform/errors/domain-error';
import { TransactionRunner } from '../platform/transaction/transaction-runner';
import { CommunitiesService } from './communities.service';
import { safeCsvCell, unescapeCsvCell } from './csv-safety';
import { CreateCommunityDto, type ImportReportDto, type ImportRowDto } from './dto/community.dto';

const MAX_ROWS = 5000;
const COLUMN_TO_FIELD: Record<string, string> = {
  name: 'name',
  district_ubigeo: 'districtUbigeo',
  place_code: 'placeCode',
  lat: 'lat',
  lon: 'lon',
  altitude_m: 'altitudeM',
  population: 'population',
  households: 'households',
  languages: 'languages',
  access_mode: 'accessMode',
  access_hours: 'accessHours',
  cut_off_months: 'cutOffMonths',
  notes: 'notes',
};
const NUMERIC = new Set(['lat', 'lon', 'altitudeM', 'population', 'households', 'accessHours']);
/** Columns of the export that are not imported (ids, names derived from codes, the coverage read model): an export re-imports as is. */
const EXPORT_ONLY = new Set(['id', 'district', 'department', 'last_delivery_at', 'total_kits']);
const LISTS = new Set(['languages', 'cutOffMonths']);

/**
 * CSV import (all rows validated first; nothing written when one is rejected unless partial) and
 * CSV export (text cells guarded against spreadsheet formula injection).
 */
@Injectable()
export class CommunityImportService {
  constructor(
    private readonly communities: CommunitiesService,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
  ) {}

  importCsv(user: AuthenticatedUser, csv: string, partial: boolean): Promise<ImportReportDto> {
    let records: Array<Record<string, string>>;
    try {
      records = parse<Record<string, string>>(csv, { columns: true, skip_empty_lines: true, trim: true, bom: true });
    } catch (error) {
      throw new DomainError('VALIDATION_FAILED', HttpStatus.BAD_REQUEST, {}, [
        { field: 'csv', code: 'csv', message: `csv could not be parsed: ${(error as Error).message}`.slice(0, 300) },
      ]);
    }
    if (records.length === 0 || records.length > MAX_ROWS) {
      throw new DomainError('VALIDATION_FAILED', HttpStatus.BAD_REQUEST, {}, [
        { field: 'csv', code: 'rows', message: `csv must have between 1 and ${MAX_ROWS} data rows` },
      ]);
    }
    const unknown = Object.keys(records[0]).filter((c) => !(c in COLUMN_TO_FIELD) && !EXPORT_ONLY.has(c));
    if (unknown.length) {
      throw new DomainError('VALIDATION_FAILED', HttpStatus.BAD_REQUEST, {}, [
        { field: 'csv', code: 'columns', message: `unknown columns: ${unknown.join(', ')}` },
      ]);
    }
    return this.transactions.run(async (manager) => {
      const rows: ImportRowDto[] = [];
      const accepted: Array<{ index: number; values: Exclude<Awaited<ReturnType<CommunitiesService['resolveValues']>>, unknown[]> }> = [];
      for (const [i, record] of records.entries()) {
        const line = i + 2;
        const dto = plainToInstance(CreateCommunityDto, toInput(record));
        const shapeErrors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
        let errors = shapeErrors.map((e) => ({ field: columnOf(e.property), message: Object.values(e.constraints ?? {}).join('; ') }));
        if (errors.length === 0) {
          const values = await this.communities.resolveValues(manager, dto);
          const ruleErrors = await this.communities.checkValues(manager, values);
          errors = ruleErrors.map((e) => ({ field: columnOf(e.field), message: e.message }));
          if (errors.length === 0 && !Array.isArray(values)) accepted.push({ index: rows.length, values });
        }
        rows.push({ line, status: errors.length ? 'rejected' : 'accepted', name: record.name || null, id: null, errors });
      }
      const rejected = rows.filter((r) => r.status === 'rejected');
      if (rejected.length && !partial) {
        throw new DomainError(
          'COMMUNITY_IMPORT_REJECTED',
          HttpStatus.UNPROCESSABLE_ENTITY,
          { rejected: rejected.length, total: rows.length },
          rejected
            .flatMap((r) => r.errors.map((e) => ({ field: `line ${r.line}: ${e.field}`, code: 'invalid', message: e.message })))
            .slice(0, 200),
        );
      }
      for (const item of accepted) {
        rows[item.index].id = await this.communities.insertCommunity(manager, item.values, [user.organizationId]);
      }
      await this.audit.record(manager, {
        action: 'community.imported',
        entityType: 'community',
        summary: `CSV import: ${accepted.length} communities imported, ${rejected.length} rows rejected`,
      });
      return { total: rows.length, accepted: accepted.length, rejected: rejected.length, rows };
    });
  }

  async exportCsv(): Promise<string> {
    const rows = await this.communities.exportRows();
    const header = Object.keys(rows[0] ?? { id: '', name: '' });
    const body = rows.map((r) =>
      header.map((k) => {
        const v: unknown = r[k];
        return safeCsvCell(v instanceof Date ? v.toISOString() : (v as string | number | null));
      }),
    );
    return stringify([header, ...body]);
  }
}

function toInput(record: Record<string, string>): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [column, cell] of Object.entries(record)) {
    const field = COLUMN_TO_FIELD[column];
    if (field === undefined || cell === '' || cell === undefined) continue;
    const raw = unescapeCsvCell(cell);
    if (NUMERIC.has(field)) input[field] = Number(raw);
    else if (field === 'cutOffMonths') input[field] = raw.split(';').map((s) => Number(s.trim()));
    else if (LISTS.has(field)) input[field] = raw.split(';').map((s) => s.trim());
    else input[field] = raw;
  }
  return input;
}

function columnOf(field: string): string {
  return Object.entries(COLUMN_TO_FIELD).find(([, f]) => f === field)?.[0] ?? field;
}
