import { Body, Controller, Get, Header, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AnyRole, Roles } from '../platform/auth/access-policy.decorators';
import { CurrentUser, type AuthenticatedUser } from '../platform/auth/authenticated-user';
import { UuidParam } from '../platform/http/uuid-param';
import { Idempotent } from '../platform/idempotency/idempotent.decorator';
import { CommunitiesService } from './communities.service';
import { CommunityImportService } from './community-import.service';
import {
  CommunityDto,
  CommunityPageDto,
  CommunityQueryDto,
  CreateCommunityDto,
  ImportCommunitiesDto,
  ImportQueryDto,
  ImportReportDto,
} from './dto/community.dto';
import { GeoFeatureCollectionDto, GeoQueryDto } from './dto/geo.dto';
import { CreateLeaderDto, LeaderDto } from './dto/leader.dto';
import { CreateNeedDto, NeedDetailDto } from './dto/need.dto';
import { AreaFilterQueryDto, PlacePageDto } from './dto/place.dto';
import { GeoService } from './geo.service';
import { NeedsService } from './needs.service';

@ApiTags('communities')
@ApiBearerAuth()
@Controller('api/v1')
export class CommunitiesController {
  constructor(
    private readonly communities: CommunitiesService,
    private readonly imports: CommunityImportService,
    private readonly geo: GeoService,
    private readonly needs: NeedsService,
  ) {}

  @Get('places')
  @AnyRole()
  @ApiOkResponse({ type: PlacePageDto, description: 'INEI populated places (centros poblados), searched ignoring accents and case' })
  places(@Query() query: AreaFilterQueryDto): Promise<PlacePageDto> {
    return this.communities.searchPlaces(query);
  }

  @Get('communities')
  @AnyRole()
  @ApiOkResponse({ type: CommunityPageDto })
  list(@Query() query: CommunityQueryDto): Promise<CommunityPageDto> {
    return this.communities.list(query);
  }

  @Get('communities/geo')
  @AnyRole()
  @ApiOkResponse({ type: GeoFeatureCollectionDto, description: 'GeoJSON; clusters with counts at low zoom' })
  geoJson(@Query() query: GeoQueryDto): Promise<GeoFeatureCollectionDto> {
    return this.geo.features(query);
  }

  @Get('communities/export.csv')
  @Roles('admin', 'coordinator')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="comunidades.csv"')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'Communities as CSV (text cells guarded against formula injection)', schema: { type: 'string' } })
  exportCsv(): Promise<string> {
    return this.imports.exportCsv();
  }

  @Post('communities/import')
  @Roles('admin', 'coordinator')
  @ApiCreatedResponse({ type: ImportReportDto })
  importCsv(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: ImportQueryDto,
    @Body() body: ImportCommunitiesDto,
  ): Promise<ImportReportDto> {
    return this.imports.importCsv(user, body.csv, query.partial === 'true');
  }

  @Post('communities')
  @Roles('admin', 'coordinator')
  @Idempotent()
  @ApiCreatedResponse({ type: CommunityDto })
  create(@CurrentUser() user: AuthenticatedUser, @Body() body: CreateCommunityDto): Promise<CommunityDto> {
    return this.communities.create(user, body);
  }

  @Get('communities/:id')
  @AnyRole()
  @ApiOkResponse({ type: CommunityDto })
  get(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string): Promise<CommunityDto> {
    return this.communities.get(user, id);
  }

  @Get('communities/:id/leaders')
  @Roles('admin', 'coordinator')
  @ApiOkResponse({ type: [LeaderDto], description: 'Personal data: each read is written to the personal-data access log' })
  leaders(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string): Promise<LeaderDto[]> {
    return this.communities.listLeaders(user, id, 'GET /api/v1/communities/:id/leaders');
  }

  @Post('communities/:id/leaders')
  @Roles('admin', 'coordinator')
  @ApiCreatedResponse({ type: LeaderDto })
  addLeader(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string, @Body() body: CreateLeaderDto): Promise<LeaderDto> {
    return this.communities.addLeader(user, id, body);
  }

  @Post('communities/:id/needs')
  @Roles('admin', 'coordinator', 'leader')
  @Idempotent()
  @ApiCreatedResponse({ type: NeedDetailDto })
  createNeed(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string, @Body() body: CreateNeedDto): Promise<NeedDetailDto> {
    return this.needs.create(user, id, body);
  }
}
