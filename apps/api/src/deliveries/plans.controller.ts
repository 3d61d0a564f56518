import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Patch, Post, Put, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Roles } from '../platform/auth/access-policy.decorators';
import { CurrentUser, type AuthenticatedUser } from '../platform/auth/authenticated-user';
import { ProblemDetailsDto } from '../platform/errors/problem.dto';
import { UuidParam } from '../platform/http/uuid-param';
import { Idempotent } from '../platform/idempotency/idempotent.decorator';
import {
  BoardPageDto,
  BoardQueryDto,
  CancelPlanDto,
  CreatePlanDto,
  CreateStopDto,
  CreateVehicleDto,
  DeliverStopDto,
  FailStopDto,
  NetworkCheckDto,
  NetworkCheckQueryDto,
  OptimiseDto,
  PlanDetailDto,
  PlanPageDto,
  PlanQueryDto,
  RouteStopsDto,
  StopDto,
  SuggestionListDto,
  SuggestionQueryDto,
  TimelineDto,
  UpdatePlanDto,
} from './dto/plan.dto';
import { NetworkCheckService } from './network-check';
import { PlansService } from './plans.service';
import { RoutesService } from './routes.service';

const PLANNERS = ['admin', 'coordinator'] as const;

/**
 * Planning and dispatch of delivery plans (coordinators of the plan's organisation and admins;
 * anyone else gets 403, audit-logged by the problem filter).
 */
@ApiTags('deliveries')
@ApiBearerAuth()
@ApiForbiddenResponse({ type: ProblemDetailsDto, description: 'DELIVERY_PLAN_NOT_OWN: plan of another organisation' })
@Controller('api/v1/deliveries')
export class PlansController {
  constructor(
    private readonly plans: PlansService,
    private readonly routes: RoutesService,
    private readonly network: NetworkCheckService,
  ) {}

  @Get('plans')
  @Roles(...PLANNERS)
  @ApiOkResponse({ type: PlanPageDto })
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: PlanQueryDto): Promise<PlanPageDto> {
    return this.plans.list(user, query);
  }

  @Post('plans')
  @Roles(...PLANNERS)
  @Idempotent()
  @ApiCreatedResponse({ type: PlanDetailDto })
  create(@CurrentUser() user: AuthenticatedUser, @Body() body: CreatePlanDto): Promise<PlanDetailDto> {
    return this.plans.create(user, body);
  }

  @Get('plans/:id')
  @Roles(...PLANNERS)
  @ApiOkResponse({ type: PlanDetailDto })
  get(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string): Promise<PlanDetailDto> {
    return this.plans.get(user, id);
  }

  @Patch('plans/:id')
  @Roles(...PLANNERS)
  @ApiOkResponse({ type: PlanDetailDto })
  update(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string, @Body() body: UpdatePlanDto): Promise<PlanDetailDto> {
    return this.plans.update(user, id, body);
  }

  @Post('plans/:id/cancel')
  @Roles(...PLANNERS)
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: PlanDetailDto, description: 'Reservations released, loaded goods not delivered returned' })
  cancel(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string, @Body() body: CancelPlanDto): Promise<PlanDetailDto> {
    return this.routes.cancelPlan(user, id, body.reason);
  }

  @Post('plans/:id/vehicles')
  @Roles(...PLANNERS)
  @Idempotent()
  @ApiCreatedResponse({ type: PlanDetailDto })
  addVehicle(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string, @Body() body: CreateVehicleDto): Promise<PlanDetailDto> {
    return this.plans.addVehicle(user, id, body);
  }

  @Delete('plans/:id/vehicles/:vehicleId')
  @Roles(...PLANNERS)
  @ApiOkResponse({ type: PlanDetailDto })
  removeVehicle(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @UuidParam('vehicleId') vehicleId: string,
  ): Promise<PlanDetailDto> {
    return this.plans.removeVehicle(user, id, vehicleId);
  }

  @Get('plans/:id/suggestions')
  @Roles(...PLANNERS)
  @ApiOkResponse({ type: SuggestionListDto })
  suggestions(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Query() query: SuggestionQueryDto,
  ): Promise<SuggestionListDto> {
    return this.plans.suggestions(user, id, query.radiusKm);
  }

  @Post('plans/:id/stops')
  @Roles(...PLANNERS)
  @Idempotent()
  @ApiCreatedResponse({ type: PlanDetailDto, description: 'After allocation the new stop reserves its stock at once' })
  @ApiConflictResponse({
    type: ProblemDetailsDto,
    description: 'STOCK_INSUFFICIENT, DELIVERY_STOP_DUPLICATE, DELIVERY_NEED_IN_ACTIVE_PLAN',
  })
  addStop(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string, @Body() body: CreateStopDto): Promise<PlanDetailDto> {
    return this.plans.addStop(user, id, body);
  }

  @Delete('plans/:id/stops/:stopId')
  @Roles(...PLANNERS)
  @ApiOkResponse({ type: PlanDetailDto, description: 'The stop is cancelled and its reservations released' })
  removeStop(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @UuidParam('stopId') stopId: string,
  ): Promise<PlanDetailDto> {
    return this.plans.removeStop(user, id, stopId);
  }

  @Post('plans/:id/allocate')
  @Roles(...PLANNERS)
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: PlanDetailDto })
  @ApiConflictResponse({ type: ProblemDetailsDto, description: 'STOCK_INSUFFICIENT (nothing is reserved)' })
  allocate(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string): Promise<PlanDetailDto> {
    return this.plans.allocate(user, id);
  }

  @Get('plans/:id/network-check')
  @Roles(...PLANNERS)
  @ApiOkResponse({ type: NetworkCheckDto })
  networkCheck(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Query() query: NetworkCheckQueryDto,
  ): Promise<NetworkCheckDto> {
    return this.network.check(user, id, query.days);
  }

  @Post('plans/:id/optimise')
  @Roles(...PLANNERS)
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: PlanDetailDto })
  @ApiConflictResponse({ type: ProblemDetailsDto, description: 'DELIVERY_PLAN_CHANGED: the plan changed while solving' })
  optimise(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string, @Body() body: OptimiseDto): Promise<PlanDetailDto> {
    return this.routes.optimise(user, id, body);
  }

  @Put('plans/:id/routes/:routeId/stops')
  @Roles(...PLANNERS)
  @ApiOkResponse({ type: PlanDetailDto })
  @ApiUnprocessableEntityResponse({
    type: ProblemDetailsDto,
    description: 'DELIVERY_ROUTE_CAPACITY | _SKILLS | _HOURS | _MAX_DURATION | _UNREACHABLE (errors[0].code names the constraint)',
  })
  setRouteStops(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @UuidParam('routeId') routeId: string,
    @Body() body: RouteStopsDto,
  ): Promise<PlanDetailDto> {
    return this.routes.setRouteStops(user, id, routeId, body);
  }

  @Post('plans/:id/routes/:routeId/lock')
  @Roles(...PLANNERS)
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: PlanDetailDto })
  lock(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string, @UuidParam('routeId') routeId: string): Promise<PlanDetailDto> {
    return this.routes.setLocked(user, id, routeId, true);
  }

  @Post('plans/:id/routes/:routeId/unlock')
  @Roles(...PLANNERS)
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: PlanDetailDto })
  unlock(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @UuidParam('routeId') routeId: string,
  ): Promise<PlanDetailDto> {
    return this.routes.setLocked(user, id, routeId, false);
  }

  @Post('routes/:routeId/load')
  @Roles(...PLANNERS)
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: PlanDetailDto, description: 'Stock dispatched, confirmation codes issued' })
  load(@CurrentUser() user: AuthenticatedUser, @UuidParam('routeId') routeId: string): Promise<PlanDetailDto> {
    return this.routes.load(user, routeId);
  }

  @Post('routes/:routeId/start')
  @Roles(...PLANNERS)
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: PlanDetailDto })
  start(@CurrentUser() user: AuthenticatedUser, @UuidParam('routeId') routeId: string): Promise<PlanDetailDto> {
    return this.routes.start(user, routeId);
  }

  @Post('routes/:routeId/complete')
  @Roles(...PLANNERS)
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: PlanDetailDto })
  complete(@CurrentUser() user: AuthenticatedUser, @UuidParam('routeId') routeId: string): Promise<PlanDetailDto> {
    return this.routes.complete(user, routeId);
  }

  @Post('routes/:routeId/close')
  @Roles(...PLANNERS)
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: PlanDetailDto, description: 'Rejected and failed goods returned to the depot' })
  close(@CurrentUser() user: AuthenticatedUser, @UuidParam('routeId') routeId: string): Promise<PlanDetailDto> {
    return this.routes.close(user, routeId);
  }

  @Get('plans/:id/timeline')
  @Roles(...PLANNERS)
  @ApiOkResponse({ type: TimelineDto })
  planTimeline(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string): Promise<TimelineDto> {
    return this.plans.planTimeline(user, id);
  }

  @Get('stops/:stopId/timeline')
  @Roles(...PLANNERS)
  @ApiOkResponse({ type: TimelineDto })
  stopTimeline(@CurrentUser() user: AuthenticatedUser, @UuidParam('stopId') stopId: string): Promise<TimelineDto> {
    return this.plans.stopTimeline(user, stopId);
  }

  @Get('board')
  @Roles(...PLANNERS)
  @ApiOkResponse({ type: BoardPageDto })
  board(@CurrentUser() user: AuthenticatedUser, @Query() query: BoardQueryDto): Promise<BoardPageDto> {
    return this.plans.board(user, query);
  }

  @Post('stops/:stopId/deliver')
  @Roles(...PLANNERS)
  @Idempotent()
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: StopDto })
  deliver(@CurrentUser() user: AuthenticatedUser, @UuidParam('stopId') stopId: string, @Body() body: DeliverStopDto): Promise<StopDto> {
    return this.routes.deliver(user, stopId, body);
  }

  @Post('stops/:stopId/fail')
  @Roles(...PLANNERS)
  @Idempotent()
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: StopDto })
  fail(@CurrentUser() user: AuthenticatedUser, @UuidParam('stopId') stopId: string, @Body() body: FailStopDto): Promise<StopDto> {
    return this.routes.fail(user, stopId, body);
  }
}
