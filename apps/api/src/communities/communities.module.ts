import { Module } from '@nestjs/common';
import { PlatformModule } from '../platform/platform.module';
import { CommunitiesController } from './communities.controller';
import { CommunitiesService } from './communities.service';
import { CommunityImportService } from './community-import.service';
import { GeoService } from './geo.service';
import { NeedsController } from './needs.controller';
import { NeedsService } from './needs.service';

@Module({
  imports: [PlatformModule],
  controllers: [CommunitiesController, NeedsController],
  providers: [CommunitiesService, CommunityImportService, GeoService, NeedsService],
  exports: [CommunitiesService, NeedsService],
})
export class CommunitiesModule {}
