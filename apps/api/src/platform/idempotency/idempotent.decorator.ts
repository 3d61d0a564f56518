import { applyDecorators, SetMetadata, UseInterceptors } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { IdempotencyInterceptor } from './idempotency.interceptor';

export const IDEMPOTENCY_MODE = 'minka:idempotency';
export type IdempotencyMode = 'optional' | 'required';

/**
 * A POST that can be retried safely: with an `Idempotency-Key` header the first response is stored
 * and replayed for the same key and body; the same key with another body is 422; while the first
 * request still runs, 409. Keys are scoped per user and kept at least 24 hours.
 */
export const Idempotent = (mode: IdempotencyMode = 'optional'): MethodDecorator =>
  applyDecorators(
    SetMetadata(IDEMPOTENCY_MODE, mode),
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: 'Idempotency-Key',
      required: mode === 'required',
      description: 'Client-generated unique key (8–255 visible characters) making the request safe to retry.',
    }),
  );
