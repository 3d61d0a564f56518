import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { CatalogService } from '../inventory/catalog.service';
import { CreateItemDto, CreateKitTypeDto } from '../inventory/dto/catalog.dto';
import { ItemEntity } from '../inventory/item.entity';
import { KitComponentEntity, KitTypeEntity } from '../inventory/kit-type.entity';
import { AuditService } from '../platform/audit/audit.service';
import { TransactionRunner } from '../platform/transaction/transaction-runner';
import {
  emptyToUndefined,
  groupBy,
  ImportReport,
  indexIn,
  inSavepoint,
  parseBoolean,
  parseCsv,
  parseNumber,
  reject,
  RowRejected,
  sameOnEveryRow,
  toCsv,
  validateRow,
  type CsvRecord,
} from './csv-exchange';
import type { ExchangeImportReportDto } from './dto/exchange.dto';

/**
 * One flat file for the catalogue: a `record` column says what a row is.
 * - `item`: one row per item, keyed by `code` (the SKU).
 * - `kit`: one row per component of the current version of a kit type, keyed by `code`; the kit's
 *   own columns repeat on each of its rows and must agree.
 */
export const CATALOG_COLUMNS = [
  'record',
  'code',
  'name_es',
  'name_en',
  'category',
  'unit',
  'pack_size',
  'unit_weight_kg',
  'unit_volume_l',
  'perishable',
  'storage',
  'active',
  'households_served',
  'days_covered',
  'component_sku',
  'component_quantity',
] as const;
const REQUIRED = ['record', 'code', 'name_es', 'name_en', 'category'] as const;
const KIT_COLUMNS = ['name_es', 'name_en', 'category', 'households_served', 'days_covered'] as const;

const ITEM_FIELD_TO_COLUMN: Record<string, string> = {
  sku: 'code',
  nameEs: 'name_es',
  nameEn: 'name_en',
  category: 'category',
  unit: 'unit',
  packSize: 'pack_size',
  unitWeightKg: 'unit_weight_kg',
  unitVolumeL: 'unit_volume_l',
  perishable: 'perishable',
  storage: 'storage',
};
const KIT_FIELD_TO_COLUMN: Record<string, string> = {
  code: 'code',
  nameEs: 'name_es',
  nameEn: 'name_en',
  category: 'category',
  householdsServed: 'households_served',
  daysCovered: 'days_covered',
  components: 'component_sku',
};
const itemColumn = (field: string): string => ITEM_FIELD_TO_COLUMN[field.split('.')[0] ?? ''] ?? 'code';
const kitColumn = (field: string): string => {
  if (/^components\.\d+\.quantity$/.test(field)) return 'component_quantity';
  return KIT_FIELD_TO_COLUMN[field.split('.')[0] ?? ''] ?? 'code';
};

type Row = Record<(typeof CATALOG_COLUMNS)[number], string | number | null>;

/** Items and kit types as CSV: export, and an import that upserts by code (kits get a new version when their bill changes). */
@Injectable()
export class CatalogExchangeService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
    private readonly catalog: CatalogService,
  ) {}

  async exportCsv(): Promise<string> {
    const manager = this.transactions.reader();
    const items = await manager.find(ItemEntity, { order: { sku: 'ASC' } });
    const kits = await manager.find(KitTypeEntity, { where: { isCurrent: true }, order: { code: 'ASC' } });
    const components = kits.length
      ? await manager.find(KitComponentEntity, { where: { kitTypeId: In(kits.map((k) => k.id)) }, relations: { item: true } })
      : [];
    const rows: Row[] = items.map((i) => ({
      record: 'item',
      code: i.sku,
      name_es: i.nameEs,
      name_en: i.nameEn,
      category: i.category,
      unit: i.unit,
      pack_size: i.packSize,
      unit_weight_kg: Number(i.unitWeightKg),
      unit_volume_l: Number(i.unitVolumeL),
      perishable: String(i.perishable),
      storage: i.storage,
      active: String(i.active),
      households_served: null,
      days_covered: null,
      component_sku: null,
      component_quantity: null,
    }));
    for (const k of kits) {
      const own = components.filter((c) => c.kitTypeId === k.id).sort((a, b) => (a.item?.sku ?? '').localeCompare(b.item?.sku ?? ''));
      for (const c of own) {
        rows.push({
          record: 'kit',
          code: k.code,
          name_es: k.nameEs,
          name_en: k.nameEn,
          category: k.category,
          unit: null,
          pack_size: null,
          unit_weight_kg: null,
          unit_volume_l: null,
          perishable: null,
          storage: null,
          active: null,
          households_served: k.householdsServed,
          days_covered: k.daysCovered,
          component_sku: c.item?.sku ?? '',
          component_quantity: c.quantity,
        });
      }
    }
    return toCsv(CATALOG_COLUMNS, rows);
  }

  importCsv(csv: string, partial: boolean): Promise<ExchangeImportReportDto> {
    const records = parseCsv(csv, CATALOG_COLUMNS, REQUIRED);
    return this.transactions.run(async (manager) => {
      const report = new ImportReport();
      const itemRecords: CsvRecord[] = [];
      const kitRecords: CsvRecord[] = [];
      for (const r of records) {
        const kind = r.cells.record?.toLowerCase();
        if (kind === 'item') itemRecords.push(r);
        else if (kind === 'kit') kitRecords.push(r);
        else report.reject([r.line], r.cells.code || null, [{ field: 'record', message: 'record must be item or kit' }]);
      }
      // Items first, whatever the order in the file: kits of the same file may use new items.
      const seenSkus = new Set<string>();
      for (const r of itemRecords) {
        const sku = r.cells.code ?? '';
        if (seenSkus.has(sku)) {
          report.reject([r.line], sku, [{ field: 'code', message: `item ${sku} appears twice in the file` }]);
          continue;
        }
        seenSkus.add(sku);
        const result = await inSavepoint(manager, itemColumn, () => this.upsertItem(manager, r));
        if (result.ok) report.add([r.line], sku, result.value.status, result.value.id);
        else report.reject([r.line], sku, result.errors);
      }
      for (const group of groupBy(kitRecords, (r) => r.cells.code ?? '')) {
        const lines = group.records.map((r) => r.line);
        const differs = sameOnEveryRow(group.records, KIT_COLUMNS);
        if (differs) {
          report.reject(lines, group.key, differs.errors, differs.line);
          continue;
        }
        let at = lines[0] ?? 0;
        const result = await inSavepoint(manager, kitColumn, () => this.upsertKit(manager, group.records, (line) => (at = line)));
        if (result.ok) report.add(lines, group.key, result.value.status, result.value.id);
        else report.reject(lines, group.key, result.errors, at);
      }
      const done = report.finish(partial);
      await this.audit.record(manager, {
        action: 'exchange.catalog_imported',
        entityType: 'inventory_item',
        summary: `Catalogue CSV import: ${done.created} rows created, ${done.updated} updated, ${done.unchanged} unchanged, ${done.rejected} rejected`,
      });
      return done;
    });
  }

  private async upsertItem(manager: EntityManager, r: CsvRecord): Promise<{ status: 'created' | 'updated' | 'unchanged'; id: string }> {
    const c = r.cells;
    const { dto, errors } = await validateRow(
      CreateItemDto,
      {
        sku: c.code,
        nameEs: c.name_es,
        nameEn: c.name_en,
        category: c.category,
        unit: c.unit,
        packSize: parseNumber(c.pack_size),
        unitWeightKg: parseNumber(c.unit_weight_kg),
        unitVolumeL: parseNumber(c.unit_volume_l),
        perishable: parseBoolean(c.perishable, false),
        storage: emptyToUndefined(c.storage),
      },
      itemColumn,
    );
    const active = parseBoolean(c.active, true);
    if (typeof active !== 'boolean') errors.push({ field: 'active', message: 'active must be true or false' });
    if (errors.length) throw new RowRejected(errors);
    const existing = await manager.findOneBy(ItemEntity, { sku: dto.sku });
    if (!existing) {
      const created = await this.catalog.createItem(dto);
      if (active === false) await this.setItem(manager, created.id, { active: false }, dto.sku);
      return { status: 'created', id: created.id };
    }
    if (existing.unit !== dto.unit || (existing.packSize ?? undefined) !== dto.packSize) {
      throw reject(
        'unit',
        `the unit of item ${dto.sku} (${existing.unit}${existing.packSize ? ` of ${existing.packSize}` : ''}) cannot change: stock is counted in it`,
      );
    }
    const next = {
      nameEs: dto.nameEs.trim(),
      nameEn: dto.nameEn.trim(),
      category: dto.category,
      unitWeightKg: dto.unitWeightKg,
      unitVolumeL: dto.unitVolumeL,
      perishable: dto.perishable,
      storage: dto.storage ?? 'ambient',
      active: active as boolean,
    };
    const same =
      existing.nameEs === next.nameEs &&
      existing.nameEn === next.nameEn &&
      existing.category === next.category &&
      Number(existing.unitWeightKg) === next.unitWeightKg &&
      Number(existing.unitVolumeL) === next.unitVolumeL &&
      existing.perishable === next.perishable &&
      existing.storage === next.storage &&
      existing.active === next.active;
    if (same) return { status: 'unchanged', id: existing.id };
    await this.setItem(
      manager,
      existing.id,
      { ...next, unitWeightKg: String(next.unitWeightKg), unitVolumeL: String(next.unitVolumeL) },
      existing.sku,
    );
    return { status: 'updated', id: existing.id };
  }

  /** Items have no update use case of their own yet; the import's one is audited like every mutation. */
  private async setItem(manager: EntityManager, id: string, values: Partial<ItemEntity>, sku: string): Promise<void> {
    await manager.update(ItemEntity, { id }, values);
    await this.audit.record(manager, {
      action: 'inventory.item_updated',
      entityType: 'inventory_item',
      entityId: id,
      summary: `Item ${sku} updated by CSV import`,
    });
  }

  private async upsertKit(
    manager: EntityManager,
    records: CsvRecord[],
    blame: (line: number) => void,
  ): Promise<{ status: 'created' | 'updated' | 'unchanged'; id: string }> {
    const first = records[0];
    const c = first.cells;
    const skus = records.map((r) => r.cells.component_sku ?? '');
    const items = await manager.findBy(ItemEntity, { sku: In(skus.filter(Boolean)) });
    const idOf = new Map(items.map((i) => [i.sku, i.id]));
    const seen = new Set<string>();
    for (const r of records) {
      const sku = r.cells.component_sku ?? '';
      blame(r.line);
      if (!sku) throw reject('component_sku', 'component_sku is required on a kit row');
      if (!idOf.has(sku)) throw reject('component_sku', `unknown item ${sku}`);
      if (seen.has(sku)) throw reject('component_sku', `item ${sku} appears twice in kit ${c.code}`);
      seen.add(sku);
    }
    blame(first.line);
    const components = records.map((r) => ({
      itemId: idOf.get(r.cells.component_sku ?? '') as string,
      quantity: parseNumber(r.cells.component_quantity),
    }));
    const { dto, errors, paths } = await validateRow(
      CreateKitTypeDto,
      {
        code: c.code,
        nameEs: c.name_es,
        nameEn: c.name_en,
        category: c.category,
        householdsServed: parseNumber(c.households_served),
        daysCovered: parseNumber(c.days_covered),
        components,
      },
      kitColumn,
    );
    if (errors.length) {
      const index = indexIn(paths, 'components');
      if (index !== undefined) blame(records[index]?.line ?? first.line);
      throw new RowRejected(errors);
    }
    const current = await manager.findOneBy(KitTypeEntity, { code: dto.code, isCurrent: true });
    if (!current) {
      const created = await this.catalog.createKitType(dto);
      return { status: 'created', id: created.id };
    }
    if (current.category !== dto.category) {
      throw reject('category', `the category of kit ${dto.code} (${current.category}) cannot change; create a kit type with another code`);
    }
    const existing = await manager.findBy(KitComponentEntity, { kitTypeId: current.id });
    const bill = (list: Array<{ itemId: string; quantity: number }>): string =>
      list
        .map((x) => `${x.itemId}:${x.quantity}`)
        .sort()
        .join(',');
    const same =
      current.nameEs === dto.nameEs.trim() &&
      current.nameEn === dto.nameEn.trim() &&
      current.householdsServed === dto.householdsServed &&
      current.daysCovered === dto.daysCovered &&
      bill(existing) === bill(dto.components);
    if (same) return { status: 'unchanged', id: current.id };
    const next = await this.catalog.newKitVersion(current.id, {
      nameEs: dto.nameEs,
      nameEn: dto.nameEn,
      householdsServed: dto.householdsServed,
      daysCovered: dto.daysCovered,
      components: dto.components,
    });
    return { status: 'updated', id: next.id };
  }
}
