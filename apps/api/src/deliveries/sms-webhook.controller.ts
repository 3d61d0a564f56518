import { Controller, Headers, HttpCode, Post, Req } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiHeader,
  ApiOkResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '../platform/auth/access-policy.decorators';
import { Idempotent } from '../platform/idempotency/idempotent.decorator';
import { ConfirmationsService } from './confirmations.service';
import { SmsReplyDto } from './dto/confirmation.dto';

/**
 * The `sms` channel: the SMS gateway posts `{from, text}` (JSON or form-encoded), signed with the
 * shared secret over the raw body (app.setup.ts keeps this route's body raw). Every text, well
 * formed or not, is answered 200 with the Spanish reply the gateway sends back to the phone.
 */
@ApiTags('webhooks')
@Controller('api/v1/webhooks')
export class SmsWebhookController {
  constructor(private readonly confirmations: ConfirmationsService) {}

  @Post('sms')
  @Public()
  @Idempotent('optional')
  @HttpCode(200)
  @ApiHeader({ name: 'X-Minka-Signature', required: true, description: 'sha256=<hex HMAC-SHA256 of the raw body with SMS_WEBHOOK_SECRET>' })
  @ApiConsumes('application/json', 'application/x-www-form-urlencoded')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['from', 'text'],
      properties: { from: { type: 'string', example: '+51988123456' }, text: { type: 'string', example: 'MINKA 7K3Q9X 8 2 DAÑADO' } },
    },
  })
  @ApiOkResponse({ type: SmsReplyDto })
  @ApiUnauthorizedResponse({ description: 'Missing or forged signature (problem+json)' })
  @ApiServiceUnavailableResponse({ description: 'SMS_WEBHOOK_SECRET is not configured' })
  receive(
    @Req() req: Request,
    @Headers('x-minka-signature') signature: string | undefined,
    @Headers('content-type') contentType: string | undefined,
  ): Promise<SmsReplyDto> {
    const raw: unknown = req.body;
    return this.confirmations.confirmBySms(Buffer.isBuffer(raw) ? raw : Buffer.alloc(0), signature, contentType);
  }
}
