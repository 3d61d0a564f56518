import { Body, Controller, Get, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public, Roles } from '../platform/auth/access-policy.decorators';
import { CurrentUser, type AuthenticatedUser } from '../platform/auth/authenticated-user';
import { DomainError } from '../platform/errors/domain-error';
import { UuidParam } from '../platform/http/uuid-param';
import { Idempotent } from '../platform/idempotency/idempotent.decorator';
import { CampaignsService } from './campaigns.service';
import {
  CampaignDto,
  CampaignPageDto,
  CampaignQueryDto,
  CreateCampaignDto,
  PublicCampaignDetailDto,
  PublicCampaignListDto,
  UpdateCampaignDto,
} from './dto/campaign.dto';

@ApiTags('donations')
@ApiBearerAuth()
@Controller('api/v1/donations/campaigns')
export class CampaignsController {
  constructor(private readonly campaigns: CampaignsService) {}

  @Get()
  @Roles('admin', 'fundraiser', 'coordinator')
  @ApiOkResponse({ type: CampaignPageDto })
  list(@Query() query: CampaignQueryDto): Promise<CampaignPageDto> {
    return this.campaigns.list(query);
  }

  @Get(':id')
  @Roles('admin', 'fundraiser', 'coordinator')
  @ApiOkResponse({ type: CampaignDto })
  get(@UuidParam('id') id: string): Promise<CampaignDto> {
    return this.campaigns.get(id);
  }

  @Post()
  @Roles('admin', 'fundraiser')
  @Idempotent()
  @ApiCreatedResponse({ type: CampaignDto })
  create(@CurrentUser() user: AuthenticatedUser, @Body() body: CreateCampaignDto): Promise<CampaignDto> {
    return this.campaigns.create(user, body);
  }

  @Patch(':id')
  @Roles('admin', 'fundraiser')
  @ApiOkResponse({ type: CampaignDto })
  update(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string, @Body() body: UpdateCampaignDto): Promise<CampaignDto> {
    return this.campaigns.update(user, id, body);
  }
}

/** Public campaign pages: progress, milestones and where the aid went. No personal data. */
@ApiTags('public')
@Controller('api/v1/public/campaigns')
export class PublicCampaignsController {
  constructor(private readonly campaigns: CampaignsService) {}

  @Get()
  @Public()
  @ApiOkResponse({ type: PublicCampaignListDto })
  list(): Promise<PublicCampaignListDto> {
    return this.campaigns.publicList();
  }

  @Get(':slug')
  @Public()
  @ApiOkResponse({ type: PublicCampaignDetailDto })
  get(@Param('slug') slug: string): Promise<PublicCampaignDetailDto> {
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug) || slug.length > 80) {
      throw new DomainError('NOT_FOUND', HttpStatus.NOT_FOUND);
    }
    return this.campaigns.publicGet(slug);
  }
}
