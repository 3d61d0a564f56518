import { Module } from '@nestjs/common';
import { ReportDocumentsController } from './report-documents.controller';
import { ReportDocumentsService } from './report-documents.service';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

/** Read-only reports across domains: 3W/4W export (HXL), coverage (reach, gaps, overlaps), donor / stock / ledger documents. */
@Module({
  controllers: [ReportsController, ReportDocumentsController],
  providers: [ReportsService, ReportDocumentsService],
})
export class ReportsModule {}
