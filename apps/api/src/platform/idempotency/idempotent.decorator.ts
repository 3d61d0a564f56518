import { applyDecorators, SetMetadata, UseInterceptors } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { IdempotencyInterceptor } from './idempotency.interceptor';

export const IDEMPOTENCY_MODE = 'minka:idempotency';
export const IDEMPOTENCY_ANONYMOUS_SCOPE = 'minka:idempotency-anonymous-scope';
export type IdempotencyMode = 'optional' | 'required';

export interface IdempotentOptions {
  /**
   * For public routes: what scopes a caller's keys when there is no user (default: the client
   * address). A confirmation code, say, so that a phone whose first answer was lost and that retries
   * from another network gets the stored answer instead of a second attempt. Returns null to fall
   * back to the address.
   */
  anonymousScope?: (req: { body?: unknown }) => string | null;
}

/**
 * A POST that can be retried safely: with an `Idempotency-Key` header the first response is stored
 * and replayed for the same key and body; the same key with another body is 422; while the first
 * request still runs, 409. Keys are scoped per user and kept at least 24 hours.
 */
export const Idempotent = (mode: IdempotencyMode = 'optional', options: IdempotentOptions = {}): MethodDecorator =>
  applyDecorators(
    SetMetadata(IDEMPOTENCY_MODE, mode),
    SetMetadata(IDEMPOTENCY_ANONYMOUS_SCOPE, options.anonymousScope),
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: 'Idempotency-Key',
      required: mode === 'required',
      description: 'Client-generated unique key (8–255 visible characters) making the request safe to retry.',
    }),
  );
