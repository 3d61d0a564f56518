import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { UuidParam } from '../platform/http/uuid-param';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../platform/auth/access-policy.decorators';
import { Idempotent } from '../platform/idempotency/idempotent.decorator';
import {
  CreateOrganizationDto,
  OrganizationDto,
  OrganizationPageDto,
  OrganizationQueryDto,
  UpdateOrganizationDto,
} from './dto/organization.dto';
import { OrganizationsService } from './organizations.service';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/v1/admin/organizations')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Get()
  @Roles('admin')
  @ApiOkResponse({ type: OrganizationPageDto })
  list(@Query() query: OrganizationQueryDto): Promise<OrganizationPageDto> {
    return this.organizations.list(query);
  }

  @Get(':id')
  @Roles('admin')
  @ApiOkResponse({ type: OrganizationDto })
  get(@UuidParam('id') id: string): Promise<OrganizationDto> {
    return this.organizations.get(id);
  }

  @Post()
  @Roles('admin')
  @Idempotent()
  @ApiCreatedResponse({ type: OrganizationDto })
  create(@Body() body: CreateOrganizationDto): Promise<OrganizationDto> {
    return this.organizations.create(body);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOkResponse({ type: OrganizationDto })
  update(@UuidParam('id') id: string, @Body() body: UpdateOrganizationDto): Promise<OrganizationDto> {
    return this.organizations.update(id, body);
  }
}
