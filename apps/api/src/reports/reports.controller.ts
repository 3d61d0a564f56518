import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { stringify } from 'csv-stringify/sync';
import type { Response } from 'express';
import { Roles } from '../platform/auth/access-policy.decorators';
import { ProblemDetailsDto } from '../platform/errors/problem.dto';
import { CoverageQueryDto, CoverageReportDto, ThreeWQueryDto } from './dto/report.dto';
import { ReportsService } from './reports.service';
import { csvSafeTable, type HxlCell } from './three-w';

@ApiTags('reports')
@ApiBearerAuth()
@ApiForbiddenResponse({ type: ProblemDetailsDto })
@ApiBadRequestResponse({ type: ProblemDetailsDto })
@Controller('api/v1/reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('3w')
  @Roles('admin', 'coordinator', 'fundraiser')
  @ApiProduces('text/csv', 'application/json')
  @ApiOkResponse({
    description: '3W/4W table: header row, HXL hashtag row, one row per organisation × activity × place × status',
    content: {
      'text/csv': { schema: { type: 'string' } },
      'application/json': {
        schema: { type: 'array', items: { type: 'array', items: { oneOf: [{ type: 'string' }, { type: 'number' }] } } },
      },
    },
  })
  async threeW(@Query() query: ThreeWQueryDto, @Res({ passthrough: true }) res: Response): Promise<string | HxlCell[][]> {
    const { range, table } = await this.reports.threeW(query);
    const format = query.format ?? 'csv';
    res.setHeader('content-disposition', `attachment; filename="minka-3w-${range.from}_${range.to}.${format}"`);
    if (format === 'json') {
      res.setHeader('content-type', 'application/json; charset=utf-8');
      return table;
    }
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    return stringify(csvSafeTable(table));
  }

  @Get('coverage')
  @Roles('admin', 'coordinator', 'fundraiser')
  @ApiOkResponse({ type: CoverageReportDto })
  coverage(@Query() query: CoverageQueryDto): Promise<CoverageReportDto> {
    return this.reports.coverage(query);
  }
}
