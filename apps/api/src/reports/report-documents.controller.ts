import { Controller, Get, Header, Query, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../platform/auth/access-policy.decorators';
import { ProblemDetailsDto } from '../platform/errors/problem.dto';
import { UuidParam } from '../platform/http/uuid-param';
import { DonorReportQueryDto, LedgerQueryDto, StockReportQueryDto, type DocumentFormat } from './dto/documents.dto';
import { reportCsv, reportPdf, type ReportDoc } from './report-document';
import { ReportDocumentsService } from './report-documents.service';

const DOCUMENT_RESPONSE = {
  content: {
    'text/csv': { schema: { type: 'string' } },
    'application/pdf': { schema: { type: 'string', format: 'binary' } },
  },
} as const;

async function send(res: Response, fileBase: string, doc: ReportDoc, format: DocumentFormat): Promise<StreamableFile> {
  res.setHeader('content-disposition', `attachment; filename="${fileBase}.${format}"`);
  if (format === 'pdf') {
    res.setHeader('content-type', 'application/pdf');
    return new StreamableFile(await reportPdf(doc));
  }
  res.setHeader('content-type', 'text/csv; charset=utf-8');
  return new StreamableFile(Buffer.from(reportCsv(doc), 'utf8'));
}

/** Report documents to download: donor report (campaign), stock report and ledger export (warehouse). */
@ApiTags('reports')
@ApiBearerAuth()
@ApiForbiddenResponse({ type: ProblemDetailsDto })
@ApiBadRequestResponse({ type: ProblemDetailsDto })
@ApiNotFoundResponse({ type: ProblemDetailsDto })
@Controller('api/v1/reports')
export class ReportDocumentsController {
  constructor(private readonly documents: ReportDocumentsService) {}

  @Get('campaigns/:id/donor-report')
  @Roles('admin', 'coordinator', 'fundraiser')
  @Header('Cache-Control', 'private, no-store')
  @ApiProduces('text/csv', 'application/pdf')
  @ApiOkResponse({
    description: 'Donor report: money by month, kits funded, kits delivered / confirmed by district (counts below 5 as "<5")',
    ...DOCUMENT_RESPONSE,
  })
  async donorReport(
    @UuidParam('id') id: string,
    @Query() query: DonorReportQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const { fileBase, doc } = await this.documents.donorReport(id, query);
    return send(res, fileBase, doc, query.format ?? 'csv');
  }

  @Get('warehouses/:id/stock')
  @Roles('admin', 'coordinator', 'storekeeper')
  @Header('Cache-Control', 'private, no-store')
  @ApiProduces('text/csv', 'application/pdf')
  @ApiOkResponse({ description: 'Stock per item / kit type: on hand, reserved, available, expiry, reorder flags', ...DOCUMENT_RESPONSE })
  async stock(
    @UuidParam('id') id: string,
    @Query() query: StockReportQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const { fileBase, doc } = await this.documents.stockReport(id);
    return send(res, fileBase, doc, query.format ?? 'csv');
  }

  @Get('warehouses/:id/ledger.csv')
  @Roles('admin', 'coordinator', 'storekeeper')
  @Header('Cache-Control', 'private, no-store')
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'Every ledger movement of the range with the running balance per item / kit (times in America/Lima), streamed',
    content: { 'text/csv': { schema: { type: 'string' } } },
  })
  async ledger(
    @UuidParam('id') id: string,
    @Query() query: LedgerQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const { fileName, stream } = await this.documents.ledger(id, query);
    res.setHeader('content-disposition', `attachment; filename="${fileName}"`);
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    return new StreamableFile(stream);
  }
}
