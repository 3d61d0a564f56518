import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { Public } from '../auth/access-policy.decorators';

export class ClientConfigDto {
  @ApiProperty({ type: String, nullable: true, description: 'Leaflet tile URL template; null = no tiles, outlines only' })
  mapTileUrl: string | null;

  @ApiProperty({ type: String, nullable: true })
  mapTileAttribution: string | null;

  @ApiProperty()
  version: string;
}

/** What the dashboard needs to know about this deployment; nothing secret. */
@ApiTags('config')
@Controller('api/v1/config')
export class ClientConfigController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Get()
  @Public()
  @ApiOkResponse({ type: ClientConfigDto })
  get(): ClientConfigDto {
    return { mapTileUrl: this.config.mapTileUrl, mapTileAttribution: this.config.mapTileAttribution, version: this.config.version };
  }
}
