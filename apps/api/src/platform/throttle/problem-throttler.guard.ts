import { ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import { DomainError } from '../errors/domain-error';

/** Throttling answered as problem+json 429 with a plain `Retry-After` (seconds). */
@Injectable()
export class ProblemThrottlerGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const retryAfter = Math.max(1, detail.timeToBlockExpire || detail.timeToExpire);
    throw new DomainError('TOO_MANY_REQUESTS', HttpStatus.TOO_MANY_REQUESTS, { retryAfter }, undefined, {
      'Retry-After': String(retryAfter),
    });
  }
}
