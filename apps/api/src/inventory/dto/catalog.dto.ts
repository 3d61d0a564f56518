import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsLatitude,
  IsLongitude,
  IsNumber,
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
  ITEM_CATEGORIES,
  ITEM_UNITS,
  type ItemCategory,
  type ItemEntity,
  type ItemUnit,
  STORAGE_KINDS,
  type StorageKind,
} from '../item.entity';
import { KIT_CATEGORIES, type KitCategory, type KitTypeEntity } from '../kit-type.entity';
import type { WarehouseEntity } from '../warehouse.entity';

export class CreateItemDto {
  @ApiProperty({ example: 'HIG-JAB-090' }) @IsString() @Matches(/^[A-Z0-9][A-Z0-9-]{1,39}$/) sku: string;
  @ApiProperty({ example: 'Jabón de tocador 90 g' }) @IsString() @MinLength(2) @MaxLength(200) nameEs: string;
  @ApiProperty({ example: 'Bar soap 90 g' }) @IsString() @MinLength(2) @MaxLength(200) nameEn: string;
  @ApiProperty({ enum: ITEM_CATEGORIES }) @IsIn(ITEM_CATEGORIES) category: ItemCategory;
  @ApiProperty({ enum: ITEM_UNITS }) @IsIn(ITEM_UNITS) unit: ItemUnit;
  @ApiPropertyOptional({ description: 'Units per pack, when unit = pack' }) @IsOptional() @IsInt() @Min(2) @Max(10000) packSize?: number;
  @ApiProperty({ example: 0.09 }) @IsNumber({ maxDecimalPlaces: 3 }) @Min(0) @Max(10000) unitWeightKg: number;
  @ApiProperty({ example: 0.1 }) @IsNumber({ maxDecimalPlaces: 3 }) @Min(0) @Max(10000) unitVolumeL: number;
  @ApiProperty() @IsBoolean() perishable: boolean;
  @ApiPropertyOptional({ enum: STORAGE_KINDS, default: 'ambient' }) @IsOptional() @IsIn(STORAGE_KINDS) storage?: StorageKind;
}

export class ItemDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() sku: string;
  @ApiProperty() nameEs: string;
  @ApiProperty() nameEn: string;
  @ApiProperty({ enum: ITEM_CATEGORIES }) category: ItemCategory;
  @ApiProperty({ enum: ITEM_UNITS }) unit: ItemUnit;
  @ApiProperty({ type: Number, nullable: true }) packSize: number | null;
  @ApiProperty() unitWeightKg: number;
  @ApiProperty() unitVolumeL: number;
  @ApiProperty() perishable: boolean;
  @ApiProperty({ enum: STORAGE_KINDS }) storage: StorageKind;
  @ApiProperty() active: boolean;

  static from(i: ItemEntity): ItemDto {
    return {
      id: i.id,
      sku: i.sku,
      nameEs: i.nameEs,
      nameEn: i.nameEn,
      category: i.category,
      unit: i.unit,
      packSize: i.packSize,
      unitWeightKg: Number(i.unitWeightKg),
      unitVolumeL: Number(i.unitVolumeL),
      perishable: i.perishable,
      storage: i.storage,
      active: i.active,
    };
  }
}

export class ItemQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ITEM_CATEGORIES }) @IsOptional() @IsIn(ITEM_CATEGORIES) category?: ItemCategory;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) q?: string;
}

export class ItemPageDto {
  @ApiProperty({ type: [ItemDto] }) items: ItemDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class KitComponentInputDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() itemId: string;
  @ApiProperty({ minimum: 1 }) @IsInt() @Min(1) @Max(100000) quantity: number;
}

export class CreateKitTypeDto {
  @ApiProperty({ example: 'KIT-HIG-FAM' }) @IsString() @Matches(/^[A-Z0-9][A-Z0-9-]{1,39}$/) code: string;
  @ApiProperty() @IsString() @MinLength(2) @MaxLength(200) nameEs: string;
  @ApiProperty() @IsString() @MinLength(2) @MaxLength(200) nameEn: string;
  @ApiProperty({ enum: KIT_CATEGORIES }) @IsIn(KIT_CATEGORIES) category: KitCategory;
  @ApiProperty({ minimum: 1 }) @IsInt() @Min(1) @Max(1000) householdsServed: number;
  @ApiProperty({ minimum: 0 }) @IsInt() @Min(0) @Max(3650) daysCovered: number;
  @ApiProperty({ type: [KitComponentInputDto] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => KitComponentInputDto)
  components: KitComponentInputDto[];
}

/** A new bill of materials: creates version N+1; kits already assembled keep theirs. */
export class NewKitVersionDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(2) @MaxLength(200) nameEs?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(2) @MaxLength(200) nameEn?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(1000) householdsServed?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(3650) daysCovered?: number;
  @ApiProperty({ type: [KitComponentInputDto] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => KitComponentInputDto)
  components: KitComponentInputDto[];
}

export class KitComponentDto {
  @ApiProperty({ format: 'uuid' }) itemId: string;
  @ApiProperty() sku: string;
  @ApiProperty() nameEs: string;
  @ApiProperty() nameEn: string;
  @ApiProperty({ enum: ITEM_UNITS }) unit: ItemUnit;
  @ApiProperty() quantity: number;
}

export class KitTypeDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty() version: number;
  @ApiProperty() isCurrent: boolean;
  @ApiProperty() nameEs: string;
  @ApiProperty() nameEn: string;
  @ApiProperty({ enum: KIT_CATEGORIES }) category: KitCategory;
  @ApiProperty() householdsServed: number;
  @ApiProperty() daysCovered: number;
  @ApiProperty({ description: 'Derived from the bill of materials' }) weightKg: number;
  @ApiProperty({ description: 'Derived from the bill of materials' }) volumeL: number;
  @ApiProperty({ type: [KitComponentDto] }) components: KitComponentDto[];

  static from(k: KitTypeEntity, components: Array<{ item: ItemEntity; quantity: number }>): KitTypeDto {
    const round = (n: number): number => Math.round(n * 1000) / 1000;
    return {
      id: k.id,
      code: k.code,
      version: k.version,
      isCurrent: k.isCurrent,
      nameEs: k.nameEs,
      nameEn: k.nameEn,
      category: k.category,
      householdsServed: k.householdsServed,
      daysCovered: k.daysCovered,
      weightKg: round(components.reduce((s, c) => s + Number(c.item.unitWeightKg) * c.quantity, 0)),
      volumeL: round(components.reduce((s, c) => s + Number(c.item.unitVolumeL) * c.quantity, 0)),
      components: components.map((c) => ({
        itemId: c.item.id,
        sku: c.item.sku,
        nameEs: c.item.nameEs,
        nameEn: c.item.nameEn,
        unit: c.item.unit,
        quantity: c.quantity,
      })),
    };
  }
}

export class KitTypeQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Include superseded versions' })
  @IsOptional()
  @IsIn(['true', 'false'])
  allVersions?: 'true' | 'false';
}

export class KitTypePageDto {
  @ApiProperty({ type: [KitTypeDto] }) items: KitTypeDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class CreateWarehouseDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Defaults to your organisation; admins may choose' })
  @IsOptional()
  @IsUUID()
  organizationId?: string;
  @ApiProperty() @IsString() @MinLength(2) @MaxLength(200) name: string;
  @ApiProperty() @IsLatitude() latitude: number;
  @ApiProperty() @IsLongitude() longitude: number;
  @ApiProperty({ example: '080101' }) @IsString() @Matches(/^[0-9]{6}$/) districtUbigeo: string;
  @ApiProperty() @IsNumber({ maxDecimalPlaces: 2 }) @Min(0.01) @Max(1000000) capacityM3: number;
  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  responsibleUserIds?: string[];
}

export class UpdateWarehouseDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(2) @MaxLength(200) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsNumber({ maxDecimalPlaces: 2 }) @Min(0.01) @Max(1000000) capacityM3?: number;
  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  responsibleUserIds?: string[];
  @ApiPropertyOptional() @IsOptional() @IsBoolean() active?: boolean;
}

export class WarehouseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty() name: string;
  @ApiProperty() latitude: number;
  @ApiProperty() longitude: number;
  @ApiProperty() districtUbigeo: string;
  @ApiProperty({ type: String, nullable: true }) districtName: string | null;
  @ApiProperty() capacityM3: number;
  @ApiProperty({ type: [String] }) responsibleUserIds: string[];
  @ApiProperty() active: boolean;

  static from(w: WarehouseEntity, districtName: string | null = null): WarehouseDto {
    return {
      id: w.id,
      organizationId: w.organizationId,
      name: w.name,
      latitude: w.latitude,
      longitude: w.longitude,
      districtUbigeo: w.districtUbigeo,
      districtName,
      capacityM3: Number(w.capacityM3),
      responsibleUserIds: w.responsibleUserIds,
      active: w.active,
    };
  }
}

export class WarehouseListDto {
  @ApiProperty({ type: [WarehouseDto] }) items: WarehouseDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class SetReorderLevelDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() warehouseId: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() itemId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() kitTypeId?: string;
  @ApiProperty({ minimum: 0 }) @IsInt() @Min(0) @Max(10000000) level: number;
}

export class ReorderLevelDto {
  @ApiProperty({ format: 'uuid' }) warehouseId: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) itemId: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) kitTypeId: string | null;
  @ApiProperty() level: number;
}
