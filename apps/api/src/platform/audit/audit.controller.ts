import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/access-policy.decorators';
import { AuditService } from './audit.service';
import { AuditLogEntryDto, AuditLogPageDto } from './dto/audit-log-entry.dto';
import { AuditQueryDto } from './dto/audit-query.dto';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/v1/admin/audit-log')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Roles('admin')
  @ApiOkResponse({ type: AuditLogPageDto })
  async list(@Query() query: AuditQueryDto): Promise<AuditLogPageDto> {
    const page = await this.audit.list(query);
    return { ...page, items: page.items.map((row) => AuditLogEntryDto.from(row)) };
  }
}
