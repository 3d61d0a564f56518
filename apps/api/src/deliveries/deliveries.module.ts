import { Module } from '@nestjs/common';
import { InventoryModule } from '../inventory/inventory.module';
import { PlatformModule } from '../platform/platform.module';

/**
 * Delivery plans, routes, dispatch, proof of delivery and its channels. Stock moves through the
 * inventory ledger inside the deliveries' own transactions.
 */
@Module({
  imports: [PlatformModule, InventoryModule],
  controllers: [],
  providers: [],
})
export class DeliveriesModule {}
