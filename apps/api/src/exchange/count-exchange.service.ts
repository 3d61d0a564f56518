import { Injectable } from '@nestjs/common';
import { CountsService } from '../inventory/counts.service';
import { actorOf } from '../inventory/catalog.service';
import { RecordCountDto } from '../inventory/dto/count-alert.dto';
import { CountSessionEntity } from '../inventory/stock.entities';
import { StockLedgerService } from '../inventory/stock-ledger.service';
import { AuditService } from '../platform/audit/audit.service';
import type { AuthenticatedUser } from '../platform/auth/authenticated-user';
import { notFound } from '../platform/errors/domain-error';
import { TransactionRunner } from '../platform/transaction/transaction-runner';
import {
  emptyToUndefined,
  ImportReport,
  inSavepoint,
  parseCsv,
  parseNumber,
  reject,
  RowRejected,
  toCsv,
  validateRow,
} from './csv-exchange';
import type { ExchangeImportReportDto } from './dto/exchange.dto';

/**
 * The count sheet: one row per line of a count session (a lot with stock when the count was
 * opened). `kind`, `code`, `version` (kits only) and `lot_code` identify the lot; `counted`,
 * `reason_code` and `note` are filled in by hand; the other columns are for reading only.
 */
export const COUNT_COLUMNS = [
  'kind',
  'code',
  'version',
  'name',
  'lot_code',
  'expiry_date',
  'expected',
  'counted',
  'reason_code',
  'note',
] as const;
const REQUIRED = ['kind', 'code', 'lot_code', 'counted'] as const;
const FIELD_TO_COLUMN: Record<string, string> = { counted: 'counted', reasonCode: 'reason_code', note: 'note' };
const columnOf = (field: string): string => FIELD_TO_COLUMN[field] ?? 'counted';

interface SheetLine {
  line_id: string;
  kind: 'item' | 'kit';
  code: string;
  version: number | null;
  name: string;
  lot_code: string;
  expiry_date: string | null;
  expected: number;
  counted: number | null;
  adjusted: number;
}

const keyOf = (kind: string, code: string, version: string | number | null, lotCode: string): string =>
  `${kind}|${code}|${kind === 'kit' ? String(version ?? '') : ''}|${lotCode}`;

/** Count sheets out, counted quantities in (through the counts use case, line by line). */
@Injectable()
export class CountExchangeService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
    private readonly counts: CountsService,
    private readonly ledger: StockLedgerService,
  ) {}

  async exportCsv(sessionId: string): Promise<string> {
    const manager = this.transactions.reader();
    if (!(await manager.existsBy(CountSessionEntity, { id: sessionId }))) throw notFound();
    const lines = await this.sheet(sessionId);
    return toCsv(
      COUNT_COLUMNS,
      lines.map((l) => ({ ...l, reason_code: null, note: null })),
    );
  }

  importCsv(user: AuthenticatedUser, sessionId: string, csv: string, partial: boolean): Promise<ExchangeImportReportDto> {
    const records = parseCsv(csv, COUNT_COLUMNS, REQUIRED);
    return this.transactions.run(async (manager) => {
      const session = await manager.findOneBy(CountSessionEntity, { id: sessionId });
      if (!session) throw notFound();
      // Who may write to the warehouse is a property of the request, not of a row.
      await this.ledger.writableWarehouse(manager, actorOf(user), session.warehouseId);
      const byKey = new Map((await this.sheet(sessionId)).map((l) => [keyOf(l.kind, l.code, l.version, l.lot_code), l]));
      const report = new ImportReport();
      const seen = new Set<string>();
      for (const r of records) {
        const c = r.cells;
        const key = keyOf((c.kind ?? '').toLowerCase(), c.code ?? '', c.version ?? '', c.lot_code ?? '');
        const name = c.lot_code || null;
        const result = await inSavepoint(manager, columnOf, async () => {
          const kind = (c.kind ?? '').toLowerCase();
          if (kind !== 'item' && kind !== 'kit') throw reject('kind', 'kind must be item or kit');
          if (seen.has(key)) throw reject('lot_code', `lot ${c.lot_code} of ${c.code} appears twice in the file`);
          seen.add(key);
          const line = byKey.get(key);
          if (!line) {
            const codeKnown = [...byKey.values()].some((l) => l.kind === kind && l.code === c.code);
            if (!codeKnown) throw reject('code', `${kind} ${c.code}${kind === 'kit' ? ` v${c.version}` : ''} is not in this count`);
            throw reject('lot_code', `lot ${c.lot_code} of ${c.code} is not in this count`);
          }
          if (emptyToUndefined(c.counted) === undefined) return { status: 'unchanged' as const, id: line.line_id };
          const { dto, errors } = await validateRow(
            RecordCountDto,
            { counted: parseNumber(c.counted), reasonCode: emptyToUndefined(c.reason_code), note: emptyToUndefined(c.note) },
            columnOf,
          );
          if (errors.length) throw new RowRejected(errors);
          const outstanding = dto.counted - line.expected - line.adjusted;
          if (line.counted === dto.counted && (outstanding === 0 || !dto.reasonCode))
            return { status: 'unchanged' as const, id: line.line_id };
          await this.counts.record(user, sessionId, line.line_id, dto);
          return { status: 'updated' as const, id: line.line_id };
        });
        if (result.ok) report.add([r.line], name, result.value.status, result.value.id);
        else report.reject([r.line], name, result.errors);
      }
      const done = report.finish(partial);
      await this.audit.record(manager, {
        action: 'exchange.count_imported',
        entityType: 'count_session',
        entityId: sessionId,
        summary: `Count sheet import: ${done.updated} lines recorded, ${done.unchanged} unchanged, ${done.rejected} rejected`,
      });
      return done;
    });
  }

  private async sheet(sessionId: string): Promise<SheetLine[]> {
    const rows: Array<Record<string, unknown>> = await this.transactions.reader().query(
      `SELECT c.id AS line_id, CASE WHEN l.item_id IS NULL THEN 'kit' ELSE 'item' END AS kind,
              COALESCE(i.sku, k.code) AS code, k.version, COALESCE(i.name_es, k.name_es) AS name,
              l.lot_code, l.expiry_date::text AS expiry_date, c.expected, c.counted, c.adjusted
         FROM stock_count_lines c JOIN stock_lots l ON l.id = c.lot_id
         LEFT JOIN inventory_items i ON i.id = l.item_id LEFT JOIN kit_types k ON k.id = l.kit_type_id
        WHERE c.session_id = $1
        ORDER BY kind DESC, code, k.version, l.lot_code`,
      [sessionId],
    );
    return rows.map((r) => ({
      line_id: r.line_id as string,
      kind: r.kind as 'item' | 'kit',
      code: r.code as string,
      version: r.version === null ? null : Number(r.version),
      name: r.name as string,
      lot_code: r.lot_code as string,
      expiry_date: (r.expiry_date as string | null) ?? null,
      expected: Number(r.expected),
      counted: r.counted === null ? null : Number(r.counted),
      adjusted: Number(r.adjusted),
    }));
  }
}
