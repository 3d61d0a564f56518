import { Body, Controller, Get, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../platform/auth/access-policy.decorators';
import { CurrentUser, type AuthenticatedUser } from '../platform/auth/authenticated-user';
import { ProblemDetailsDto } from '../platform/errors/problem.dto';
import { UuidParam } from '../platform/http/uuid-param';
import { Idempotent } from '../platform/idempotency/idempotent.decorator';
import {
  AdjustmentDto,
  AssemblyDto,
  AssemblyPreviewDto,
  AssemblyPreviewQueryDto,
  CapacityListDto,
  CapacityQueryDto,
  CreateTransferDto,
  DispatchDto,
  LotListDto,
  LotQueryDto,
  OperationDto,
  QuantityRequestDto,
  ReceiptDto,
  ReservationDto,
  ReservationPageDto,
  ReservationQueryDto,
  ReturnDto,
  StockCardDto,
  StockCardQueryDto,
  StockPageDto,
  StockQueryDto,
  TransferDto,
  TransferPageDto,
  TransferQueryDto,
} from './dto/stock.dto';
import { StockService } from './stock.service';

const READERS = ['admin', 'coordinator', 'storekeeper'] as const;

@ApiTags('inventory')
@ApiBearerAuth()
@Controller('api/v1/inventory')
export class StockController {
  constructor(private readonly stockService: StockService) {}

  @Get('stock')
  @Roles(...READERS)
  @ApiOkResponse({ type: StockPageDto })
  stock(@Query() query: StockQueryDto): Promise<StockPageDto> {
    return this.stockService.stock(query);
  }

  @Get('lots')
  @Roles(...READERS)
  @ApiOkResponse({ type: LotListDto })
  lots(@Query() query: LotQueryDto): Promise<LotListDto> {
    return this.stockService.lots(query);
  }

  @Get('stock-card')
  @Roles(...READERS)
  @ApiOkResponse({ type: StockCardDto })
  stockCard(@Query() query: StockCardQueryDto): Promise<StockCardDto> {
    return this.stockService.stockCard(query);
  }

  @Get('assembly-capacity')
  @Roles(...READERS)
  @ApiOkResponse({ type: CapacityListDto })
  capacity(@Query() query: CapacityQueryDto): Promise<CapacityListDto> {
    return this.stockService.capacity(query.warehouseId);
  }

  @Post('receipts')
  @Roles(...READERS)
  @Idempotent()
  @ApiCreatedResponse({ type: OperationDto })
  receive(@CurrentUser() user: AuthenticatedUser, @Body() body: ReceiptDto): Promise<OperationDto> {
    return this.stockService.receive(user, body);
  }

  @Get('assembly-preview')
  @Roles(...READERS)
  @ApiOkResponse({ type: AssemblyPreviewDto, description: 'What the assembly would consume; writes nothing' })
  previewAssembly(@Query() query: AssemblyPreviewQueryDto): Promise<AssemblyPreviewDto> {
    return this.stockService.previewAssembly(query);
  }

  @Post('assemblies')
  @Roles(...READERS)
  @Idempotent()
  @ApiCreatedResponse({ type: OperationDto })
  @ApiConflictResponse({ type: ProblemDetailsDto, description: 'STOCK_INSUFFICIENT naming the missing components' })
  assemble(@CurrentUser() user: AuthenticatedUser, @Body() body: AssemblyDto): Promise<OperationDto> {
    return this.stockService.assemble(user, body);
  }

  @Post('disassemblies')
  @Roles(...READERS)
  @Idempotent()
  @ApiCreatedResponse({ type: OperationDto })
  disassemble(@CurrentUser() user: AuthenticatedUser, @Body() body: AssemblyDto): Promise<OperationDto> {
    return this.stockService.disassemble(user, body);
  }

  @Get('reservations')
  @Roles(...READERS)
  @ApiOkResponse({ type: ReservationPageDto })
  reservations(@Query() query: ReservationQueryDto): Promise<ReservationPageDto> {
    return this.stockService.listReservations(query);
  }

  @Post('reservations')
  @Roles(...READERS)
  @Idempotent()
  @ApiCreatedResponse({ type: ReservationDto })
  @ApiConflictResponse({ type: ProblemDetailsDto, description: 'STOCK_INSUFFICIENT' })
  reserve(@CurrentUser() user: AuthenticatedUser, @Body() body: QuantityRequestDto): Promise<ReservationDto> {
    return this.stockService.reserve(user, body);
  }

  @Post('reservations/:id/release')
  @Roles(...READERS)
  @Idempotent()
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: ReservationDto })
  release(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string): Promise<ReservationDto> {
    return this.stockService.release(user, id);
  }

  @Post('dispatches')
  @Roles(...READERS)
  @Idempotent()
  @ApiCreatedResponse({ type: OperationDto })
  @ApiConflictResponse({ type: ProblemDetailsDto, description: 'STOCK_INSUFFICIENT' })
  dispatch(@CurrentUser() user: AuthenticatedUser, @Body() body: DispatchDto): Promise<OperationDto> {
    return this.stockService.dispatch(user, body);
  }

  @Post('returns')
  @Roles(...READERS)
  @Idempotent()
  @ApiCreatedResponse({ type: OperationDto })
  returnStock(@CurrentUser() user: AuthenticatedUser, @Body() body: ReturnDto): Promise<OperationDto> {
    return this.stockService.returnStock(user, body);
  }

  @Post('adjustments')
  @Roles(...READERS)
  @Idempotent()
  @ApiCreatedResponse({ type: OperationDto })
  adjust(@CurrentUser() user: AuthenticatedUser, @Body() body: AdjustmentDto): Promise<OperationDto> {
    return this.stockService.adjust(user, body);
  }

  @Get('transfers')
  @Roles(...READERS)
  @ApiOkResponse({ type: TransferPageDto })
  transfers(@Query() query: TransferQueryDto): Promise<TransferPageDto> {
    return this.stockService.listTransfers(query);
  }

  @Post('transfers')
  @Roles(...READERS)
  @Idempotent()
  @ApiCreatedResponse({ type: TransferDto, description: 'Shipped: the goods are in transit' })
  shipTransfer(@CurrentUser() user: AuthenticatedUser, @Body() body: CreateTransferDto): Promise<TransferDto> {
    return this.stockService.shipTransfer(user, body);
  }

  @Post('transfers/:id/receive')
  @Roles(...READERS)
  @Idempotent()
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: TransferDto })
  receiveTransfer(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string): Promise<TransferDto> {
    return this.stockService.receiveTransfer(user, id);
  }
}
