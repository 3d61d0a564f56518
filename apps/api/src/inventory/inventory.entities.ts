import { ItemEntity } from './item.entity';
import { KitComponentEntity, KitTypeEntity } from './kit-type.entity';
import {
  CountLineEntity,
  CountSessionEntity,
  InventoryJobRunEntity,
  ReorderLevelEntity,
  StockAlertEntity,
  StockLotEntity,
  StockMovementEntity,
  StockReservationEntity,
  StockTransferEntity,
} from './stock.entities';
import { WarehouseEntity } from './warehouse.entity';

export const INVENTORY_ENTITIES = [
  ItemEntity,
  KitTypeEntity,
  KitComponentEntity,
  WarehouseEntity,
  StockLotEntity,
  StockMovementEntity,
  StockReservationEntity,
  StockTransferEntity,
  ReorderLevelEntity,
  CountSessionEntity,
  CountLineEntity,
  StockAlertEntity,
  InventoryJobRunEntity,
];
