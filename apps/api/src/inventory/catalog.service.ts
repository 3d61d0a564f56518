import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In } from 'typeorm';
import { DistrictEntity } from '../geography/geography.entities';
import { OrganizationEntity } from '../organizations/organization.entity';
import { AuditService } from '../platform/audit/audit.service';
import type { AuthenticatedUser } from '../platform/auth/authenticated-user';
import { DomainError, notFound } from '../platform/errors/domain-error';
import { pageWindow } from '../platform/paging/page-query.dto';
import { TransactionRunner } from '../platform/transaction/transaction-runner';
import { UserEntity } from '../users/user.entity';
import {
  type CreateItemDto,
  type CreateKitTypeDto,
  type CreateWarehouseDto,
  ItemDto,
  type ItemPageDto,
  type ItemQueryDto,
  type KitComponentInputDto,
  KitTypeDto,
  type KitTypePageDto,
  type KitTypeQueryDto,
  type NewKitVersionDto,
  type ReorderLevelDto,
  type SetReorderLevelDto,
  type UpdateWarehouseDto,
  WarehouseDto,
  type WarehouseListDto,
} from './dto/catalog.dto';
import { fieldError, INVENTORY_ERRORS } from './inventory.errors';
import { ItemEntity } from './item.entity';
import { KitComponentEntity, KitTypeEntity } from './kit-type.entity';
import { StockLedgerService } from './stock-ledger.service';
import { WarehouseEntity } from './warehouse.entity';

/** Items, kit types (versioned bills of materials), warehouses and reorder levels. */
@Injectable()
export class CatalogService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
    private readonly ledger: StockLedgerService,
  ) {}

  async listItems(query: ItemQueryDto): Promise<ItemPageDto> {
    const { page, pageSize, skip } = pageWindow(query);
    const qb = this.dataSource.getRepository(ItemEntity).createQueryBuilder('i');
    if (query.category) qb.andWhere('i.category = :c', { c: query.category });
    if (query.q) {
      const q = `%${query.q.replace(/[%_\\]/g, '\\$&')}%`;
      qb.andWhere('(i.sku ILIKE :q OR i.name_es ILIKE :q OR i.name_en ILIKE :q)', { q });
    }
    const [rows, total] = await qb.orderBy('i.sku', 'ASC').skip(skip).take(pageSize).getManyAndCount();
    return { items: rows.map((i) => ItemDto.from(i)), total, page, pageSize };
  }

  createItem(input: CreateItemDto): Promise<ItemDto> {
    if ((input.unit === 'pack') !== (input.packSize !== undefined)) {
      throw fieldError('packSize', 'packSize', 'packSize is required for unit pack and only for it');
    }
    return this.transactions.run(async (manager) => {
      if (await manager.existsBy(ItemEntity, { sku: input.sku })) {
        throw new DomainError(INVENTORY_ERRORS.SKU_TAKEN, HttpStatus.CONFLICT, { sku: input.sku }, [
          { field: 'sku', code: 'unique', message: 'sku' },
        ]);
      }
      const row = await manager.save(
        manager.create(ItemEntity, {
          sku: input.sku,
          nameEs: input.nameEs.trim(),
          nameEn: input.nameEn.trim(),
          category: input.category,
          unit: input.unit,
          packSize: input.packSize ?? null,
          unitWeightKg: String(input.unitWeightKg),
          unitVolumeL: String(input.unitVolumeL),
          perishable: input.perishable,
          storage: input.storage ?? 'ambient',
        }),
      );
      await this.audit.record(manager, {
        action: 'inventory.item_created',
        entityType: 'inventory_item',
        entityId: row.id,
        summary: `Item ${row.sku} created`,
      });
      return ItemDto.from(row);
    });
  }

  async listKitTypes(query: KitTypeQueryDto): Promise<KitTypePageDto> {
    const { page, pageSize, skip } = pageWindow(query);
    const [rows, total] = await this.dataSource.getRepository(KitTypeEntity).findAndCount({
      where: query.allVersions === 'true' ? {} : { isCurrent: true },
      order: { code: 'ASC', version: 'DESC' },
      skip,
      take: pageSize,
    });
    return { items: await this.kitDtos(this.dataSource.manager, rows), total, page, pageSize };
  }

  async getKitType(id: string): Promise<KitTypeDto> {
    const row = await this.dataSource.getRepository(KitTypeEntity).findOneBy({ id });
    if (!row) throw notFound();
    const [dto] = await this.kitDtos(this.dataSource.manager, [row]);
    return dto;
  }

  createKitType(input: CreateKitTypeDto): Promise<KitTypeDto> {
    return this.transactions.run(async (manager) => {
      await this.assertComponents(manager, input.components);
      if (await manager.existsBy(KitTypeEntity, { code: input.code })) {
        throw new DomainError(INVENTORY_ERRORS.SKU_TAKEN, HttpStatus.CONFLICT, { sku: input.code }, [
          { field: 'code', code: 'unique', message: 'code' },
        ]);
      }
      const kit = await manager.save(
        manager.create(KitTypeEntity, {
          code: input.code,
          version: 1,
          isCurrent: true,
          nameEs: input.nameEs.trim(),
          nameEn: input.nameEn.trim(),
          category: input.category,
          householdsServed: input.householdsServed,
          daysCovered: input.daysCovered,
        }),
      );
      await manager.insert(
        KitComponentEntity,
        input.components.map((c) => ({ kitTypeId: kit.id, itemId: c.itemId, quantity: c.quantity })),
      );
      await this.audit.record(manager, {
        action: 'inventory.kit_type_created',
        entityType: 'kit_type',
        entityId: kit.id,
        summary: `Kit type ${kit.code} v1 created`,
      });
      const [dto] = await this.kitDtos(manager, [kit]);
      return dto;
    });
  }

  /** Changing the bill of materials never edits a version: it supersedes it. */
  newKitVersion(id: string, input: NewKitVersionDto): Promise<KitTypeDto> {
    return this.transactions.run(async (manager) => {
      const previous = await manager.findOne(KitTypeEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!previous) throw notFound();
      if (!previous.isCurrent) {
        const current = await manager.findOneBy(KitTypeEntity, { code: previous.code, isCurrent: true });
        throw new DomainError(INVENTORY_ERRORS.KIT_TYPE_NOT_CURRENT, HttpStatus.CONFLICT, {
          current: current?.version ?? previous.version,
        });
      }
      await this.assertComponents(manager, input.components);
      await manager.update(KitTypeEntity, { id: previous.id }, { isCurrent: false });
      const kit = await manager.save(
        manager.create(KitTypeEntity, {
          code: previous.code,
          version: previous.version + 1,
          isCurrent: true,
          nameEs: input.nameEs?.trim() ?? previous.nameEs,
          nameEn: input.nameEn?.trim() ?? previous.nameEn,
          category: previous.category,
          householdsServed: input.householdsServed ?? previous.householdsServed,
          daysCovered: input.daysCovered ?? previous.daysCovered,
        }),
      );
      await manager.insert(
        KitComponentEntity,
        input.components.map((c) => ({ kitTypeId: kit.id, itemId: c.itemId, quantity: c.quantity })),
      );
      await this.audit.record(manager, {
        action: 'inventory.kit_type_versioned',
        entityType: 'kit_type',
        entityId: kit.id,
        summary: `Kit type ${kit.code} v${kit.version} supersedes v${previous.version}`,
      });
      const [dto] = await this.kitDtos(manager, [kit]);
      return dto;
    });
  }

  async listWarehouses(): Promise<WarehouseListDto> {
    const rows = await this.dataSource.getRepository(WarehouseEntity).find({ order: { name: 'ASC' }, take: 100 });
    const districts = await this.districtNames(rows.map((r) => r.districtUbigeo));
    return {
      items: rows.map((w) => WarehouseDto.from(w, districts.get(w.districtUbigeo) ?? null)),
      total: rows.length,
      page: 1,
      pageSize: 100,
    };
  }

  createWarehouse(actor: AuthenticatedUser, input: CreateWarehouseDto): Promise<WarehouseDto> {
    const organizationId = input.organizationId ?? actor.organizationId;
    if (organizationId !== actor.organizationId && !actor.roles.includes('admin')) {
      throw new DomainError(INVENTORY_ERRORS.WAREHOUSE_NOT_ACCESSIBLE, HttpStatus.FORBIDDEN);
    }
    return this.transactions.run(async (manager) => {
      if (!(await manager.existsBy(OrganizationEntity, { id: organizationId })))
        throw fieldError('organizationId', 'exists', 'organizationId does not exist');
      await this.assertDistrict(manager, input.districtUbigeo);
      await this.assertResponsibles(manager, organizationId, input.responsibleUserIds ?? []);
      if (await manager.existsBy(WarehouseEntity, { organizationId, name: input.name.trim() })) {
        throw new DomainError(INVENTORY_ERRORS.SKU_TAKEN, HttpStatus.CONFLICT, { sku: input.name }, [
          { field: 'name', code: 'unique', message: 'name' },
        ]);
      }
      const row = await manager.save(
        manager.create(WarehouseEntity, {
          organizationId,
          name: input.name.trim(),
          latitude: input.latitude,
          longitude: input.longitude,
          districtUbigeo: input.districtUbigeo,
          capacityM3: String(input.capacityM3),
          responsibleUserIds: input.responsibleUserIds ?? [],
        }),
      );
      await this.audit.record(manager, {
        action: 'inventory.warehouse_created',
        entityType: 'warehouse',
        entityId: row.id,
        summary: `Warehouse ${row.name} created`,
      });
      const districts = await this.districtNames([row.districtUbigeo], manager);
      return WarehouseDto.from(row, districts.get(row.districtUbigeo) ?? null);
    });
  }

  updateWarehouse(actor: AuthenticatedUser, id: string, input: UpdateWarehouseDto): Promise<WarehouseDto> {
    return this.transactions.run(async (manager) => {
      if (!(await manager.existsBy(WarehouseEntity, { id }))) throw notFound();
      const row = await this.ledger.writableWarehouse(manager, actorOf(actor), id);
      if (input.responsibleUserIds) await this.assertResponsibles(manager, row.organizationId, input.responsibleUserIds);
      if (input.name !== undefined) row.name = input.name.trim();
      if (input.capacityM3 !== undefined) row.capacityM3 = String(input.capacityM3);
      if (input.responsibleUserIds !== undefined) row.responsibleUserIds = input.responsibleUserIds;
      if (input.active !== undefined) row.active = input.active;
      const saved = await manager.save(row);
      await this.audit.record(manager, {
        action: 'inventory.warehouse_updated',
        entityType: 'warehouse',
        entityId: id,
        summary: `Warehouse ${row.name} updated`,
      });
      const districts = await this.districtNames([row.districtUbigeo], manager);
      return WarehouseDto.from(saved, districts.get(row.districtUbigeo) ?? null);
    });
  }

  setReorderLevel(actor: AuthenticatedUser, input: SetReorderLevelDto): Promise<ReorderLevelDto> {
    return this.transactions.run(async (manager) => {
      await this.ledger.writableWarehouse(manager, actorOf(actor), input.warehouseId);
      const subject = await this.ledger.subjectInfo(manager, input, '');
      await manager.query(
        `INSERT INTO stock_reorder_levels (warehouse_id, item_id, kit_type_id, level) VALUES ($1, $2, $3, $4)
         ON CONFLICT (warehouse_id, (COALESCE(item_id, kit_type_id))) DO UPDATE SET level = EXCLUDED.level`,
        [input.warehouseId, subject.itemId, subject.kitTypeId, input.level],
      );
      await this.audit.record(manager, {
        action: 'inventory.reorder_level_set',
        entityType: 'warehouse',
        entityId: input.warehouseId,
        summary: `Reorder level of ${subject.name} set to ${input.level}`,
      });
      return { warehouseId: input.warehouseId, itemId: subject.itemId, kitTypeId: subject.kitTypeId, level: input.level };
    });
  }

  private async kitDtos(manager: EntityManager, kits: KitTypeEntity[]): Promise<KitTypeDto[]> {
    if (kits.length === 0) return [];
    const components = await manager.find(KitComponentEntity, {
      where: { kitTypeId: In(kits.map((k) => k.id)) },
      relations: { item: true },
    });
    return kits.map((k) =>
      KitTypeDto.from(
        k,
        components
          .filter((c) => c.kitTypeId === k.id)
          .map((c) => ({ item: c.item as ItemEntity, quantity: c.quantity }))
          .sort((a, b) => a.item.sku.localeCompare(b.item.sku)),
      ),
    );
  }

  private async assertComponents(manager: EntityManager, components: KitComponentInputDto[]): Promise<void> {
    const ids = components.map((c) => c.itemId);
    if (new Set(ids).size !== ids.length) throw fieldError('components', 'arrayUnique', 'an item appears twice in the bill of materials');
    const found = await manager.countBy(ItemEntity, { id: In(ids) });
    if (found !== ids.length) throw fieldError('components', 'exists', 'an itemId does not exist');
  }

  private async assertDistrict(manager: EntityManager, ubigeo: string): Promise<void> {
    if (!(await manager.existsBy(DistrictEntity, { ubigeo }))) throw fieldError('districtUbigeo', 'exists', 'unknown district UBIGEO');
  }

  private async assertResponsibles(manager: EntityManager, organizationId: string, userIds: string[]): Promise<void> {
    if (userIds.length === 0) return;
    const found = await manager.countBy(UserEntity, { id: In(userIds), organizationId });
    if (found !== userIds.length)
      throw fieldError('responsibleUserIds', 'exists', 'responsible users must exist in the warehouse organisation');
  }

  private async districtNames(ubigeos: string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, string>> {
    if (ubigeos.length === 0) return new Map();
    const rows = await manager.find(DistrictEntity, { where: { ubigeo: In([...new Set(ubigeos)]) } });
    return new Map(rows.map((d) => [d.ubigeo, d.name]));
  }
}

export function actorOf(user: AuthenticatedUser): { id: string; organizationId: string; roles: readonly string[] } {
  return { id: user.id, organizationId: user.organizationId, roles: user.roles };
}
