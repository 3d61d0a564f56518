import { Body, Controller, Get, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../platform/auth/access-policy.decorators';
import { CurrentUser, type AuthenticatedUser } from '../platform/auth/authenticated-user';
import { UuidParam } from '../platform/http/uuid-param';
import { AlertsService } from './alerts.service';
import { CountsService } from './counts.service';
import {
  AlertAcknowledgedDto,
  AlertPageDto,
  AlertQueryDto,
  AlertRunDto,
  CountPageDto,
  CountQueryDto,
  CountSessionDto,
  OpenCountDto,
  RecordCountDto,
} from './dto/count-alert.dto';

@ApiTags('inventory')
@ApiBearerAuth()
@Controller('api/v1/inventory')
export class CountsController {
  constructor(
    private readonly counts: CountsService,
    private readonly alerts: AlertsService,
  ) {}

  @Get('counts')
  @Roles('admin', 'coordinator', 'storekeeper')
  @ApiOkResponse({ type: CountPageDto })
  list(@Query() query: CountQueryDto): Promise<CountPageDto> {
    return this.counts.list(query);
  }

  @Get('counts/:id')
  @Roles('admin', 'coordinator', 'storekeeper')
  @ApiOkResponse({ type: CountSessionDto })
  get(@UuidParam('id') id: string): Promise<CountSessionDto> {
    return this.counts.get(id);
  }

  @Post('counts')
  @Roles('admin', 'coordinator', 'storekeeper')
  @ApiCreatedResponse({ type: CountSessionDto, description: 'Expected quantities frozen' })
  open(@CurrentUser() user: AuthenticatedUser, @Body() body: OpenCountDto): Promise<CountSessionDto> {
    return this.counts.open(user, body.warehouseId);
  }

  @Post('counts/:id/lines/:lineId')
  @Roles('admin', 'coordinator', 'storekeeper')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: CountSessionDto })
  record(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @UuidParam('lineId') lineId: string,
    @Body() body: RecordCountDto,
  ): Promise<CountSessionDto> {
    return this.counts.record(user, id, lineId, body);
  }

  @Post('counts/:id/close')
  @Roles('admin', 'coordinator', 'storekeeper')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: CountSessionDto })
  close(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string): Promise<CountSessionDto> {
    return this.counts.close(user, id);
  }

  @Get('alerts')
  @Roles('admin', 'coordinator', 'storekeeper')
  @ApiOkResponse({ type: AlertPageDto })
  listAlerts(@Query() query: AlertQueryDto): Promise<AlertPageDto> {
    return this.alerts.list(query);
  }

  @Post('alerts/run')
  @Roles('admin', 'coordinator', 'storekeeper')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: AlertRunDto })
  runAlerts(): Promise<AlertRunDto> {
    return this.alerts.runNow();
  }

  @Post('alerts/:id/acknowledge')
  @Roles('admin', 'coordinator', 'storekeeper')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: AlertAcknowledgedDto })
  acknowledge(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string): Promise<AlertAcknowledgedDto> {
    return this.alerts.acknowledge(user, id);
  }
}
