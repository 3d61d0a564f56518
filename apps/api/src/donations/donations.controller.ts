import { Body, Controller, Get, Header, HttpCode, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../platform/auth/access-policy.decorators';
import { CurrentUser, type AuthenticatedUser } from '../platform/auth/authenticated-user';
import { UuidParam } from '../platform/http/uuid-param';
import { Idempotent } from '../platform/idempotency/idempotent.decorator';
import { DonationsService } from './donations.service';
import {
  BankImportDto,
  BankImportReportDto,
  CreateDonationDto,
  CreateDonorDto,
  CreatePledgeDto,
  DonationDto,
  DonationPageDto,
  DonationQueryDto,
  DonorDto,
  DonorPageDto,
  DonorQueryDto,
  PledgeDto,
  PledgePageDto,
  PledgeQueryDto,
  ReverseDonationDto,
} from './dto/donation.dto';

@ApiTags('donations')
@ApiBearerAuth()
@Controller('api/v1/donations')
export class DonationsController {
  constructor(private readonly donations: DonationsService) {}

  @Get()
  @Roles('admin', 'fundraiser', 'coordinator')
  @ApiOkResponse({ type: DonationPageDto })
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: DonationQueryDto): Promise<DonationPageDto> {
    return this.donations.list(user, query);
  }

  @Get('mine')
  @Roles('donor')
  @ApiOkResponse({ type: DonationPageDto })
  mine(@CurrentUser() user: AuthenticatedUser, @Query() query: DonationQueryDto): Promise<DonationPageDto> {
    return this.donations.mine(user, query);
  }

  @Post()
  @Roles('admin', 'fundraiser')
  @Idempotent('required')
  @ApiCreatedResponse({ type: DonationDto })
  record(@CurrentUser() user: AuthenticatedUser, @Body() body: CreateDonationDto): Promise<DonationDto> {
    return this.donations.record(user, body);
  }

  @Post(':id/reversal')
  @Roles('admin', 'fundraiser')
  @Idempotent('required')
  @ApiCreatedResponse({ type: DonationDto, description: 'The reversing entry' })
  reverse(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string, @Body() body: ReverseDonationDto): Promise<DonationDto> {
    return this.donations.reverse(user, id, body);
  }

  @Get(':id/receipt')
  @Roles('admin', 'fundraiser', 'coordinator', 'donor')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'Receipt PDF (Spanish)', schema: { type: 'string', format: 'binary' } })
  @Header('Cache-Control', 'private, no-store')
  async receipt(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const { fileName, pdf } = await this.donations.receiptPdf(user, id);
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `inline; filename="${fileName}"`);
    return new StreamableFile(pdf);
  }

  @Get('donors')
  @Roles('admin', 'fundraiser')
  @ApiOkResponse({ type: DonorPageDto })
  listDonors(@CurrentUser() user: AuthenticatedUser, @Query() query: DonorQueryDto): Promise<DonorPageDto> {
    return this.donations.listDonors(user, query);
  }

  @Post('donors')
  @Roles('admin', 'fundraiser')
  @Idempotent()
  @ApiCreatedResponse({ type: DonorDto })
  createDonor(@CurrentUser() user: AuthenticatedUser, @Body() body: CreateDonorDto): Promise<DonorDto> {
    return this.donations.createDonor(user, body);
  }

  @Get('pledges')
  @Roles('admin', 'fundraiser', 'coordinator')
  @ApiOkResponse({ type: PledgePageDto })
  listPledges(@CurrentUser() user: AuthenticatedUser, @Query() query: PledgeQueryDto): Promise<PledgePageDto> {
    return this.donations.listPledges(user, query);
  }

  @Post('pledges')
  @Roles('admin', 'fundraiser')
  @Idempotent()
  @ApiCreatedResponse({ type: PledgeDto })
  createPledge(@CurrentUser() user: AuthenticatedUser, @Body() body: CreatePledgeDto): Promise<PledgeDto> {
    return this.donations.createPledge(user, body);
  }

  @Post('pledges/:id/cancel')
  @Roles('admin', 'fundraiser')
  @HttpCode(200)
  @ApiOkResponse({ type: PledgeDto })
  cancelPledge(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string): Promise<PledgeDto> {
    return this.donations.cancelPledge(user, id);
  }

  @Post('bank-imports')
  @Roles('admin', 'fundraiser')
  @Idempotent()
  @HttpCode(200)
  @ApiOkResponse({ type: BankImportReportDto })
  importBankStatement(@CurrentUser() user: AuthenticatedUser, @Body() body: BankImportDto): Promise<BankImportReportDto> {
    return this.donations.importBankStatement(user, body);
  }
}
