import { Body, Controller, Get, Header, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { Roles } from '../platform/auth/access-policy.decorators';
import { CurrentUser, type AuthenticatedUser } from '../platform/auth/authenticated-user';
import { UuidParam } from '../platform/http/uuid-param';
import { CatalogExchangeService } from './catalog-exchange.service';
import { CountExchangeService } from './count-exchange.service';
import { DonationExchangeService } from './donation-exchange.service';
import { DonationExportQueryDto, ExchangeImportDto, ExchangeImportQueryDto, ExchangeImportReportDto } from './dto/exchange.dto';
import { PersonalDataExportThrottlerGuard } from './personal-data-export.guard';

const IMPORT_DESCRIPTION =
  'Row-by-row report. Nothing is written when a row is rejected (422 listing every rejected line) unless partial=true';

@ApiTags('exchange')
@ApiBearerAuth()
@Controller('api/v1')
export class ExchangeController {
  constructor(
    private readonly catalog: CatalogExchangeService,
    private readonly counts: CountExchangeService,
    private readonly donations: DonationExchangeService,
  ) {}

  @Get('inventory/catalog/export.csv')
  @Roles('admin', 'coordinator', 'storekeeper')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="catalogo.csv"')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'Items and the current kit types (one row per kit component)', schema: { type: 'string' } })
  exportCatalog(): Promise<string> {
    return this.catalog.exportCsv();
  }

  @Post('inventory/catalog/import')
  @Roles('admin', 'coordinator')
  @ApiCreatedResponse({ type: ExchangeImportReportDto, description: IMPORT_DESCRIPTION })
  importCatalog(@Query() query: ExchangeImportQueryDto, @Body() body: ExchangeImportDto): Promise<ExchangeImportReportDto> {
    return this.catalog.importCsv(body.csv, query.partial === 'true');
  }

  @Get('inventory/counts/:id/export.csv')
  @Roles('admin', 'coordinator', 'storekeeper')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="conteo.csv"')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'The count sheet: one row per lot, `counted` to fill in', schema: { type: 'string' } })
  exportCount(@UuidParam('id') id: string): Promise<string> {
    return this.counts.exportCsv(id);
  }

  @Post('inventory/counts/:id/import')
  @Roles('admin', 'coordinator', 'storekeeper')
  @ApiCreatedResponse({ type: ExchangeImportReportDto, description: IMPORT_DESCRIPTION })
  importCount(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Query() query: ExchangeImportQueryDto,
    @Body() body: ExchangeImportDto,
  ): Promise<ExchangeImportReportDto> {
    return this.counts.importCsv(user, id, body.csv, query.partial === 'true');
  }

  @Get('donations/export.csv')
  @Roles('admin', 'fundraiser')
  @UseGuards(PersonalDataExportThrottlerGuard)
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="donaciones.csv"')
  @Header('cache-control', 'private, no-store')
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'Personal data: each export is written to the personal-data access log (one row per donor) and the audit log',
    schema: { type: 'string' },
  })
  @ApiTooManyRequestsResponse({ description: 'More than 5 exports in 10 minutes by this user; see Retry-After' })
  exportDonations(@CurrentUser() user: AuthenticatedUser, @Query() query: DonationExportQueryDto): Promise<string> {
    return this.donations.exportCsv(user, query, 'GET /api/v1/donations/export.csv');
  }

  @Post('donations/import')
  @Roles('admin', 'fundraiser')
  @ApiCreatedResponse({ type: ExchangeImportReportDto, description: `${IMPORT_DESCRIPTION}. Idempotent on \`reference\`` })
  importDonations(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: ExchangeImportQueryDto,
    @Body() body: ExchangeImportDto,
  ): Promise<ExchangeImportReportDto> {
    return this.donations.importCsv(user, body.csv, query.partial === 'true');
  }
}
