import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../platform/auth/access-policy.decorators';
import { CurrentUser, type AuthenticatedUser } from '../platform/auth/authenticated-user';
import { UuidParam } from '../platform/http/uuid-param';
import { Idempotent } from '../platform/idempotency/idempotent.decorator';
import { CatalogService } from './catalog.service';
import {
  CreateItemDto,
  CreateKitTypeDto,
  CreateWarehouseDto,
  ItemDto,
  ItemPageDto,
  ItemQueryDto,
  KitTypeDto,
  KitTypePageDto,
  KitTypeQueryDto,
  NewKitVersionDto,
  ReorderLevelDto,
  SetReorderLevelDto,
  UpdateWarehouseDto,
  WarehouseDto,
  WarehouseListDto,
} from './dto/catalog.dto';

@ApiTags('inventory')
@ApiBearerAuth()
@Controller('api/v1/inventory')
export class CatalogController {
  constructor(private readonly catalog: CatalogService) {}

  @Get('items')
  @Roles('admin', 'coordinator', 'storekeeper')
  @ApiOkResponse({ type: ItemPageDto })
  listItems(@Query() query: ItemQueryDto): Promise<ItemPageDto> {
    return this.catalog.listItems(query);
  }

  @Post('items')
  @Roles('admin', 'coordinator')
  @Idempotent()
  @ApiCreatedResponse({ type: ItemDto })
  createItem(@Body() body: CreateItemDto): Promise<ItemDto> {
    return this.catalog.createItem(body);
  }

  @Get('kit-types')
  @Roles('admin', 'coordinator', 'storekeeper')
  @ApiOkResponse({ type: KitTypePageDto })
  listKitTypes(@Query() query: KitTypeQueryDto): Promise<KitTypePageDto> {
    return this.catalog.listKitTypes(query);
  }

  @Get('kit-types/:id')
  @Roles('admin', 'coordinator', 'storekeeper')
  @ApiOkResponse({ type: KitTypeDto })
  getKitType(@UuidParam('id') id: string): Promise<KitTypeDto> {
    return this.catalog.getKitType(id);
  }

  @Post('kit-types')
  @Roles('admin', 'coordinator')
  @Idempotent()
  @ApiCreatedResponse({ type: KitTypeDto })
  createKitType(@Body() body: CreateKitTypeDto): Promise<KitTypeDto> {
    return this.catalog.createKitType(body);
  }

  @Post('kit-types/:id/versions')
  @Roles('admin', 'coordinator')
  @Idempotent()
  @ApiCreatedResponse({ type: KitTypeDto, description: 'The new current version' })
  newKitVersion(@UuidParam('id') id: string, @Body() body: NewKitVersionDto): Promise<KitTypeDto> {
    return this.catalog.newKitVersion(id, body);
  }

  @Get('warehouses')
  @Roles('admin', 'coordinator', 'storekeeper')
  @ApiOkResponse({ type: WarehouseListDto })
  listWarehouses(): Promise<WarehouseListDto> {
    return this.catalog.listWarehouses();
  }

  @Post('warehouses')
  @Roles('admin', 'coordinator')
  @Idempotent()
  @ApiCreatedResponse({ type: WarehouseDto })
  createWarehouse(@CurrentUser() user: AuthenticatedUser, @Body() body: CreateWarehouseDto): Promise<WarehouseDto> {
    return this.catalog.createWarehouse(user, body);
  }

  @Patch('warehouses/:id')
  @Roles('admin', 'coordinator')
  @ApiOkResponse({ type: WarehouseDto })
  updateWarehouse(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() body: UpdateWarehouseDto,
  ): Promise<WarehouseDto> {
    return this.catalog.updateWarehouse(user, id, body);
  }

  @Post('reorder-levels')
  @Roles('admin', 'coordinator', 'storekeeper')
  @ApiCreatedResponse({ type: ReorderLevelDto })
  setReorderLevel(@CurrentUser() user: AuthenticatedUser, @Body() body: SetReorderLevelDto): Promise<ReorderLevelDto> {
    return this.catalog.setReorderLevel(user, body);
  }
}
