import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { ItemEntity } from './item.entity';

export const KIT_CATEGORIES = ['hygiene', 'food', 'medical', 'water_sanitation', 'shelter', 'other'] as const;
export type KitCategory = (typeof KIT_CATEGORIES)[number];

/**
 * One version of a kit's bill of materials. Changing the bill creates a new row with the same code
 * and version + 1; the previous version stops being current. Assembled kits point to their version.
 */
@Entity({ name: 'kit_types' })
@Index('uq_kit_types_code_version', ['code', 'version'], { unique: true })
@Index('uq_kit_types_current', ['code'], { unique: true, where: 'is_current' })
@Check('ck_kit_types_category', `category IN ('hygiene','food','medical','water_sanitation','shelter','other')`)
@Check('ck_kit_types_numbers', `version >= 1 AND households_served >= 1 AND days_covered >= 0`)
export class KitTypeEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 40 })
  code: string;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'boolean', default: true, name: 'is_current' })
  isCurrent: boolean;

  @Column({ type: 'varchar', length: 200, name: 'name_es' })
  nameEs: string;

  @Column({ type: 'varchar', length: 200, name: 'name_en' })
  nameEn: string;

  @Column({ type: 'varchar', length: 20 })
  category: KitCategory;

  @Column({ type: 'integer', name: 'households_served' })
  householdsServed: number;

  @Column({ type: 'integer', name: 'days_covered' })
  daysCovered: number;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}

@Entity({ name: 'kit_components' })
@Check('ck_kit_components_quantity', `quantity > 0`)
export class KitComponentEntity {
  @PrimaryColumn({ type: 'uuid', name: 'kit_type_id' })
  kitTypeId: string;

  @PrimaryColumn({ type: 'uuid', name: 'item_id' })
  itemId: string;

  @Column({ type: 'integer' })
  quantity: number;

  @ManyToOne(() => KitTypeEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'kit_type_id', foreignKeyConstraintName: 'fk_kit_components_kit_type' })
  kitType?: KitTypeEntity;

  @Index('ix_kit_components_item')
  @ManyToOne(() => ItemEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'item_id', foreignKeyConstraintName: 'fk_kit_components_item' })
  item?: ItemEntity;
}
