import { Module } from '@nestjs/common';
import { PlatformModule } from '../platform/platform.module';
import { AlertsService } from './alerts.service';
import { CatalogController } from './catalog.controller';
import { CatalogService } from './catalog.service';
import { CountsController } from './counts.controller';
import { CountsService } from './counts.service';
import { StockController } from './stock.controller';
import { StockService } from './stock.service';
import { StockLedgerService } from './stock-ledger.service';

@Module({
  imports: [PlatformModule],
  controllers: [CatalogController, StockController, CountsController],
  providers: [StockLedgerService, CatalogService, StockService, CountsService, AlertsService],
  /** Deliveries reserve, release, dispatch and return through the ledger inside their own transaction. */
  exports: [StockLedgerService, AlertsService, CatalogService, CountsService],
})
export class InventoryModule {}
