import { Body, Controller, Get, Header, HttpCode, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../platform/auth/access-policy.decorators';
import { CurrentUser, type AuthenticatedUser } from '../platform/auth/authenticated-user';
import { UuidParam } from '../platform/http/uuid-param';
import { Idempotent } from '../platform/idempotency/idempotent.decorator';
import { PageQueryDto } from '../platform/paging/page-query.dto';
import { ConfirmationsService } from './confirmations.service';
import {
  ConfirmationDto,
  ConfirmStopDto,
  DeliveryAlertPageDto,
  DeliveryAlertQueryDto,
  DeliveryAlertRunDto,
  DeliveryStopDetailDto,
  MyStopPageDto,
} from './dto/confirmation.dto';
import { OverdueAlertsService } from './overdue-alerts.service';

/** Proof of delivery by signed-in users (leader: app; coordinator: phone), stop detail, manifests, overdue alerts. */
@ApiTags('deliveries')
@ApiBearerAuth()
@Controller('api/v1/deliveries')
export class ConfirmationsController {
  constructor(
    private readonly confirmations: ConfirmationsService,
    private readonly alerts: OverdueAlertsService,
  ) {}

  @Post('stops/:stopId/confirmation')
  @Roles('leader', 'admin', 'coordinator')
  @Idempotent('optional')
  @ApiCreatedResponse({ type: ConfirmationDto, description: '409 DELIVERY_ALREADY_CONFIRMED when the stop was confirmed before' })
  confirm(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('stopId') stopId: string,
    @Body() body: ConfirmStopDto,
  ): Promise<ConfirmationDto> {
    return this.confirmations.confirmByUser(user, stopId, body);
  }

  @Get('stops/:stopId')
  @Roles('admin', 'coordinator', 'leader')
  @ApiOkResponse({ type: DeliveryStopDetailDto })
  stop(@CurrentUser() user: AuthenticatedUser, @UuidParam('stopId') stopId: string): Promise<DeliveryStopDetailDto> {
    return this.confirmations.stopDetail(user, stopId);
  }

  @Get('my-stops')
  @Roles('leader')
  @ApiOkResponse({ type: MyStopPageDto, description: "Stops of the leader's communities awaiting confirmation" })
  myStops(@CurrentUser() user: AuthenticatedUser, @Query() query: PageQueryDto): Promise<MyStopPageDto> {
    return this.confirmations.myStops(user, query);
  }

  @Get('alerts')
  @Roles('admin', 'coordinator')
  @ApiOkResponse({ type: DeliveryAlertPageDto })
  listAlerts(@CurrentUser() user: AuthenticatedUser, @Query() query: DeliveryAlertQueryDto): Promise<DeliveryAlertPageDto> {
    return this.alerts.list(user, query);
  }

  @Post('alerts/run')
  @Roles('admin')
  @HttpCode(200)
  @ApiOkResponse({ type: DeliveryAlertRunDto })
  runAlerts(): Promise<DeliveryAlertRunDto> {
    return this.alerts.runNow();
  }

  @Get('routes/:routeId/manifest.pdf')
  @Roles('admin', 'coordinator')
  @ApiProduces('application/pdf')
  @ApiOkResponse({
    description: 'Route manifest PDF (Spanish) with codes, QR codes and signature boxes',
    schema: { type: 'string', format: 'binary' },
  })
  @Header('Cache-Control', 'private, no-store')
  async manifest(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('routeId') routeId: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const { fileName, pdf } = await this.confirmations.manifestPdf(user, routeId);
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `inline; filename="${fileName}"`);
    return new StreamableFile(pdf);
  }
}
