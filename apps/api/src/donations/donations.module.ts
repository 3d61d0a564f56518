import { Module } from '@nestjs/common';
import { InventoryModule } from '../inventory/inventory.module';
import { PlatformModule } from '../platform/platform.module';
import { CampaignsController, PublicCampaignsController } from './campaigns.controller';
import { CampaignsService } from './campaigns.service';
import { DonationsController } from './donations.controller';
import { DonationsService } from './donations.service';

@Module({
  imports: [PlatformModule, InventoryModule],
  controllers: [CampaignsController, PublicCampaignsController, DonationsController],
  providers: [CampaignsService, DonationsService],
  exports: [CampaignsService, DonationsService],
})
export class DonationsModule {}
