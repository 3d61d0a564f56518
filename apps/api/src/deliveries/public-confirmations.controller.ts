import { Body, Controller, Get, Header, Ip, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { Public } from '../platform/auth/access-policy.decorators';
import { Idempotent } from '../platform/idempotency/idempotent.decorator';
import { hashConfirmationCode, normalizeConfirmationCode } from './confirmation-codes';
import { ConfirmationsService } from './confirmations.service';
import { ConfirmationDto, PublicConfirmDto, PublicStopDto } from './dto/confirmation.dto';

/**
 * The `code` channel: no account, the per-stop code printed on the manifest (and in its QR code).
 * Wrong codes are limited per address; an unknown and a used code get the same 404.
 */
@ApiTags('public')
@Controller('api/v1/public/deliveries')
export class PublicConfirmationsController {
  constructor(private readonly confirmations: ConfirmationsService) {}

  @Get('confirm/:code')
  @Public()
  @Header('Cache-Control', 'no-store')
  @ApiOkResponse({ type: PublicStopDto, description: '404 DELIVERY_CODE_INVALID (unknown or used), 410 DELIVERY_CODE_EXPIRED' })
  @ApiTooManyRequestsResponse({ description: 'Too many wrong codes from this address; see Retry-After' })
  stop(@Param('code') code: string, @Ip() ip: string): Promise<PublicStopDto> {
    return this.confirmations.publicStop(code, `ip:${ip}`);
  }

  @Post('confirm')
  @Public()
  // Keys are scoped by the code, not the address: a phone that lost the first answer and retries from
  // another network (common on mobile data) gets the stored confirmation back.
  @Idempotent('optional', { anonymousScope: codeScope })
  @ApiCreatedResponse({ type: ConfirmationDto })
  @ApiTooManyRequestsResponse({ description: 'Too many wrong codes from this address; see Retry-After' })
  confirm(@Body() body: PublicConfirmDto, @Ip() ip: string): Promise<ConfirmationDto> {
    return this.confirmations.confirmByCode(body, `ip:${ip}`);
  }
}

function codeScope(req: { body?: unknown }): string | null {
  const raw = (req.body as { code?: unknown } | undefined)?.code;
  const code = typeof raw === 'string' ? normalizeConfirmationCode(raw) : null;
  return code ? `stop-code:${hashConfirmationCode(code)}` : null;
}
