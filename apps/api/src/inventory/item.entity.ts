import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const ITEM_CATEGORIES = ['hygiene', 'food', 'medical', 'water_sanitation', 'shelter', 'other'] as const;
export type ItemCategory = (typeof ITEM_CATEGORIES)[number];
export const ITEM_UNITS = ['unit', 'kg', 'l', 'pack'] as const;
export type ItemUnit = (typeof ITEM_UNITS)[number];
export const STORAGE_KINDS = ['ambient', 'cool', 'cold'] as const;
export type StorageKind = (typeof STORAGE_KINDS)[number];

/** A stock-keeping unit. Quantities of an item are whole numbers of its unit (kg, L, pack of N, unit). */
@Entity({ name: 'inventory_items' })
@Check('ck_inventory_items_category', `category IN ('hygiene','food','medical','water_sanitation','shelter','other')`)
@Check('ck_inventory_items_unit', `unit IN ('unit','kg','l','pack')`)
@Check('ck_inventory_items_pack', `(unit = 'pack') = (pack_size IS NOT NULL) AND (pack_size IS NULL OR pack_size > 1)`)
@Check('ck_inventory_items_storage', `storage IN ('ambient','cool','cold')`)
@Check('ck_inventory_items_measures', `unit_weight_kg >= 0 AND unit_volume_l >= 0`)
export class ItemEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('uq_inventory_items_sku', { unique: true })
  @Column({ type: 'varchar', length: 40 })
  sku: string;

  @Column({ type: 'varchar', length: 200, name: 'name_es' })
  nameEs: string;

  @Column({ type: 'varchar', length: 200, name: 'name_en' })
  nameEn: string;

  @Column({ type: 'varchar', length: 20 })
  category: ItemCategory;

  @Column({ type: 'varchar', length: 10 })
  unit: ItemUnit;

  @Column({ type: 'integer', nullable: true, name: 'pack_size' })
  packSize: number | null;

  @Column({ type: 'numeric', precision: 10, scale: 3, name: 'unit_weight_kg' })
  unitWeightKg: string;

  @Column({ type: 'numeric', precision: 10, scale: 3, name: 'unit_volume_l' })
  unitVolumeL: string;

  @Column({ type: 'boolean', default: false })
  perishable: boolean;

  @Column({ type: 'varchar', length: 10, default: 'ambient' })
  storage: StorageKind;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}
