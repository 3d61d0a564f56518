import { HttpStatus } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { QueryFailedError, type EntityManager } from 'typeorm';
import { safeCsvCell, unescapeCsvCell } from '../communities/csv-safety';
import { DomainError } from '../platform/errors/domain-error';
import { flattenValidationErrors } from '../platform/errors/field-messages';
import { message } from '../platform/errors/messages';
import { requestContext, type Language } from '../platform/http/request-context';
import type { ExchangeImportReportDto, ExchangeImportRowDto, ImportRowErrorDto, RowStatus } from './dto/exchange.dto';
import { EXCHANGE_ERRORS } from './exchange.errors';

export const MAX_IMPORT_ROWS = 5000;

/** One data row of an uploaded CSV: its line in the file and its cells by column name. */
export interface CsvRecord {
  line: number;
  cells: Record<string, string>;
}

const language = (): Language => requestContext.current()?.language ?? 'es';

function csvError(code: string, text: string): DomainError {
  return new DomainError('VALIDATION_FAILED', HttpStatus.BAD_REQUEST, {}, [{ field: 'csv', code, message: text.slice(0, 300) }]);
}

/**
 * Parses an uploaded CSV with a header row. Unknown columns and missing required ones refuse the
 * whole file (400, field `csv`): a misspelt header would otherwise silently drop a column. Cells are
 * trimmed and a spreadsheet-escape apostrophe added by our own exports is removed again.
 */
export function parseCsv(csv: string, columns: readonly string[], required: readonly string[]): CsvRecord[] {
  let parsed: Array<{ record: Record<string, string>; info: { lines: number } }>;
  try {
    parsed = parse(csv, {
      columns: (header: string[]) => header.map((c) => c.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: true,
      bom: true,
      info: true,
    }) as unknown as Array<{ record: Record<string, string>; info: { lines: number } }>;
  } catch (error) {
    throw csvError('csv', `csv could not be parsed: ${(error as Error).message}`);
  }
  if (parsed.length === 0 || parsed.length > MAX_IMPORT_ROWS)
    throw csvError('rows', `csv must have between 1 and ${MAX_IMPORT_ROWS} data rows`);
  const header = Object.keys(parsed[0]?.record ?? {});
  const unknown = header.filter((c) => !columns.includes(c));
  if (unknown.length) throw csvError('columns', `unknown columns: ${unknown.join(', ')}`);
  const missing = required.filter((c) => !header.includes(c));
  if (missing.length) throw csvError('columns', `missing columns: ${missing.join(', ')}`);
  return parsed.map(({ record, info }) => ({
    line: info.lines,
    cells: Object.fromEntries(Object.entries(record).map(([k, v]) => [k, unescapeCsvCell(v ?? '')])),
  }));
}

/** A CSV document whose every text cell is guarded against formula injection (numbers stay numbers). */
export function toCsv(header: readonly string[], rows: ReadonlyArray<Record<string, string | number | null | undefined>>): string {
  return stringify([header, ...rows.map((r) => header.map((k) => safeCsvCell(r[k])))]);
}

/**
 * Validates a DTO built from a row with class-validator; errors name CSV columns (`columnOf` maps
 * DTO paths to columns). `paths` keeps the DTO paths (e.g. `lines.2.quantity`) to find the row of a group.
 */
export async function validateRow<T extends object>(
  cls: new () => T,
  input: Record<string, unknown>,
  columnOf: (field: string) => string,
): Promise<{ dto: T; errors: ImportRowErrorDto[]; paths: string[] }> {
  const dto = plainToInstance(cls, input);
  const failures = flattenValidationErrors(await validate(dto, { whitelist: true, forbidNonWhitelisted: true }), language());
  const errors = failures.map((e) => ({ field: columnOf(e.field), message: e.message.replace(e.field, columnOf(e.field)) }));
  return { dto, errors, paths: failures.map((e) => e.field) };
}

/** The index of the first element of `list` named by a validation path like `lines.2.quantity`. */
export function indexIn(paths: string[], list: string): number | undefined {
  for (const p of paths) {
    const m = new RegExp(`^${list}\\.(\\d+)\\.`).exec(p);
    if (m) return Number(m[1]);
  }
  return undefined;
}

/** Thrown by an importer for a row it refuses itself (before or instead of calling a use case). */
export class RowRejected extends Error {
  constructor(readonly errors: ImportRowErrorDto[]) {
    super('row rejected');
  }
}

export const reject = (field: string, text: string): RowRejected => new RowRejected([{ field, message: text }]);

/**
 * Runs one row (or group of rows) of an import inside a SAVEPOINT of the import's transaction: a
 * use case that refuses it (DomainError, a constraint of the database) is rolled back to the
 * savepoint and reported on the row; everything else the row did stays. The use cases join the
 * import's transaction through TransactionRunner, so their own checks and audit rows apply.
 */
export async function inSavepoint<T>(
  manager: EntityManager,
  columnOf: (field: string) => string,
  work: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; errors: ImportRowErrorDto[] }> {
  await manager.query('SAVEPOINT exchange_row');
  try {
    const value = await work();
    await manager.query('RELEASE SAVEPOINT exchange_row');
    return { ok: true, value };
  } catch (error) {
    const errors = rowErrors(error, columnOf);
    if (!errors) throw error;
    await manager.query('ROLLBACK TO SAVEPOINT exchange_row');
    return { ok: false, errors };
  }
}

function rowErrors(error: unknown, columnOf: (field: string) => string): ImportRowErrorDto[] | null {
  if (error instanceof RowRejected) return error.errors;
  if (error instanceof DomainError) {
    const detail = message(error.code, language(), error.params).detail;
    if (!error.errors?.length) return [{ field: columnOf(''), message: detail }];
    return error.errors.map((e) => ({ field: columnOf(e.field), message: e.message && e.message !== e.field ? e.message : detail }));
  }
  if (error instanceof QueryFailedError) {
    const driver = error.driverError as { code?: string; constraint?: string };
    if (driver.code && ['23505', '23514', '23503'].includes(driver.code)) {
      return [{ field: columnOf(''), message: `refused by the database (${driver.constraint ?? driver.code})` }];
    }
  }
  return null;
}

/** Collects the per-row report; rows of one group (a kit, a donation with lines) share an outcome. */
export class ImportReport {
  private readonly rows: ExchangeImportRowDto[] = [];

  add(lines: number[], name: string | null, status: Exclude<RowStatus, 'rejected'>, id: string | null): void {
    for (const line of lines) this.rows.push({ line, status, name, id, errors: [] });
  }

  /** The errors go on `at` (default: the group's first line); the group's other lines point at it. */
  reject(lines: number[], name: string | null, errors: ImportRowErrorDto[], at: number = lines[0] ?? 0): void {
    for (const line of lines) {
      const rowErrors = line === at ? errors : [{ field: 'line', message: `rejected together with line ${at}` }];
      this.rows.push({ line, status: 'rejected', name, id: null, errors: rowErrors });
    }
  }

  /**
   * The report, or — when a row was rejected and `partial` is off — a 422 that rolls the whole
   * import back (the caller throws it inside its transaction).
   */
  finish(partial: boolean): ExchangeImportReportDto {
    const rows = [...this.rows].sort((a, b) => a.line - b.line);
    const count = (s: RowStatus): number => rows.filter((r) => r.status === s).length;
    const rejected = rows.filter((r) => r.status === 'rejected');
    if (rejected.length && !partial) {
      throw new DomainError(
        EXCHANGE_ERRORS.EXCHANGE_IMPORT_REJECTED,
        HttpStatus.UNPROCESSABLE_ENTITY,
        { rejected: rejected.length, total: rows.length },
        rejected
          .flatMap((r) => r.errors.map((e) => ({ field: `line ${r.line}: ${e.field}`, code: 'invalid', message: e.message })))
          .slice(0, 200),
      );
    }
    return {
      total: rows.length,
      accepted: rows.length - rejected.length,
      rejected: rejected.length,
      created: count('created'),
      updated: count('updated'),
      unchanged: count('unchanged'),
      rows,
    };
  }
}

/** Rows of a flat file that describe one thing (a kit, a donation): grouped by key, in file order. */
export function groupBy(records: CsvRecord[], key: (r: CsvRecord) => string): Array<{ key: string; records: CsvRecord[] }> {
  const groups = new Map<string, CsvRecord[]>();
  for (const r of records) {
    const k = key(r);
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  return [...groups.entries()].map(([k, rs]) => ({ key: k, records: rs }));
}

/** The group's columns that must agree on every row; the first row that differs, with its error. */
export function sameOnEveryRow(records: CsvRecord[], columns: readonly string[]): { line: number; errors: ImportRowErrorDto[] } | null {
  const [first, ...rest] = records;
  if (!first) return null;
  for (const r of rest) {
    for (const c of columns) {
      if ((r.cells[c] ?? '') !== (first.cells[c] ?? '')) {
        return { line: r.line, errors: [{ field: c, message: `${c} differs from line ${first.line} of the same group` }] };
      }
    }
  }
  return null;
}

/** "true/false", "yes/no", "sí/no", "1/0" → boolean; empty → fallback; anything else stays a string (and fails validation). */
export function parseBoolean(value: string | undefined, fallback?: boolean): boolean | string | undefined {
  const v = (value ?? '').trim().toLowerCase();
  if (v === '') return fallback;
  if (['true', 'yes', 'si', 'sí', '1'].includes(v)) return true;
  if (['false', 'no', '0'].includes(v)) return false;
  return value;
}

/** "12" → 12, "" → undefined, "abc" → "abc" (left for the validator to refuse with the column's name). */
export function parseNumber(value: string | undefined): number | string | undefined {
  const v = (value ?? '').trim();
  if (v === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : v;
}

export const emptyToUndefined = (value: string | undefined): string | undefined =>
  value === undefined || value.trim() === '' ? undefined : value.trim();
