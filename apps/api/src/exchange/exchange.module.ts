import { Module } from '@nestjs/common';
import { DonationsModule } from '../donations/donations.module';
import { InventoryModule } from '../inventory/inventory.module';
import { PlatformModule } from '../platform/platform.module';
import { CatalogExchangeService } from './catalog-exchange.service';
import { CountExchangeService } from './count-exchange.service';
import { DonationExchangeService } from './donation-exchange.service';
import { ExchangeController } from './exchange.controller';

/** CSV exports and imports that round-trip, over the use cases of the domains they carry. */
@Module({
  imports: [PlatformModule, InventoryModule, DonationsModule],
  controllers: [ExchangeController],
  providers: [CatalogExchangeService, CountExchangeService, DonationExchangeService],
})
export class ExchangeModule {}
